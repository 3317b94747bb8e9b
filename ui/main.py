"""The one place that wires paths, the store, the signed-in user and the windows together."""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtWidgets import QApplication

from app.bootstrap import open_data_folder
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
    window = MainWindow(build_pages(ctx), squad_name=ctx.prefs.squad_name, user_label=ctx.actor.user)
    return window


def run_gui(args: argparse.Namespace) -> int:
    app = create_app()
    install_excepthook()
    try:
        opened = open_data_folder(AppPaths.choose(args.data_dir))
        if args.demo:
            from app.demo import seed_demo  # noqa: PLC0415

            seed_demo(opened)
    except AppError as exc:
        show_error(None, exc)
        return 2
    actor = opened.system_actor("内勤", roles=frozenset({"clerk", "leader", "reviewer", "admin"}))
    ctx = UiContext(paths=opened.paths, prefs=opened.prefs, store=opened.store, actor=actor)
    window = build_main_window(ctx)
    window.show()
    code = app.exec()
    opened.store.dispose()
    return code
