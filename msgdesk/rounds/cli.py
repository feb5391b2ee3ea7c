"""The round's workflow on the command line: ``msgdesk ready``, ``approve`` and ``reopen``.

    msgdesk ready -p P -r R [--confirm-check]  shows the check before IJB, marks the round ready
                                               (with findings, only when --confirm-check accepts them)
    msgdesk approve -p P -r R --meeting DATE --minute REF [--confirm-check]

Dates as the window takes them (31/03/2022 or 2022-03-31); a partnership by its name or
by a part of it that only one name contains.
    msgdesk reopen -p P -r R --reason TEXT

Each exits 2, saying why, when the round's status does not allow the move.
"""

from __future__ import annotations

import argparse

from msgdesk.cli.main import (
    DATE_METAVAR,
    EXIT_OK,
    command,
    date_argument,
    partnership_named,
    round_arguments,
    workspace_for,
)
from msgdesk.domain.errors import CheckNotConfirmedError
from msgdesk.domain.states import RoundStatus


def _print_check(workspace, round_id: int) -> int:  # type: ignore[no-untyped-def]
    from msgdesk.rounds.review import find_problems, summarise

    problems = find_problems(workspace.template, workspace.rounds.snapshot(round_id))
    if not problems:
        print("Check before IJB: nothing to check.")
        return 0
    print(f"Check before IJB: {len(problems)} thing{'s' if len(problems) != 1 else ''} to check "
          f"({summarise(problems)}):")
    for problem in problems:
        print(f"  {problem.text}")
    return len(problems)


def _ready_arguments(parser: argparse.ArgumentParser) -> None:
    round_arguments(parser)
    parser.add_argument("--confirm-check", action="store_true",
                        help="mark the round ready although the check before IJB found things, accepting them")


@command("ready", "show the check before IJB and mark a round ready for the IJB", _ready_arguments)
def run_ready(args: argparse.Namespace) -> int:
    with workspace_for(args) as workspace:
        found = workspace.rounds.find_round(partnership_named(workspace, args.partnership), args.round)
        # As with approve: findings are read before the round moves, never scrolled past.
        if _print_check(workspace, found.id) and not args.confirm_check:
            raise CheckNotConfirmedError(
                f"{found.partnership} {found.label} is not marked ready: read the check above, then put the "
                "findings right or run again with --confirm-check to accept them")
        info = workspace.rounds.mark_ready(found.id)
    print(f"{info.partnership} {info.label} is {info.status.phrase}.")
    return EXIT_OK


def _approve_arguments(parser: argparse.ArgumentParser) -> None:
    round_arguments(parser)
    parser.add_argument("--meeting", type=date_argument, required=True, metavar=DATE_METAVAR,
                        help="the date of the IJB meeting that approved the return")
    parser.add_argument("--minute", required=True, metavar="REF", help="the minute reference of that approval")
    parser.add_argument("--confirm-check", action="store_true",
                        help="approve a round not marked ready, accepting the check before IJB printed first")


@command("approve", "record the IJB's approval of a round (it becomes read-only)", _approve_arguments)
def run_approve(args: argparse.Namespace) -> int:
    with workspace_for(args) as workspace:
        found = workspace.rounds.find_round(partnership_named(workspace, args.partnership), args.round)
        if found.status is not RoundStatus.READY:
            _print_check(workspace, found.id)
        try:
            info = workspace.rounds.approve(found.id, args.meeting, args.minute, check_confirmed=args.confirm_check)
        except CheckNotConfirmedError as exc:
            raise CheckNotConfirmedError(
                f"{exc}. Read the check above, then run 'msgdesk ready' or add --confirm-check"
            ) from exc
    print(f"{info.partnership} {info.label} is approved by the IJB of {info.ijb_meeting_date}, "
          f"minute {info.minute_reference}; it is now read-only.")
    return EXIT_OK


def _reopen_arguments(parser: argparse.ArgumentParser) -> None:
    round_arguments(parser)
    parser.add_argument("--reason", required=True, help="why the approved return is being amended (recorded)")


@command("reopen", "reopen an approved round for amendment, recording why", _reopen_arguments)
def run_reopen(args: argparse.Namespace) -> int:
    with workspace_for(args) as workspace:
        found = workspace.rounds.find_round(partnership_named(workspace, args.partnership), args.round)
        info = workspace.rounds.reopen(found.id, args.reason)
    print(f"{info.partnership} {info.label} is {info.status.phrase}; the reason is recorded.")
    return EXIT_OK
