"""The ``msgdesk`` command.  With no subcommand it opens the window; with one
it works headless.  Exit status: 0 success, 2 bad input (message on stderr),
1 anything else."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Sequence

from msgdesk import __version__
from msgdesk.errors import InputError, MsgdeskError
from msgdesk.paths import DB_ENV_VAR, default_db_path

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2

#: Subcommands register themselves here: name -> (add_arguments, run).
#: ``run(args)`` returns an exit status.
Command = tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str]
COMMANDS: dict[str, Command] = {}


def command(name: str, help_text: str, add_arguments: Callable[[argparse.ArgumentParser], None]):
    """Register ``run`` as the subcommand ``name``."""

    def register(run: Callable[[argparse.Namespace], int]):
        COMMANDS[name] = (add_arguments, run, help_text)
        return run

    return register


def open_engine(args: argparse.Namespace):
    from msgdesk.store.database import notices, open_database

    engine = open_database(default_db_path(args.db))
    for notice in notices(engine):
        print(f"msgdesk: {notice}", file=sys.stderr)
    return engine


# --- import / export / list ------------------------------------------------------


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the return file (.json) to import")
    parser.add_argument("--replace", action="store_true", help="replace a round that already exists (never an approved one)")


#: How long ``import --replace`` waits for a database another msgdesk has open.
REPLACE_LOCK_WAIT_SECONDS = 10.0


def _wait_for_lock(db_path: Path, seconds: float):
    """The database's single-instance lock, waiting up to ``seconds`` for it: two
    command-line imports queue, a window left open on the database stops us."""
    import time

    from msgdesk.store.recovery import AlreadyOpenError, InstanceLock

    deadline = time.monotonic() + seconds
    while True:
        try:
            return InstanceLock(db_path).acquire()
        except AlreadyOpenError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.1)


@command("import", "import a return file", _import_arguments)
def run_import(args: argparse.Namespace) -> int:
    from msgdesk.returnfile import read_return_file
    from msgdesk.store.repository import import_return

    data = read_return_file(args.file)
    if args.replace:
        # Replacing a round under a window that has it open would pull it from
        # under the officer's feet: wait for that msgdesk to close, or say so.
        lock = _wait_for_lock(default_db_path(args.db), REPLACE_LOCK_WAIT_SECONDS)
        try:
            info = import_return(open_engine(args), data, replace=True)
        finally:
            lock.release()
    else:
        info = import_return(open_engine(args), data)
    rated = sum(1 for r in data.responses if r.rating)
    actions = sum(len(r.actions) for r in data.responses)
    print(f"Imported {info.partnership}, round {info.label}: {rated} proposals rated, {actions} actions.")
    return EXIT_OK


def _round_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--partnership", "-p", required=True, help="the partnership's name, as listed by 'msgdesk list'")
    parser.add_argument("--round", "-r", required=True, help="the round, e.g. 2019")


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    _round_arguments(parser)
    parser.add_argument("--json", metavar="OUT", help="write the return file (msgdesk-return JSON)")
    parser.add_argument("--pdf", metavar="OUT", help="write the committee appendix (PDF)")
    parser.add_argument("--docx", metavar="OUT", help="write the committee appendix (Word)")
    parser.add_argument("--xlsx", metavar="OUT", help="write the collation workbook (Excel)")
    parser.add_argument("--label", default="Appendix 1",
                        help="the label in every page header of the appendix (default: %(default)s)")


@command("export", "export a round as a return file, PDF, Word document or Excel workbook", _export_arguments)
def run_export(args: argparse.Namespace) -> int:
    """Each requested output is written on its own: one that fails (its message on
    stderr, no file left) does not stop the others."""
    from msgdesk.store.repository import load_round

    # option -> (module with ``export(data, out, ...)``, what it writes, takes the label)
    exports = {
        "pdf": ("msgdesk.reports.pdf_appendix", "PDF", True),
        "docx": ("msgdesk.reports.docx_appendix", "Word", True),
        "xlsx": ("msgdesk.reports.xlsx_workbook", "XLSX", False),
    }
    outputs = [o for o in (args.json, args.pdf, args.docx, args.xlsx) if o]
    if not outputs:
        raise InputError("say what to write: --json OUT, --pdf OUT, --docx OUT and/or --xlsx OUT")
    engine = open_engine(args)
    data = load_round(engine, args.partnership, args.round)
    failures: list[MsgdeskError | OSError] = []

    def attempt(out: str, write: Callable[..., object], *args, **kwargs) -> None:
        try:
            write(*args, **kwargs)
        except (MsgdeskError, OSError) as exc:
            failures.append(exc)
            print(f"msgdesk export: {out} not written: {exc}", file=sys.stderr)
        else:
            print(f"Wrote {out}")

    if args.json:
        from msgdesk.returnfile import write_return_file

        attempt(args.json, write_return_file, args.json, data)
    for option, (module_name, kind, labelled) in exports.items():
        out = getattr(args, option)
        if not out:
            continue
        try:
            module = __import__(module_name, fromlist=["export"])
        except ImportError as exc:
            failures.append(MsgdeskError(f"{kind} export is not available in this build ({exc})"))
            print(f"msgdesk export: {out} not written: {failures[-1]}", file=sys.stderr)
            continue
        kwargs = {"label": args.label} if labelled else {}
        attempt(out, module.export, data, out, **kwargs)
    if not failures:
        return EXIT_OK
    return EXIT_BAD_INPUT if all(isinstance(f, InputError) for f in failures) else EXIT_FAILURE


def _list_arguments(parser: argparse.ArgumentParser) -> None:
    pass


@command("list", "list partnerships and rounds", _list_arguments)
def run_list(args: argparse.Namespace) -> int:
    from msgdesk.returndata import ROUND_STATUS_LABELS
    from msgdesk.store.repository import list_rounds

    summaries = list_rounds(open_engine(args))
    if not summaries:
        print("No rounds yet. Import one with: msgdesk import FILE")
        return EXIT_OK
    rows = [("Partnership", "Round", "Status", "Rated", "Actions")]
    for s in summaries:
        rows.append(
            (
                s.round.partnership,
                s.round.label,
                ROUND_STATUS_LABELS.get(s.round.status, s.round.status),
                f"{s.rated} of {s.local_total} rated",
                str(s.actions),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return EXIT_OK


# --- the parser ------------------------------------------------------------------------


def _db_option(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help=f"the database file (default: ${DB_ENV_VAR}, else msgdesk.db in your user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="msgdesk",
        description="Complete the MSG self-evaluation of progress with integration, offline.",
    )
    parser.add_argument("--version", action="version", version=f"msgdesk {__version__}")
    _db_option(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (add_arguments, _run, help_text) in COMMANDS.items():
        child = sub.add_parser(name, help=help_text, description=help_text)
        _db_option(child, argparse.SUPPRESS)  # --db may come before or after the subcommand
        add_arguments(child)
    return parser


def _load_plugins() -> None:
    """Subcommands that live beside their feature register on import."""
    for module in ("msgdesk.tracker.cli", "msgdesk.store.backup_cli"):
        try:
            __import__(module)
        except ImportError:
            pass


def main(argv: Sequence[str] | None = None) -> int:
    _load_plugins()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        try:
            from msgdesk.ui.app import run_gui
        except ImportError as exc:
            print(f"msgdesk: the window cannot start ({exc}); try 'msgdesk --help'", file=sys.stderr)
            return EXIT_FAILURE
        return run_gui(args)
    run = COMMANDS[args.command][1]
    from msgdesk.logging_setup import configure_logging

    configure_logging(console=True)
    try:
        return run(args)
    except InputError as exc:
        print(f"msgdesk {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except MsgdeskError as exc:
        print(f"msgdesk {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as exc:
        print(f"msgdesk {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print(f"msgdesk {args.command}: interrupted", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
