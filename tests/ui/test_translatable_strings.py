"""Every piece of Chinese UI text in ui/ goes through Qt's translation machinery.

The product shows Simplified Chinese today, but the strings must be extractable by
`pyside6-lupdate` so a catalogue can be made from them. A literal that bypasses `tr` /
`translate` / `QT_TRANSLATE_NOOP` silently drops out of that catalogue, and an f-string inside
`tr` is worse: it never matches a translation. These tests read the source with `ast` and run the
real lupdate, so both mistakes fail here with the file and line.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")

# Calls whose literal arguments lupdate extracts (the last argument position that holds text).
TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}

# Literals with Chinese that are not UI text, each with its reason. Keys are "path:text" so an
# entry does not break when lines move.
ALLOWED: dict[str, str] = {
    "ui/cases/actions.py:、": "separator the clerk types between attendees, parsed, not shown",
    "ui/cases/actions.py:，": "separator the clerk types between attendees, parsed, not shown",
    "ui/cases/party_dialog.py:姓名": "matched in app's Chinese error message to pick the field",
    "ui/cases/party_dialog.py:名称": "matched in app's Chinese error message to pick the field",
    "ui/documents/record_form.py:身份证": "matched in the template's own field label (document data)",
    "ui/firstrun/admin_page.py:用户名": "matched in app's Chinese error message to pick the field",
    "ui/firstrun/admin_page.py:姓名": "matched in app's Chinese error message to pick the field",
    "ui/firstrun/admin_page.py:密码": "matched in app's Chinese error message to pick the field",
    "ui/firstrun/enroll_page.py:登记码": "matched in app's Chinese explanation to pick the field",
    "ui/firstrun/enroll_page.py:证书": "matched in app's Chinese explanation to pick the field",
    "ui/officers/quick_check_panel.py:有效": "compared with app's verdict word to pick the colour",
}

# Files or folders still being wrapped by the engineer who owns them. Remove the entry when done.
PENDING: dict[str, str] = {
}


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _is_text(args: list[ast.expr]) -> bool:
    return bool(args) and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str)


@dataclass
class Scan:
    bare: list[str] = field(default_factory=list)  # "file:line: text" of unwrapped Chinese
    bad_args: list[str] = field(default_factory=list)  # tr(f"…"), tr("a" + b), …
    wrapped: set[tuple[str, str]] = field(default_factory=set)  # (context, source) lupdate must see


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _scan_file(path: Path, scan: Scan) -> None:
    rel = path.relative_to(ROOT).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
    ok = _docstrings(tree)

    def visit(node: ast.AST, cls: str | None) -> None:
        if isinstance(node, ast.ClassDef):
            cls = node.name
        if isinstance(node, ast.Call) and _name(node.func) in TRANSLATING and not (
                _name(node.func) == "translate" and not _is_text(node.args[:1])):  # QPainter.translate
            kind = _name(node.func)
            texts = node.args[1:2] if kind in ("translate", "QT_TRANSLATE_NOOP") else node.args[:1]
            context = None
            if kind in ("translate", "QT_TRANSLATE_NOOP"):
                first = node.args[0] if node.args else None
                context = first.value if isinstance(first, ast.Constant) else None
                if context is None:
                    scan.bad_args.append(f"{rel}:{node.lineno}: context is not a literal")
            else:
                context = cls
                if cls is None:
                    scan.bad_args.append(f"{rel}:{node.lineno}: {kind}() outside a class has no "
                                         "context; use QCoreApplication.translate(\"Context\", …)")
            for arg in node.args:
                if isinstance(arg, ast.Constant):
                    ok.add(id(arg))
            for arg in texts:
                if isinstance(arg, (ast.JoinedStr, ast.BinOp, ast.Call)):
                    scan.bad_args.append(
                        f"{rel}:{node.lineno}: {kind}() text must be a plain literal (use .format() "
                        "after the call)")
                elif isinstance(arg, ast.Constant) and isinstance(arg.value, str) and context:
                    scan.wrapped.add((context, arg.value))
        for child in ast.iter_child_nodes(node):
            visit(child, cls)

    visit(tree, None)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in ok
                and CJK.search(node.value) and f"{rel}:{node.value}" not in ALLOWED):
            scan.bare.append(f"{rel}:{node.lineno}: {node.value!r}")


def _sources() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def _scan() -> Scan:
    scan = Scan()
    for path in _sources():
        _scan_file(path, scan)
    return scan


def test_every_chinese_literal_in_ui_is_wrapped_for_translation() -> None:
    scan = _scan()
    bare = [line for line in scan.bare if not any(line.startswith(p) for p in PENDING)]
    assert not bare, ("Chinese UI text not wrapped in tr()/translate()/QT_TRANSLATE_NOOP():\n"
                      + "\n".join(bare))
    bad = [line for line in scan.bad_args if not any(line.startswith(p) for p in PENDING)]
    assert not bad, "\n".join(bad)


def test_allow_list_entries_still_exist() -> None:
    """A stale entry would silently allow the same text to come back unwrapped."""
    texts = set()
    for path in _sources():
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.add(f"{rel}:{node.value}")
    assert not [key for key in ALLOWED if key not in texts]


def test_guard_catches_bare_text_and_f_strings_in_tr(tmp_path: Path, monkeypatch) -> None:
    """The scanner itself: unwrapped text, an f-string inside tr, and wrapped forms it accepts."""
    module = tmp_path / "ui" / "sample.py"
    module.parent.mkdir()
    module.write_text(
        '"""模块说明。"""\n'
        "from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP\n"
        'HEADERS = (QT_TRANSLATE_NOOP("Sample", "姓名"),)\n'
        "class Page:\n"
        "    def a(self, n):\n"
        '        self.tr("共 {0} 件").format(n)\n'
        '        self.tr(f"共 {n} 件")\n'
        '        return "未包装"\n'
        "def b():\n"
        '    return QCoreApplication.translate("Sample", "已取消")\n',
        encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    scan = Scan()
    _scan_file(module, scan)
    assert "ui/sample.py:8: '未包装'" in scan.bare
    assert {line.split(":")[1] for line in scan.bare} == {"7", "8"}  # the f-string's parts too
    assert scan.bad_args and scan.bad_args[0].startswith("ui/sample.py:7:")
    assert scan.wrapped == {("Sample", "姓名"), ("Page", "共 {0} 件"), ("Sample", "已取消")}


def _lupdate() -> Path:
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    if not tool.exists():
        found = shutil.which("pyside6-lupdate")
        assert found, "pyside6-lupdate (from PySide6-Essentials) is missing from the venv"
        tool = Path(found)
    return tool


def test_lupdate_extracts_every_wrapped_string(tmp_path: Path) -> None:
    ts = tmp_path / "squaddesk.ts"
    result = subprocess.run(
        [str(_lupdate()), *[str(p) for p in _sources()], "-no-obsolete", "-ts", str(ts)],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    extracted = {
        (context.findtext("name"), message.findtext("source"))
        for context in ET.parse(ts).getroot().iter("context")
        for message in context.iter("message")
    }
    wrapped = _scan().wrapped
    assert len(extracted) >= len(wrapped)
    missing = sorted(wrapped - extracted)
    assert not missing, f"lupdate did not extract {len(missing)} wrapped strings, e.g. {missing[:5]}"


@pytest.mark.parametrize("committed", [ROOT / "resources" / "i18n" / "squaddesk_en.ts"])
def test_committed_catalogue_holds_every_wrapped_string(committed: Path) -> None:
    """The catalogue in the repo is refreshed (`make translations`) whenever UI text changes."""
    if not committed.exists():
        pytest.fail(f"{committed.relative_to(ROOT)} is missing: run `make translations`")
    have = {
        (context.findtext("name"), message.findtext("source"))
        for context in ET.parse(committed).getroot().iter("context")
        for message in context.iter("message")
    }
    missing = sorted(_scan().wrapped - have)
    assert not missing, (f"{len(missing)} UI strings are not in the catalogue, e.g. {missing[:3]}; "
                         "run `make translations`")


@pytest.fixture
def pseudo_translator(tmp_path: Path, qapp):  # noqa: ANN001, ANN201
    """Every string of the real catalogue translated to «source», compiled and installed: what the
    app shows through the translation machinery comes out bracketed."""
    from PySide6.QtCore import QCoreApplication, QTranslator  # noqa: PLC0415

    ts, qm = tmp_path / "pseudo.ts", tmp_path / "pseudo.qm"
    subprocess.run([str(_lupdate()), *[str(p) for p in _sources()], "-no-obsolete", "-ts", str(ts)],
                   cwd=ROOT, capture_output=True, check=True, timeout=120)
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        source, translation = message.findtext("source"), message.find("translation")
        translation.attrib.pop("type", None)
        forms = translation.findall("numerusform")
        for form in forms:
            form.text = f"«{source}»"
        if not forms:
            translation.text = f"«{source}»"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(_lupdate().with_name("pyside6-lrelease")), str(ts), "-qm", str(qm)],
                   capture_output=True, check=True, timeout=60)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_texts_marked_at_import_are_translated_where_shown(pseudo_translator, qtbot) -> None:  # noqa: ANN001
    """QT_TRANSLATE_NOOP only marks a text; this proves each kind of marked table is translated
    when shown, and that values stored in the database stay the untranslated words."""
    from datetime import date  # noqa: PLC0415

    from PySide6.QtCore import Qt  # noqa: PLC0415

    from app.domain.procedure import Action  # noqa: PLC0415
    from ui.cases.actions import ACTIONS, PROPOSE, tr_text  # noqa: PLC0415
    from ui.cases.case_table_model import CaseTableModel  # noqa: PLC0415
    from ui.cases.forms import FormDialog  # noqa: PLC0415
    from ui.documents.record_fields import SEXES, ChoiceField  # noqa: PLC0415
    from ui.officers.roster_model import RosterTableModel  # noqa: PLC0415
    from ui.pages import build_pages  # noqa: PLC0415

    form = ACTIONS[Action.FILE]
    assert tr_text(form.title) == "«立案审批»"
    fields = {f.key: f for f in form.fields(date(2025, 3, 3), [])}
    assert fields["on"].label == "«批准日期(&D)»"
    assert fields["opinion"].default == "«同意立案»"
    tier = {f.key: f for f in PROPOSE.fields(date(2025, 3, 3), [])}["tier"]
    assert ("从轻", "«从轻»") in tier.choices  # the stored value is the Chinese word

    dialog = FormDialog(tr_text(form.title), list(fields.values()))
    qtbot.addWidget(dialog)
    assert dialog.ok_button.text() == "«确定(&O)»"

    header = Qt.Orientation.Horizontal
    assert CaseTableModel(lambda *_: []).headerData(0, header) == "«案号»"
    assert RosterTableModel().headerData(0, header) == "«姓名»"
    assert [p.title for p in build_pages(None)][:2] == ["«案件»", "«文书»"]

    sex = ChoiceField(SEXES, free_text=False, translated=True)
    qtbot.addWidget(sex)
    sex.set_value("女")
    assert (sex.currentText(), sex.value()) == ("«女»", "女")
