"""The 同步 page lists county changes this PC could not write yet, with the reason in Chinese,
and the status bar counts them."""

from __future__ import annotations

import os

from app.clock import utc_now
from app.sync import protocol as p
from app.sync import state
from app.sync.pull import PARKED_ORPHAN, PARKED_UNIQUE, park
from ui.sync.page import SyncPage


def _park(ctx, entity: str, entity_id: str, reason: str) -> None:  # noqa: ANN001
    change = p.Change(seq=5, entity=entity, entity_id=entity_id, revision=2, deleted=False,
                      data={"id": entity_id}, updated_at=utc_now(), updated_by="王科员")
    with ctx.store.write(ctx.actor, "test.park", origin="sync") as session:
        park(session, change, reason, "UNIQUE constraint failed: cases.case_no")


def _incoming_tab(qtbot, ctx, runner) -> SyncPage:  # noqa: ANN001
    page = SyncPage(ctx, runner=runner)
    qtbot.addWidget(page)
    page.resize(1000, 640)
    page.tabs.setCurrentIndex(1)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_parked_county_changes_are_listed_with_their_reason(qtbot, ctx, idle_runner):
    _park(ctx, "cases", "1b2c3d4e-0000-4000-8000-000000000001",
          PARKED_UNIQUE.format(blocker="9f8e7d6c"))
    _park(ctx, "parties", "2b2c3d4e-0000-4000-8000-000000000002", PARKED_ORPHAN)
    page = _incoming_tab(qtbot, ctx, idle_runner)

    assert page.tabs.tabText(1) == "县局数据未写入（2）"
    assert page.labels["incoming"].text() == "2 条县局数据暂未能写入本机"
    table = page.incoming_table
    assert table.rowCount() == 2
    assert table.item(0, 1).text() == "案件 1b2c3d4e"
    assert table.item(0, 2).text() == "王科员"
    assert "9f8e7d6c" in table.item(0, 4).text() and "重复" in table.item(0, 4).text()
    assert "上级记录" in table.item(1, 4).text()
    assert "技术信息" in table.item(0, 4).toolTip()
    if os.environ.get("SQUADDESK_SHOTS"):
        page.grab().save(os.path.join(os.environ["SQUADDESK_SHOTS"], "sync_incoming.png"))

    with ctx.store.read() as session:
        assert "2 条县局数据暂未能写入本机" in state.status(session).line()


def test_nothing_parked_reads_as_none(qtbot, ctx, idle_runner):
    page = SyncPage(ctx, runner=idle_runner)
    qtbot.addWidget(page)
    assert page.labels["incoming"].text() == "无"
    assert page.tabs.tabText(1) == "县局数据未写入（0）"
    with ctx.store.read() as session:
        assert "县局数据" not in state.status(session).line()


def test_a_parked_county_publication_is_listed_by_name_and_version(qtbot, ctx, idle_runner):
    from app.errors import Invalid
    from app.sync.pull import park_publication

    roster = p.ReferencePublication(kind="roster", version=3, published_at=utc_now(),
                                    payload={"officers": [{"name": "王五"}]})
    with ctx.store.write(ctx.actor, "test.park", origin="sync") as session:
        park_publication(session, roster, Invalid("第3行「执法证号」：执法证号「12」不符合本省证号格式"))
    _park(ctx, "cases", "1b2c3d4e-0000-4000-8000-000000000001",
          PARKED_UNIQUE.format(blocker="9f8e7d6c"))
    page = _incoming_tab(qtbot, ctx, idle_runner)

    assert page.tabs.tabText(1) == "县局数据未写入（2）"
    assert page.labels["incoming"].text() == "2 条县局数据暂未能写入本机"
    table = page.incoming_table
    assert table.item(0, 1).text() == "执法人员名册（第 3 版）"
    assert table.item(0, 2).text() == "县局"
    assert table.item(0, 4).text() == (
        "县局下发的执法人员名册（第 3 版）未能导入：第3行「执法证号」：执法证号「12」不符合本省证号格式。"
        "请县局改正后重新下发；本机每次同步也会自动重试。")
    assert "技术信息：Invalid" in table.item(0, 4).toolTip()
    assert table.item(1, 1).text() == "案件 1b2c3d4e"
    if os.environ.get("SQUADDESK_SHOTS"):
        page.grab().save(os.path.join(os.environ["SQUADDESK_SHOTS"], "sync_incoming_publication.png"))
    with ctx.store.read() as session:
        assert "2 条县局数据暂未能写入本机" in state.status(session).line()
