"""What every subcommand is made of: its name, help, arguments and run function, the exit
statuses, and the arguments and workspace the commands share.

A capability's commands live beside it (``msgdesk/rounds/cli.py``, ``msgdesk/tracker/cli.py``…)
and are listed, in the order ``msgdesk --help`` shows them, in :mod:`msgdesk.cli.commands`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from msgdesk.paths import DB_ENV_VAR, default_db_location

#: ``typing.TYPE_CHECKING`` without importing typing (2-3 ms of ``msgdesk --help``, which
#: needs none of it): False when running, and mypy reads any name ``TYPE_CHECKING`` as True.
TYPE_CHECKING = False

if TYPE_CHECKING:
    # argparse for the annotations only: list and export --json read their arguments by hand
    # (msgdesk.cli.main) and so run without it, gettext and locale
    import argparse
    from datetime import date

    from msgdesk.store.workspace import Workspace

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class Command:
    """A subcommand: ``run(args)`` returns an exit status.  (A plain class: a dataclass pulls
    in ``inspect``, a NamedTuple ``typing``, which ``msgdesk --help`` does without.)"""

    __slots__ = ("name", "help", "add_arguments", "run")

    def __init__(self, name: str, help: str, add_arguments: Callable[[argparse.ArgumentParser], None],
                 run: Callable[[argparse.Namespace], int]) -> None:
        self.name = name
        self.help = help
        self.add_arguments = add_arguments
        self.run = run


def command(name: str, help_text: str, add_arguments: Callable[[argparse.ArgumentParser], None]
            ) -> Callable[[Callable[[argparse.Namespace], int]], Command]:
    """Make ``run`` the subcommand ``name`` (listed in ``msgdesk.cli.commands.COMMANDS``)."""

    def make(run: Callable[[argparse.Namespace], int]) -> Command:
        return Command(name, help_text, add_arguments, run)

    return make


#: How every command shows its date arguments in --help.
DATE_METAVAR = "DATE"
DATE_FORMS = "31/03/2022 or 2022-03-31"


def date_argument(text: str) -> date:
    """An argparse type: a date as the window's date fields take it (``parse_date``: day
    first, "31/03/2022", "31 March 2022" or "2022-03-31"), so that the command line and
    the window accept the same dates.  Anything else exits 2 with the forms it takes."""
    # the date parser loads when a date is given, not for --help or list (datetime, 3 ms)
    from msgdesk.domain.dates import parse_date

    found = parse_date(text)
    if found is None:
        # why: argparse is loaded (its parser called this), but not imported by this module's import
        import argparse

        raise argparse.ArgumentTypeError(f"expected a date such as {DATE_FORMS}, got {text!r}")
    return found


def partnership_named(workspace: Workspace, given: str) -> str:
    """The partnership ``given`` names, the same way for every command: its exact name
    (case and spacing aside), else the one name that contains it.  More than one is
    AmbiguousNameError listing the candidates, none is NotFoundError with the nearest
    names: both exit 2."""
    # the name matcher loads when a command names a partnership, not for --help or list
    from msgdesk.domain.core_errors import InputError
    from msgdesk.domain.names import match_names

    found = match_names([given], workspace.reads.list_partnerships())
    if not found:
        raise InputError("give the partnership's name (msgdesk list shows them)")
    return found[0]


def db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db", metavar="PATH|URL", default=default,
        help=f"the database: an SQLite file, or postgresql://user@host/dbname for a shared one "
             f"(default: ${DB_ENV_VAR}, else msgdesk.db in your user data folder)",
    )


def round_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--partnership", "-p", required=True,
                        help="the partnership's name, as listed by 'msgdesk list'")
    parser.add_argument("--round", "-r", required=True, help="the round, e.g. 2019")


def workspace_for(args: argparse.Namespace, *, open_now: bool = True, reads_only: bool = False) -> Workspace:
    """The workspace ``--db`` (or ``$MSGDESK_DB``, or the user's data folder) names.
    ``reads_only``: the command changes nothing, so a read-only folder does not stop it."""
    from msgdesk.store.workspace import Workspace  # SQLAlchemy loads only when a command opens the database

    workspace = Workspace(default_db_location(args.db), reads_only=reads_only)
    if open_now:
        workspace.ensure_open()
        for notice in workspace.notices:
            print(f"msgdesk: {notice}", file=sys.stderr)
    return workspace
