"""The 同步 page shows its words through Qt's translation machinery: with a pseudo-translation
(every catalogue string as «source») installed, the marked tables, counts and headers come out
translated, while the values the county sent and the stored codes are shown as they are."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from app.clock import utc_now
from app.db.models.sync import SyncConflict
from app.sync import protocol as p
from app.sync.pull import PARKED_ORPHAN, park
from ui.sync.page import SyncPage
from ui.sync.status import SyncStatusController

# The guard test's fixture builds the pseudo-translation from the real lupdate output; reuse it.
_spec = importlib.util.spec_from_file_location(
    "_translatable_strings", Path(__file__).resolve().parents[1] / "test_translatable_strings.py")
_guard = sys.modules.setdefault(_spec.name, importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(_guard)
pseudo_translator = _guard.pseudo_translator

CASE_ID = "1b2c3d4e-0000-4000-8000-000000000001"


@pytest.fixture
def ctx(ctx):  # noqa: ANN001 - the enrolled store of conftest, with a parked change and a conflict
    store, actor = ctx.store, ctx.actor
    change = p.Change(seq=5, entity="payments", entity_id=CASE_ID, revision=2, deleted=False,
                      data={"id": CASE_ID}, updated_at=utc_now(), updated_by="王科员")
    with store.write(actor, "test.seed", origin="sync") as session:
        park(session, change, PARKED_ORPHAN, "FOREIGN KEY constraint failed")
        session.add(SyncConflict(entity="cases", entity_id=CASE_ID, field="sealed", local_value=True,
                                 server_value=None, newer="server", server_by="张三",
                                 detected_at=utc_now(), local_at=utc_now(), server_at=utc_now()))
    return ctx


def test_sync_page_texts_go_through_translation(pseudo_translator, qtbot, ctx, idle_runner):  # noqa: ANN001
    page = SyncPage(ctx, runner=idle_runner)
    qtbot.addWidget(page)

    assert page.sync_button.text() == "«立即同步»"
    assert "«县局服务器：»" in [label.text() for label in page.findChildren(QLabel)]
    assert page.labels["pending"].text() == "«0 项»"
    assert page.labels["conflicts"].text() == "«1 处»"
    assert [page.tabs.tabText(i) for i in range(3)] == ["«需要处理（0）»", "«县局数据未写入（1）»",
                                                        "«冲突（1）»"]
    header = page.incoming_table.horizontalHeaderItem
    assert [header(c).text() for c in range(5)] == ["«首次发现»", "«记录»", "«县局修改人»",
                                                    "«已尝试»", "«原因»"]

    incoming = page.incoming_table
    assert incoming.item(0, 1).text() == "«缴款» 1b2c3d4e"
    assert incoming.item(0, 2).text() == "王科员"  # the county's value, shown as sent
    assert incoming.item(0, 3).text() == "«1 次»"
    assert incoming.item(0, 4).text() == PARKED_ORPHAN  # app's message, already Chinese
    assert incoming.item(0, 4).toolTip() == f"«{PARKED_ORPHAN}\n（技术信息：FOREIGN KEY constraint failed）»"

    conflicts = page.conflict_table
    assert conflicts.item(0, 1).text() == "«案件» 1b2c3d4e"
    assert conflicts.item(0, 2).text() == "sealed"  # the column name, not a UI word
    assert conflicts.item(0, 3).text() == "«县局较新»"
    conflicts.selectRow(0)
    assert page.local_text.toPlainText() == "«是»"
    assert page.server_text.toPlainText() == "«（空）»"
    assert page.server_meta.text().endswith("«　（较新）»")
    assert "张三" in page.server_meta.text()


def test_the_running_note_is_cleared_in_any_language(pseudo_translator, qtbot, ctx, idle_runner):  # noqa: ANN001
    """refresh() recognises its own "正在同步…" note by the shown (translated) text."""
    page = SyncPage(ctx, runner=idle_runner)
    qtbot.addWidget(page)
    page._on_started()  # noqa: SLF001
    assert page.result_label.text() == "«正在同步…»"
    page.refresh()
    assert page.result_label.text() == ""


class FakeWindow(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def set_sync_status(self, text: str) -> None:
        self.texts.append(text)


def test_status_bar_sync_note_is_translated(pseudo_translator, qtbot, ctx, idle_runner):  # noqa: ANN001
    window = FakeWindow()
    qtbot.addWidget(window)
    runner = idle_runner
    SyncStatusController(window, ctx, runner=runner, sync_on_start=False)
    runner.started.emit()
    assert window.texts[-1] == "«同步：正在同步…»"
