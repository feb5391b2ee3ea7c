"""``msgdesk backup [OUT]``, ``msgdesk backup --list`` and ``msgdesk restore FILE [--force]``.

Listed in ``msgdesk.cli.commands``.  On SQLite a
backup reads the file through SQLite's backup API, without the full store; on PostgreSQL
``backup OUT`` writes a portable archive.
"""

from __future__ import annotations

import argparse

from msgdesk.cli.base import EXIT_OK, command, workspace_for
from msgdesk.domain.errors import NeedsConfirmationError


def _backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "out", nargs="?", metavar="OUT",
        help="write the backup to this file (default: a new file in the backups folder beside the database; "
             "on PostgreSQL, an archive OUT.json)",
    )
    parser.add_argument("--list", action="store_true", help="list the backups, newest first, with their rounds")


@command("backup", "back up the database now, or list its backups", _backup_arguments)
def run_backup(args: argparse.Namespace) -> int:
    # loaded when the command runs, so --help and --version stay fast
    from msgdesk.store.health import backup_folder

    workspace = workspace_for(args, open_now=False)
    if args.list:
        backups = workspace.list_backups()
        if not backups:
            where = backup_folder(workspace.path) if workspace.path else workspace.describe()
            print(f"No backups yet in {where}. Make one with: msgdesk backup")
            return EXIT_OK
        for info in backups:
            print(f"{info.created:%Y-%m-%d %H:%M}  {info.reason_text:<18}  {info.summary()}")
            print(f"    {info.path}")
        return EXIT_OK
    with workspace:
        info = workspace.backup_now(args.out)
    print(f"Backed up {workspace.describe()} to {info.path} ({info.summary()}); checked: ok.")
    return EXIT_OK


def _restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the backup or archive to go back to (see: msgdesk backup --list)")
    parser.add_argument("--force", action="store_true",
                        help="restore even though it would undo an approval by the IJB "
                             "(recorded in the round's events)")


@command("restore", "replace the database with a backup (the current state is backed up first)", _restore_arguments)
def run_restore(args: argparse.Namespace) -> int:
    workspace = workspace_for(args, open_now=False)
    with workspace:
        workspace.acquire_lock()
        try:
            result = workspace.restore(args.file, force=args.force)
        except NeedsConfirmationError as exc:
            lines = "\n".join(f"  - {c}" for c in exc.consequences)
            raise NeedsConfirmationError(f"{exc}\n{lines}\nNothing was changed. To restore it all the same, "
                                         "add --force (the undone approval is recorded).", exc.consequences) from exc
    print(f"Restored {workspace.describe()} from {result.restored_from}.")
    for name in result.unapproved:
        print(f"{name} is no longer approved: the restore is recorded in its events.")
    if result.safety_backup:
        print(f"The state before the restore is kept in {result.safety_backup}.")
    if result.kept_aside:
        print(f"The damaged file is kept, unchanged, as {result.kept_aside}.")
    return EXIT_OK
