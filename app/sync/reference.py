"""Reference data from the county (roster, certificates, power list, benchmarks, templates, seal
specs, holiday calendar): each owning module registers one applier per kind.

    from app.sync.reference import register
    register("holidays", apply_holidays)      # apply_holidays(session, payload, version)

The applier runs inside the pull's transaction (origin "sync"), so the data and the remembered
version commit together. A kind nobody registered is not remembered, so it comes again once an
applier exists. An applier that raises (bad data from the county) stops nothing: app.sync.pull
runs it in a SAVEPOINT, parks the publication verbatim with `failure_reason` and retries it on
every later pull, as it does a county row change it cannot write.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.errors import AppError

log = logging.getLogger(__name__)

Applier = Callable[[Session, Any, int], None]

_appliers: dict[str, Applier] = {}

# The county administrator's words for each kind (app.sync.protocol.REFERENCE_KINDS).
KIND_NAMES = {
    "roster": "执法人员名册",
    "certificates": "执法证件信息",
    "power_list": "权力清单",
    "benchmarks": "行政处罚裁量基准",
    "templates": "文书模板",
    "seal_spec": "印章规格",
    "holidays": "节假日安排",
}
# sync_parked.entity of a parked publication; entity_id is its version.
PARKED_PREFIX = "publication:"
MAX_LINES = 5
FAILED = "县局下发的{name}（第 {version} 版）未能导入：{why}。{after}"
AFTER = "请县局改正后重新下发；本机每次同步也会自动重试。"


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


def parked_entity(kind: str) -> str:
    return PARKED_PREFIX + kind


def parked_kind(entity: str) -> str | None:
    """The kind of a parked publication's `sync_parked.entity`, None for a parked row change."""
    return entity[len(PARKED_PREFIX):] if entity.startswith(PARKED_PREFIX) else None


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind)


def failure_reason(kind: str, version: int, exc: BaseException) -> str:
    """One paragraph the county administrator can act on: which publication, and the applier's
    own Chinese words (a roster's first rows in error), never a traceback."""
    from sqlalchemy.exc import IntegrityError  # noqa: PLC0415

    report = getattr(exc, "report", None)
    lines = report.lines() if report is not None and hasattr(report, "lines") else []
    if lines:
        why = "；".join(lines[:MAX_LINES])
        if len(lines) > MAX_LINES:
            why += f"；另有 {len(lines) - MAX_LINES} 处错误"
    elif isinstance(exc, AppError) and str(exc).strip():
        why = "；".join(part.strip() for part in str(exc).splitlines() if part.strip())
    elif isinstance(exc, IntegrityError):
        why = "其中有记录与本机已有的记录重复或关联不完整，本机数据库拒绝写入"
    else:
        why = "内容本机无法识别（可能县局的软件版本较新，或数据有误）"
    why = why.rstrip("。；")
    return FAILED.format(name=kind_name(kind), version=version, why=why, after=AFTER)
