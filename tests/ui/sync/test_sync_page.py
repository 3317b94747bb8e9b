"""The 同步 page and the status-bar controller: status shown, sync in the background, parked
changes listed, a conflict resolved by a click becoming a new local change."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from PySide6.QtWidgets import QWidget

from app.clock import utc_now
from app.db.base import Synced
from app.db.models.core import OutboxEntry
from app.db.models.sync import SyncConflict
from app.errors import SyncFailed, SyncFailure
from app.settings import Preferences
from app.sync.engine import SyncReport
from app.sync.entities import register_entity
from ui.context import UiContext
from ui.sync.page import SyncPage
from ui.sync.status import SyncRunner, SyncStatusController


class UiBase(DeclarativeBase):
    pass


class UiNote(Synced, UiBase):
    __tablename__ = "ui_sync_notes"
    title: Mapped[str] = mapped_column(String(100), default="")


register_entity(UiNote)


class FakeEngine:
    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.threads: list[threading.Thread] = []
        self.release = threading.Event()
        self.release.set()

    def run(self, progress):  # noqa: ANN001, ANN201
        self.threads.append(threading.current_thread())
        progress(0, 1)
        self.release.wait(5)
        if self.fail:
            raise SyncFailed("无法连接县局服务器（网络中断）。", kind=SyncFailure.NETWORK)
        progress(1, 1)
        report = SyncReport()
        report.push.sent = 3
        return report


@pytest.fixture
def ctx(ctx):  # noqa: ANN001 - the enrolled store of conftest, with the UI's own tables
    UiBase.metadata.create_all(ctx.store.engine)
    return ctx


def make_page(qtbot, ctx, engine=None):  # noqa: ANN001, ANN201
    runner = SyncRunner(ctx, engine=engine or FakeEngine())
    page = SyncPage(ctx, runner=runner)
    qtbot.addWidget(page)
    return page, runner


def test_sync_now_runs_in_the_background_and_reports(qtbot, ctx):
    engine = FakeEngine()
    page, runner = make_page(qtbot, ctx, engine)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        qtbot.mouseClick(page.sync_button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
    assert engine.threads and engine.threads[0] is not threading.main_thread()
    assert "上传 3 项" in page.result_label.text()
    assert page.sync_button.isEnabled()


def test_a_second_sync_is_not_started_while_one_runs(qtbot, ctx):
    engine = FakeEngine()
    engine.release.clear()
    page, runner = make_page(qtbot, ctx, engine)
    runner.start(page, show_dialog=False)
    assert runner.start(page, show_dialog=False) is None
    assert not page.sync_button.isEnabled()
    with qtbot.waitSignal(runner.finished, timeout=5000):
        engine.release.set()
    qtbot.waitUntil(lambda: len(engine.threads) == 1)


def test_parked_changes_are_listed_and_can_be_sent_again(qtbot, ctx, actor):
    with ctx.store.write(actor, "note.add") as session:
        session.add(UiNote(title="甲"))
    with ctx.store.write(actor, "test.park", origin="sync") as session:
        entry = session.scalar(select(OutboxEntry))
        entry.state, entry.parked_reason = "parked", "文书已签发，不能再修改。"
    page, _runner = make_page(qtbot, ctx)
    assert page.parked_table.rowCount() == 1
    assert page.parked_table.item(0, 4).text() == "文书已签发，不能再修改。"
    assert page.labels["parked"].text() == "1 项"
    page.parked_table.selectRow(0)
    page.retry_selected()
    assert page.parked_table.rowCount() == 0
    assert page.labels["pending"].text() == "1 项"


def test_choosing_the_local_value_becomes_a_new_change(qtbot, ctx, actor):
    with ctx.store.write(actor, "note.add") as session:
        note = UiNote(title="县局的标题")
        session.add(note)
    with ctx.store.write(actor, "test.sent", origin="sync") as session:
        for entry in session.scalars(select(OutboxEntry)):
            entry.state = "sent"
        session.add(SyncConflict(entity="ui_sync_notes", entity_id=note.id, field="title",
                                 local_value="本机的标题", server_value="县局的标题",
                                 newer="local", server_by="张三", detected_at=utc_now(),
                                 local_at=utc_now(), server_at=utc_now()))
    page, _runner = make_page(qtbot, ctx)
    page.tabs.setCurrentIndex(1)
    assert page.conflict_table.rowCount() == 1
    page.conflict_table.selectRow(0)
    assert page.local_text.toPlainText() == "本机的标题"
    assert page.server_text.toPlainText() == "县局的标题"
    assert "较新" in page.local_meta.text()
    page.keep_local.click()
    assert page.conflict_table.rowCount() == 0
    with ctx.store.read() as session:
        assert session.get(UiNote, note.id).title == "本机的标题"
        pending = session.scalars(select(OutboxEntry).where(OutboxEntry.state == "pending")).all()
        assert [e.fields for e in pending] == [{"title": "本机的标题"}]
        assert session.scalar(select(SyncConflict)).resolution == "local"


class FakeWindow(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def set_sync_status(self, text: str) -> None:
        self.texts.append(text)


def test_status_controller_syncs_on_start_and_updates_the_status_bar(qtbot, ctx):
    window = FakeWindow()
    qtbot.addWidget(window)
    runner = SyncRunner(ctx, engine=FakeEngine())
    with qtbot.waitSignal(runner.finished, timeout=5000):
        SyncStatusController(window, ctx, runner=runner)
    assert "同步：正在同步…" in window.texts
    qtbot.waitUntil(lambda: window.texts[-1].startswith("同步：上次成功"))
    assert "待上传 0" in window.texts[-1]


def test_a_failed_background_sync_shows_in_the_status_without_a_dialog(qtbot, ctx):
    window = FakeWindow()
    qtbot.addWidget(window)
    runner = SyncRunner(ctx, engine=FakeEngine(fail=True))
    controller = SyncStatusController(window, ctx, runner=runner, sync_on_start=False)
    with qtbot.waitSignal(runner.failed, timeout=5000):
        controller.sync_in_background()
    assert not runner.running
    assert window.texts[-1].startswith("同步：")


def test_nothing_is_synced_before_enrollment(qtbot, store, actor, tmp_path):
    from app.paths import AppPaths

    bare = UiContext(paths=AppPaths.in_folder(tmp_path), prefs=Preferences(), store=store, actor=actor)
    window = FakeWindow()
    qtbot.addWidget(window)
    engine = FakeEngine()
    controller = SyncStatusController(window, bare, runner=SyncRunner(bare, engine=engine),
                                      sync_on_start=False)
    controller.sync_in_background()
    assert engine.threads == []
    assert window.texts[-1] == "同步：本机未登记到县局服务器"


class SlowEngine:
    def __init__(self) -> None:
        self.cancelled = threading.Event()

    def run(self, progress):  # noqa: ANN001, ANN201
        from app.errors import Cancelled

        try:
            for i in range(500):
                progress(i, 500)
                threading.Event().wait(0.01)
        except Cancelled:
            self.cancelled.set()
            raise
        return SyncReport()


def test_a_running_sync_can_be_cancelled(qtbot, ctx):
    engine = SlowEngine()
    page, runner = make_page(qtbot, ctx, engine)
    runner.start(page, show_dialog=False)
    with qtbot.waitSignal(runner.failed, timeout=5000):
        runner.cancel()
    assert engine.cancelled.is_set()
    qtbot.waitUntil(lambda: page.sync_button.isEnabled())
