"""The font-role map: open TrueType fallbacks, per-character fallback runs, refusal of unprintable characters."""

from __future__ import annotations

import pytest

from app.documents.fonts import ROLES, FontMap, default_font_map
from app.errors import Invalid


def test_every_role_has_an_embeddable_truetype_face():
    fonts = default_font_map()
    for role in ROLES:
        assert fonts.font(role).startswith("SD-")
        assert not fonts.roles[role].path.lower().endswith((".otf", ".otc"))


def test_common_document_text_stays_in_the_role_face():
    fonts = default_font_map()
    runs = fonts.runs("崇综执罚决字〔2026〕12号，罚款人民币5000元。", "body")
    assert runs == [(fonts.font("body"), "崇综执罚决字〔2026〕12号，罚款人民币5000元。")]


def test_character_missing_from_role_face_is_drawn_in_another_face():
    fonts = default_font_map()
    body = fonts.roles["body"]
    other = next(f for f in fonts.faces if f.name != body.name)
    from app.documents.fonts import _cmap

    only_other = next(chr(c) for c in sorted(_cmap(other.name) - _cmap(body.name)) if 0x4E00 <= c <= 0xFFFF)
    runs = fonts.runs(f"甲{only_other}乙", "body")
    assert runs == [(body.name, "甲"), (other.name, only_other), (body.name, "乙")]


def test_non_bmp_character_is_refused_with_its_code_point():
    with pytest.raises(Invalid, match=r"字符「𠀾」\(U\+2003E\) 无法用现有字体打印"):
        default_font_map().check("当事人：张𠀾", "body")


def test_character_no_face_has_is_refused():
    with pytest.raises(Invalid, match=r"U\+2611"):
        default_font_map().check("☑同意", "body")


def test_no_fonts_at_all_is_a_clear_refusal(tmp_path):
    with pytest.raises(Invalid, match="找不到可嵌入的中文 TrueType 字体"):
        FontMap.discover(resource_dir=tmp_path, windows_dir=None, system_dirs=[str(tmp_path)])


def test_windows_office_fonts_win_over_system_fonts(tmp_path):
    import shutil

    windows = tmp_path / "Fonts"
    windows.mkdir()
    shutil.copy("/usr/share/fonts/truetype/arphic/ukai.ttc", windows / "simfang.ttf")
    fonts = FontMap.discover(resource_dir=None, windows_dir=windows)
    assert fonts.roles["body"].label == "仿宋"
