"""Progress updates, hand-set due dates and status changes: history is only ever added to."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from msgdesk.domain.errors import InputError, RecordFixedError

TODAY = date(2020, 1, 15)


@pytest.fixture
def workspace(any_workspace):
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_workspace



@pytest.fixture
def first_action(workspace, example_round):
    return workspace.tracking.rows(example_round.id)[0]


def test_updates_are_appended_never_overwritten(workspace, first_action):
    aid = first_action.action_id
    workspace.tracking.record_progress(aid, "Scoping agreed with SG and COSLA", author="A. Officer",
                            on_date=date(2019, 9, 1), today=TODAY)
    workspace.tracking.record_progress(aid, "Audit under way", author="A. Officer", on_date=date(2019, 11, 1),
                            status="on_track", today=TODAY)
    workspace.tracking.record_progress(aid, "Audit reported to SPOG", author="B. Lead", on_date=date(2020, 1, 10),
                            today=TODAY)
    entries = workspace.tracking.history(aid)
    assert [e.text for e in entries] == ["Scoping agreed with SG and COSLA", "Audit under way",
                                         "Audit reported to SPOG"]
    assert [e.status_after for e in entries] == ["not_started", "on_track", "on_track"]
    assert [e.author for e in entries] == ["A. Officer", "A. Officer", "B. Lead"]
    row = workspace.tracking.rows(first_action.round_id)[0]
    assert row.status == "on_track"
    assert row.last_update.text == "Audit reported to SPOG"


def test_the_database_refuses_to_change_history(workspace, first_action):
    entry = workspace.tracking.record_progress(first_action.action_id, "First", on_date=date(2019, 9, 1), today=TODAY)
    with pytest.raises(RecordFixedError, match="can only be added to"):
        with workspace.engine.begin() as connection:
            connection.execute(text("UPDATE action_update SET text = 'rewritten' WHERE id = :id"), {"id": entry.id})
    assert workspace.tracking.history(first_action.action_id)[0].text == "First"


def test_hand_set_due_date_is_recorded_with_its_reason(workspace, first_action):
    aid = first_action.action_id
    with pytest.raises(InputError, match="reason"):
        workspace.tracking.set_due_date(aid, date(2020, 3, 31), "  ", today=TODAY)
    workspace.tracking.set_due_date(aid, date(2020, 3, 31), "Agreed at PAC, 12 Dec 2019", author="Chair",
                         on_date=date(2019, 12, 12), today=TODAY)
    workspace.tracking.set_due_date(aid, date(2020, 9, 30), "Delayed by the budget process", author="Chair",
                         on_date=date(2020, 1, 14), today=TODAY)
    due_entries = [e for e in workspace.tracking.history(aid) if e.kind == "due_date"]
    assert [(e.due_date_before, e.due_date_after, e.text) for e in due_entries] == [
        (None, date(2020, 3, 31), "Agreed at PAC, 12 Dec 2019"),
        (date(2020, 3, 31), date(2020, 9, 30), "Delayed by the budget process"),
    ]
    assert "31 Mar 2020 \u2192 30 Sep 2020" in due_entries[1].describe()
    row = workspace.tracking.rows(first_action.round_id)[0]
    assert (row.due_date, row.due_set_by_hand) == (date(2020, 9, 30), True)
    # back to the timescale (none here): recorded too
    workspace.tracking.set_due_date(aid, None, "Timescale agreed instead", on_date=TODAY, today=TODAY)
    row = workspace.tracking.rows(first_action.round_id)[0]
    assert (row.due_date, row.due_set_by_hand) == (None, False)
    assert len([e for e in workspace.tracking.history(aid) if e.kind == "due_date"]) == 3


def test_due_date_before_is_the_date_read_from_the_timescale(workspace, example_round):
    from msgdesk.domain.return_values import ActionData

    aid = workspace.rounds.add_action(example_round.id, "1.2",
                                ActionData(action="Refresh the plan", timescale="December 2019"))
    workspace.tracking.set_due_date(aid, date(2020, 6, 30), "Slipped", on_date=TODAY, today=TODAY)
    entry = workspace.tracking.history(aid)[-1]
    assert (entry.due_date_before, entry.due_date_after) == (date(2019, 12, 31), date(2020, 6, 30))


def test_status_change_is_recorded(workspace, first_action):
    aid = first_action.action_id
    workspace.tracking.change_status(aid, "at_risk", note="Capacity", on_date=TODAY, today=TODAY)
    with pytest.raises(InputError, match="already At risk"):
        workspace.tracking.change_status(aid, "at_risk", on_date=TODAY, today=TODAY)
    with pytest.raises(InputError, match="unknown action status"):
        workspace.tracking.change_status(aid, "finished", on_date=TODAY, today=TODAY)
    entry = workspace.tracking.history(aid)[-1]
    assert (entry.kind, entry.status_after, entry.text) == ("status", "at_risk", "Capacity")


def test_bad_updates_are_refused_and_nothing_is_written(workspace, first_action):
    aid = first_action.action_id
    with pytest.raises(InputError, match="empty"):
        workspace.tracking.record_progress(aid, "   ", today=TODAY)
    with pytest.raises(InputError, match="future"):
        workspace.tracking.record_progress(aid, "Tomorrow's news", on_date=date(2020, 1, 16), today=TODAY)
    with pytest.raises(InputError, match="unknown action status"):
        workspace.tracking.record_progress(aid, "x", status="done", today=TODAY)
    assert workspace.tracking.history(aid) == []


def test_tracking_stays_open_after_approval(workspace, example_round, first_action):
    workspace.rounds.approve(example_round.id, date(2019, 5, 16), "IJB 16/05/2019 item 7", check_confirmed=True)
    aid = first_action.action_id
    workspace.tracking.set_due_date(aid, date(2020, 3, 31), "Agreed at PAC", on_date=TODAY, today=TODAY)
    workspace.tracking.record_progress(aid, "Started", status="on_track", on_date=TODAY, today=TODAY)
    workspace.tracking.set_lead(aid, "Head of Service")
    row = workspace.tracking.rows(example_round.id)[0]
    assert (row.status, row.due_date, row.lead) == ("on_track", date(2020, 3, 31), "Head of Service")
    # the return's own content stays locked
    from msgdesk.domain.errors import RoundLockedError

    with pytest.raises(RoundLockedError):
        workspace.rounds.update_action(aid, action="rewritten")
