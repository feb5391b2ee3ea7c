"""A round on the command line: ``msgdesk import``, ``export`` and ``list``; the round's
workflow, ``msgdesk ready``, ``approve`` and ``reopen``.

    msgdesk import FILE|FOLDER ... [--replace]  return files, each all or nothing
    msgdesk export -p P -r R [--json OUT] [--pdf OUT] [--docx OUT] [--xlsx OUT]
    msgdesk ready -p P -r R [--confirm-check]  shows the check before IJB, marks the round ready
                                               (with findings, only when --confirm-check accepts them)
    msgdesk approve -p P -r R --meeting DATE --minute REF [--confirm-check]

Dates as the window takes them (31/03/2022 or 2022-03-31); a partnership by its name or
by a part of it that only one name contains.
    msgdesk reopen -p P -r R --reason TEXT

Each exits 2, saying why, when the round's status does not allow the move.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from msgdesk.cli.base import (
    DATE_METAVAR,
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    EXIT_OK,
    TYPE_CHECKING,
    command,
    date_argument,
    partnership_named,
    round_arguments,
    workspace_for,
)
from msgdesk.domain.core_errors import CheckNotConfirmedError, InputError, MsgdeskError  # not errors' 22 others
from msgdesk.domain.core_states import RoundStatus  # not states' 17 other enums, for list and export

if TYPE_CHECKING:
    import argparse  # the annotations only: list and export --json run without argparse
    from typing import Any

    from msgdesk.store.workspace import Workspace


# --- import / export / list: the return as a file ------------------------------------------------------


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE|FOLDER",
                        help="return files (.json), or folders holding them; each file is imported all or nothing")
    parser.add_argument("--replace", action="store_true",
                        help="replace a round that already exists (never an approved one)")


#: How long ``import --replace`` waits for a database another msgdesk has open.
REPLACE_LOCK_WAIT_SECONDS = 10.0


@command("import", "import return files: one, several, or a folder of them", _import_arguments)
def run_import(args: argparse.Namespace) -> int:
    # why: the outcomes' enum is in states, whose 17 other enums list and export --json do without
    from msgdesk.domain.states import ImportOutcome

    # the return format's reader (json, hashlib) loads when a command runs, not for --help or --version
    from msgdesk.rounds.import_many import collect, import_files, is_folder, summary

    workspace = workspace_for(args, open_now=False)
    if len(args.files) == 1 and not is_folder(args.files[0]):
        return _import_one_file(workspace, args.files[0], args.replace)

    batch = collect(args.files)
    with workspace:
        if args.replace:
            workspace.acquire_lock(REPLACE_LOCK_WAIT_SECONDS)
        workspace.ensure_open()
        results = import_files(workspace, batch.files, replace=args.replace)
    width = max(len(outcome.value) for outcome in ImportOutcome)
    for result in results:
        print(f"{result.outcome.value.ljust(width)}  {result.path}: {result.message}")
    for folder in batch.empty_folders:
        print(f"{'empty'.ljust(width)}  {folder}: no return files (.json) in this folder")
    print(summary(results, batch))
    refused = sum(1 for r in results if r.outcome is ImportOutcome.REFUSED)
    if not results:
        print("msgdesk import: no return files (.json) found", file=sys.stderr)
        return EXIT_BAD_INPUT
    if refused:
        print(f"msgdesk import: {refused} of {len(results)} files refused; nothing of a refused file was written",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _import_one_file(workspace: Workspace, path: str, replace: bool) -> int:
    from msgdesk.rounds.return_file import read_return_file  # json and hashlib, when the command runs

    data = read_return_file(path, workspace.template)
    with workspace:
        if replace:
            # Replacing a round under a window that has it open would pull it from under
            # the officer's feet: wait for that msgdesk to close, or say so.
            workspace.acquire_lock(REPLACE_LOCK_WAIT_SECONDS)
        workspace.ensure_open()
        info = workspace.rounds.import_return(data, replace=replace)
    rated = sum(1 for r in data.responses if r.rating)
    actions = sum(len(r.actions) for r in data.responses)
    print(f"Imported {info.partnership}, round {info.label}: {rated} proposals rated, {actions} actions.")
    return EXIT_OK


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    round_arguments(parser)
    parser.add_argument("--json", metavar="OUT", help="write the return file (msgdesk-return JSON)")
    parser.add_argument("--pdf", metavar="OUT", help="write the committee appendix (PDF)")
    parser.add_argument("--docx", metavar="OUT", help="write the committee appendix (Word)")
    parser.add_argument("--xlsx", metavar="OUT", help="write the collation workbook (Excel)")
    parser.add_argument("--label", default="Appendix 1",
                        help="the label in every page header of the appendix (default: %(default)s)")
    parser.add_argument("--benchmark", metavar="GROUP",
                        help="add a 'Where we stand' page to the PDF: the ratings beside the comparator group's")


@command("export", "export a round as a return file, PDF, Word document or Excel workbook", _export_arguments)
def run_export(args: argparse.Namespace) -> int:
    """Each requested output is written on its own: one that fails (its message on
    stderr, no file left) does not stop the others."""
    # the exporters' table loads for export, not for list and the other commands of this module
    from msgdesk.reports.exporters import ExportKind, ExportOptions, export_round

    if not (args.json or args.pdf or args.docx or args.xlsx):
        raise InputError("say what to write: --json OUT, --pdf OUT, --docx OUT and/or --xlsx OUT")
    if args.benchmark and not args.pdf:
        raise InputError("--benchmark adds the 'Where we stand' page to the PDF appendix: give --pdf OUT too")
    with workspace_for(args, reads_only=True) as workspace:
        data = workspace.reads.load_round(partnership_named(workspace, args.partnership), args.round)
        extra = _benchmark_page(workspace, data.partnership, data.round, args.benchmark) if args.benchmark else []
    failures: list[MsgdeskError | OSError] = []

    def attempt(out: str, write: Callable[..., object], *values: object, **options: object) -> None:
        try:
            write(*values, **options)
        except (MsgdeskError, OSError) as exc:
            failures.append(exc)
            print(f"msgdesk export: {out} not written: {exc}", file=sys.stderr)
        else:
            print(f"Wrote {out}")

    for kind in ExportKind:  # the return file first, then the appendix and the workbook
        out = getattr(args, kind.value)
        if out:
            options = ExportOptions(template=workspace.template, label=args.label,
                                    extra=extra if kind is ExportKind.APPENDIX_PDF else ())
            attempt(out, export_round, kind, data, out, options)
    if not failures:
        return EXIT_OK
    return EXIT_BAD_INPUT if all(isinstance(f, InputError) for f in failures) else EXIT_FAILURE


def _benchmark_page(workspace: Workspace, partnership: str, round_label: str, group: str) -> list[dict[str, Any]]:
    from msgdesk.collation.collate import standing_for  # the comparison, only with --benchmark
    from msgdesk.reports import where_we_stand  # the page's data, only with --benchmark

    return list(where_we_stand.flowables(standing_for(workspace, partnership, round_label, group)))


@command("list", "list partnerships and rounds", lambda parser: None)
def run_list(args: argparse.Namespace) -> int:
    with workspace_for(args, reads_only=True) as workspace:
        summaries = workspace.reads.list_rounds()
    if not summaries:
        print("No rounds yet. Import one with: msgdesk import FILE")
        return EXIT_OK
    rows = [("Partnership", "Round", "Status", "Rated", "Actions")]
    for s in summaries:
        rows.append((s.round.partnership, s.round.label, s.round.status.label, f"{s.rated} of {s.local_total} rated",
                     str(s.actions)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return EXIT_OK



# --- the round's workflow ------------------------------------------------------

if TYPE_CHECKING:  # for the annotation only
    from msgdesk.store.workspace import Workspace


def _print_check(workspace: Workspace, round_id: int) -> int:
    # the check's modules load when a command prints it, so --help and --version stay fast
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
