"""Fixtures for the cases UI tests: three officers on the roster and the cases page on them."""

from __future__ import annotations

import pytest

from app.db.models.officers import Officer
from tests.ui.cases.walk import make_page


@pytest.fixture
def officers(store, actor) -> list[str]:
    with store.write(actor, "test.officers") as s:
        rows = [Officer(name="李明", id_number="110105194912310021"),
                Officer(name="王强", id_number="11010519491231002X"),
                Officer(name="赵主持", id_number="110105194912310013")]
        s.add_all(rows)
        s.flush()
        return [o.id for o in rows]


@pytest.fixture
def page(qtbot, store, actor, tmp_path, officers):
    return make_page(qtbot, store, actor, tmp_path)
