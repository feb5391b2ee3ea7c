"""The ``msgdesk`` command.  With no subcommand it opens the window; with one it works
headless.  Exit status: 0 success, 2 bad input or a refused change (message on stderr,
nothing written), 1 anything else.

Each command imports only what it needs, when it runs: ``--version`` and ``--help`` load
no database or report library.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from importlib.util import find_spec
from typing import TYPE_CHECKING

from msgdesk.domain.errors import InputError, MsgdeskError
from msgdesk.paths import DB_ENV_VAR, default_db_location

if TYPE_CHECKING:
    from msgdesk.store.workspace import Workspace

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2

#: Subcommands register themselves here: name -> (add_arguments, run, help).
#: ``run(args)`` returns an exit status.
Command = tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str]
COMMANDS: dict[str, Command] = {}

#: Modules beside their feature whose subcommands register on import.
PLUGINS = ("msgdesk.rounds.cli", "msgdesk.tracker.cli", "msgdesk.cli.backup", "msgdesk.ui.selfcheck",
           "msgdesk.contributions.cli", "msgdesk.collation.cli", "msgdesk.directions.cli")


#: How every command shows its date arguments in --help.
DATE_METAVAR = "DATE"
DATE_FORMS = "31/03/2022 or 2022-03-31"


def date_argument(text: str) -> date:
    """An argparse type: a date as the window's date fields take it (``parse_date``: day
    first, "31/03/2022", "31 March 2022" or "2022-03-31"), so that the command line and
    the window accept the same dates.  Anything else exits 2 with the forms it takes."""
    from msgdesk.domain.dates import parse_date

    found = parse_date(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"expected a date such as {DATE_FORMS}, got {text!r}")
    return found


def partnership_named(workspace: Workspace, given: str) -> str:
    """The partnership ``given`` names, the same way for every command: its exact name
    (case and spacing aside), else the one name that contains it.  More than one is
    AmbiguousNameError listing the candidates, none is NotFoundError with the nearest
    names: both exit 2."""
    from msgdesk.store.groups import match_names

    found = match_names([given], workspace.rounds.list_partnerships())
    if not found:
        raise InputError("give the partnership's name (msgdesk list shows them)")
    return found[0]


def command(name: str, help_text: str, add_arguments: Callable[[argparse.ArgumentParser], None]
            ) -> Callable[[Callable[[argparse.Namespace], int]], Callable[[argparse.Namespace], int]]:
    """Register ``run`` as the subcommand ``name``."""

    def register(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = (add_arguments, run, help_text)
        return run

    return register


def workspace_for(args: argparse.Namespace, *, open_now: bool = True) -> Workspace:
    """The workspace ``--db`` (or ``$MSGDESK_DB``, or the user's data folder) names."""
    from msgdesk.store.workspace import Workspace

    workspace = Workspace(default_db_location(args.db))
    if open_now:
        workspace.ensure_open()
        for notice in workspace.notices:
            print(f"msgdesk: {notice}", file=sys.stderr)
    return workspace


def round_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--partnership", "-p", required=True,
                        help="the partnership's name, as listed by 'msgdesk list'")
    parser.add_argument("--round", "-r", required=True, help="the round, e.g. 2019")


# --- import / export / list ------------------------------------------------------


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE|FOLDER",
                        help="return files (.json), or folders holding them; each file is imported all or nothing")
    parser.add_argument("--replace", action="store_true",
                        help="replace a round that already exists (never an approved one)")


#: How long ``import --replace`` waits for a database another msgdesk has open.
REPLACE_LOCK_WAIT_SECONDS = 10.0


@command("import", "import return files: one, several, or a folder of them", _import_arguments)
def run_import(args: argparse.Namespace) -> int:
    from msgdesk.domain.states import ImportOutcome
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
    from msgdesk.rounds.return_file import read_return_file

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
    from importlib import import_module

    # option -> (module with ``export(data, out, ...)``, takes the label)
    exports = {
        "pdf": ("msgdesk.reports.appendix_pdf", True),
        "docx": ("msgdesk.reports.appendix_docx", True),
        "xlsx": ("msgdesk.reports.return_xlsx", False),
    }
    if not (args.json or args.pdf or args.docx or args.xlsx):
        raise InputError("say what to write: --json OUT, --pdf OUT, --docx OUT and/or --xlsx OUT")
    if args.benchmark and not args.pdf:
        raise InputError("--benchmark adds the 'Where we stand' page to the PDF appendix: give --pdf OUT too")
    with workspace_for(args) as workspace:
        data = workspace.rounds.load_round(partnership_named(workspace, args.partnership), args.round)
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

    if args.json:
        from msgdesk.rounds.return_file import write_return_file

        attempt(args.json, write_return_file, args.json, data, workspace.template)
    for option, (module_name, labelled) in exports.items():
        out = getattr(args, option)
        if out:
            options: dict[str, object] = {"label": args.label} if labelled else {}
            if option == "pdf" and extra:
                options["extra"] = extra
            attempt(out, import_module(module_name).export, data, out, **options)
    if not failures:
        return EXIT_OK
    return EXIT_BAD_INPUT if all(isinstance(f, InputError) for f in failures) else EXIT_FAILURE


def _benchmark_page(workspace: Workspace, partnership: str, round_label: str, group: str) -> list[object]:
    from msgdesk.collation.collate import standing_for
    from msgdesk.reports import where_we_stand

    return list(where_we_stand.flowables(standing_for(workspace, partnership, round_label, group)))


@command("list", "list partnerships and rounds", lambda parser: None)
def run_list(args: argparse.Namespace) -> int:
    with workspace_for(args) as workspace:
        summaries = workspace.rounds.list_rounds()
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


# --- the parser ------------------------------------------------------------------------


def _db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db", metavar="PATH|URL", default=default,
        help=f"the database: an SQLite file, or postgresql://user@host/dbname for a shared one "
             f"(default: ${DB_ENV_VAR}, else msgdesk.db in your user data folder)",
    )


class _VersionAction(argparse.Action):
    """``--version``, reading the installed version only when asked (importlib.metadata
    costs every other command 40 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show msgdesk's version and exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        from msgdesk import __version__

        print(f"msgdesk {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    for module in PLUGINS:
        __import__(module)
    parser = argparse.ArgumentParser(
        prog="msgdesk", description="Complete the MSG self-evaluation of progress with integration, offline.",
    )
    parser.add_argument("--version", action=_VersionAction)
    _db_option(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (add_arguments, _run, help_text) in COMMANDS.items():
        child = sub.add_parser(name, help=help_text, description=help_text)
        _db_option(child, argparse.SUPPRESS)  # --db may come before or after the subcommand
        add_arguments(child)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if find_spec("PySide6") is None:
            print("msgdesk: the window needs PySide6, which is not installed; try 'msgdesk --help'", file=sys.stderr)
            return EXIT_FAILURE
        from msgdesk.ui.app import run_gui

        return run_gui(args)
    run = COMMANDS[args.command][1]
    from msgdesk.logging_setup import configure_logging

    configure_logging(console=True)
    try:
        return run(args)
    except InputError as exc:
        print(f"msgdesk {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (MsgdeskError, OSError) as exc:
        print(f"msgdesk {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print(f"msgdesk {args.command}: interrupted", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
