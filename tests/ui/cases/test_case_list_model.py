"""The case list model: pages in SQL as the view scrolls, sorts in SQL, colours deadlines."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from app.cases.bench_data import make_bulk_cases
from app.cases.search import PAGE_SIZE, CaseQuery
from app.db.store import Store
from ui.cases.case_table_model import DUE_COLUMN, CaseTableModel, store_fetcher

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def bulk_10k(migrated_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("list10k") / "squaddesk.db"
    shutil.copy2(migrated_template, path)
    store = Store.open(path)
    make_bulk_cases(store, 10_000, today=TODAY)
    yield store
    store.dispose()


@pytest.fixture
def view(qtbot, bulk_10k):
    model = CaseTableModel(store_fetcher(bulk_10k, lambda: TODAY))
    table = QTableView()
    table.setModel(model)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(24)
    table.resize(900, 600)
    qtbot.addWidget(table)
    table.show()
    model.set_query(CaseQuery())
    return table, model


def test_opening_reads_one_page_and_scrolling_reads_the_rest(qtbot, view):
    table, model = view
    assert model.rowCount() == PAGE_SIZE
    bar = table.verticalScrollBar()
    pages = 0
    while model.canFetchMore():
        bar.setValue(bar.maximum())      # the clerk drags to the bottom; Qt asks for more
        qtbot.waitUntil(lambda: bar.value() == bar.maximum())
        table.viewport().repaint()
        pages += 1
        assert pages < 300
    assert model.rowCount() == 10_000
    keys = [model.row_at(i).key for i in range(model.rowCount())]
    assert len(set(keys)) == 10_000
    dates = [model.row_at(i).registered_on for i in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True)
    assert model.data(model.index(9_999, 0)) == model.row_at(9_999).number


def test_clicking_a_header_sorts_in_sql(qtbot, view):
    table, model = view
    table.setSortingEnabled(True)
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    names = [model.row_at(i).party_names for i in range(model.rowCount())]
    assert names == sorted(names) and model.sort_column == "party_names"
    table.sortByColumn(DUE_COLUMN, Qt.SortOrder.AscendingOrder)
    first = model.row_at(0)
    assert first.severity == "overdue"
    assert model.data(model.index(0, DUE_COLUMN), Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert "已超期" in model.data(model.index(0, DUE_COLUMN))


def test_a_search_shows_only_matching_cases(qtbot, view):
    _table, model = view
    model.set_query(CaseQuery(text="王伟"))
    assert model.rowCount() >= 10
    assert all("王伟" in model.row_at(i).party_names for i in range(model.rowCount()))


def test_clicking_the_case_number_header_sorts_serials_as_numbers(qtbot, view):
    table, model = view
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert model.sort_column == "number"
    while model.canFetchMore() and model.rowCount() < 3000:
        model.fetchMore()                  # pages continue in the same order
    shown = [model.row_at(i).number for i in range(model.rowCount())]
    filed = [n for n in shown if n.startswith("崇综执罚〔2024〕")]
    serials = [int(n[n.index("〕") + 1:-1]) for n in filed]
    assert serials == sorted(serials)              # 9号 before 10号 before 100号
    assert serials[0] < 10 and serials[-1] >= 100
    assert shown.index(filed[0]) < shown.index(filed[-1])
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    top = [model.row_at(i).number for i in range(5)]
    assert top[0].startswith("崇综执罚〔2026〕")
    assert [int(n[n.index("〕") + 1:-1]) for n in top] == sorted(
        (int(n[n.index("〕") + 1:-1]) for n in top), reverse=True)
    assert model.data(model.index(0, 0)) == top[0]
