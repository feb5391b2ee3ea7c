"""Issue 21 (proof against slips), the storage items: nothing vanishes or comes back unless a
person meant it.  Each test failed on the code before its fix."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from msgdesk.domain.errors import DamagedDatabaseError
from msgdesk.domain.states import FileState
from msgdesk.store import backup, health
from msgdesk.store.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def filled(db_path, example_round, workspace):
    """The example round in a database with one good backup (a zip); workspace closed."""
    workspace.close()
    backup.create_backup(db_path, "manual")
    return db_path


# --- item 3: an emptied file is never made anew while backups of it exist -----------------------


def test_an_emptied_database_with_zip_backups_is_not_made_anew_and_the_newest_backup_is_offered(filled):
    assert [p.suffix for p in backup.backup_folder(filled).iterdir() if not p.name.startswith(".")] == [".zip"]
    filled.write_bytes(b"")
    assert health.inspect(filled).state is FileState.DAMAGED
    with pytest.raises(DamagedDatabaseError) as refused:
        Workspace.open(filled)
    assert "msgdesk restore" in str(refused.value) and ".zip" in str(refused.value)
    assert filled.stat().st_size == 0  # untouched, not made anew
    # and on the command line, as a real process: exit 2, the backup named, the file untouched
    run = subprocess.run([sys.executable, "-m", "msgdesk", "--db", str(filled), "list"], capture_output=True,
                         text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert run.returncode == 1, run.stderr  # a database that cannot be used: exit 1, as every DatabaseError
    assert "msgdesk restore" in run.stderr + run.stdout and "Traceback" not in run.stderr
    assert filled.stat().st_size == 0


def test_an_empty_file_without_backups_is_still_a_new_database(db_path):
    db_path.write_bytes(b"")
    assert health.inspect(db_path).state is FileState.NEW


# --- item 4: a restore through a symbolic link writes through to the link's target ---------------


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "msgdesk", "--db", str(db), *args], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=180)


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
@pytest.mark.parametrize("damage", ["healthy", "garbage-tail", "emptied-header"])
def test_a_restore_through_a_symbolic_link_restores_the_real_database_and_keeps_the_link(tmp_path, example_data,
                                                                                         damage):
    real = tmp_path / "real" / "msgdesk.db"
    real.parent.mkdir()
    with Workspace.open(real) as ws:
        ws.rounds.import_return(example_data)
    saved = backup.create_backup(real, "manual").path
    link = tmp_path / "link.db"
    link.symlink_to(real)
    if damage == "garbage-tail":
        with open(real, "r+b") as fh:
            fh.seek(4096)
            fh.write(b"\xff" * 8192)
    elif damage == "emptied-header":
        with open(real, "r+b") as fh:
            fh.write(b"\0" * 100)
    run = _cli(link, "restore", str(saved))
    assert run.returncode == 0, run.stderr
    assert link.is_symlink() and Path(os.path.realpath(link)) == real.resolve()
    assert health.inspect(real, full=True).state is FileState.OK
    listed = _cli(link, "list")
    assert listed.returncode == 0 and "North Ayrshire" in listed.stdout
