"""The county's power list and discretion benchmarks as reference rows (`__push__ = False`), loaded
from the domain's validated JSON format (resources/reference/power_list_urban_sample.json)."""

from __future__ import annotations

import dataclasses
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models.cases import BenchmarkVersion, ViolationItemRef
from app.domain.benchmarks import Benchmark, load_benchmarks

_NAMESPACE = uuid.UUID("6f1c2a52-3c1e-4b0e-9d0a-5a7e0c3b9e11")


def benchmark_row_id(benchmark_id: str) -> str:
    """A stable row id for a county benchmark id, so reloading updates instead of duplicating."""
    return str(uuid.uuid5(_NAMESPACE, f"benchmark:{benchmark_id}"))


def _item_row_id(benchmark_id: str, code: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"item:{benchmark_id}:{code}"))


def _plain(value):  # noqa: ANN001, ANN202
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def store_benchmarks(session: Session, benchmarks: list[Benchmark]) -> int:
    """Insert or update benchmark versions and their items; returns the number of items stored.
    Call inside a local `store.write(actor, "reference.benchmarks")`: the rows are stamped and
    audited but never pushed (`__push__ = False`); rows the county sends arrive through sync."""
    count = 0
    for b in benchmarks:
        row_id = benchmark_row_id(b.id)
        version = session.get(BenchmarkVersion, row_id) or BenchmarkVersion(id=row_id)
        version.field, version.issuer, version.doc_no, version.title = b.field, b.issuer, b.doc_no, b.title
        version.valid_from, version.valid_to = b.valid_from, b.valid_to
        version.published_url = b.published_url
        version.supersedes = benchmark_row_id(b.supersedes) if b.supersedes else None
        session.add(version)
        session.flush()
        for item in b.items:
            item_id = _item_row_id(b.id, item.code)
            row = session.get(ViolationItemRef, item_id) or ViolationItemRef(id=item_id)
            yuan_unit = item.unit == "yuan"
            row.benchmark_id, row.code, row.name = row_id, item.code, item.name
            row.violated_basis, row.penalty_basis = item.violation_basis.text, item.penalty_basis.text
            row.party_kinds = list(item.party_kinds)
            row.legal_min_fen = item.legal_min if yuan_unit else None
            row.legal_max_fen = item.legal_max if yuan_unit else None
            row.other_penalties = list(item.other_penalties)
            row.tiers = _plain(list(item.tiers))
            row.source = {"benchmark_id": b.id, "item": _plain(item)}
            session.add(row)
            count += 1
    return count


def load_reference(session: Session, json_text: str) -> int:
    """Validate a benchmark file with the domain loader, then store it."""
    return store_benchmarks(session, load_benchmarks(json_text))


def benchmark_for_case(session: Session, code: str) -> list[tuple[str, str]]:
    """(row id, title) of the benchmark versions that contain `code`, newest first."""
    rows = session.execute(
        select(BenchmarkVersion.id, BenchmarkVersion.title)
        .join(ViolationItemRef, ViolationItemRef.benchmark_id == BenchmarkVersion.id)
        .where(ViolationItemRef.code == code, ViolationItemRef.deleted.is_(False))
        .order_by(BenchmarkVersion.valid_from.desc())
    ).all()
    return [(r[0], r[1]) for r in rows]
