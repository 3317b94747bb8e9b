"""Every mapped table, imported here so Alembic and the app see one complete metadata."""

from app.db.models.core import AuditEntry, Device, Meta, OutboxEntry, Squad  # noqa: F401
