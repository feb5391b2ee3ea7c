"""The ``msgdesk`` command.  With no subcommand it opens the window; with one it works
headless.  Exit status: 0 success, 2 bad input or a refused change (message on stderr,
nothing written), 1 anything else.

The subcommands are listed in :mod:`msgdesk.cli.commands`.  Each imports what it needs
when it runs: ``--version`` and ``--help`` load no database or report library.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from importlib.util import find_spec

from msgdesk.cli.base import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, TYPE_CHECKING, db_option, workspace_for

if TYPE_CHECKING:
    from typing import Any

    from msgdesk.cli.commands import CommandEntry
    from msgdesk.domain.errors import MsgdeskError


def terminal_columns() -> int:
    """The width ``shutil.get_terminal_size`` gives argparse, found as it finds it (COLUMNS,
    then the terminal of ``sys.__stdout__``, then 80): argparse imports shutil for it, which
    brings zlib, bz2 and lzma, 3 ms of every command and of ``--help``."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        found = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):  # no stdout, or not a terminal
        found = 0
    return found or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's own help formatter at the same width, without importing shutil."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         terminal_columns() - 2 if width is None else width)


class _VersionAction(argparse.Action):
    """``--version``, reading the installed version only when asked (importlib.metadata
    costs every other command 40 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show msgdesk's version and exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        from msgdesk import __version__  # importlib.metadata, only when asked

        print(f"msgdesk {__version__}")
        parser.exit()


class _CommandParser(argparse.ArgumentParser):
    """A subcommand's parser whose arguments are added when it is first used (parsed, or
    its help shown): ``msgdesk list`` then builds one subcommand's arguments, not all
    seventeen, and ``msgdesk --help`` none (``admin``'s alone import SQLAlchemy).  The
    arguments and their order are those of an eager build, so every help text is unchanged."""

    def __init__(self, *args: Any, add_arguments: Callable[[argparse.ArgumentParser], None] | None = None,
                 **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._pending = add_arguments

    def ready(self) -> argparse.ArgumentParser:
        """Add the subcommand's arguments now, if not yet."""
        if self._pending is not None:
            add_arguments, self._pending = self._pending, None
            db_option(self, argparse.SUPPRESS)  # --db may come before or after the subcommand
            add_arguments(self)
        return self

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        self.ready()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self.ready()
        return super().format_usage()

    def format_help(self) -> str:
        self.ready()
        return super().format_help()


class _Parsers(dict[str, object]):
    """The subcommands' parsers by name, each made when first looked up: argparse's
    ``ArgumentParser()`` costs about half a millisecond (its gettext look-ups and help
    formatter), seventeen of them 8 ms of every command; the chosen one is made, and
    ``msgdesk --help`` makes none.  Any read of a value (``[]``, ``get``, ``items``,
    ``values``, ``dict(...)``) gets the parser itself, never the recipe."""

    def __getitem__(self, name: str) -> Any:
        found = super().__getitem__(name)
        if isinstance(found, _Recipe):
            found = found.make()
            super().__setitem__(name, found)
        return found

    def __iter__(self) -> Any:  # also makes dict(self) read each value through __getitem__
        return iter(list(super().keys()))

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self else default

    def values(self) -> Any:
        return [self[name] for name in self]

    def items(self) -> Any:
        return [(name, self[name]) for name in self]


class _Recipe:
    """How to make one subcommand's parser, kept until it is needed."""

    def __init__(self, make: Callable[[], argparse.ArgumentParser]) -> None:
        self.make = make


class _LazySubParsers(argparse._SubParsersAction):
    """argparse's subcommands, whose parsers are made when first used (see _Parsers).
    ``add_parser`` does what argparse's does for a name without aliases: the same prog, the
    same line in the top-level help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._name_parser_map = self.choices = _Parsers()

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if kwargs.get("prog") is None:
            kwargs["prog"] = f"{self._prog_prefix} {name}"
        if "help" in kwargs:
            self._choices_actions.append(self._ChoicesPseudoAction(name, (), kwargs.pop("help")))
        parser_class = self._parser_class
        self._name_parser_map[name] = _Recipe(lambda: parser_class(**kwargs))


def _arguments_of(entry: CommandEntry) -> Callable[[argparse.ArgumentParser], None]:
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        entry.load().add_arguments(parser)

    return add_arguments


def build_parser(*, eager: bool = False) -> argparse.ArgumentParser:
    """The whole command line.  Each subcommand's arguments are added when it is used;
    ``eager`` adds them all at once (the tests compare the two)."""
    from msgdesk.cli.commands import COMMANDS  # the commands' table: not for the window's start-up

    parser = argparse.ArgumentParser(
        prog="msgdesk", description="Complete the MSG self-evaluation of progress with integration, offline.",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action=_VersionAction)
    db_option(parser, None)
    # prog: what argparse would work out by formatting a usage line (no positional argument
    # comes before the subcommand), without the formatter and its gettext look-ups
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser,
                                action=_LazySubParsers, prog=parser.prog)
    for entry in COMMANDS:
        # the command's module loads when its parser is first used: --help lists the table's names and helps
        sub.add_parser(entry.name, help=entry.help, description=entry.help, add_arguments=_arguments_of(entry))
        if eager:
            sub.choices[entry.name].ready()
    return parser


def _window_args(argv: Sequence[str]) -> argparse.Namespace | None:
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
    return argparse.Namespace(db=db, command=None)


def _list_args(argv: Sequence[str]) -> argparse.Namespace | None:
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
    return argparse.Namespace(db=db, command="list")


def _odd_values_explained(args: argparse.Namespace) -> MsgdeskError | None:
    # the store loads only when a command met a value it cannot read
    from msgdesk.domain.errors import MsgdeskError
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
    args = _window_args(argv) or _list_args(argv)
    if args is None:
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
    from msgdesk.domain.errors import InputError, MsgdeskError

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
