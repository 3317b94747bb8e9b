"""Draw squaddesk's program icon, resources/icons/squaddesk.ico (used by the Windows build).

A blue rounded square with a white 执, at the sizes Windows asks for (16–256 px). Run again only to
change the design: `.venv/bin/python installer/make_icon.py`. Needs Pillow and a CJK font.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "resources" / "icons" / "squaddesk.ico"
FONTS = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "C:/Windows/Fonts/simhei.ttf")
SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
BLUE = (31, 78, 140, 255)


def draw(size: int = 256) -> Image.Image:
    font_file = next(f for f in FONTS if Path(f).exists())
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8, 8, size - 8, size - 8), radius=size // 6, fill=BLUE)
    font = ImageFont.truetype(font_file, int(size * 0.62))
    pen.text((size / 2, size / 2), "执", font=font, fill="white", anchor="mm")
    return image


if __name__ == "__main__":
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    draw().save(TARGET, format="ICO", sizes=SIZES)
    print(TARGET)
