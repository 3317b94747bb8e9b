"""Field-level merge of one pushed operation onto the county's copy of the record. Pure: no
database, so the rules can be read and tested on their own.

The rule: a field the client changed is applied when the server's value is still the value the
client started from (`base`), or already equals the client's new value. Otherwise both sides
changed it differently: it is a conflict, the server keeps its value and the person decides.
Values are compared, not revision numbers, so revisions that drifted apart after an earlier merge
can never make an edit overwrite another silently.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from app.sync import protocol

_MISSING = object()

# The row contract columns the server sets itself; ignored when a client sends them.
SERVER_OWNED_FIELDS = frozenset({"revision", "updated_at", "updated_by"})
# Rows that only ever come down from the county (client models with `__push__ = False`), and
# local accounts, which never leave the PC. A push of any of these is refused.
DOWN_ONLY_ENTITIES = frozenset({
    "squads", "users", "officers", "certificates", "certificate_status_events",
    "certificate_reviews", "training_records", "benchmark_versions", "violation_items",
    "power_items", "templates", "seal_specs", "holidays",
})


def _is_issued_document(data: dict[str, Any]) -> bool:
    # app.db.models.documents.Document: state draft/approved/issued, issued_at set on issue.
    return bool(data.get("issued_at")) or data.get("state") == "issued" or data.get("status") == "issued"


# Entity → "is this row frozen?" An issued document never changes; a correction is a new one.
IMMUTABLE_WHEN: dict[str, Callable[[dict[str, Any]], bool]] = {
    "documents": _is_issued_document,
}


@dataclass
class Verdict:
    status: str                                   # applied | conflict | rejected
    reason: str = ""
    data: dict[str, Any] | None = None            # new server row data when something applied
    deleted: bool = False
    changed: dict[str, Any] = field(default_factory=dict)
    merged_fields: list[str] = field(default_factory=list)
    conflicts: list[protocol.FieldConflict] = field(default_factory=list)


def _rejected(reason: str) -> Verdict:
    return Verdict(status="rejected", reason=reason)


# A NUL in canonical JSON is the escape \u0000 not itself escaped (an even run of backslashes).
_NUL_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")


def canonical_op(op: protocol.Operation) -> str | None:
    """The op as canonical JSON (hashed to recognise a retried op), or None when PostgreSQL
    could not store it: text and JSONB hold neither NUL characters nor NaN/Infinity. Such an op
    is refused on its own instead of failing the whole batch at the database."""
    try:
        # Python-mode dump keeps NaN as NaN (JSON mode would turn it into null and hide it).
        body = {**op.model_dump(exclude={"created_at"}), "created_at": op.created_at.isoformat()}
        text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                          allow_nan=False)
    except ValueError:
        return None
    if "\\u0000" in text and _NUL_ESCAPE.search(text):   # the cheap test first: almost never true
        return None
    return text


def judge(
    op: protocol.Operation,
    *,
    squad_id: str,
    current: dict[str, Any] | None,
    current_squad: str | None,
    current_revision: int,
    current_deleted: bool,
    storable: bool = True,
) -> Verdict:
    """Decide what `op` does to the record whose server state is `current` (None: not there).
    `storable` is False when canonical_op() found values the database cannot hold."""
    if not storable:
        return _rejected("记录中含有县局数据库无法保存的字符或数值（如空字符），请修改后重新保存。")
    if op.entity in DOWN_ONLY_ENTITIES:
        return _rejected("此类数据由县局统一下发，乡镇不能修改。")
    fields = {k: v for k, v in op.fields.items() if k not in SERVER_OWNED_FIELDS}
    if fields.get("squad_id", squad_id) != squad_id or (
        current_squad is not None and current_squad != squad_id
    ):
        return _rejected("该记录不属于本中队，县局拒绝接收。")
    if fields.get("id", op.entity_id) != op.entity_id:
        return _rejected("记录编号与操作不一致，县局拒绝接收。")
    if op.op == "delete":
        fields["deleted"] = True

    if current is None:
        if op.op != "insert":
            return _rejected("县局没有这条记录（可能是新建它的操作未能上传），无法修改。")
        data = {**fields, "id": op.entity_id, "squad_id": squad_id}
        data.setdefault("deleted", False)
        return Verdict(status="applied", data=data, deleted=bool(data["deleted"]), changed=data)

    frozen = IMMUTABLE_WHEN.get(op.entity)
    if frozen is not None and frozen(current):
        return _rejected("文书已签发，不能再修改或删除；如需更正，请制作新的文书。")

    base = op.base if op.op != "insert" else {}
    changed: dict[str, Any] = {}
    merged: list[str] = []
    conflicts: list[protocol.FieldConflict] = []
    for name, mine in fields.items():
        theirs = current.get(name, _MISSING)
        if theirs is not _MISSING and theirs == mine:
            continue
        if name in base:
            untouched = (theirs is _MISSING and base[name] is None) or theirs == base[name]
        else:
            untouched = op.op != "insert" and op.base_revision == current_revision
        if untouched:
            changed[name] = mine
            if op.base_revision != current_revision:
                merged.append(name)
        else:
            conflicts.append(protocol.FieldConflict(
                field=name, base=base.get(name), mine=mine,
                theirs=None if theirs is _MISSING else theirs,
            ))
    if current_deleted and "deleted" not in fields:
        # Editing a record someone else deleted: say so rather than edit a tombstone quietly.
        conflicts.append(protocol.FieldConflict(field="deleted", base=False, mine=False, theirs=True))

    data = {**current, **changed} if changed else None
    deleted = bool((data or current).get("deleted", current_deleted))
    if conflicts:
        return Verdict(
            status="conflict",
            reason="此记录在其他电脑上也被修改，部分内容需要人工确认。",
            data=data, deleted=deleted, changed=changed, merged_fields=merged, conflicts=conflicts,
        )
    return Verdict(status="applied", data=data, deleted=deleted, changed=changed, merged_fields=merged)
