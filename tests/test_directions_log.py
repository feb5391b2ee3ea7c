"""The directions log as at a date, without Qt: statuses with their reasons, milestones'
due dates and RAG (swept across their boundaries), overdue first, totals in force per
delivery partner to the penny, and the summary for proposal 4.4's evidence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msgdesk.directions.file import read_directions_file
from msgdesk.directions.log import build_log, read_log
from msgdesk.directions.values import Bodies, Direction, DirectionRecord, Link, Milestone, Partner, ResourceBasis
from msgdesk.domain.states import DirectionStatus
from tests.conftest import ROOT

EXAMPLE = ROOT / "resources" / "examples" / "directions-example.json"
P = "North Ayrshire Health and Social Care Partnership"
DAY = date(2026, 12, 1)
BODIES = Bodies("NHS Ayrshire & Arran", "North Ayrshire Council")


@pytest.fixture
def example_log(workspace):
    workspace.directions.import_file(read_directions_file(EXAMPLE, today=DAY))
    workspace.directions.set_bodies(P, health_board=BODIES.health_board, local_authority=BODIES.local_authority)
    return workspace


def record(reference="D-1", *, issued=date(2025, 4, 1), milestones=(), supersedes=None, superseded_by=None,
           revoked=None, completed=None, pence=None, basis=None, to=(Partner.HEALTH_BOARD,), timescale="",
           number=1) -> DirectionRecord:
    data = Direction(reference, "A direction", ["Care at home services"], to, "Do it.", issued_on=issued,
                     milestones=list(milestones), revoked_on=revoked, revoked_reason="why" if revoked else "",
                     completed_on=completed, resource_pence=pence, resource_basis=basis, timescale=timescale,
                     supersedes=supersedes.reference if supersedes else None)
    return DirectionRecord(number, P, data, 1, tuple(range(len(milestones))), supersedes=supersedes,
                           superseded_by=superseded_by)


def test_the_example_as_at_1_december_2026(example_log):
    log = read_log(example_log, P, DAY)
    assert log.counts == {DirectionStatus.DRAFT: 0, DirectionStatus.IN_FORCE: 7, DirectionStatus.SUPERSEDED: 2,
                          DirectionStatus.REVOKED: 1, DirectionStatus.COMPLETED: 4}
    assert [i.reference for i in log.items][:4] == ["NAIJB-2024-08", "NAIJB-2024-05", "NAIJB-2024-03", "NAIJB-2025-02"]
    assert [i.days_overdue for i in log.items[:4]] == [647, 610, 245, 245]  # most overdue first
    assert all(i.in_force for i in log.items[:7]) and not any(i.in_force for i in log.items[7:])
    statuses = {i.reference: i.status.describe() for i in log.items}
    assert statuses["NAIJB-2024-01"] == "Superseded by NAIJB-2024-09 on 3 October 2024"
    assert statuses["NAIJB-2024-07"].startswith("Revoked on 20 February 2025 (The allocation now goes")
    assert statuses["NAIJB-2024-06"] == "Completed on 30 November 2025"
    assert statuses["NAIJB-2026-03"] == "In force"
    totals = {t.label: t.pence for t in log.totals}
    assert totals == {"NHS Ayrshire & Arran": 20_222_000_000, "North Ayrshire Council": 12_507_000_000,
                      "NHS Ayrshire & Arran and North Ayrshire Council jointly": 380_000_000}
    assert log.total.pence == sum(totals.values()) == 33_109_000_000
    assert log.total.by_basis[ResourceBasis.SET_ASIDE] == 3_125_000_000
    overdue = [(i.reference, m.text) for i, m in log.overdue_milestones]
    assert overdue[0] == ("NAIJB-2024-08", "Twelve placements commissioned")  # "6 months" from issue, 22 Feb 2025
    assert ("NAIJB-2024-05", "Overall timescale") in overdue
    crisis = next(i for i in log.items if i.reference == "NAIJB-2026-03")
    assert [m.rag.rag for m in crisis.milestones] == ["amber", "needs_date"]  # Q3 2026/27 is 31 Dec; "TBC"


def test_a_day_before_the_first_direction_the_log_is_empty_and_says_so(example_log):
    log = read_log(example_log, P, date(2024, 3, 27))
    assert log.items == [] and log.left_out == 14 and log.total.pence == 0
    assert log.summary_sentence().startswith("0 directions issued, 0 in force")


def test_statuses_through_the_life_of_the_example(example_log):
    expected = {  # day: (in force, superseded, revoked, completed)
        date(2024, 3, 28): (2, 0, 0, 0),
        date(2024, 10, 2): (8, 0, 0, 0),
        date(2024, 10, 3): (8, 1, 0, 0),
        date(2025, 2, 20): (7, 1, 1, 0),
        date(2025, 4, 3): (8, 2, 1, 0),
        date(2025, 4, 30): (7, 2, 1, 1),
        date(2026, 5, 20): (6, 2, 1, 4),
        date(2026, 6, 25): (7, 2, 1, 4),
    }
    for day, counts in expected.items():
        log = read_log(example_log, P, day)
        c = log.counts
        found = (c[DirectionStatus.IN_FORCE], c[DirectionStatus.SUPERSEDED], c[DirectionStatus.REVOKED],
                 c[DirectionStatus.COMPLETED])
        assert found == counts, day


def test_a_milestones_rag_swept_across_its_due_date_and_the_day_it_is_met():
    due, met = date(2025, 9, 30), date(2025, 10, 14)
    late = record(milestones=[Milestone("Teams in all localities", "30 September 2025", achieved_on=met)])
    by_hand = record(milestones=[Milestone("Report", "TBC", due_date=due)])
    for offset in range(-40, 30):
        day = due + timedelta(days=offset)
        item = build_log(P, [late, by_hand], BODIES, day).items
        m = next(i for i in item if i.record is late).milestones[0]
        h = next(i for i in item if i.record is by_hand).milestones[0]
        if day >= met:
            assert m.rag.rag == "complete" and not m.overdue, day
        elif day > due:
            assert m.rag.rag == "red" and m.days_overdue == (day - due).days, day
        elif (due - day).days <= 30:
            assert m.rag.rag == "amber", day
        else:
            assert m.rag.rag == "green", day
        assert h.due == due and h.due_set_by_hand
        assert h.overdue == (day > due), day


def test_a_relative_timescale_runs_from_the_date_of_issue():
    item = build_log(P, [record(issued=date(2024, 8, 31), milestones=[Milestone("x", "6 months")])], BODIES,
                     DAY).items[0]
    assert item.milestones[0].due == date(2025, 2, 28)


def test_nothing_is_due_under_a_direction_no_longer_in_force():
    m = [Milestone("Open", "31 March 2025")]
    later = Link(2, "D-2", date(2025, 6, 1))
    superseded = record(milestones=m, superseded_by=later)
    revoked = record("D-3", milestones=m, revoked=date(2025, 5, 1), number=3)
    completed = record("D-4", milestones=m, completed=date(2025, 5, 1), number=4)
    log = build_log(P, [superseded, revoked, completed], BODIES, DAY)
    by_ref = {i.reference: i for i in log.items}
    assert by_ref["D-1"].status.status is DirectionStatus.SUPERSEDED and by_ref["D-1"].rag is None
    assert by_ref["D-3"].milestones[0].rag is None and not by_ref["D-3"].overdue
    assert by_ref["D-4"].rag.rag == "complete" and by_ref["D-4"].milestones[0].rag.rag == "complete"
    assert log.overdue_milestones == []
    # the day before it was superseded, it was in force and its milestone overdue
    before = build_log(P, [superseded], BODIES, date(2025, 5, 31))
    assert before.items[0].in_force and before.items[0].overdue


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**13), st.sampled_from(list(ResourceBasis)), st.sampled_from([
    (Partner.HEALTH_BOARD,), (Partner.LOCAL_AUTHORITY,), (Partner.HEALTH_BOARD, Partner.LOCAL_AUTHORITY)]),
    st.booleans()), max_size=25))
def test_totals_in_force_add_up_to_the_penny(directions):
    records = [record(f"D-{n}", pence=pence, basis=basis, to=to, revoked=None if live else date(2025, 5, 1), number=n)
               for n, (pence, basis, to, live) in enumerate(directions)]
    log = build_log(P, records, BODIES, DAY)
    for total in log.totals:
        assert total.pence == sum(p for p, _b, to, live in directions if live and to == total.partners)
        assert sum(total.by_basis.values()) == total.pence
    assert log.total.pence == sum(t.pence for t in log.totals)
    assert log.total.count == sum(1 for *_rest, live in directions if live)


def test_the_summary_for_proposal_4_4(example_log):
    text = read_log(example_log, P, DAY).evidence_summary()
    assert text.startswith("Directions log as at 1 December 2026: 7 directions in force, committing £331,090,000.00 "
                           "(NHS Ayrshire & Arran £202,220,000.00; North Ayrshire Council £125,070,000.00; "
                           "NHS Ayrshire & Arran and North Ayrshire Council jointly £3,800,000.00); 6 delivery issues "
                           "open on directions in force; 6 milestones overdue, 3 directions past their overall "
                           "timescale.")
    assert ("14 directions issued since 28 March 2024: 2 superseded by a later direction, 1 revoked, "
            "4 completed.") in text
