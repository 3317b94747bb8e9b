"""The one place that wires paths, the store, the signed-in user and the windows together.

Start-up order, for a clerk who judges the program by how soon it answers: the main window is
shown first, with nothing but Qt and the window loaded; after it has painted, the store layer
(SQLAlchemy, the models, the encrypted database, the keyring) is opened on a worker thread behind
its start panel; then the first-run wizard or the login appears over it, and the pages fill the
same window once someone has signed in.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.errors import AppError
from ui.main_window import MainWindow

if TYPE_CHECKING:
    from app.bootstrap import Opened
    from app.paths import AppPaths
    from app.context import Actor
    from ui.context import UiContext

log = logging.getLogger(__name__)


def create_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("squaddesk")
    app.setOrganizationName("squaddesk")
    return app  # type: ignore[return-value]


def build_main_window(ctx: UiContext) -> MainWindow:
    from ui.pages import build_pages  # noqa: PLC0415

    return MainWindow(build_pages(ctx), squad_name=ctx.prefs.squad_name, user_label=ctx.actor.user)


def _sign_in(opened: Opened, args: argparse.Namespace, *, parent: QWidget | None = None) -> Actor | None:
    from app.demo import DEMO_HINT, is_demo_folder  # noqa: PLC0415
    from app.security.accounts import actor_for, authenticate  # noqa: PLC0415

    if args.login:
        password = sys.stdin.readline().rstrip("\n") if args.password_stdin else ""
        user = authenticate(opened.store, args.login, password, device_id=opened.device_id)
        return actor_for(user, opened.device_id, opened.squad_id)
    from ui.login import LoginDialog  # noqa: PLC0415

    dialog = LoginDialog(opened.store, device_id=opened.device_id, squad_id=opened.squad_id,
                         squad_name=opened.prefs.squad_name,
                         hint=DEMO_HINT if is_demo_folder(opened) else "", parent=parent,
                         show_squad_name=parent is None)
    return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None


def _first_run_done(opened: Opened) -> bool:
    """No accounts yet: the first-run wizard (enroll or demo, then an administrator). False when
    the clerk left it before anyone could log in."""
    from app.firstrun import needs_first_run  # noqa: PLC0415

    if not needs_first_run(opened):
        return True
    from ui.firstrun import run_first_run  # noqa: PLC0415

    return run_first_run(opened)


class _PaintWatch(QObject):
    """Once `widget` paints for the first time: `on_paint` right then (benchmarks print the
    moment), and `after` once the paint pass is over (work that must not delay it)."""

    def __init__(self, widget: QWidget, *, on_paint: Callable[[], None] | None = None,
                 after: Callable[[], None] | None = None) -> None:
        super().__init__(widget)
        self._on_paint = on_paint
        self._after = after
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            if self._on_paint is not None:
                self._on_paint()
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        after, self._after = self._after, None
        self.setParent(None)
        if after is not None:
            after()


def _mark(args: argparse.Namespace, name: str) -> Callable[[], None] | None:
    """Benchmarks (--exit-after-paint): print when a stage first painted."""
    if not args.exit_after_paint:
        return None
    return lambda: print(f"{name} {time.time():.6f}", flush=True)


def _warm_up_fonts(window: MainWindow) -> None:
    """Index the CJK fonts (about a second) while the clerk looks at the case list, so the first
    preview does not wait. Font loading is locked inside app.documents.fonts."""
    from PySide6.QtCore import QThreadPool  # noqa: PLC0415

    from app.documents.fonts import warm_up  # noqa: PLC0415
    from ui.tasks import run_in_background  # noqa: PLC0415

    run_in_background(window, lambda _progress: warm_up(), label="", show_dialog=False,
                      on_error=lambda exc: log.warning("font warm-up failed: %s", exc),
                      pool=QThreadPool.globalInstance())


RELOGIN = 1001   # app.exit() code: sign in again (logout from the lock screen, after a restore)


def _wire_officer_warnings(window: MainWindow, ctx: UiContext) -> Callable[[], None]:
    """The status bar's certificate-warning count: now, and whenever the roster page recounts.
    Answers how to undo the wiring (the window outlives a session when someone signs in again)."""
    from app.clock import china_today  # noqa: PLC0415
    from app.officers import warning_count  # noqa: PLC0415

    try:
        window.set_warning_count(warning_count(ctx.store, china_today(), ctx.prefs))
    except AppError as exc:
        log.warning("certificate warnings unavailable: %s", exc)

    def on_page_built(key: str, page: QObject) -> None:
        if key == "officers":
            page.warning_count_changed.connect(window.set_warning_count)
        elif key == "settings":
            page.restart_requested.connect(lambda: QApplication.exit(RELOGIN))

    window.page_built.connect(on_page_built)
    for key, page in window.built_pages.items():
        on_page_built(key, page)
    return lambda: window.page_built.disconnect(on_page_built)


def _start_idle_lock(window: MainWindow, opened: Opened, actor: Actor) -> QObject:
    from app.security.accounts import authenticate  # noqa: PLC0415
    from ui.security.lock import IdleLock  # noqa: PLC0415

    def verify(password: str) -> None:
        authenticate(opened.store, actor.user, password, device_id=opened.device_id)

    lock = IdleLock(window, user_label=actor.user, verify=verify)
    lock.logout_requested.connect(lambda: QApplication.exit(RELOGIN))
    return lock


def _peek_squad_name(paths: AppPaths) -> str:
    """The squad's name for the title while the store opens; a broken settings file is reported
    properly by open_data_folder a moment later."""
    from app.settings import Preferences  # noqa: PLC0415

    try:
        return Preferences.load(paths.settings_file).squad_name
    except (AppError, OSError):
        return ""


def _open_behind_window(window: MainWindow, args: argparse.Namespace) -> Opened | None:
    """Show the window, and open the data folder on a worker thread once it has painted, keeping
    the window alive (it repaints, moves, shows the busy bar) meanwhile. Nothing but Qt and the
    window is loaded before that first paint: the clerk sees the program answer at once. None when
    the clerk closed the window before the folder was open; errors are raised here, on the GUI
    thread."""
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def work(_progress: Any) -> Opened:
        from app.bootstrap import open_data_folder  # noqa: PLC0415 - the heavy layer, off the GUI thread

        opened = open_data_folder(outcome["paths"])
        outcome["opened"] = opened
        if args.demo:
            from app.demo import seed_demo  # noqa: PLC0415

            seed_demo(opened)
        return opened

    def finished(key: str, value: Any) -> None:
        outcome[key] = value
        loop.quit()

    def start() -> None:
        from app.paths import AppPaths  # noqa: PLC0415
        from ui.errors import install_excepthook  # noqa: PLC0415
        from ui.tasks import db_pool, run_in_background  # noqa: PLC0415

        install_excepthook()
        try:
            outcome["paths"] = paths = AppPaths.choose(args.data_dir)
        except AppError as exc:
            finished("error", exc)
            return
        window.set_squad_name(_peek_squad_name(paths))
        window.start_panel.show_status(
            QCoreApplication.translate("MainWindow", "正在打开数据文件夹…"), busy=True)
        run_in_background(window, work, label="", show_dialog=False, pool=db_pool(),
                          on_success=lambda opened: finished("done", opened),
                          on_error=lambda exc: finished("error", exc))

    _PaintWatch(window, on_paint=_mark(args, "PAINTED"), after=start)
    # Closing the last window quits only a running app.exec(); this loop must end too.
    window.closed.connect(loop.quit)
    window.show()
    loop.exec()
    window.closed.disconnect(loop.quit)
    if "error" in outcome:
        raise outcome["error"]
    if "done" not in outcome:           # the window was closed while the folder was opening
        _wait_for_background_work()
        if "opened" in outcome:
            outcome["opened"].store.dispose()
        return None
    window.start_panel.show_status("")
    return outcome["done"]


def run_gui(args: argparse.Namespace) -> int:
    app = create_app()
    window = MainWindow(squad_name="")    # the name comes from the settings file, after the paint
    held: list[Opened] = []
    try:
        return _run_window(app, window, args, held)
    finally:
        window.close()
        _wait_for_background_work()
        for opened in held:
            opened.store.dispose()
        # Deleted here, on the GUI thread, now: left to the garbage collector, the window (held in
        # reference cycles by its signal closures) could be collected on a worker thread, and
        # shiboken would then delete it at some later moment from a pending call (crashed).
        if shiboken6.isValid(window):
            shiboken6.delete(window)


def _run_window(app: QApplication, window: MainWindow, args: argparse.Namespace,
                held: list[Opened]) -> int:
    try:
        opened = _open_behind_window(window, args)
        if opened is None:
            return 0
        held.append(opened)
        window.set_squad_name(opened.prefs.squad_name)
        if not args.login:
            window.start_panel.show_status(QCoreApplication.translate(
                "MainWindow", "首次使用：请在向导中选择打开演示或登记本机。"))
            if not _first_run_done(opened):
                return 0
    except AppError as exc:
        from ui.errors import show_error  # noqa: PLC0415

        window.start_panel.show_status(
            QCoreApplication.translate("MainWindow", "未能打开数据文件夹。"))
        show_error(window, exc)
        return 2
    code = RELOGIN
    while code == RELOGIN:
        window.start_panel.show_status(QCoreApplication.translate("MainWindow", "请登录。"))
        try:
            actor = _sign_in(opened, args, parent=window)
        except AppError as exc:
            from ui.errors import show_error  # noqa: PLC0415

            show_error(window, exc)
            return 2
        if actor is None:
            break
        code = _run_session(app, window, opened, actor, args)
        args.login = None  # a second sign-in is always interactive
    return 0 if code in (RELOGIN, None) else code


def _wait_for_background_work() -> None:
    """Let running tasks finish before the store closes (they hold sessions of their own), and
    hand their outcomes over now: left queued, they would reach widgets of a closed window in
    whatever event loop runs next."""
    from PySide6.QtCore import QThreadPool  # noqa: PLC0415

    from ui.tasks import db_pool  # noqa: PLC0415

    QThreadPool.globalInstance().waitForDone(10_000)
    db_pool().waitForDone(60_000)
    QCoreApplication.processEvents()


def _run_session(app: QApplication, window: MainWindow, opened: Opened, actor: Actor,
                 args: argparse.Namespace) -> int:
    from ui.context import UiContext  # noqa: PLC0415
    from ui.pages import build_pages  # noqa: PLC0415

    ctx = UiContext(paths=opened.paths, prefs=opened.prefs, store=opened.store, actor=actor,
                    key=opened.key)
    window.set_pages(build_pages(ctx), user_label=actor.user)
    lock = _start_idle_lock(window, opened, actor)
    undo: list[Callable[[], None]] = []

    def after_ready() -> None:
        """What the clerk does not need to see the first page: warnings, sync, fonts."""
        from ui.sync.status import SyncStatusController  # noqa: PLC0415

        undo.append(_wire_officer_warnings(window, ctx))
        window.sync_status = SyncStatusController(window, ctx,
                                                  sync_on_start=not args.exit_after_paint)
        if args.exit_after_paint:
            QApplication.quit()
            return
        _warm_up_fonts(window)

    _PaintWatch(window.stack.currentWidget(), on_paint=_mark(args, "READY"), after=after_ready)
    code = app.exec()
    status = getattr(window, "sync_status", None)
    if status is not None:
        from ui.sync.status import runner_for  # noqa: PLC0415

        runner_for(ctx).cancel()
        status.refresh_timer.stop()
        status.sync_timer.stop()
        status.setParent(None)
        del window.sync_status
    for step in undo:
        step()
    lock.setParent(None)
    if code == RELOGIN:
        window.clear_pages()
    return code
