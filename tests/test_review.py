"""The check before IJB (msgdesk.rounds.review), without Qt: each kind of finding, grouping, approval."""

from __future__ import annotations

from datetime import date

import pytest

from msgdesk.domain.return_values import ActionData
from msgdesk.rounds.review import carried_from_round, find_problems, group_problems, summarise
from msgdesk.store.snapshot import load_snapshot


def kinds(problems, proposal=None):
    return [(p.proposal, p.kind) for p in problems if proposal is None or p.proposal == proposal]


def test_an_exemplary_rating_without_evidence_is_its_own_finding(workspace, db_path, template):
    info = workspace.rounds.create_round("P", "2021", completed_on=date(2021, 4, 30))
    workspace.rounds.set_rating(info.id, "1.1", "exemplary")
    workspace.rounds.set_rating(info.id, "1.2", "established")
    problems = find_problems(template, load_snapshot(db_path, info.id))
    assert kinds(problems, "1.1") == [("1.1", "exemplary_no_evidence")]
    assert kinds(problems, "1.2") == [("1.2", "no_evidence")]
    workspace.rounds.set_evidence(info.id, "1.1", "Peer review by Healthcare Improvement Scotland, 2020")
    assert kinds(find_problems(template, load_snapshot(db_path, info.id)), "1.1") == []


@pytest.mark.parametrize("due,flagged", [
    (date(2021, 4, 29), True), (date(2021, 1, 1), True), (date(2020, 4, 30), True),
    (date(2021, 4, 30), False), (date(2021, 5, 1), False), (date(2022, 3, 31), False),
])
def test_an_action_due_before_the_date_of_completion_is_flagged(workspace, db_path, template, due, flagged):
    info = workspace.rounds.create_round("P", "2021", completed_on=date(2021, 4, 30))
    workspace.rounds.add_action(info.id, "2.1", ActionData(action="Medium term financial plan", due_date=due))
    workspace.rounds.add_action(info.id, "2.1", ActionData(action="Budget set", timescale=f"{due:%B %Y}"))
    found = [p for p in find_problems(template, load_snapshot(db_path, info.id), today=date(2021, 5, 1))
             if p.kind == "due_before_completion"]
    if flagged:
        assert [p.action_row for p in found][:1] == [0]
        assert "before the date of completion (30 April 2021)" in found[0].text
        assert found[0].text.startswith("2.1, action 1 (“Medium term financial plan”)")
    else:
        assert [p for p in found if p.action_row == 0] == []


def test_carried_forward_actions_already_overdue_are_flagged_not_new_ones(workspace, db_path, template, example_round):
    old = workspace.rounds.load_round_by_id(example_round.id)
    ids = [aid for aid, _a in workspace.rounds.actions_of(example_round.id, "1.1")]
    workspace.tracking.set_due_date(ids[0], date(2020, 3, 31), "agreed")  # long past
    workspace.tracking.set_due_date(ids[1], date(2030, 3, 31), "agreed")  # not yet due
    new = workspace.rounds.create_round(old.partnership, "2021", completed_on=date(2021, 4, 30),
                            previous_round_id=example_round.id, carry_forward=True)
    workspace.rounds.add_action(new.id, "1.1", ActionData(action="New for 2021", due_date=date(2022, 3, 31)))
    snap = load_snapshot(db_path, new.id)
    problems = find_problems(template, snap, today=date(2023, 1, 1))
    overdue = [p for p in problems if p.kind == "carried_overdue"]
    assert [(p.proposal, p.action_row) for p in overdue] == [("1.1", 0)]
    assert "carried forward from 2019, due 31 March 2020 — overdue" in overdue[0].text
    # the new action, due after the date of completion and overdue "today", is not a carried one
    assert not any(p.kind == "carried_overdue" and p.action_row == 3 for p in problems)
    # a carried action overdue is not also reported as due before the date of completion
    assert "due_before_completion" not in [p.kind for p in problems if p.proposal == "1.1" and p.action_row == 0]
    assert "1 carried-forward action already overdue" in summarise(problems)


def test_a_round_without_a_date_of_completion_says_so_first(workspace, db_path, template):
    info = workspace.rounds.create_round("P", "2021")
    problems = find_problems(template, load_snapshot(db_path, info.id))
    assert problems[0].kind == "no_completion_date" and problems[0].proposal == ""
    groups = group_problems(template, problems)
    assert groups[0].number == 0 and groups[0].proposals[0].problems == [problems[0]]


def test_problems_are_grouped_under_key_features_and_proposals_with_their_titles(workspace, db_path, template):
    info = workspace.rounds.create_round("P", "2021", completed_on=date(2021, 4, 30))
    problems = find_problems(template, load_snapshot(db_path, info.id))
    groups = group_problems(template, problems)
    assert [g.number for g in groups] == [kf.number for kf in template.key_features]
    first = groups[0]
    assert first.title == template.key_features[0].title
    assert [p.proposal for p in first.proposals] == [p.id for p in template.local_proposals
                                                     if p.key_feature == first.number]
    assert first.proposals[0].title == template.proposal("1.1").text
    assert sum(g.count() for g in groups) == len(problems)
    assert [p.detail for p in first.proposals[0].problems] == ["no rating", "no evidence"]


def test_nothing_is_left_to_check_once_the_ijb_has_approved(workspace, db_path, template):
    info = workspace.rounds.create_round("P", "2021")
    assert find_problems(template, load_snapshot(db_path, info.id))
    workspace.rounds.approve(info.id, date(2021, 6, 24), "IJB item 6", check_confirmed=True)
    assert find_problems(template, load_snapshot(db_path, info.id)) == []


@pytest.mark.parametrize("reference,proposal,label,expected", [
    ("2019-2.3-1", "2.3", "2021", "2019"),
    ("2021-2.3-4", "2.3", "2021", None),
    ("2021-22-1.1-3", "1.1", "2023-24", "2021-22"),
    ("2023-24-1.1-3", "1.1", "2023-24", None),
    ("", "1.1", "2021", None),
    ("2019-1.1-x", "1.1", "2021", None),
    ("2019-1.10-2", "1.1", "2021", None),
])
def test_the_round_an_action_came_from_is_read_from_its_reference(reference, proposal, label, expected):
    assert carried_from_round(reference, proposal, label) == expected
