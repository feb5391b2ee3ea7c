"""Tracker rows: carry forward across rounds (links both ways, reference and
history kept) and rows "as at" a past date."""

from __future__ import annotations

from datetime import date

import pytest

from msgdesk.domain.errors import InputError

TODAY = date(2021, 5, 1)


@pytest.fixture
def workspace(any_workspace):
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_workspace



def test_carry_forward_2019_to_2021_keeps_reference_and_history(workspace, example_round):
    rows = workspace.tracking.rows(example_round.id)
    done, followed = rows[0], rows[1]
    workspace.tracking.record_progress(done.action_id, "Audit complete", status="complete",
                            on_date=date(2020, 2, 1), today=TODAY)
    workspace.tracking.set_due_date(followed.action_id, date(2020, 12, 31), "Agreed at PAC",
                         author="PAC", on_date=date(2019, 9, 1), today=TODAY)
    workspace.tracking.record_progress(followed.action_id, "Draft strategy written", author="HR lead",
                            on_date=date(2020, 6, 1), today=TODAY)

    new = workspace.rounds.create_round(example_round.partnership, "2021", completed_on=date(2021, 4, 1),
                                  previous_round_id=example_round.id, carry_forward=True)
    carried = workspace.tracking.rows(new.id)
    assert len(carried) == len(rows) - 1  # the complete one stays behind
    by_reference = {r.reference: r for r in carried}
    assert done.reference not in by_reference
    copy = by_reference[followed.reference]  # "2019-1.1-2": the stable reference
    assert copy.reference == "2019-1.1-2"
    assert copy.round_label == "2021"

    # links both ways
    assert copy.carried_from.action_id == followed.action_id
    assert copy.carried_from.round_label == "2019"
    old = {r.action_id: r for r in workspace.tracking.rows(example_round.id)}[followed.action_id]
    assert [link.action_id for link in old.carried_to] == [copy.action_id]
    assert old.carried_to[0].round_label == "2021"
    assert old.rag(TODAY).rag == "carried"  # followed up in 2021, not counted twice

    # the carried action keeps its history and its hand-set date
    entries = workspace.tracking.history(copy.action_id)
    assert [e.round_label for e in entries] == ["2019", "2019", "2021"]
    assert [e.kind for e in entries] == ["due_date", "progress", "carried_forward"]
    assert copy.due_date == date(2020, 12, 31)
    assert copy.last_update.text == "Draft strategy written"  # not the carried-forward note
    assert copy.rag(TODAY).overdue

    # one live copy: progress goes on the 2021 action
    with pytest.raises(InputError, match="carried forward to round 2021"):
        workspace.tracking.record_progress(followed.action_id, "late news", today=TODAY)
    workspace.tracking.record_progress(copy.action_id, "Strategy approved", status="complete",
                            on_date=TODAY, today=TODAY)

    # all rounds of the partnership in one list
    both = workspace.tracking.rows(new.id, all_rounds=True)
    assert len(both) == len(rows) + len(carried)
    assert {r.round_label for r in both} == {"2019", "2021"}


def test_rows_as_at_an_earlier_date(workspace, example_round):
    aid = workspace.tracking.rows(example_round.id)[0].action_id
    workspace.tracking.set_due_date(aid, date(2020, 3, 31), "Agreed", on_date=date(2019, 9, 1), today=TODAY)
    workspace.tracking.record_progress(aid, "Going well", status="on_track", on_date=date(2019, 12, 1), today=TODAY)
    workspace.tracking.set_due_date(aid, date(2020, 9, 30), "Slipped", on_date=date(2020, 3, 1), today=TODAY)
    workspace.tracking.record_progress(aid, "Done", status="complete", on_date=date(2020, 8, 1), today=TODAY)

    def at(day):
        return workspace.tracking.rows(example_round.id, as_at=day)[0]

    before = at(date(2019, 8, 1))
    assert (before.status, before.due_date, before.last_update) == ("not_started", None, None)
    winter = at(date(2020, 1, 15))
    assert (winter.status, winter.due_date, winter.last_update.text) == ("on_track", date(2020, 3, 31), "Going well")
    spring = at(date(2020, 4, 1))
    assert (spring.status, spring.due_date) == ("on_track", date(2020, 9, 30))
    now = at(TODAY)
    assert (now.status, now.due_date, now.last_update.text) == ("complete", date(2020, 9, 30), "Done")
    assert [e.text for e in winter.history] == ["Agreed", "Going well"]
