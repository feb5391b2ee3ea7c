"""Every subcommand of ``msgdesk``, in the order ``msgdesk --help`` lists them.

A new command is written beside its capability (``msgdesk/<capability>/cli.py``, with
:func:`msgdesk.cli.base.command`) and added here.  The modules listed are light to import:
each command imports its database, report or Qt libraries when it runs.
"""

from __future__ import annotations

from msgdesk.cli import admin, backup
from msgdesk.cli.base import Command
from msgdesk.collation import cli as collation
from msgdesk.contributions import cli as contributions
from msgdesk.directions import cli as directions
from msgdesk.rounds import cli as rounds
from msgdesk.tracker import cli as tracker
from msgdesk.ui import selfcheck

COMMANDS: tuple[Command, ...] = (
    rounds.run_import,
    rounds.run_export,
    rounds.run_list,
    rounds.run_ready,
    rounds.run_approve,
    rounds.run_reopen,
    tracker.run,
    backup.run_backup,
    backup.run_restore,
    selfcheck.run,
    contributions.run_pack,
    contributions.run_merge,
    contributions.run_packs,
    collation.run_collate,
    collation.run_group,
    directions.run,
    admin.run_admin,  # roles on a shared PostgreSQL database (IT)
)
