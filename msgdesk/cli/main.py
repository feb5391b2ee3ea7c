"""The ``msgdesk`` command.  With no subcommand it opens the window; with one it works
headless.  Exit status: 0 success, 2 bad input or a refused change (message on stderr,
nothing written), 1 anything else.

The subcommands are listed in :mod:`msgdesk.cli.commands`.  Each imports what it needs
when it runs: ``--version`` and ``--help`` load no database or report library.
"""

from __future__ import annotations

import gc
import sys
from importlib.util import find_spec

from msgdesk.cli.base import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, TYPE_CHECKING, workspace_for

if TYPE_CHECKING:
    from argparse import Namespace
    from collections.abc import Sequence

    from msgdesk.domain.errors import MsgdeskError
else:
    # The hand readers' arguments: argparse.Namespace is a plain bag of attributes, and so is
    # SimpleNamespace, without importing argparse (gettext, locale: ~9M instructions of the
    # ~120M that a plain sqlite3 script doing list's reads costs, issue 22).
    from types import SimpleNamespace as Namespace


def _window_args(argv: Sequence[str]) -> Namespace | None:
    """The arguments of ``msgdesk``, ``msgdesk --db X`` or ``--db=X`` (the window), read by
    hand: an argparse parser of its own cost every command and ``--help`` a millisecond (its
    gettext look-ups).  None for anything else, which the full parser reads; it reads the
    window's other spellings (an abbreviation, ``--db`` twice) to the same arguments without
    importing any command's module (tests/test_cli_fast_paths.py compares the two)."""
    if not argv:
        db = None
    elif len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        db = argv[1]
    elif len(argv) == 1 and argv[0].startswith("--db="):
        db = argv[0].removeprefix("--db=")
    else:
        return None
    return Namespace(db=db, command=None)


def _list_args(argv: Sequence[str]) -> Namespace | None:
    """The arguments of ``msgdesk list`` with or without ``--db X`` (either side of ``list``),
    read by hand as the window's are: building the parser costs ``list`` 2-3 ms of a
    ~60 ms run (its seventeen subcommands' entries, and argparse's gettext look-ups, which
    load ``locale``).  None for any other spelling, which the full parser reads
    (tests/test_cli_fast_paths.py compares the two)."""
    rest = list(argv)
    if "list" not in rest:
        return None
    at = rest.index("list")
    db_args = rest[:at] + rest[at + 1:]
    if not db_args:
        db = None
    elif len(db_args) == 2 and db_args[0] == "--db" and db_args[1] and not db_args[1].startswith("-"):
        db = db_args[1]
    elif len(db_args) == 1 and db_args[0].startswith("--db=") and len(db_args[0]) > len("--db="):
        db = db_args[0].removeprefix("--db=")
    else:
        return None
    if at not in (0, len(db_args)):  # list between --db and its value: not a spelling of ours
        return None
    return Namespace(db=db, command="list")


#: ``msgdesk export``'s options as the hand reader takes them: each spelling, and the
#: attribute it sets.  No abbreviation (``--part``), no joined short form (``-pX``), no
#: value that begins with "-": those, like every other spelling, go to the full parser.
_EXPORT_OPTIONS = {
    "-p": "partnership", "--partnership": "partnership", "-r": "round", "--round": "round",
    "--json": "json", "--pdf": "pdf", "--docx": "docx", "--xlsx": "xlsx", "--label": "label",
    "--benchmark": "benchmark", "--db": "db",
}
#: What the full parser gives an option not given (``rounds.cli._export_arguments``).
_EXPORT_DEFAULTS = {"db": None, "json": None, "pdf": None, "docx": None, "xlsx": None, "label": "Appendix 1",
                    "benchmark": None}


def _export_args(argv: Sequence[str]) -> Namespace | None:
    """The arguments of ``msgdesk export`` (``-p P -r R --json OUT`` and the other outputs,
    ``--db X`` either side of ``export``), read by hand as ``list``'s are: the full parser
    costs ``export --json`` argparse, gettext and locale (~9M instructions).  Each option at
    most once, as ``--opt VALUE`` or ``--opt=VALUE`` (``-p VALUE``), the partnership and the
    round given.  None for any other spelling, which the full parser reads (and reports)
    (tests/test_cli_fast_paths.py compares the two over a sweep of spellings)."""
    rest = list(argv)
    if rest[:1] == ["export"]:
        rest = rest[1:]
    elif len(rest) >= 3 and rest[0] == "--db" and rest[2] == "export":
        rest = rest[:2] + rest[3:]
    elif len(rest) >= 2 and rest[0].startswith("--db=") and rest[1] == "export":
        rest = rest[:1] + rest[2:]
    else:
        return None
    found: dict[str, str] = {}
    while rest:
        option, value = rest[0], None
        if option.startswith("--") and "=" in option:
            option, value = option.split("=", 1)
            rest = rest[1:]
        elif len(rest) >= 2:
            value, rest = rest[1], rest[2:]
        name = _EXPORT_OPTIONS.get(option)
        if name is None or value is None or not value or value.startswith("-") or name in found:
            return None
        found[name] = value
    if "partnership" not in found or "round" not in found:
        return None
    return Namespace(**{**_EXPORT_DEFAULTS, **found, "command": "export"})


def _odd_values_explained(args: Namespace) -> MsgdeskError | None:
    # the store loads only when a command met a value it cannot read
    from msgdesk.domain.core_errors import MsgdeskError
    from msgdesk.store.value_check import damaged_by_odd_values

    try:
        with workspace_for(args, reads_only=True) as workspace:  # it only reads: a read-only folder too
            return damaged_by_odd_values(workspace.engine, workspace.describe())
    except (MsgdeskError, OSError):
        return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:  # answered before the commands' modules are imported for the parser
        from msgdesk import __version__  # importlib.metadata, only when asked

        print(f"msgdesk {__version__}")
        sys.exit(EXIT_OK)  # as argparse's --version does
    args = _window_args(argv) or _list_args(argv) or _export_args(argv)
    if args is None:
        # why: argparse (gettext, locale) only for a spelling the hand readers leave to it
        from msgdesk.cli.parser import build_parser

        args = build_parser().parse_args(argv)
    if args.command is None:
        if find_spec("PySide6") is None:
            print("msgdesk: the window needs PySide6, which is not installed; try 'msgdesk --help'", file=sys.stderr)
            return EXIT_FAILURE
        # The collector stops before the window's modules load, not once they have (run_gui
        # starts it again once the store is open, and on every way out): loading them makes
        # tens of thousands of objects and no garbage, and it walked them several times.
        gc.disable()
        from msgdesk.ui.app import run_gui  # Qt loads for the window only

        return run_gui(args)
    from msgdesk.cli.commands import command_named  # loaded by the parser above (or now, for a quick list)

    run = command_named(args.command).load().run  # its module too, loaded for its arguments
    # the log for a command that runs, not for --help: set up when logging is first imported
    from msgdesk.cli.logs import configure_when_imported

    configure_when_imported(console=True)
    # why: the errors are caught once a command runs (its module has loaded them); --help needs none
    from msgdesk.domain.core_errors import InputError, MsgdeskError

    try:
        return run(args)
    except InputError as exc:
        print(f"msgdesk {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (MsgdeskError, OSError) as exc:
        print(f"msgdesk {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except (ValueError, LookupError):
        # A stored value this msgdesk cannot read (a status of "x", a date of "x", written by
        # another tool before migration 0008 checked them): say where, as "damaged".
        damaged = _odd_values_explained(args)
        if damaged is None:
            raise
        print(f"msgdesk {args.command}: {damaged}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print(f"msgdesk {args.command}: interrupted", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
