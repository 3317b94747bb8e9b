"""The one place that wires paths, the store, the signed-in user and the windows together."""

from __future__ import annotations

import argparse
import logging
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from app.bootstrap import Opened, open_data_folder
from app.context import Actor
from app.errors import AppError
from app.paths import AppPaths
from ui.context import UiContext
from ui.errors import install_excepthook, show_error
from ui.main_window import MainWindow
from ui.pages import build_pages

log = logging.getLogger(__name__)


def create_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("squaddesk")
    app.setOrganizationName("squaddesk")
    return app  # type: ignore[return-value]


def build_main_window(ctx: UiContext) -> MainWindow:
    return MainWindow(build_pages(ctx), squad_name=ctx.prefs.squad_name, user_label=ctx.actor.user)


def _sign_in(opened: Opened, args: argparse.Namespace) -> Actor | None:
    from app.demo import DEMO_HINT, is_demo_folder  # noqa: PLC0415
    from app.security.accounts import actor_for, authenticate  # noqa: PLC0415

    if args.login:
        password = sys.stdin.readline().rstrip("\n") if args.password_stdin else ""
        user = authenticate(opened.store, args.login, password, device_id=opened.device_id)
        return actor_for(user, opened.device_id, opened.squad_id)
    from ui.login import LoginDialog  # noqa: PLC0415

    dialog = LoginDialog(opened.store, device_id=opened.device_id, squad_id=opened.squad_id,
                         squad_name=opened.prefs.squad_name,
                         hint=DEMO_HINT if is_demo_folder(opened) else "")
    return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None


def _first_run_done(opened: Opened) -> bool:
    """No accounts yet: the first-run wizard (enroll or demo, then an administrator). False when
    the clerk left it before anyone could log in."""
    from app.firstrun import needs_first_run  # noqa: PLC0415

    if not needs_first_run(opened):
        return True
    from ui.firstrun import run_first_run  # noqa: PLC0415

    return run_first_run(opened)


class _FirstPaint(QObject):
    """Benchmarks: report the moment the main window first painted, then quit."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Paint:
            print(f"PAINTED {time.time():.6f}", flush=True)
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


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


def _wire_officer_warnings(window: MainWindow, ctx: UiContext) -> None:
    """The status bar's certificate-warning count: now, and whenever the roster page recounts."""
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


def _start_idle_lock(window: MainWindow, opened: Opened, actor: Actor) -> QObject:
    from app.security.accounts import authenticate  # noqa: PLC0415
    from ui.security.lock import IdleLock  # noqa: PLC0415

    def verify(password: str) -> None:
        authenticate(opened.store, actor.user, password, device_id=opened.device_id)

    lock = IdleLock(window, user_label=actor.user, verify=verify)
    lock.logout_requested.connect(lambda: QApplication.exit(RELOGIN))
    return lock


def run_gui(args: argparse.Namespace) -> int:
    app = create_app()
    install_excepthook()
    try:
        opened = open_data_folder(AppPaths.choose(args.data_dir))
        if args.demo:
            from app.demo import seed_demo  # noqa: PLC0415

            seed_demo(opened)
        if not args.login and not _first_run_done(opened):
            return 0
    except AppError as exc:
        show_error(None, exc)
        return 2
    code = RELOGIN
    while code == RELOGIN:
        try:
            actor = _sign_in(opened, args)
        except AppError as exc:
            show_error(None, exc)
            return 2
        if actor is None:
            break
        code = _run_session(app, opened, actor, args)
        args.login = None  # a second sign-in is always interactive
    _wait_for_background_work()
    opened.store.dispose()
    return 0 if code in (RELOGIN, None) else code


def _wait_for_background_work() -> None:
    """Let running tasks finish before the store closes (they hold sessions of their own)."""
    from PySide6.QtCore import QThreadPool  # noqa: PLC0415

    from ui.tasks import db_pool  # noqa: PLC0415

    QThreadPool.globalInstance().waitForDone(10_000)
    db_pool().waitForDone(30_000)


def _run_session(app: QApplication, opened: Opened, actor: Actor, args: argparse.Namespace) -> int:
    ctx = UiContext(paths=opened.paths, prefs=opened.prefs, store=opened.store, actor=actor,
                    key=opened.key)
    window = build_main_window(ctx)
    lock = _start_idle_lock(window, opened, actor)
    if args.exit_after_paint:
        first_paint = _FirstPaint(window)
        window.installEventFilter(first_paint)
    window.show()

    def after_first_paint() -> None:
        """What the clerk does not need to see the window: warnings, sync, fonts."""
        from ui.sync.status import SyncStatusController  # noqa: PLC0415

        _wire_officer_warnings(window, ctx)
        window.sync_status = SyncStatusController(window, ctx,
                                                  sync_on_start=not args.exit_after_paint)
        _warm_up_fonts(window)

    QTimer.singleShot(0, after_first_paint)
    code = app.exec()
    if hasattr(window, "sync_status"):
        from ui.sync.status import runner_for  # noqa: PLC0415

        runner_for(ctx).cancel()
    lock.setParent(None)
    window.close()
    window.deleteLater()
    return code
