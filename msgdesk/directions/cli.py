"""``msgdesk directions``: the log of directions the IJB issues, on the command line.

    msgdesk directions import FILE [--replace]
    msgdesk directions export -p P --json OUT
    msgdesk directions list -p P [--as-at YYYY-MM-DD]
    msgdesk directions log -p P --as-at YYYY-MM-DD [--pdf OUT] [--xlsx OUT]
    msgdesk directions bodies -p P [--health-board NAME] [--local-authority NAME]

A file that cannot be imported exits 2 with every problem and its place, and nothing is
written.  ``log`` without --pdf or --xlsx prints the log.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from msgdesk.cli.base import (
    DATE_METAVAR,
    EXIT_OK,
    command,
    date_argument,
    db_option,
    partnership_named,
    workspace_for,
)
from msgdesk.domain.errors import NotFoundError

if TYPE_CHECKING:
    from msgdesk.directions.log import DirectionsLog
    from msgdesk.store.workspace import Workspace


def _partnership(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--partnership", "-p", required=True, help="the partnership's name")


def _arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="directions_command", metavar="WHAT", required=True)

    def child(name: str, help_text: str) -> argparse.ArgumentParser:
        found = sub.add_parser(name, help=help_text, description=help_text)
        db_option(found, argparse.SUPPRESS)
        return found

    p = child("import", "import a directions file (all of it or none of it)")
    p.add_argument("file", help="the directions file (.json)")
    p.add_argument("--replace", action="store_true",
                   help="bring directions already in the log up to date (their content, once issued, never changes)")
    p = child("export", "write a partnership's directions file")
    _partnership(p)
    p.add_argument("--json", metavar="OUT", required=True, help="the directions file to write")
    p = child("list", "list a partnership's directions with their status")
    _partnership(p)
    p.add_argument("--as-at", type=date_argument, default=None, metavar=DATE_METAVAR,
                   help="as on this date (default: today)")
    p = child("log", "the directions log for the IJB and the committee (PDF, Excel, or printed)")
    _partnership(p)
    p.add_argument("--as-at", type=date_argument, default=None, metavar=DATE_METAVAR,
                   help="the log as it stood on this date (default: today)")
    p.add_argument("--pdf", metavar="OUT", help="write the log as a PDF")
    p.add_argument("--xlsx", metavar="OUT", help="write the log as an Excel workbook")
    p = child("bodies", "show or set the names of the partnership's Health Board and Local Authority")
    _partnership(p)
    p.add_argument("--health-board", metavar="NAME", help='e.g. "NHS Ayrshire & Arran"')
    p.add_argument("--local-authority", metavar="NAME", help='e.g. "North Ayrshire Council"')


@command("directions", "the log of directions from the IJB: import, export, list, log, bodies", _arguments)
def run(args: argparse.Namespace) -> int:
    return {"import": _import, "export": _export, "list": _list, "log": _log, "bodies": _bodies}[
        args.directions_command](args)


def _known(workspace: Workspace, partnership: str) -> str:
    """Named as every command names a partnership (``partnership_named``)."""
    return partnership_named(workspace, partnership)


def _import(args: argparse.Namespace) -> int:
    # loaded when the command runs, so --help and --version stay fast
    from msgdesk.directions.file import read_directions_file

    data = read_directions_file(args.file)
    with workspace_for(args) as workspace:
        result = workspace.directions.import_file(data, replace=args.replace, source=str(args.file))
    parts = [f"{len(result.added)} added"]
    if args.replace:
        parts += [f"{len(result.updated)} brought up to date", f"{len(result.unchanged)} unchanged"]
    print(f"Imported the directions of {result.partnership}: {', '.join(parts)}.")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    # loaded when the command runs, so --help and --version stay fast
    from msgdesk.directions.file import write_directions_file

    with workspace_for(args, reads_only=True) as workspace:  # writes a file, not the database
        data = workspace.directions.export(_known(workspace, args.partnership))
        drafts = sum(1 for r in workspace.directions.list_directions(data.partnership) if r.data.issued_on is None)
    write_directions_file(args.json, data)
    note = f" ({drafts} draft{'s' if drafts != 1 else ''} not written: a directions file holds what was issued)" \
        if drafts else ""
    print(f"Wrote {args.json}: {len(data.directions)} direction{'s' if len(data.directions) != 1 else ''}{note}.")
    return EXIT_OK


def _read_log(args: argparse.Namespace) -> DirectionsLog:
    # loaded when the command runs, so --help and --version stay fast
    from msgdesk.directions.log import read_log

    with workspace_for(args, reads_only=True) as workspace:  # list and log only read
        return read_log(workspace, _known(workspace, args.partnership), args.as_at or date.today())


def _list(args: argparse.Namespace) -> int:
    # loaded when the command runs, so --help and --version stay fast
    from msgdesk.cli.table import fit_table
    from msgdesk.directions.money import pounds_shown

    log = _read_log(args)
    if not log.items:
        print(f"{log.partnership} has no direction issued by {log.as_at.isoformat()}.")
        return EXIT_OK
    rows = [("Reference", "Issued", "Status", "To", "Resource", "Overdue")]
    for item in log.items:
        data = item.record.data
        rows.append((item.reference, data.issued_on.isoformat() if data.issued_on else "", item.status.describe(),
                     item.issued_to, pounds_shown(data.resource_pence), str(len(item.overdue) or "")))
    # Fits the terminal (100 columns under a pipe): a long status (a revocation's reason)
    # and the partners wrap in their columns; "Completed on 30 November 2025" stays whole.
    for line in fit_table(rows, flexible={2: 29, 3: 15}):
        print(line)
    if log.left_out:
        print(f"({log.left_out} not yet issued by {log.as_at.isoformat()}, not listed)")
    return EXIT_OK


def _log(args: argparse.Namespace) -> int:
    log = _read_log(args)
    if args.pdf:
        # loaded when the command runs, so --help and --version stay fast
        from msgdesk.reports.directions_log_pdf import write_pdf

        print(f"Wrote {write_pdf(log, args.pdf)}")
    if args.xlsx:
        # loaded when the command runs, so --help and --version stay fast
        from msgdesk.reports.directions_log_xlsx import write_xlsx

        print(f"Wrote {write_xlsx(log, args.xlsx)}")
    if not (args.pdf or args.xlsx):
        # loaded when the command runs, so --help and --version stay fast
        from msgdesk.directions.text import log_text

        print(log_text(log), end="")
    return EXIT_OK


def _bodies(args: argparse.Namespace) -> int:
    with workspace_for(args) as workspace:
        directions = workspace.directions
        if args.health_board is None and args.local_authority is None:
            bodies = directions.bodies(_known(workspace, args.partnership))
        else:
            try:
                named = _known(workspace, args.partnership)
            except NotFoundError:
                named = args.partnership.strip()  # naming the bodies may come first: a new partnership
            bodies = directions.set_bodies(named, health_board=args.health_board,
                                           local_authority=args.local_authority)
    print(f"Health Board: {bodies.health_board or '(no name kept: the log says Health Board)'}")
    print(f"Local Authority: {bodies.local_authority or '(no name kept: the log says Local Authority)'}")
    return EXIT_OK
