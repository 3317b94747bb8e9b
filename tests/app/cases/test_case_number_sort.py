"""Sorting the case list by 案号: by prefix, year, then the serial as a number — 〔2026〕9号 before
〔2026〕10号 before 〔2026〕100号 — in both directions, filtered or not, page by page."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import literal_column, select

from app.cases.search import CaseQuery, search_cases
from app.db.models.case_search import number_key_sql
from app.db.models.cases import Case

TODAY = date(2026, 11, 28)
# The order the clerk expects: unfiled cases (案源编号) first, then by prefix, year, serial.
EXPECTED = [
    "2026-0003",                  # a lead: numbered from the 案源 register, not yet filed
    "崇综执立字〔2026〕2号",
    "怀综执罚〔2025〕9号", "怀综执罚〔2025〕10号", "怀综执罚〔2025〕100号",
    "怀综执罚〔2026〕9号", "怀综执罚〔2026〕10号", "怀综执罚〔2026〕100号",
]
SHUFFLED = [EXPECTED[i] for i in (6, 3, 0, 7, 2, 5, 1, 4)]


def add_case(store, actor, number: str, *, stage: str = "investigating", deleted: bool = False):
    lead = number if "〔" not in number else ""
    with store.write(actor, "test.add_case") as s:
        case = Case(case_number=None if lead else number, lead_number=lead,
                    stage="lead" if lead else stage, registered_on=TODAY, officer_ids=[])
        s.add(case)
        s.flush()
        if deleted:
            case.deleted = True
        return case.id


@pytest.fixture
def numbered(store, actor):
    for number in SHUFFLED:
        add_case(store, actor, number)
    return store


def numbers(store, **kw) -> list[str]:
    query = kw.pop("query", CaseQuery())
    with store.read() as s:
        return [r.number for r in search_cases(s, query, today=TODAY, sort="number", **kw)]


def walk(store, *, query=CaseQuery(), descending: bool, size: int) -> list[str]:
    """Every page of `size` rows, each from the previous page's last row (as the list does)."""
    out, after = [], None
    with store.read() as s:
        while True:
            page = search_cases(s, query, today=TODAY, sort="number", descending=descending,
                                after=after, limit=size)
            if not page:
                return out
            out.extend(r.number for r in page)
            after = (page[-1].sort_value("number"), page[-1].key)


def test_serials_sort_as_numbers_within_prefix_and_year(numbered):
    assert numbers(numbered, descending=False) == EXPECTED
    assert numbers(numbered, descending=True) == EXPECTED[::-1]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("size", [1, 2, 3, 100])
def test_pages_continue_in_the_same_order(numbered, descending, size):
    want = EXPECTED[::-1] if descending else EXPECTED
    assert walk(numbered, descending=descending, size=size) == want


@pytest.mark.parametrize("descending", [False, True])
def test_a_filtered_list_sorts_the_same_way(numbered, descending):
    filed = CaseQuery(stages=("investigating",))
    want = [n for n in EXPECTED if "〔" in n]
    want = want[::-1] if descending else want
    assert numbers(numbered, query=filed, descending=descending) == want
    assert walk(numbered, query=filed, descending=descending, size=2) == want
    assert numbers(numbered, query=CaseQuery(text="〔2026〕"), descending=descending) == [
        n for n in want if "2026〕" in n]


def test_deleted_cases_are_skipped_even_when_a_whole_batch_is_deleted(store, actor):
    """40 deleted cases ahead of the first live one must not end a page early."""
    for serial in range(1, 41):
        add_case(store, actor, f"怀综执罚〔2026〕{serial}号", deleted=True)
    add_case(store, actor, "怀综执罚〔2026〕41号")
    add_case(store, actor, "怀综执罚〔2026〕100号")
    assert numbers(store, descending=False, limit=1) == ["怀综执罚〔2026〕41号"]
    assert walk(store, descending=False, size=1) == ["怀综执罚〔2026〕41号", "怀综执罚〔2026〕100号"]
    everything = numbers(store, query=CaseQuery(include_deleted=True), descending=False, limit=50)
    assert len(everything) == 42
    assert everything[:3] == ["怀综执罚〔2026〕1号", "怀综执罚〔2026〕2号", "怀综执罚〔2026〕3号"]


def test_sort_key_matches_sqlite_for_every_stored_number(numbered):
    """The key is plain SQL over the stored number; the same terms order the cursor."""
    with numbered.read() as s:
        key = s.execute(select(literal_column(number_key_sql("case_number")))
                        .select_from(Case)
                        .where(Case.case_number == "怀综执罚〔2025〕100号")).scalar_one()
    assert key == "怀综执罚〔2025〕\x01" + f"{len('怀综执罚〔2025〕100号'):06d}" + "怀综执罚〔2025〕100号"


def test_the_whole_list_sorted_by_number_walks_the_key_index(numbered):
    """Sorting by 案号 reads the (number_key, id) index like the other columns, first page and
    next pages alike, instead of sorting the table (110 ms a page at 100k cases)."""
    from sqlalchemy import text

    with numbered.read() as s:
        stored = s.execute(text("SELECT number, number_key FROM case_search_fts_doc")).all()
        assert stored and all(key == s.execute(text(f"SELECT {number_key_sql(':n')}"),
                                               {"n": number}).scalar_one()
                              for number, key in stored)
        for cursor in ("", f" AND (d.number_key, d.id) > ({number_key_sql(':v')}, :i)"):
            plan = " ".join(row[-1] for row in s.execute(text(
                "EXPLAIN QUERY PLAN SELECT d.id FROM case_search_fts_doc d WHERE d.deleted = 0"
                f"{cursor} ORDER BY d.number_key DESC, d.id DESC LIMIT 100"), {"v": "x", "i": 1}))
            assert "ix_case_search_fts_doc_number_key_id" in plan and "TEMP B-TREE" not in plan
