"""msgdesk.store.snapshot: the fast read the window starts from agrees with the core API."""

from __future__ import annotations

from datetime import date

from msgdesk.domain.return_values import ActionData
from msgdesk.rounds.review import find_problems, summarise
from msgdesk.store.snapshot import is_current, list_round_listings, load_snapshot


def test_snapshot_agrees_with_load_round_by_id(workspace, db_path, example_round):
    data = workspace.rounds.load_round_by_id(example_round.id)
    snap = load_snapshot(db_path, example_round.id)
    assert (snap.partnership, snap.label, snap.contact, snap.completed_on, snap.status) == (
        data.partnership, data.round, data.contact, data.completed_on, data.status)
    for response in data.responses:
        got = snap.responses[response.proposal]
        assert (got.rating, got.previous_rating, got.evidence) == (
            response.rating, response.previous_rating, response.evidence)
        assert [a for _id, a in got.actions] == response.actions
        assert got.actions == workspace.rounds.actions_of(example_round.id, response.proposal)


def test_snapshot_of_a_round_started_from_the_previous_one(workspace, db_path, example_round):
    info = workspace.rounds.create_round(example_round.partnership, "2021", completed_on=date(2021, 4, 1),
                             previous_round_id=example_round.id, carry_forward=True)
    snap = load_snapshot(db_path, info.id)
    assert snap.previous_label == "2019"
    assert snap.response("1.1").previous_rating == "established"
    assert [r.label for r in list_round_listings(db_path)] == ["2019", "2021"]


def test_snapshot_refuses_missing_and_unmigrated_files(tmp_path, workspace, db_path):
    assert load_snapshot(tmp_path / "nothing.db", 1) is None
    assert not is_current(tmp_path / "nothing.db")
    assert is_current(db_path)
    assert load_snapshot(db_path, 999) is None


def test_problems_before_ijb(workspace, db_path):
    from msgdesk.domain.template import load_template

    info = workspace.rounds.create_round("P", "2021", completed_on=date(2021, 4, 1))
    workspace.rounds.set_rating(info.id, "1.1", "established")
    workspace.rounds.set_evidence(info.id, "1.1", "Minutes")
    workspace.rounds.add_action(info.id, "1.1", ActionData(action="A", timescale="6 months"))
    workspace.rounds.add_action(info.id, "1.1", ActionData(action="B", timescale="Spring 2020"))
    workspace.rounds.add_action(info.id, "1.1", ActionData(action="C", timescale="Spring 2020", due_date=date(2021, 9,
                                                                                                              1)))
    workspace.rounds.add_action(info.id, "1.1", ActionData(action="", timescale=""))
    texts = [p.text for p in find_problems(load_template(), load_snapshot(db_path, info.id)) if p.proposal == "1.1"]
    assert texts == [
        "1.1, action 2 (“B”): timescale “Spring 2020” not recognised — set a due date",
        "1.1, action 4: the action is empty",
        "1.1, action 4: no timescale",
    ]
    problems = find_problems(load_template(), load_snapshot(db_path, info.id))
    # 21 other proposals have neither rating nor evidence
    assert summarise(problems) == (
        "21 proposals without a rating, 21 proposals without evidence, 1 empty action, "
        "1 action without a timescale, 1 action whose timescale is not recognised"
    )
    assert summarise([]) == ""
