"""The pages of the main window, in navigation order. Each is built lazily on first visit."""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QWidget

from ui.context import UiContext
from ui.main_window import PageSpec

# key, title, module, class — each area owns its page module.
PAGES = [
    ("cases", "案件", "ui.cases.page", "CasesPage"),
    ("documents", "文书", "ui.documents.page", "DocumentsPage"),
    ("officers", "执法人员", "ui.officers.page", "OfficersPage"),
    ("sync", "同步", "ui.sync.page", "SyncPage"),
    ("settings", "设置", "ui.settings_page", "SettingsPage"),
]


def build_pages(ctx: UiContext) -> list[PageSpec]:
    def factory(module: str, cls: str):  # noqa: ANN202
        def build() -> QWidget:
            return getattr(importlib.import_module(module), cls)(ctx)
        return build

    return [PageSpec(key, title, factory(module, cls)) for key, title, module, cls in PAGES]
