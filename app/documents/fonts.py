"""Font-role map: which TrueType face draws titles, body text, 楷体, 黑体 and 宋体, and the glyph check.

Roles follow GB/T 9704 (DOMAIN §5): title = 小标宋, body = 仿宋, kai = 楷体 (level-2 headings),
hei = 黑体 (level-1 headings), song = 宋体 (page numbers, seal lettering). An office that owns the
licensed Windows fonts gets them (from %WINDIR%/Fonts); files dropped in resources/fonts named
after a role (``body.ttf``, ``title.ttc``…) win over both; otherwise the open TrueType CJK faces
of the OS are used. reportlab embeds only TrueType outlines, so CFF/OTF faces (Noto CJK) are
never candidates.

The missing-glyph rule: every character is checked against the chosen face's cmap before
anything is drawn. A character the face lacks is drawn in another available face that has it;
if none has it (or it lies outside the BMP, which reportlab mishandles) rendering is refused with
`Invalid` naming the character, never printed as a box or a wrong glyph.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.errors import Invalid

ROLES = ("title", "body", "kai", "hei", "song")
ROLE_LABELS = {"title": "标题", "body": "正文", "kai": "楷体", "hei": "黑体", "song": "宋体"}

RESOURCE_FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"

# (file name, subfont index, display name), best first. Windows office fonts, then open faces.
WINDOWS_CANDIDATES: dict[str, list[tuple[str, int, str]]] = {
    "title": [("FZXBSJW.TTF", 0, "方正小标宋简体"), ("simhei.ttf", 0, "黑体")],
    "body": [("simfang.ttf", 0, "仿宋"), ("FZFSJW.TTF", 0, "方正仿宋简体")],
    "kai": [("simkai.ttf", 0, "楷体"), ("FZKTJW.TTF", 0, "方正楷体简体")],
    "hei": [("simhei.ttf", 0, "黑体")],
    "song": [("simsun.ttc", 0, "宋体"), ("simsun.ttf", 0, "宋体")],
}
SYSTEM_CANDIDATES: dict[str, list[tuple[str, int, str]]] = {
    "title": [("wqy-zenhei.ttc", 0, "WenQuanYi Zen Hei"), ("uming.ttc", 0, "AR PL UMing CN")],
    "body": [("uming.ttc", 0, "AR PL UMing CN")],
    "kai": [("ukai.ttc", 0, "AR PL UKai CN"), ("uming.ttc", 0, "AR PL UMing CN")],
    "hei": [("wqy-zenhei.ttc", 0, "WenQuanYi Zen Hei"), ("uming.ttc", 0, "AR PL UMing CN")],
    "song": [("uming.ttc", 0, "AR PL UMing CN")],
}
SYSTEM_DIRS = (
    "/usr/share/fonts/truetype/arphic",
    "/usr/share/fonts/truetype/wqy",
    "/usr/share/fonts/truetype",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
)
# Characters that are layout, not glyphs: never looked up in a cmap.
_LAYOUT_CHARS = frozenset("\n\r\t")

_register_lock = threading.Lock()


@dataclass(frozen=True)
class Face:
    """One registered TrueType face: `name` is what reportlab's canvas knows it by."""

    name: str
    path: str
    subfont_index: int
    label: str

    def has(self, char: str) -> bool:
        return ord(char) in _cmap(self.name)


@lru_cache(maxsize=None)
def _cmap(font_name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


_EMPTY_NAME = b"\x00\x00\x00\x00\x00\x06"


class _GlyfView:
    """The 'glyf' table without copying it: reportlab's subsetter takes the whole table as
    bytes for every subset (17 MB for AR PL UMing, ~5 ms a copy) only to slice a few glyphs."""

    def __init__(self, data: bytes, pos: int, length: int) -> None:
        self._view = memoryview(data)[pos:pos + length]

    def __getitem__(self, key: slice) -> bytes:
        return self._view[key].tobytes()

    def __len__(self) -> int:
        return len(self._view)


def _share_glyf(font: TTFont) -> None:
    face = font.face
    data = getattr(face, "_ttf_data", None)
    if not isinstance(data, bytes) or "glyf" not in face.table:
        return
    pos, length = face.get_table_pos("glyf")
    glyf = _GlyfView(data, pos, length)
    original = face.get_table

    def get_table(tag: str) -> Any:
        if tag == "glyf":
            return glyf
        if tag == "name":
            # The subsetter copies the whole 'name' table into every subset (23 KB of licence
            # and family strings for AR PL UMing); PDF readers do not use it in an embedded
            # font, so each subset gets an empty one (format 0, no records).
            return _EMPTY_NAME
        return original(tag)

    face.get_table = get_table


def _register(path: Path, index: int, label: str) -> Face | None:
    name = f"SD-{path.stem}-{index}"
    with _register_lock:
        try:
            pdfmetrics.getFont(name)
        except KeyError:
            try:
                font = TTFont(name, str(path), subfontIndex=index)
            except Exception:  # noqa: BLE001 - an unreadable or CFF font is simply not a candidate
                return None
            _share_glyf(font)
            pdfmetrics.registerFont(font)
    return Face(name=name, path=str(path), subfont_index=index, label=label)


def _find(dirs: Iterable[Path], file_name: str) -> Path | None:
    for folder in dirs:
        for candidate in (folder / file_name, folder / file_name.lower(), folder / file_name.upper()):
            if candidate.is_file():
                return candidate
    return None


class FontMap:
    """Role → face, plus every available face for the missing-glyph fallback."""

    def __init__(self, roles: dict[str, Face]) -> None:
        missing = [ROLE_LABELS[r] for r in ROLES if r not in roles]
        if missing:
            raise Invalid(
                "找不到可嵌入的中文 TrueType 字体（" + "、".join(missing) + "），无法生成文书。"
                "请安装仿宋、宋体、黑体、楷体，或将字体文件放入 resources/fonts。"
            )
        self.roles = dict(roles)
        seen: dict[str, Face] = {}
        for face in roles.values():
            seen.setdefault(face.name, face)
        self.faces = list(seen.values())

    @classmethod
    def discover(
        cls,
        *,
        resource_dir: Path | None = RESOURCE_FONTS,
        windows_dir: Path | None = None,
        system_dirs: Iterable[str] | None = None,
    ) -> "FontMap":
        if windows_dir is None and os.environ.get("WINDIR"):
            windows_dir = Path(os.environ["WINDIR"]) / "Fonts"
        sys_dirs = [Path(d).expanduser() for d in (system_dirs if system_dirs is not None else SYSTEM_DIRS)]
        roles: dict[str, Face] = {}
        for role in ROLES:
            face = None
            if resource_dir is not None and resource_dir.is_dir():
                for ext in ("ttf", "ttc"):
                    path = resource_dir / f"{role}.{ext}"
                    if path.is_file():
                        face = _register(path, 0, path.name)
                        break
            if face is None and windows_dir is not None:
                face = _first([windows_dir], WINDOWS_CANDIDATES[role])
            if face is None:
                face = _first(sys_dirs, SYSTEM_CANDIDATES[role])
            if face is not None:
                roles[role] = face
        return cls(roles)

    def font(self, role: str) -> str:
        return self.roles[role].name

    def describe(self) -> dict[str, str]:
        return {ROLE_LABELS[r]: f.label for r, f in self.roles.items()}

    def runs(self, text: str, role: str) -> list[tuple[str, str]]:
        """Split `text` into (font name, substring) runs: the role's face where it has the glyph,
        another available face where it does not. Raises Invalid for a character no face has."""
        primary = self.roles[role]
        primary_cmap = _cmap(primary.name)
        out: list[tuple[str, str]] = []
        current, buf = primary.name, []
        for ch in text:
            code = ord(ch)
            if code > 0xFFFF:
                name = self._fallback(ch)  # refuses: reportlab mishandles non-BMP characters
            elif code in primary_cmap or ch in _LAYOUT_CHARS:
                name = primary.name
            else:
                name = self._fallback(ch)
            if name != current and buf:
                out.append((current, "".join(buf)))
                buf = []
            current = name
            buf.append(ch)
        if buf:
            out.append((current, "".join(buf)))
        return out

    def check(self, text: str, role: str) -> None:
        self.runs(text, role)

    def _fallback(self, ch: str) -> str:
        code = ord(ch)
        if code <= 0xFFFF:
            for face in self.faces:
                if code in _cmap(face.name):
                    return face.name
        raise Invalid(
            f"字符「{ch}」(U+{code:04X}) 无法用现有字体打印，请改用常用字或同音规范字，"
            "或请管理员安装包含该字的 TrueType 字体后再生成文书。"
        )


def _first(dirs: Iterable[Path], candidates: list[tuple[str, int, str]]) -> Face | None:
    dirs = list(dirs)
    for file_name, index, label in candidates:
        path = _find(dirs, file_name)
        if path is not None:
            face = _register(path, index, label)
            if face is not None:
                return face
    return None


@lru_cache(maxsize=1)
def default_font_map() -> FontMap:
    """The deployment's font map, discovered once per process on first use (not at import)."""
    return FontMap.discover()


def warm_up() -> FontMap:
    """Load and index every face now (about 1 s on first use): call it from a background task at
    start-up so the first preview does not wait for it. Safe to call more than once."""
    fonts = default_font_map()
    for face in fonts.faces:
        _cmap(face.name)
    return fonts
