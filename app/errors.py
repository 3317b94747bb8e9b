"""Errors a person can understand and act on; str(exc) is shown to the clerk as-is (Chinese)."""

from __future__ import annotations

import enum


class AppError(Exception):
    """A problem the user can understand and act on; the message is written for the clerk."""


class NotFound(AppError):
    """The thing asked for does not exist (or no longer exists)."""


class Invalid(AppError):
    """Input or a requested action breaks a rule; the message says which and why."""


class Forbidden(AppError):
    """The current user's role does not allow this action."""


class Conflict(AppError):
    """Someone else changed the same thing; nothing was overwritten."""


class Cancelled(AppError):
    """The user cancelled a long task. The UI stays silent about it."""


class StoreError(AppError):
    """The local database cannot be opened or written (locked, full disk, corrupt, too new)."""


class SyncFailure(enum.Enum):
    AUTH = "auth"
    NETWORK = "network"
    CONFLICT = "conflict"
    SERVER = "server"
    CLOCK = "clock"
    VERSION = "version"


class SyncFailed(AppError):
    def __init__(self, message: str, *, kind: SyncFailure) -> None:
        super().__init__(message)
        self.kind = kind
