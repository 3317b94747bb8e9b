"""Which local class holds a synced entity, and how its wire values (app.db.journal.plain) turn
back into column values. Models are found in the app's metadata; tests may register more."""

from __future__ import annotations

import base64
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, LargeBinary, Numeric, inspect
from sqlalchemy.orm import Mapper

from app.db.base import Base, Synced
from app.db.journal import CONTRACT_COLUMNS

_extra: dict[str, type] = {}


def register_entity(cls: type) -> None:
    """Make a Synced class outside app.db.models known to pull (tests, plug-ins)."""
    _extra[cls.__tablename__] = cls  # type: ignore[attr-defined]


def entity_class(entity: str) -> type | None:
    if entity in _extra:
        return _extra[entity]
    import app.db.models  # noqa: F401, PLC0415 - every model registered

    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, Synced) and getattr(cls, "__tablename__", None) == entity:
            return cls
    return None


def data_columns(cls: type) -> dict[str, Any]:
    """column key → Column, without the contract columns the journal owns."""
    mapper: Mapper = inspect(cls)
    return {attr.key: attr.columns[0] for attr in mapper.column_attrs
            if attr.key not in CONTRACT_COLUMNS}


def to_python(column: Any, value: Any) -> Any:
    """The column value for a wire value (inverse of app.db.journal.plain)."""
    if value is None:
        return None
    kind = column.type
    impl = getattr(kind, "impl", kind)
    impl = impl if not isinstance(impl, type) else impl()
    try:
        if isinstance(impl, DateTime) or isinstance(kind, DateTime):
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
            return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
        if isinstance(impl, Date):
            return value if isinstance(value, date) else date.fromisoformat(value)
        if isinstance(impl, Numeric) and not isinstance(value, Decimal):
            return Decimal(str(value))
        if isinstance(impl, LargeBinary) and isinstance(value, str):
            return base64.b64decode(value)
        if isinstance(impl, Boolean):
            return bool(value)
    except (TypeError, ValueError):
        return value
    return value


def same(column: Any, a: Any, b: Any) -> bool:
    """Equal as column values (so '…+08:00' and '…+00:00' of one instant compare equal)."""
    return to_python(column, a) == to_python(column, b)
