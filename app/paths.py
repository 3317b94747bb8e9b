"""Where squaddesk keeps its files: one data folder holds the database, evidence, logs, backups."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DATA_ENV = "SQUADDESK_DATA"

# Templates, seal specs, sample reference data, fonts: beside the `app` package in the source tree
# and inside the PyInstaller bundle alike (the spec copies resources/ next to app/).
RESOURCES = Path(__file__).resolve().parents[1] / "resources"


@dataclass(frozen=True)
class AppPaths:
    root: Path

    @classmethod
    def in_folder(cls, root: str | os.PathLike[str]) -> "AppPaths":
        return cls(Path(root).expanduser().resolve())

    @classmethod
    def for_user(cls) -> "AppPaths":
        return cls.in_folder(platformdirs.user_data_dir("squaddesk", appauthor=False))

    @classmethod
    def choose(cls, data_dir: str | None) -> "AppPaths":
        """--data-dir first, then $SQUADDESK_DATA, then the platform's user data folder."""
        if data_dir:
            return cls.in_folder(data_dir)
        if os.environ.get(DATA_ENV):
            return cls.in_folder(os.environ[DATA_ENV])
        return cls.for_user()

    @property
    def database(self) -> Path:
        return self.root / "squaddesk.db"

    @property
    def evidence(self) -> Path:
        return self.root / "evidence"

    @property
    def documents(self) -> Path:
        return self.root / "documents"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    def ensure(self) -> "AppPaths":
        for folder in (self.root, self.evidence, self.documents, self.logs, self.backups):
            folder.mkdir(parents=True, exist_ok=True)
        return self
