"""Reference data from the county (roster, certificates, power list, benchmarks, templates, seal
specs, holiday calendar): each owning module registers one applier per kind.

    from app.sync.reference import register
    register("holidays", apply_holidays)      # apply_holidays(session, payload, version)

The applier runs inside the pull's transaction (origin "sync"), so the data and the remembered
version commit together. A kind nobody registered is not remembered, so it comes again once an
applier exists; an applier that raises rolls the whole page back and the pull fails visibly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

Applier = Callable[[Session, Any, int], None]

_appliers: dict[str, Applier] = {}


def register(kind: str, applier: Applier) -> None:
    """Kinds are checked against the protocol's list in tests (test_reference_data), not here:
    registering happens at start-up, which should not import pydantic."""
    _appliers[kind] = applier


def unregister(kind: str) -> None:
    _appliers.pop(kind, None)


def registered() -> tuple[str, ...]:
    return tuple(sorted(_appliers))


def apply(session: Session, publication: Any) -> bool:  # app.sync.protocol.ReferencePublication
    """True when an applier took the publication (its version may then be remembered)."""
    applier = _appliers.get(publication.kind)
    if applier is None:
        log.info("reference %s v%d: no applier registered yet", publication.kind, publication.version)
        return False
    applier(session, publication.payload, publication.version)
    log.info("reference %s v%d applied", publication.kind, publication.version)
    return True
