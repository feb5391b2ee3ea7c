"""The collation's count of actions as at a date reads the tracker's rows for every
partnership in a handful of queries (``GroupsRepository.comparison``), and of the rounds
it is not collating only the actions in a carried-forward chain.  Those rows must be the
tracker's own: the same status, due date, carried-forward links and RAG as the Tracker tab
shows for the round on that day, for every round of a chain (first, middle, last) and for
days before, between and after the carrying forward and the progress recorded."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

OTHER = "Other Health and Social Care Partnership"
TODAY = date.today()
AS_AT = (date(2019, 3, 1), date(2019, 10, 1), date(2020, 6, 1), date(2022, 1, 1), TODAY - timedelta(days=1), TODAY,
         date(2031, 1, 1))


@pytest.fixture
def chains(any_workspace, example_data):
    """Two partnerships, each with 2019 -> 2021 -> 2023 carried forward (open actions only),
    some progress, completions and due dates set by hand on every round."""
    ws = any_workspace
    rounds: dict[str, dict[str, int]] = {}
    for name, data in ((example_data.partnership, example_data),
                       (OTHER, example_data.replace(partnership=OTHER))):
        first = ws.rounds.import_return(data)
        ids = {"2019": first.id}
        for number, row in enumerate(ws.tracking.rows(first.id)):
            if number % 3 == 0:
                ws.tracking.record_progress(row.action_id, "Done", status="complete", on_date=date(2019, 9, 1),
                                            today=date(2019, 9, 2))
            elif number % 3 == 1:
                ws.tracking.record_progress(row.action_id, "At risk", status="at_risk", on_date=date(2020, 2, 1),
                                            today=date(2020, 2, 2))
        previous = first.id
        for label in ("2021", "2023"):
            info = ws.rounds.create_round(name, label, previous_round_id=previous, carry_forward=True)
            ids[label] = previous = info.id
            for number, row in enumerate(ws.tracking.rows(info.id)):
                if number % 4 == 0:
                    ws.tracking.record_progress(row.action_id, "Off track", status="off_track",
                                                on_date=TODAY - timedelta(days=1), today=TODAY)
                elif number % 4 == 1:
                    ws.tracking.set_due_date(row.action_id, date(int(label) + 8, 3, 31), "Agreed at the PAC",
                                             today=TODAY)
        rounds[name] = ids
    return ws, rounds


def _facts(row, as_at: date):
    return (row.action_id, row.round_id, row.reference, row.proposal_id, row.order, row.key_feature, row.status,
            row.due_date, row.due_set_by_hand, row.carried_from, row.carried_to, row.rag(as_at).rag,
            [(e.id, e.kind, e.status_after, e.on_date) for e in row.history],
            None if row.last_update is None else row.last_update.id)


@pytest.mark.parametrize("label", ["2019", "2021", "2023"])
def test_comparison_rows_are_the_trackers(chains, label):
    ws, rounds = chains
    for as_at in AS_AT:
        facts = ws.groups.comparison(label, as_at=as_at)
        assert facts.tracker is not None
        assert set(facts.tracker) == set(rounds)
        for name, ids in rounds.items():
            expected = [_facts(row, as_at) for row in ws.tracking.rows(ids[label], as_at=as_at)]
            got = [_facts(row, as_at) for row in facts.tracker[name]]
            assert got == expected, (name, label, as_at)
            assert len(got) > 0
    # the chains are there to be followed: carried from and to, across rounds
    rows = ws.tracking.rows(rounds[OTHER]["2021"])
    assert any(row.carried_from for row in rows) and any(row.carried_to for row in rows)


@pytest.mark.parametrize("label", ["2019", "2021", "2023"])
def test_the_reading_commands_comparison_is_the_stores(chains, label):
    """``msgdesk collate`` on an SQLite file reads through the standard library's sqlite3
    (``Workspace.comparisons`` of a workspace opened only to read, session 28), the window
    through the store's engine: the same facts, rows and history, whatever the day and scope."""
    from msgdesk.store.comparison_reads import ComparisonReads
    from msgdesk.store.groups import GroupsRepository
    from msgdesk.store.workspace import Workspace

    ws, rounds = chains
    if ws.path is None:
        pytest.skip("the sqlite3 reader is for SQLite files")
    with Workspace(ws.path, reads_only=True) as reader:
        comparisons = reader.comparisons
        assert type(comparisons) is ComparisonReads  # not the store's repository: no SQLAlchemy
        assert not isinstance(comparisons, GroupsRepository)
        for scope in (None, [OTHER], sorted(rounds), []):
            for as_at in (None, *AS_AT):
                for previous in (None, "2019"):
                    if previous == label:
                        continue
                    got = comparisons.comparison(label, previous, partnerships=scope, as_at=as_at)
                    expected = ws.groups.comparison(label, previous, partnerships=scope, as_at=as_at)
                    assert got == expected, (label, previous, scope, as_at)
        assert comparisons.round_labels() == ws.groups.round_labels()
        assert comparisons.partnerships() == ws.groups.partnerships()
