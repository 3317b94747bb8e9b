"""The pages of the main window, in navigation order. Each is built lazily on first visit."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.context import UiContext
from ui.main_window import PageSpec

# key, title, module, class — each area owns its page module.
PAGES = [
    ("cases", QT_TRANSLATE_NOOP("Pages", "案件"), "ui.cases.page", "CasesPage"),
    ("documents", QT_TRANSLATE_NOOP("Pages", "文书"), "ui.documents.page", "DocumentsPage"),
    ("officers", QT_TRANSLATE_NOOP("Pages", "执法人员"), "ui.officers.page", "OfficersPage"),
    ("sync", QT_TRANSLATE_NOOP("Pages", "同步"), "ui.sync.page", "SyncPage"),
    ("settings", QT_TRANSLATE_NOOP("Pages", "设置"), "ui.settings_page", "SettingsPage"),
]


def build_pages(ctx: UiContext) -> list[PageSpec]:
    def factory(module: str, cls: str):  # noqa: ANN202
        def build() -> QWidget:
            return getattr(importlib.import_module(module), cls)(ctx)
        return build

    return [PageSpec(key, QCoreApplication.translate("Pages", title), factory(module, cls))
            for key, title, module, cls in PAGES]
