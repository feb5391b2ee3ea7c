"""Every subcommand of ``msgdesk``, in the order ``msgdesk --help`` lists them.

A new command is written beside its capability (``msgdesk/<capability>/cli.py``, with
:func:`msgdesk.cli.base.command`) and added here.  The table names each command's module
and attribute as strings, and :meth:`CommandEntry.load` imports only the one that runs:
``msgdesk list`` then loads ``msgdesk.rounds.cli`` and not the sixteen other commands'
modules (about 25 ms), and ``msgdesk --help`` loads none, since it needs only the names and
one-line helps kept here.  tests/test_cli_help.py checks that every entry loads, and that
its name and help are the ones its module's ``@command`` gives.
"""

from __future__ import annotations

from importlib import import_module

from msgdesk.cli.base import Command


class CommandEntry:
    """A subcommand as ``--help`` lists it, and where its :class:`Command` is defined.  (A
    plain class, as ``Command`` is: ``msgdesk --help`` reads this table without ``typing``.)"""

    __slots__ = ("name", "help", "module", "attribute")

    def __init__(self, name: str, help: str, module: str, attribute: str) -> None:
        self.name = name
        self.help = help
        self.module = module
        self.attribute = attribute

    def __repr__(self) -> str:
        return f"CommandEntry({self.name!r}, {self.help!r}, {self.module!r}, {self.attribute!r})"

    def load(self) -> Command:
        """The command itself, importing its module (once: Python keeps it)."""
        found = getattr(import_module(self.module), self.attribute)
        if not isinstance(found, Command):  # a wrong table entry: say which, not an AttributeError later
            raise TypeError(f"{self.module}.{self.attribute} is not a msgdesk command")
        return found


_ROUNDS = "msgdesk.rounds.cli"
_CONTRIBUTIONS = "msgdesk.contributions.cli"
_COLLATION = "msgdesk.collation.cli"

COMMANDS: tuple[CommandEntry, ...] = (
    CommandEntry("import", "import return files: one, several, or a folder of them", _ROUNDS, "run_import"),
    CommandEntry("export", "export a round as a return file, PDF, Word document or Excel workbook", _ROUNDS,
                 "run_export"),
    CommandEntry("list", "list partnerships and rounds", _ROUNDS, "run_list"),
    CommandEntry("ready", "show the check before IJB and mark a round ready for the IJB", _ROUNDS, "run_ready"),
    CommandEntry("approve", "record the IJB's approval of a round (it becomes read-only)", _ROUNDS, "run_approve"),
    CommandEntry("reopen", "reopen an approved round for amendment, recording why", _ROUNDS, "run_reopen"),
    CommandEntry("report", "the committee progress report on a round's improvement actions (PDF, Excel)",
                 "msgdesk.tracker.cli", "run"),
    CommandEntry("backup", "back up the database now, or list its backups", "msgdesk.cli.backup", "run_backup"),
    CommandEntry("restore", "replace the database with a backup (the current state is backed up first)",
                 "msgdesk.cli.backup", "run_restore"),
    CommandEntry("selfcheck", "check that this installation has every part it needs (for IT)",
                 "msgdesk.ui.selfcheck", "run"),
    CommandEntry("pack", "send proposals to a contributor: a pack to fill in and send back", _CONTRIBUTIONS,
                 "run_pack"),
    CommandEntry("merge", "merge a contributor's reply into the round (three ways, nothing overwritten)",
                 _CONTRIBUTIONS, "run_merge"),
    CommandEntry("packs", "list a round's contribution packs and the conflicts waiting", _CONTRIBUTIONS,
                 "run_packs"),
    CommandEntry("collate", "collate partnerships' returns for a round: heat map, distribution, changes (PDF, Excel)",
                 _COLLATION, "run_collate"),
    CommandEntry("group", "comparator groups of partnerships, to collate and benchmark against", _COLLATION,
                 "run_group"),
    CommandEntry("directions", "the log of directions from the IJB: import, export, list, log, bodies",
                 "msgdesk.directions.cli", "run"),
    CommandEntry("admin", "set up roles on a shared PostgreSQL database (IT)", "msgdesk.cli.admin",
                 "run_admin"),  # roles on a shared PostgreSQL database (IT)
)


def command_named(name: str) -> CommandEntry:
    """The table's entry for ``name`` (a name the parser accepted)."""
    return next(entry for entry in COMMANDS if entry.name == name)
