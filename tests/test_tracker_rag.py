"""RAG rules over a table of cases, with a fixed "today" (issue 5)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from msgdesk.domain.return_values import ACTION_STATUSES
from msgdesk.tracker.rag import (
    AMBER,
    CARRIED,
    COMPLETE,
    GREEN,
    NEEDS_DATE,
    RAG_LABELS,
    RAGS,
    RED,
    SUPERSEDED,
    rag_for,
)

TODAY = date(2020, 3, 1)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


# (status, due date, timescale kind, carried on) -> (rag, overdue, needs a date)
CASES = [
    # complete / in place: complete, whatever the date
    ("complete", days(-100), "dated", False, COMPLETE, False, False),
    ("complete", None, "unrecognised", False, COMPLETE, False, False),
    ("in_place", None, "in_place", False, COMPLETE, False, False),
    ("in_place", days(-1), "dated", False, COMPLETE, False, False),
    # superseded: closed, never red or overdue
    ("superseded", days(-30), "dated", False, SUPERSEDED, False, False),
    ("superseded", None, "", False, SUPERSEDED, False, False),
    # due date passed and not complete: red, overdue
    ("not_started", days(-1), "dated", False, RED, True, False),
    ("on_track", days(-1), "dated", False, RED, True, False),
    ("at_risk", days(-400), "dated", False, RED, True, False),
    ("ongoing", days(-5), "dated", False, RED, True, False),
    # off track: red even before the date, and without one
    ("off_track", days(200), "dated", False, RED, False, False),
    ("off_track", None, "unrecognised", False, RED, False, True),
    # due today or within 30 days: amber
    ("not_started", days(0), "dated", False, AMBER, False, False),
    ("on_track", days(30), "dated", False, AMBER, False, False),
    ("on_track", days(31), "dated", False, GREEN, False, False),
    # at risk: amber
    ("at_risk", days(200), "dated", False, AMBER, False, False),
    # no due date and not ongoing: needs a date (before amber)
    ("not_started", None, "unrecognised", False, NEEDS_DATE, False, True),
    ("on_track", None, "", False, NEEDS_DATE, False, True),
    ("at_risk", None, "unrecognised", False, NEEDS_DATE, False, True),
    ("not_started", None, "to_be_agreed", False, NEEDS_DATE, False, True),
    # ongoing (status or timescale) needs no date: green
    ("ongoing", None, "unrecognised", False, GREEN, False, False),
    ("not_started", None, "ongoing", False, GREEN, False, False),
    ("on_track", None, "in_place", False, GREEN, False, False),
    ("ongoing", days(10), "dated", False, AMBER, False, False),
    # otherwise green
    ("not_started", days(365), "dated", False, GREEN, False, False),
    ("on_track", days(90), "dated", False, GREEN, False, False),
    # carried forward into a later round: followed up there
    ("not_started", days(-100), "dated", True, CARRIED, False, False),
    ("at_risk", None, "", True, CARRIED, False, False),
]


@pytest.mark.parametrize("status,due,kind,carried,rag,overdue,needs_date", CASES)
def test_rag_rules(status, due, kind, carried, rag, overdue, needs_date):
    result = rag_for(status, due, TODAY, kind, carried)
    assert (result.rag, result.overdue, result.needs_date) == (rag, overdue, needs_date)
    if due is not None:
        assert result.days_left == (due - TODAY).days


def test_every_status_gets_a_rag_and_a_label():
    for status in ACTION_STATUSES:
        for due in (None, days(-1), days(0), days(45)):
            result = rag_for(status, due, TODAY)
            assert result.rag in RAGS
            assert result.label == RAG_LABELS[result.rag]


def test_today_is_injected_not_read_from_the_clock():
    due = date(2020, 6, 30)
    assert rag_for("on_track", due, date(2020, 1, 1)).rag == GREEN
    assert rag_for("on_track", due, date(2020, 6, 15)).rag == AMBER
    assert rag_for("on_track", due, date(2020, 7, 1)).rag == RED


def test_things_already_in_place_are_not_red_in_the_tracker(workspace):
    """Issue 10, defect 5: a past date in a text that says the action is in place (or
    under review) is when it was done, not a deadline the partnership has missed."""
    from msgdesk.domain.return_values import ActionData, ResponseData, ReturnData

    history_texts = ["Already in place and under regular review. Last reviewed Q4 20/21", "March 2020 In place"]
    data = ReturnData("Eilean Siar HSCP", "2021", completed_on=date(2021, 5, 3), responses=[
        ResponseData("1.1", "established", actions=[ActionData(f"Action {n}", timescale=t)
                                                    for n, t in enumerate(history_texts + ["March 2021"])]),
    ])
    info = workspace.rounds.import_return(data)
    rows = {r.timescale: r for r in workspace.tracking.rows(info.id)}
    for today in (date(2021, 5, 3), date(2021, 6, 1), date(2023, 1, 1)):
        for text in history_texts:
            rag = rows[text].rag(today)
            assert rag.rag != RED and not rag.overdue and rag.days_left is None, (text, today)
            assert rows[text].due_date is None
        # a deadline that was already past when the return was completed is still overdue
        assert rows["March 2021"].rag(today).rag == RED


def test_in_place_with_only_past_review_dates_is_not_overdue_without_a_date_of_completion(workspace):
    """Issue 21, item 15: the same history texts in a round with no date of completion.
    Swept across the days around the text's last date: up to that day it reads as a review
    still ahead (amber or green, never red); from the day after it is history, not overdue.
    A deadline with no in-place words is overdue all the same, and a date set by hand is kept."""
    from msgdesk.domain.return_values import ActionData, ResponseData, ReturnData

    history = {
        "Already in place and under regular review. Last reviewed Q4 20/21": date(2021, 3, 31),
        "March 2020 In place": date(2020, 3, 31),
        "In place - review December 2019": date(2019, 12, 31),
        "Under review (report to IJB December 2019)": date(2019, 12, 31),
        "Last reviewed 31/01/2020": date(2020, 1, 31),
    }
    deadlines = {"March 2021": date(2021, 3, 31), "To be put in place by March 2020": date(2020, 3, 31)}
    texts = list(history) + list(deadlines)
    data = ReturnData("Eilean Siar HSCP", "2021", completed_on=None, responses=[
        ResponseData("1.1", "established", actions=[ActionData(f"Action {n}", timescale=t)
                                                    for n, t in enumerate(texts)]),
    ])
    info = workspace.rounds.import_return(data)
    rows = {r.timescale: r for r in workspace.tracking.rows(info.id)}
    for text, last in history.items():
        for offset in range(-40, 400, 7):
            today = last + timedelta(days=offset)
            rag = rows[text].rag(today)
            assert not rag.overdue and rag.rag != RED, (text, today)
            if today > last:
                assert rag.days_left is None and not rag.needs_date, (text, today)
    for text, due in deadlines.items():
        assert rows[text].rag(due + timedelta(days=1)).overdue, text
        assert not rows[text].rag(due).overdue, text
