"""``msgdesk report``: the committee progress report on the improvement actions.

    msgdesk report --partnership P --round R --as-at YYYY-MM-DD --pdf OUT --xlsx OUT
"""

from __future__ import annotations

import argparse
from datetime import date

from msgdesk.cli.base import DATE_METAVAR, EXIT_OK, command, date_argument, partnership_named, workspace_for
from msgdesk.domain.errors import InputError
from msgdesk.reports.exporters import write_progress_report


def _report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--partnership", "-p", required=True,
                        help="the partnership's name, as listed by 'msgdesk list'")
    parser.add_argument("--round", "-r", required=True, help="the round, e.g. 2019")
    parser.add_argument("--as-at", type=date_argument, default=None, metavar=DATE_METAVAR,
                        help="report the actions as they stood on this date (default: today)")
    parser.add_argument("--pdf", metavar="OUT", help="write the report as a PDF")
    parser.add_argument("--xlsx", metavar="OUT", help="write the report as an Excel workbook")


@command("report", "the committee progress report on a round's improvement actions (PDF, Excel)",
         _report_arguments)
def run(args: argparse.Namespace) -> int:
    if not (args.pdf or args.xlsx):
        raise InputError("say what to write: --pdf OUT and/or --xlsx OUT")
    as_at = args.as_at or date.today()
    with workspace_for(args, reads_only=True) as workspace:
        partnership = partnership_named(workspace, args.partnership)
        for path in write_progress_report(workspace, partnership, args.round, as_at, pdf=args.pdf, xlsx=args.xlsx):
            print(f"Wrote {path}")
    return EXIT_OK
