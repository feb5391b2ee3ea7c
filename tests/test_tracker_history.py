"""Progress updates, hand-set due dates and status changes: history is only ever added to."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from msgdesk.errors import InputError
from msgdesk.store import repository
from msgdesk.tracker import history
from msgdesk.tracker.query import tracker_rows

TODAY = date(2020, 1, 15)


@pytest.fixture
def first_action(engine, example_round):
    return tracker_rows(engine, example_round.id)[0]


def test_updates_are_appended_never_overwritten(engine, first_action):
    aid = first_action.action_id
    history.record_progress(engine, aid, "Scoping agreed with SG and COSLA", author="A. Officer",
                            on_date=date(2019, 9, 1), today=TODAY)
    history.record_progress(engine, aid, "Audit under way", author="A. Officer", on_date=date(2019, 11, 1),
                            status="on_track", today=TODAY)
    history.record_progress(engine, aid, "Audit reported to SPOG", author="B. Lead", on_date=date(2020, 1, 10),
                            today=TODAY)
    entries = history.history(engine, aid)
    assert [e.text for e in entries] == ["Scoping agreed with SG and COSLA", "Audit under way",
                                         "Audit reported to SPOG"]
    assert [e.status_after for e in entries] == ["not_started", "on_track", "on_track"]
    assert [e.author for e in entries] == ["A. Officer", "A. Officer", "B. Lead"]
    row = tracker_rows(engine, first_action.round_id)[0]
    assert row.status == "on_track"
    assert row.last_update.text == "Audit reported to SPOG"


def test_the_database_refuses_to_change_history(engine, first_action):
    entry = history.record_progress(engine, first_action.action_id, "First", on_date=date(2019, 9, 1), today=TODAY)
    with pytest.raises(IntegrityError, match="cannot be changed"):
        with engine.begin() as connection:
            connection.execute(text("UPDATE action_update SET text = 'rewritten' WHERE id = :id"), {"id": entry.id})
    assert history.history(engine, first_action.action_id)[0].text == "First"


def test_hand_set_due_date_is_recorded_with_its_reason(engine, first_action):
    aid = first_action.action_id
    with pytest.raises(InputError, match="reason"):
        history.set_due_date(engine, aid, date(2020, 3, 31), "  ", today=TODAY)
    history.set_due_date(engine, aid, date(2020, 3, 31), "Agreed at PAC, 12 Dec 2019", author="Chair",
                         on_date=date(2019, 12, 12), today=TODAY)
    history.set_due_date(engine, aid, date(2020, 9, 30), "Delayed by the budget process", author="Chair",
                         on_date=date(2020, 1, 14), today=TODAY)
    due_entries = [e for e in history.history(engine, aid) if e.kind == "due_date"]
    assert [(e.due_date_before, e.due_date_after, e.text) for e in due_entries] == [
        (None, date(2020, 3, 31), "Agreed at PAC, 12 Dec 2019"),
        (date(2020, 3, 31), date(2020, 9, 30), "Delayed by the budget process"),
    ]
    assert "31 Mar 2020 \u2192 30 Sep 2020" in due_entries[1].describe()
    row = tracker_rows(engine, first_action.round_id)[0]
    assert (row.due_date, row.due_set_by_hand) == (date(2020, 9, 30), True)
    # back to the timescale (none here): recorded too
    history.set_due_date(engine, aid, None, "Timescale agreed instead", on_date=TODAY, today=TODAY)
    row = tracker_rows(engine, first_action.round_id)[0]
    assert (row.due_date, row.due_set_by_hand) == (None, False)
    assert len([e for e in history.history(engine, aid) if e.kind == "due_date"]) == 3


def test_due_date_before_is_the_date_read_from_the_timescale(engine, example_round):
    from msgdesk.returndata import ActionData

    aid = repository.add_action(engine, example_round.id, "1.2",
                                ActionData(action="Refresh the plan", timescale="December 2019"))
    history.set_due_date(engine, aid, date(2020, 6, 30), "Slipped", on_date=TODAY, today=TODAY)
    entry = history.history(engine, aid)[-1]
    assert (entry.due_date_before, entry.due_date_after) == (date(2019, 12, 31), date(2020, 6, 30))


def test_status_change_is_recorded(engine, first_action):
    aid = first_action.action_id
    history.change_status(engine, aid, "at_risk", note="Capacity", on_date=TODAY, today=TODAY)
    with pytest.raises(InputError, match="already At risk"):
        history.change_status(engine, aid, "at_risk", on_date=TODAY, today=TODAY)
    with pytest.raises(InputError, match="unknown action status"):
        history.change_status(engine, aid, "finished", on_date=TODAY, today=TODAY)
    entry = history.history(engine, aid)[-1]
    assert (entry.kind, entry.status_after, entry.text) == ("status", "at_risk", "Capacity")


def test_bad_updates_are_refused_and_nothing_is_written(engine, first_action):
    aid = first_action.action_id
    with pytest.raises(InputError, match="empty"):
        history.record_progress(engine, aid, "   ", today=TODAY)
    with pytest.raises(InputError, match="future"):
        history.record_progress(engine, aid, "Tomorrow's news", on_date=date(2020, 1, 16), today=TODAY)
    with pytest.raises(InputError, match="unknown action status"):
        history.record_progress(engine, aid, "x", status="done", today=TODAY)
    assert history.history(engine, aid) == []


def test_tracking_stays_open_after_approval(engine, example_round, first_action):
    repository.approve(engine, example_round.id, date(2019, 5, 16), "IJB 16/05/2019 item 7")
    aid = first_action.action_id
    history.set_due_date(engine, aid, date(2020, 3, 31), "Agreed at PAC", on_date=TODAY, today=TODAY)
    history.record_progress(engine, aid, "Started", status="on_track", on_date=TODAY, today=TODAY)
    history.set_lead(engine, aid, "Head of Service")
    row = tracker_rows(engine, example_round.id)[0]
    assert (row.status, row.due_date, row.lead) == ("on_track", date(2020, 3, 31), "Head of Service")
    # the return's own content stays locked
    from msgdesk.errors import RoundLockedError

    with pytest.raises(RoundLockedError):
        repository.update_action(engine, aid, action="rewritten")
