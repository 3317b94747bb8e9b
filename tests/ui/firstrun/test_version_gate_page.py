"""When the county raises its minimum version after this PC enrolled, the 同步 page tells the clerk
to upgrade, in plain words, and the local data is untouched (the real county server and engine)."""

from __future__ import annotations

from app import __version__
from app.firstrun import check_enroll_input, enroll_this_pc
from app.versioning import upgrade_message
from ui.context import UiContext
from ui.sync.page import SyncPage
from ui.sync.status import SyncRunner


def test_the_sync_page_says_the_county_needs_a_newer_squaddesk(qtbot, opened, county):
    enroll_this_pc(opened, check_enroll_input(county.url, county.enroll_code(), str(county.ca_file)))
    ctx = UiContext(paths=opened.paths, prefs=opened.prefs, store=opened.store,
                    actor=opened.system_actor("zhangsan", roles=frozenset({"admin", "clerk"})))
    runner = SyncRunner(ctx)
    page = SyncPage(ctx, runner=runner)
    qtbot.addWidget(page)
    county.require_client("1.2.0")
    try:
        with qtbot.waitSignal(runner.failed, timeout=30_000):
            runner.start(page, show_dialog=False)
    finally:
        county.require_client(__version__)
    words = upgrade_message(__version__, "1.2.0")
    qtbot.waitUntil(lambda: page.labels["error"].text() == words, timeout=5000)
    assert page.sync_button.isEnabled()
