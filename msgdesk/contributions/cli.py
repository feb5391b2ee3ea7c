"""Contributions on the command line.

    msgdesk pack -p P -r R --proposals 2.1-2.6,4.4 --for "Name, role" --out pack.json [--xlsx pack.xlsx]
    msgdesk merge REPLY.json|REPLY.xlsx -p P -r R [--dry-run]
    msgdesk packs -p P -r R [--withdraw PACK_ID]

``merge`` exits 0 when everything in the reply was applied (or there was nothing new), 3
when conflicts wait to be resolved in the window (listed with their places), 2 for a file
that is refused (bad, another round's, changed since it was cut, an approved round), with
the database unchanged.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from msgdesk.cli.base import EXIT_OK, command, partnership_named, round_arguments, workspace_for
from msgdesk.domain.errors import InputError

if TYPE_CHECKING:
    from msgdesk.store.contributions import ConflictInfo

#: Conflicts wait in the window.
EXIT_CONFLICTS = 3


def _pack_arguments(parser: argparse.ArgumentParser) -> None:
    round_arguments(parser)
    parser.add_argument("--proposals", required=True, metavar="LIST",
                        help="the proposals to send, e.g. 2.1-2.6,4.4 (a number alone: a whole key feature)")
    parser.add_argument("--for", dest="for_whom", required=True, metavar='"NAME, ROLE"',
                        help="whom the pack is for, e.g. \"Alan Brown, Chief Finance Officer\"")
    parser.add_argument("--out", metavar="PACK.json", help="write the pack as a return file (for msgdesk)")
    parser.add_argument("--xlsx", metavar="PACK.xlsx", help="write the pack as a workbook (for Excel)")


@command("pack", "send proposals to a contributor: a pack to fill in and send back", _pack_arguments)
def run_pack(args: argparse.Namespace) -> int:
    # loaded when the command runs, so --help and --version stay fast
    from msgdesk.contributions.packs import write_pack
    from msgdesk.contributions.proposals import parse_proposals, proposals_text

    if not (args.out or args.xlsx):
        raise InputError("say where to write the pack: --out PACK.json and/or --xlsx PACK.xlsx")
    with workspace_for(args) as workspace:
        proposals = parse_proposals(args.proposals, workspace.template)
        found = workspace.rounds.find_round(partnership_named(workspace, args.partnership), args.round)
        data = workspace.contributions.cut_pack(found.id, proposals, args.for_whom)
        assert data.pack is not None
        try:
            written = write_pack(data, args.out, args.xlsx, workspace.template)
        except OSError:
            workspace.contributions.withdraw(data.pack.id)  # no file went out: no reply to wait for
            raise
    for path in written:
        print(f"Wrote {path}")
    print(f"Pack for {data.pack.for_whom}: proposals {proposals_text(data.pack.proposals, workspace.template)} "
          f"of {data.partnership} {data.round} (pack {data.pack.id}).")
    return EXIT_OK


def _merge_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("reply", metavar="REPLY", help="the contributor's reply (.json from msgdesk, or .xlsx)")
    round_arguments(parser)
    parser.add_argument("--dry-run", action="store_true", help="print what would change, change nothing")


def _conflict_lines(conflicts: list[ConflictInfo]) -> list[str]:
    return [f"  {c.proposal} {c.place} — {c.contributor}'s reply (conflict {c.id})" for c in conflicts]


@command("merge", "merge a contributor's reply into the round (three ways, nothing overwritten)", _merge_arguments)
def run_merge(args: argparse.Namespace) -> int:
    # loaded when the command runs, so --help and --version stay fast
    from msgdesk.contributions.packs import read_reply
    from msgdesk.store.contributions import when

    workspace = workspace_for(args, open_now=False)
    reply = read_reply(args.reply, workspace.template)
    with workspace:
        workspace.ensure_open()
        found = workspace.rounds.find_round(partnership_named(workspace, args.partnership), args.round)
        result = workspace.contributions.merge_reply(found.id, reply, dry_run=args.dry_run)
    plan = result.plan
    origin = f"{result.contributor}'s reply of {when(result.reply_at)}"
    if args.dry_run:
        print(f"Dry run, nothing changed. Merging {origin} into {found.partnership} {found.label} would:")
        for label, changes in (("apply", plan.applied), ("hold ", plan.conflicts)):
            for change in changes:
                print(f"  {label}  {change.describe()}")
                for line in change.changed_words():
                    print(f"           {line}")
        if not plan.changes_anything:
            print("  change nothing: the reply brings nothing new")
        return EXIT_OK
    if not result.written:
        print(f"Nothing new in {origin}: it has been merged already.")
    else:
        applied = len(plan.applied)
        print(f"Merged {origin} into {found.partnership} {found.label}: {applied} change{'s' if applied != 1 else ''} "
              "applied, recorded as theirs.")
        for change in plan.applied:
            print(f"  {change.describe()}")
            for line in change.changed_words():
                print(f"      {line}")
    if result.conflicts:
        n = len(result.conflicts)
        print(f"{n} conflict{'s' if n != 1 else ''} wait{'s' if n == 1 else ''} in the window (Round → Resolve merge "
              "conflicts…): both sides changed these since the pack was cut, nothing was overwritten:")
        for line in _conflict_lines(result.conflicts):
            print(line)
        return EXIT_CONFLICTS
    return EXIT_OK


def _packs_arguments(parser: argparse.ArgumentParser) -> None:
    round_arguments(parser)
    parser.add_argument("--withdraw", metavar="PACK_ID", help="expect no reply to this pack any more")


@command("packs", "list a round's contribution packs and the conflicts waiting", _packs_arguments)
def run_packs(args: argparse.Namespace) -> int:
    # loaded when the command runs, so --help and --version stay fast
    from msgdesk.contributions.proposals import proposals_text
    from msgdesk.store.contributions import when

    # listing only reads (a read-only folder does not stop it); withdrawing writes
    with workspace_for(args, reads_only=not args.withdraw) as workspace:
        found = workspace.reads.find_round(partnership_named(workspace, args.partnership), args.round)
        if args.withdraw:
            pack = workspace.contributions.withdraw(args.withdraw)
            print(f"The pack for {pack.for_whom} is withdrawn: no reply is expected.")
            return EXIT_OK
        packs = workspace.contributions.packs(found.id)
        conflicts = workspace.contributions.conflicts(found.id)
    if not packs:
        print(f"No contribution packs for {found.partnership} {found.label} yet.")
    for pack in packs:
        print(f"{pack.uid}  {pack.for_whom}  {proposals_text(pack.proposals, workspace.template)}  "
              f"sent {when(pack.created_at)}  {pack.state.label}"
              + (f" (reply of {when(pack.last_reply_at)})" if pack.last_reply_at else ""))
    if conflicts:
        print(f"{len(conflicts)} conflict{'s' if len(conflicts) != 1 else ''} waiting:")
        for line in _conflict_lines(conflicts):
            print(line)
    return EXIT_OK
