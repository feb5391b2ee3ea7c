"""``msgdesk backup [OUT]``, ``msgdesk backup --list`` and ``msgdesk restore FILE``.

Registered with the command line when ``msgdesk.cli`` loads its plugins.  Neither opens
the database through SQLAlchemy: a backup reads the file through SQLite's backup API, and
a restore must work when the current file is damaged.
"""

from __future__ import annotations

import argparse

from msgdesk.cli import EXIT_OK, command
from msgdesk.paths import default_db_path


def _backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "out", nargs="?", metavar="OUT",
        help="write the backup to this file (default: a new file in the backups folder beside the database)",
    )
    parser.add_argument("--list", action="store_true", help="list the backups, newest first, with their rounds")


@command("backup", "back up the database now, or list its backups", _backup_arguments)
def run_backup(args: argparse.Namespace) -> int:
    from msgdesk.store.backup import backup_folder, create_backup, list_backups

    db_path = default_db_path(args.db)
    if args.list:
        backups = list_backups(db_path)
        if not backups:
            print(f"No backups yet in {backup_folder(db_path)}. Make one with: msgdesk backup")
            return EXIT_OK
        for info in backups:
            print(f"{info.created:%Y-%m-%d %H:%M}  {info.reason_text:<18}  {info.summary()}")
            print(f"    {info.path}")
        return EXIT_OK
    info = create_backup(db_path, "manual", out=args.out)
    print(f"Backed up {db_path} to {info.path} ({info.summary()}); checked: ok.")
    return EXIT_OK


def _restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the backup to go back to (see: msgdesk backup --list)")


@command("restore", "replace the database with a backup (the current state is backed up first)", _restore_arguments)
def run_restore(args: argparse.Namespace) -> int:
    from msgdesk.store.backup import restore_backup
    from msgdesk.store.database import open_database
    from msgdesk.store.recovery import InstanceLock

    db_path = default_db_path(args.db)
    with InstanceLock(db_path):
        result = restore_backup(db_path, args.file)
        open_database(db_path, backup_on_open=False).dispose()  # brings an older backup up to date
    print(f"Restored {db_path} from {result.restored_from}.")
    if result.safety_backup:
        print(f"The state before the restore is kept in {result.safety_backup}.")
    if result.kept_aside:
        print(f"The damaged file is kept, unchanged, as {result.kept_aside}.")
    return EXIT_OK
