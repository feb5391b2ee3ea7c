"""The tracker table model and its filter proxy, driven as models (pytest-qt)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from msgdesk.tracker.rows import HistoryEntry, Link, TrackerRow
from msgdesk.ui.tracker.model import (
    COLUMN,
    NO_LEAD,
    OPEN,
    RAG_ROLE,
    ROW_ROLE,
    Filters,
    TrackerFilterProxy,
    TrackerTableModel,
)

TODAY = date(2020, 6, 1)


def make_row(action_id, *, proposal="1.1", kf=1, order=0, status="not_started", due=None, lead="", text="",
             timescale="", kind="unrecognised", update=None, carried_to=(), round_label="2019"):
    last = None
    if update:
        last = HistoryEntry(action_id, action_id, round_label, update[0], "", update[1], "progress", status,
                            None, None, None)
    return TrackerRow(
        action_id=action_id, round_id=1, round_label=round_label, round_status="draft", partnership="P",
        reference=f"{round_label}-{proposal}-{action_id}", proposal_id=proposal, order=(order, action_id),
        key_feature=kf, text=text or f"Action {action_id}", delivery="", timescale=timescale, timescale_kind=kind,
        lead=lead, status=status, due_date=due, due_set_by_hand=False, last_update=last, carried_from=None,
        carried_to=tuple(carried_to),
    )


ROWS = [
    make_row(1, proposal="1.1", kf=1, order=0, due=TODAY - timedelta(days=10), lead="Chief Officer",
             text="Leadership programme audit", update=(date(2020, 5, 1), "Audit under way")),
    make_row(2, proposal="1.2", kf=1, order=1, due=TODAY + timedelta(days=10), status="on_track",
             lead="Head of Service", text="Cross party meetings"),
    make_row(3, proposal="2.1", kf=2, order=3, status="at_risk", due=TODAY + timedelta(days=200),
             lead="Chief Finance Officer", text="Medium term financial plan",
             update=(date(2020, 4, 1), "Budget pressures")),
    make_row(4, proposal="2.3", kf=2, order=5, status="complete", due=TODAY - timedelta(days=50),
             lead="Chief Finance Officer", text="Set-aside budget pilot"),
    make_row(5, proposal="4.1", kf=4, order=12, text="Standing orders review"),
    make_row(6, proposal="6.1", kf=6, order=19, status="ongoing", text="Engagement with communities",
             timescale="Ongoing", kind="ongoing"),
    make_row(7, proposal="5.1", kf=5, order=17, due=TODAY + timedelta(days=400), lead="chief officer",
             text="Data sharing agreement"),
    make_row(8, proposal="3.1", kf=3, order=9, status="superseded", text="Old plan"),
    make_row(9, proposal="3.4", kf=3, order=10, due=TODAY - timedelta(days=5), text="Carried one",
             carried_to=[Link(99, 2, "2021", "2019-3.4-9")]),
]


@pytest.fixture
def models(qtbot):
    from PySide6.QtWidgets import QTableView

    model = TrackerTableModel(today=TODAY)
    proxy = TrackerFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    model.set_rows(ROWS)
    return model, proxy, view


def ids(proxy) -> list[int]:
    return [proxy.index(r, 0).data(ROW_ROLE).action_id for r in range(proxy.rowCount())]


def test_display_and_roles(models):
    model, proxy, _view = models
    assert model.rowCount() == len(ROWS) and model.columnCount() == 12
    assert model.headerData(COLUMN["rag"], Qt.Orientation.Horizontal) == "RAG"
    by_id = {model.index(r, 0).data(ROW_ROLE).action_id: r for r in range(model.rowCount())}
    cell = lambda aid, key: model.index(by_id[aid], COLUMN[key]).data()
    assert cell(1, "rag") == "Red"
    assert cell(2, "rag") == "Amber"
    assert cell(5, "rag") == "Needs a date" and cell(5, "due") == "needs a date"
    assert cell(6, "rag") == "Green"
    assert cell(9, "rag") == "Carried forward" and cell(9, "links") == "to 2021"
    assert cell(1, "update").endswith("Audit under way")
    assert model.index(by_id[1], COLUMN["rag"]).data(RAG_ROLE).overdue
    assert model.index(by_id[1], COLUMN["rag"]).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(by_id[1], COLUMN["rag"]).data(Qt.ItemDataRole.ToolTipRole) == "Overdue by 10 days"


@pytest.mark.parametrize("filters,expected", [
    (Filters(), [1, 2, 3, 4, 5, 6, 7, 8, 9]),
    (Filters(status="at_risk"), [3]),
    (Filters(status=OPEN), [1, 2, 3, 5, 6, 7, 9]),
    (Filters(rag="red"), [1]),
    (Filters(rag="needs_date"), [5]),
    (Filters(rag="complete"), [4]),
    (Filters(overdue=True), [1]),
    (Filters(due_within=30), [2]),
    (Filters(due_within=400), [2, 3, 7]),
    (Filters(key_feature=2), [3, 4]),
    (Filters(lead="chief officer"), [1, 7]),  # case-insensitive
    (Filters(lead=NO_LEAD), [5, 6, 8, 9]),
    (Filters(text="BUDGET"), [3, 4]),  # action text and latest update, case-insensitive
    (Filters(text="budget pressures"), [3]),
    (Filters(text="2019-1.2"), [2]),
    (Filters(status=OPEN, key_feature=2), [3]),
    (Filters(status=OPEN, lead="Chief Finance Officer", text="plan"), [3]),
    (Filters(key_feature=1, due_within=30), [2]),
    (Filters(rag="red", key_feature=2), []),
])
def test_filter_combinations(models, filters, expected):
    _model, proxy, _view = models
    proxy.set_filters(filters)
    assert sorted(ids(proxy)) == expected
    proxy.clear_filters()
    assert proxy.rowCount() == len(ROWS)


def test_sort_by_clicking_headers(models):
    _model, proxy, view = models
    view.sortByColumn(COLUMN["due"], Qt.SortOrder.AscendingOrder)
    assert ids(proxy)[:6] == [4, 1, 9, 2, 3, 7]
    assert set(ids(proxy)[6:]) == {5, 6, 8}  # no due date: last
    view.sortByColumn(COLUMN["due"], Qt.SortOrder.DescendingOrder)
    assert ids(proxy)[:6] == [7, 3, 2, 9, 1, 4]
    assert set(ids(proxy)[6:]) == {5, 6, 8}  # ... in both directions
    view.sortByColumn(COLUMN["rag"], Qt.SortOrder.AscendingOrder)
    assert ids(proxy)[:4] == [1, 2, 3, 5]  # red, amber (sooner first), needs a date
    view.sortByColumn(COLUMN["proposal"], Qt.SortOrder.AscendingOrder)
    assert [r.proposal_id for r in proxy.visible_rows()] == [
        "1.1", "1.2", "2.1", "2.3", "3.1", "3.4", "4.1", "5.1", "6.1"]
    view.sortByColumn(COLUMN["proposal"], Qt.SortOrder.DescendingOrder)
    assert proxy.visible_rows()[0].proposal_id == "6.1"
    view.sortByColumn(COLUMN["lead"], Qt.SortOrder.AscendingOrder)
    assert [r.lead.casefold() for r in proxy.visible_rows()][:4] == [
        "chief finance officer", "chief finance officer", "chief officer", "chief officer"]
    assert [r.lead for r in proxy.visible_rows()][-1] == ""


def test_sort_and_filter_together_keep_the_selection(models):
    model, proxy, view = models
    proxy.set_filters(Filters(status=OPEN))
    view.sortByColumn(COLUMN["update"], Qt.SortOrder.DescendingOrder)
    assert ids(proxy)[:2] == [1, 3]  # latest update first, none last
    view.selectRow(ids(proxy).index(3))
    view.sortByColumn(COLUMN["status"], Qt.SortOrder.AscendingOrder)
    current = view.selectionModel().currentIndex()
    assert current.data(ROW_ROLE).action_id == 3  # the selection follows the row
    assert set(ids(proxy)) == {1, 2, 3, 5, 6, 7, 9}
    model.set_rows(ROWS[:3])  # a reload keeps the filter and the sort
    assert ids(proxy) == [1, 2, 3]


def test_today_changes_the_rag(models):
    model, proxy, _view = models
    proxy.set_filters(Filters(overdue=True))
    assert ids(proxy) == [1]
    model.set_today(TODAY + timedelta(days=11))
    assert sorted(ids(proxy)) == [1, 2]
