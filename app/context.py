"""Who is acting: every write carries an Actor, which the journal stamps on rows and audit."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    user: str                     # login name or display name of the person acting
    squad_id: str                 # tenant: every synced row belongs to one squad
    device_id: str                # this PC (enrolled device id, or a local id before enrollment)
    roles: frozenset[str] = field(default_factory=frozenset)

    def has_role(self, role: str) -> bool:
        return role in self.roles


SYSTEM_USER = "system"
