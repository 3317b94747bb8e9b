"""Builders for officer tests: county data written the way sync writes it (origin="sync")."""

from __future__ import annotations

from datetime import date
from itertools import count

from app.db.models.officers import KIND_AUXILIARY, KIND_OFFICER
from app.domain.identifiers import resident_id_check_char
from app.officers import registry

_seq = count(100)


def make_id_number(birth: str = "19850312") -> str:
    first17 = f"510184{birth}{next(_seq) % 1000:03d}"
    return first17 + resident_id_check_char(first17)


class County:
    """Writes roster data in one sync-origin transaction per call."""

    def __init__(self, store, actor) -> None:
        self.store = store
        self.actor = actor

    def officer(self, name: str, *, kind: str = KIND_OFFICER, number: str | None = "",
                fields=("城市管理",), issued_on=date(2022, 1, 1), valid_until=date(2027, 12, 31),
                **values) -> str:
        with self.store.write(self.actor, "sync.test", origin="sync") as s:
            officer = registry.upsert_officer(s, id_number=make_id_number(), name=name,
                                              kind=kind, unit="崇州市综合行政执法局", **values)
            s.flush()
            if kind == KIND_OFFICER and number is not None:
                registry.add_certificate(
                    s, officer, number=number or f"5101{next(_seq):06d}", fields=list(fields),
                    issued_on=issued_on, valid_until=valid_until)
            return officer.id

    def auxiliary(self, name: str) -> str:
        return self.officer(name, kind=KIND_AUXILIARY)

    def status(self, officer_id: str, status: str, *, on: date, **kw) -> None:
        from app.db.models.officers import Officer

        with self.store.write(self.actor, "sync.test", origin="sync") as s:
            cert = s.get(Officer, officer_id).certificates[-1]
            registry.record_status(s, cert, status, effective_on=on, reason="测试", **kw)

    def lost(self, officer_id: str, *, new_number: str, on: date) -> None:
        from app.db.models.officers import Officer

        with self.store.write(self.actor, "sync.test", origin="sync") as s:
            cert = s.get(Officer, officer_id).certificates[-1]
            registry.report_lost(s, cert, new_number=new_number, effective_on=on)
