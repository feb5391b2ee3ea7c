"""The round's status moves only as ``msgdesk.domain.states.ROUND_MOVES`` allows, through the core
API, the database and the command line alike; approving a draft needs the check before IJB
to have been shown and confirmed."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from msgdesk.cli.main import main
from msgdesk.domain.errors import CheckNotConfirmedError, MoveNotAllowedError, ReasonRequiredError, RoundLockedError
from msgdesk.domain.states import ROUND_MOVES, RoundMove, RoundStatus, allowed_moves
from tests.conftest import EXAMPLE

P = "North Ayrshire Health and Social Care Partnership"


@pytest.fixture
def workspace(any_workspace):
    return any_workspace


def bring_to(ws, round_id: int, status: RoundStatus) -> None:
    if status in (RoundStatus.READY, RoundStatus.APPROVED, RoundStatus.REOPENED):
        ws.rounds.mark_ready(round_id)
    if status in (RoundStatus.APPROVED, RoundStatus.REOPENED):
        ws.rounds.approve(round_id, date(2019, 5, 16), "IJB item 7")
    if status is RoundStatus.REOPENED:
        ws.rounds.reopen(round_id, "a typo in 2.3")
    assert ws.rounds.get_round(round_id).status is status


def do(ws, round_id: int, move: RoundMove, confirmed: bool = False):
    return {
        RoundMove.MARK_READY: lambda: ws.rounds.mark_ready(round_id),
        RoundMove.BACK_TO_DRAFT: lambda: ws.rounds.mark_draft(round_id),
        RoundMove.APPROVE: lambda: ws.rounds.approve(round_id, date(2019, 6, 20), "IJB item 9",
                                                     check_confirmed=confirmed),
        RoundMove.REOPEN: lambda: ws.rounds.reopen(round_id, "the Scottish Government asked"),
    }[move]()


@pytest.mark.parametrize("start", list(RoundStatus))
@pytest.mark.parametrize("move", list(RoundMove))
def test_every_status_and_move_follows_the_table(workspace, example_round, start, move):
    rid = example_round.id
    bring_to(workspace, rid, start)
    events_before = len(workspace.rounds.round_events(rid))
    target = ROUND_MOVES.get((start, move))
    if target is None:
        with pytest.raises((MoveNotAllowedError, RoundLockedError)):
            do(workspace, rid, move, confirmed=True)
        assert workspace.rounds.get_round(rid).status is start
        assert len(workspace.rounds.round_events(rid)) == events_before
        return
    info = do(workspace, rid, move, confirmed=True)
    assert info.status is target
    events = workspace.rounds.round_events(rid)
    assert len(events) == events_before + 1 and events[-1].kind == move.value
    assert move in allowed_moves(start)


@pytest.mark.parametrize("start", [RoundStatus.DRAFT, RoundStatus.REOPENED])
def test_a_draft_is_approved_only_once_the_check_is_confirmed(workspace, example_round, start):
    rid = example_round.id
    bring_to(workspace, rid, start)
    with pytest.raises(CheckNotConfirmedError, match="check before IJB"):
        workspace.rounds.approve(rid, date(2019, 6, 20), "IJB item 9")
    assert workspace.rounds.get_round(rid).status is start
    assert workspace.rounds.approve(rid, date(2019, 6, 20), "IJB item 9", check_confirmed=True).is_approved


def test_a_reopening_needs_a_reason_and_records_it(workspace, example_round):
    rid = example_round.id
    bring_to(workspace, rid, RoundStatus.APPROVED)
    with pytest.raises(ReasonRequiredError):
        workspace.rounds.reopen(rid, "   ")
    workspace.rounds.reopen(rid, "Scottish Government asked for 2.3's evidence")
    last = workspace.rounds.round_events(rid)[-1]
    assert last.kind == "reopened" and "2.3's evidence" in last.detail and "IJB item 7" in last.detail


def test_the_database_refuses_a_move_the_table_does_not_allow(workspace, example_round):
    rid = example_round.id
    with pytest.raises(MoveNotAllowedError):
        with workspace.engine.begin() as con:
            con.execute(text("UPDATE evaluation_round SET status = 'reopened' WHERE id = :id"), {"id": rid})
    assert workspace.rounds.get_round(rid).status is RoundStatus.DRAFT


def test_the_workflow_on_the_command_line(tmp_path, capsys):
    db = str(tmp_path / "x.db")
    assert main(["import", str(EXAMPLE), "--db", db]) == 0
    round_args = ["-p", P, "-r", "2019", "--db", db]
    approve = ["approve", *round_args, "--meeting", "2019-05-16", "--minute", "IJB 16/05/19 item 7"]
    capsys.readouterr()
    assert main(approve) == 2  # a draft: the check is printed, then the refusal says what to do
    out, err = capsys.readouterr()
    assert "Check before IJB: 52 things to check" in out and "6.3, action 1" in out
    assert "msgdesk ready" in err and "--confirm-check" in err
    assert main(["reopen", *round_args, "--reason", "x"]) == 2
    assert "not approved" in capsys.readouterr().err
    # issue 21 item 14: ready, like approve, prints the findings and needs them accepted
    assert main(["ready", *round_args]) == 2
    out, err = capsys.readouterr()
    assert "Check before IJB: 52 things to check" in out and "--confirm-check" in err
    assert "not marked ready" in err
    assert main(["ready", *round_args, "--confirm-check"]) == 0
    assert "ready for the IJB" in capsys.readouterr().out
    assert main(approve) == 0
    assert "read-only" in capsys.readouterr().out
    assert main(approve) == 2
    assert main(["ready", *round_args]) == 2
    assert "approved by the IJB" in capsys.readouterr().err
    assert main(["reopen", *round_args, "--reason", ""]) == 2
    assert main(["reopen", *round_args, "--reason", "typo in 4.4"]) == 0
    assert main(["approve", *round_args, "--meeting", "2019-06-20", "--minute", "item 3", "--confirm-check"]) == 0
    capsys.readouterr()
    assert main(["list", "--db", db]) == 0
    assert "Approved by IJB" in capsys.readouterr().out
    assert main(["approve", "-p", P, "-r", "2031", "--db", db, "--meeting", "2019-06-20", "--minute", "x"]) == 2
    with pytest.raises(SystemExit) as refused:  # argparse refuses a date it cannot read
        main(["approve", *round_args, "--meeting", "31/06/2019", "--minute", "x"])
    assert refused.value.code == 2
