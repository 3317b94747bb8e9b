"""Server-only error kinds, beside app.errors; each maps to one HTTP status in app.server.main."""

from __future__ import annotations

from app.errors import AppError, Forbidden, Invalid


class Unauthorized(AppError):
    """No credential, a bad one, or an expired token: the client should get a new token."""


class DeviceRevoked(Forbidden):
    """The county revoked this PC; it must be enrolled again."""


class ClientTooOld(Forbidden):
    """The client is older than the server's minimum version."""


class TooLarge(Invalid):
    """A body beyond the protocol limits."""


class AuditRewritten(AppError):
    """The device's audit chain no longer contains the head it reported before."""
