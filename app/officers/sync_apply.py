"""The roster as sync brings it: the county's "roster" publication applied through the same
all-or-nothing import as a file, so data from the server passes the same checks.

`register_appliers(prefs)` hands the applier to app.sync.reference; whoever opens the app calls
it once (it needs the deployment's certificate-number pattern). A publication with any bad row
raises `RosterInvalid`: the pull rolls back that publication's savepoint (nothing from it is
applied), parks it with the reason for the county and goes on (app.sync.pull).

A "roster" publication is the squad's whole roster (the county server publishes each squad's full
list, and refuses one that shrinks by half), so officers it no longer lists are marked as gone.
Other kinds that travel as roster rows ("certificates") are partial: they mark nobody.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.clock import china_today
from app.errors import Invalid
from app.officers.roster_file import table_from_rows
from app.officers.roster_import import RosterReport, import_table


def rows_from_payload(payload: Any) -> list[list[object]]:
    """{"officers": [{column: value}, …]} (Chinese headers or the English keys of
    roster_file.COLUMNS) → header row + data rows, in the order keys first appear."""
    officers = payload.get("officers") if isinstance(payload, dict) else None
    if not isinstance(officers, list) or not all(isinstance(o, dict) for o in officers):
        raise Invalid("县局下发的执法人员名册格式不正确（缺少 officers 列表）")
    header: list[str] = []
    for officer in officers:
        for key in officer:
            if key not in header:
                header.append(key)
    rows: list[list[object]] = [list(header)]
    for officer in officers:
        rows.append([_cell(officer.get(key)) for key in header])
    return rows


def _cell(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return value


def apply_roster(session: Session, payload: Any, *, pattern: str,
                 today: date | None = None, complete: bool = True) -> RosterReport:
    """Apply a roster publication in the caller's (sync-origin) transaction, all or nothing.
    `complete`: the payload is the squad's whole roster (see the module docstring)."""
    table = table_from_rows(rows_from_payload(payload))
    return import_table(session, table, pattern=pattern, today=today or china_today(),
                        complete=complete)


def roster_applier(prefs, *, complete: bool = False) -> Callable[[Session, Any, int], None]:  # noqa: ANN001 - Preferences
    """Partial unless told otherwise: a kind that only carries some officers' rows (certificates)
    must never mark the others as gone."""
    def apply(session: Session, payload: Any, version: int) -> None:  # noqa: ARG001
        apply_roster(session, payload, pattern=prefs.certificate_pattern, complete=complete)

    return apply


def register_appliers(prefs) -> None:  # noqa: ANN001 - Preferences
    from app.sync.reference import register  # noqa: PLC0415

    register("roster", roster_applier(prefs, complete=True))
