"""Case search: substring search of 1, 2, 3 and more characters, filters, keyset paging."""

from __future__ import annotations

import random
import shutil
from datetime import date

import pytest
from sqlalchemy import text

import app.cases.search as search
from app.cases.bench_data import make_bulk_cases
from app.cases.search import CaseQuery, count_cases, deadline_counts, search_cases
from app.db.models.cases import Case, CaseParty, Party
from app.db.store import Store

TODAY = date(2026, 11, 28)


def _add_case(store, actor, *, number, party, facts="", stage="investigating", address="",
              officers=(), violation=("CG-001", "未经批准擅自占道经营"), registered=TODAY):
    with store.write(actor, "test.add_case") as s:
        case = Case(case_number=number, lead_number="", stage=stage, facts=facts,
                    violation_code=violation[0], violation_name=violation[1],
                    officer_ids=list(officers), registered_on=registered)
        s.add(case)
        s.flush()
        p = Party(kind="person", name=party, address=address)
        s.add(p)
        s.flush()
        s.add(CaseParty(case_id=case.id, party_id=p.id))
        return case.id, p.id


def _ids(store, q, **kw):
    with store.read() as s:
        return [r.case_id for r in search_cases(s, CaseQuery(text=q, **kw), today=TODAY)]


@pytest.fixture
def three(store, actor):
    a = _add_case(store, actor, number="崇综执罚〔2026〕12号", party="王伟",
                  facts="在蜀州路占用道路摆摊经营", address="崇州市蜀州路18号")
    b = _add_case(store, actor, number="崇综执罚〔2026〕120号", party="王伟明",
                  facts="擅自设置户外广告设施", address="崇州市永康东路3号", stage="closed")
    c = _add_case(store, actor, number="AY2026-007", party="崇州市鑫源餐饮有限公司",
                  facts="施工未采取防尘措施造成扬尘污染", address="怀远镇正街", stage="lead")
    return a[0], b[0], c[0]


def test_two_character_name_is_found(store, three):
    a, b, _c = three
    assert set(_ids(store, "王伟")) == {a, b}


def test_one_character_query_finds_every_case_containing_it(store, three):
    a, b, c = three
    assert set(_ids(store, "王")) == {a, b}
    assert set(_ids(store, "鑫")) == {c}
    assert set(_ids(store, "路")) == {a, b}


def test_three_and_six_character_queries(store, three):
    a, b, c = three
    assert _ids(store, "王伟明") == [b]
    assert _ids(store, "扬尘污染") == [c]
    assert _ids(store, "占用道路摆摊") == [a]
    assert _ids(store, "崇州市鑫源") == [c]


def test_case_numbers_with_brackets_latin_and_digits(store, three):
    a, b, c = three
    assert _ids(store, "〔2026〕12号") == [a]
    assert set(_ids(store, "〔2026〕12")) == {a, b}
    assert _ids(store, "ay2026") == [c]        # Latin letters match regardless of case
    assert _ids(store, "AY2026-007") == [c]
    assert set(_ids(store, "12")) == {a, b}


def test_nothing_found_is_empty_not_an_error(store, three):
    assert _ids(store, "张三丰") == []
    assert _ids(store, "丰") == []
    assert _ids(store, '"%_\\') == []


def test_renaming_a_party_updates_the_index(store, actor, three):
    a, _b, _c = three
    with store.read() as s:
        party_id = s.execute(text(
            "SELECT party_id FROM case_parties WHERE case_id = :c"), {"c": a}).scalar_one()
    with store.write(actor, "test.rename") as s:
        s.get(Party, party_id).name = "赵敏"
    assert _ids(store, "赵敏") == [a]
    assert a not in _ids(store, "王伟")


def test_removed_party_link_is_no_longer_found(store, actor, three):
    a, _b, _c = three
    with store.write(actor, "test.unlink") as s:
        link = s.query(CaseParty).filter_by(case_id=a).one()
        link.deleted = True
    assert a not in _ids(store, "王伟")


def test_filters_by_stage_officer_violation_and_deadline(store, actor):
    o1, o2 = "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-0000000000a2"
    x, _ = _add_case(store, actor, number="X1", party="甲", officers=(o1, o2))
    y, _ = _add_case(store, actor, number="X2", party="乙", officers=(o2,), stage="closed",
                     violation=("CG-005", "露天焚烧垃圾"))
    z, _ = _add_case(store, actor, number="X3", party="丙", officers=(o1,))
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE case_search_fts_doc SET next_due='2026-11-20', warn_on='2026-11-15' "
                          "WHERE case_id = :c"), {"c": x})
        conn.execute(text("UPDATE case_search_fts_doc SET next_due='2026-12-01', warn_on='2026-11-26' "
                          "WHERE case_id = :c"), {"c": z})
    assert set(_ids(store, "", stages=("closed",))) == {y}
    assert set(_ids(store, "", officer_id=o1)) == {x, z}
    assert set(_ids(store, "", officer_id=o2)) == {x, y}
    assert set(_ids(store, "", violation_code="CG-005")) == {y}
    assert _ids(store, "", deadline="overdue") == [x]
    assert _ids(store, "", deadline="due_soon") == [z]
    with store.read() as s:
        counts = deadline_counts(s, today=TODAY)
        assert (counts.overdue, counts.due_soon) == (1, 1)
        rows = search_cases(s, CaseQuery(), today=TODAY, sort="number", descending=False)
        assert [r.severity for r in rows] == ["overdue", "", "due_soon"]


@pytest.fixture(scope="module")
def bulk(migrated_template, tmp_path_factory):
    """3,000 generated cases, shared by the read-only tests below."""
    path = tmp_path_factory.mktemp("bulk") / "squaddesk.db"
    shutil.copy2(migrated_template, path)
    store = Store.open(path)
    make_bulk_cases(store, 3000, today=TODAY)
    yield store
    store.dispose()


def natural(number: str) -> tuple[str, int, str]:
    """案号 order: prefix and 〔year〕, then the serial as a number (same length → same digits)."""
    return number[:number.find("〕") + 1], len(number), number


@pytest.mark.parametrize("sort", ["registered_on", "number", "party_names", "next_due", "stage"])
@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("q", ["路", ""])
def test_keyset_pages_walk_the_whole_sorted_list_once(bulk, sort, descending, q):
    query = CaseQuery(text=q)
    with bulk.read() as s:
        everything = search_cases(s, query, today=TODAY, sort=sort, descending=descending,
                                  limit=10_000)
        walked, after = [], None
        while True:
            page = search_cases(s, query, today=TODAY, sort=sort, descending=descending,
                                after=after, limit=97)
            if not page:
                break
            walked.extend(page)
            after = (page[-1].sort_value(sort), page[-1].key)
        assert count_cases(s, query, today=TODAY) == len(everything)
    assert [r.key for r in walked] == [r.key for r in everything]
    values = [r.sort_value(sort) for r in walked]
    key = natural if sort == "number" else None
    assert values == sorted(values, key=key, reverse=descending)


@pytest.mark.parametrize(("index_limit", "ceiling"), [(0, 0), (3000, 30000), (10**9, 10**9), (40, 10**9)])
def test_every_substring_of_a_case_finds_that_case(bulk, monkeypatch, index_limit, ceiling):
    """Whichever plan runs (LIKE scan, trigram MATCH, vocabulary, probed hit list), a match
    always comes back."""
    monkeypatch.setattr(search, "INDEX_LIMIT", index_limit)
    monkeypatch.setattr(search, "PROBE_CEILING", ceiling)
    rng = random.Random(7)
    with bulk.read() as s:
        docs = s.execute(text("SELECT case_id, number, party_names, doc FROM case_search_fts_doc "
                              "ORDER BY random() LIMIT 10")).all()
        for case_id, number, parties, doc in docs:
            for source in (number, parties.split("、")[0], doc.split("\x1f")[-3]):
                if not source:
                    continue
                for size in (1, 2, 3, 6):
                    if len(source) < size:
                        continue
                    start = rng.randrange(len(source) - size + 1)
                    q = source[start:start + size]
                    found = search_cases(s, CaseQuery(text=q), today=TODAY, limit=10**6)
                    assert case_id in {r.case_id for r in found}, (q, search.plan_text(s, q))


def test_wang_wei_is_found_at_any_size(bulk):
    with bulk.read() as s:
        rows = search_cases(s, CaseQuery(text="王伟"), today=TODAY, limit=10_000)
        assert len(rows) >= 3000 // 997
        assert all("王伟" in r.party_names for r in rows[:4])
