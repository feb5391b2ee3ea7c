"""Fault injection: every fault ends with the data intact and a message in plain words.

Truncated and garbage files, a database from a newer msgdesk, a SIGKILL during a backup and
during a restore, two processes at once, a read-only data folder, a full disk, a network
drive.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from msgdesk.cli.main import main
from msgdesk.domain.errors import (
    AlreadyOpenError,
    DamagedDatabaseError,
    NotADatabaseError,
    ReadOnlyLocationError,
    SchemaTooNewError,
    StorageFullError,
)
from msgdesk.domain.states import FileState
from msgdesk.store import backup, health, network
from msgdesk.store.lock import InstanceLock
from msgdesk.store.workspace import Workspace
from tests.dbdump import dump as rows


def open_database(path, backup_on_open=True) -> Workspace:
    return Workspace.open(path, backup_on_open=backup_on_open)


def healthy(path: Path) -> bool:
    return health.inspect(path, full=True).state is FileState.OK

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "north-ayrshire-2019.json"
POSIX = os.name == "posix"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(db_path, example_round, workspace):
    """The example round in a database with one good backup; workspace closed."""
    workspace.close()
    backup.create_backup(db_path, "manual")
    return db_path


def child(code: str, *args: str) -> subprocess.Popen:
    """A Python process running ``code`` with msgdesk importable; stdout is a pipe."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def wait_for_line(proc: subprocess.Popen, expected: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if expected in line:
            return
        if not line and proc.poll() is not None:
            raise AssertionError(f"child ended before {expected!r}: {proc.stderr.read()}")
    raise AssertionError(f"child never printed {expected!r}")


# --- files that must not be opened ----------------------------------------------------------------


@pytest.mark.parametrize("damage", ["truncated", "garbage", "garbage_after_header", "cut_to_50_bytes"])
def test_a_damaged_file_is_refused_untouched_and_its_backup_offered(filled, damage, capsys):
    data = filled.read_bytes()
    damaged = {
        "truncated": data[: len(data) // 2],
        "garbage": os.urandom(len(data)),
        "garbage_after_header": data[:100] + os.urandom(len(data) - 100),
        "cut_to_50_bytes": data[:50],
    }[damage]
    filled.write_bytes(damaged)
    before = digest(filled)
    files_before = sorted(p.name for p in filled.parent.iterdir())
    expected = NotADatabaseError if damage == "garbage" else DamagedDatabaseError
    with pytest.raises(expected) as raised:
        open_database(filled)
    message = str(raised.value)
    assert "msgdesk has not changed the file" in message
    assert "msgdesk restore" in message and str(raised.value.backup.path) in message
    assert digest(filled) == before
    assert sorted(p.name for p in filled.parent.iterdir()) == files_before

    assert main(["list", "--db", str(filled)]) == 1
    assert "The newest good backup is from" in capsys.readouterr().err
    assert digest(filled) == before

    assert main(["restore", str(raised.value.backup.path), "--db", str(filled)]) == 0
    printed = capsys.readouterr().out
    [aside] = [p for p in filled.parent.iterdir() if p.name.startswith("msgdesk.db.") and p.name[-1].isdigit()]
    assert str(aside) in printed
    assert digest(aside) == before  # the damaged file is kept aside, byte for byte
    assert rows(filled) == rows(raised.value.backup.path)


def test_a_damaged_file_without_a_backup_says_there_is_none(tmp_path):
    path = tmp_path / "msgdesk.db"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    before = digest(path)
    with pytest.raises(DamagedDatabaseError, match="there is no backup of it"):
        open_database(path)
    assert digest(path) == before


def test_a_database_from_a_newer_msgdesk_is_never_modified(filled, capsys):
    con = sqlite3.connect(filled)
    con.execute("UPDATE alembic_version SET version_num = '0099'")
    con.commit()
    con.close()
    before = digest(filled)
    with pytest.raises(SchemaTooNewError, match="newer version of msgdesk") as raised:
        open_database(filled)
    assert raised.value.backup is not None
    assert main(["import", str(EXAMPLE), "--replace", "--db", str(filled)]) == 1
    assert "Install the newer msgdesk" in capsys.readouterr().err
    assert digest(filled) == before
    assert [p.name for p in filled.parent.iterdir() if p.name.startswith("msgdesk.db-")] == []


def test_a_newer_backup_is_not_offered_to_an_older_msgdesk(filled, tmp_path):
    [good] = backup.list_backups(filled)
    newer = backup.create_backup(filled, "manual").path
    edit_backup(newer, "UPDATE alembic_version SET version_num = '0099'")
    assert backup.newest_good_backup(filled).path == good.path


def edit_backup(path: Path, sql: str) -> None:
    """Change the database inside a zipped backup, as a newer msgdesk (or damage) would."""
    import shutil
    import zipfile

    with zipfile.ZipFile(path) as archive:
        manifest = archive.read("backup.json")
        plain = path.with_suffix(".plain")
        with archive.open("msgdesk.db") as source, open(plain, "wb") as out:
            shutil.copyfileobj(source, out)
    con = sqlite3.connect(plain)
    con.execute(sql)
    con.commit()
    con.close()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(plain, "msgdesk.db")
        archive.writestr("backup.json", manifest)
    plain.unlink()


# --- killed half-way --------------------------------------------------------------------------------

SLOW_COPY = """
import sys, time
from msgdesk.store import backup
backup._STEP_PAGES = 1
def progress(status, remaining, total):
    print("copying", remaining, total, flush=True)
    time.sleep(0.05)
backup._progress = progress
"""


@pytest.mark.skipif(not POSIX, reason="SIGKILL is POSIX")
def test_sigkill_during_a_backup_leaves_no_half_backup(filled):
    before_rows, before_backups = rows(filled), backup.list_backups(filled)
    proc = child(SLOW_COPY + "backup.create_backup(sys.argv[1], 'manual')\nprint('done', flush=True)", str(filled))
    wait_for_line(proc, "copying")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert rows(filled) == before_rows
    assert healthy(filled)
    assert backup.list_backups(filled) == before_backups  # the half copy is not listed
    partials = list(backup.backup_folder(filled).glob(".incomplete-*"))
    assert len([p for p in partials if p.suffix == ".db"]) == 1  # (and its -journal)
    for partial in partials:  # an hour later...
        os.utime(partial, (time.time() - 7200, time.time() - 7200))
    backup.create_backup(filled, "manual")  # works, and clears the old leftover
    assert list(backup.backup_folder(filled).glob(".incomplete-*")) == []
    assert len(backup.list_backups(filled)) == len(before_backups) + 1


@pytest.mark.skipif(not POSIX, reason="SIGKILL is POSIX")
def test_sigkill_during_a_restore_leaves_the_database_as_it_was(filled):
    [old] = backup.list_backups(filled)
    workspace = open_database(filled, backup_on_open=False)
    [summary] = workspace.rounds.list_rounds()
    workspace.rounds.set_evidence(summary.round.id, "1.1", "written after the backup")
    workspace.close()
    current = rows(filled)
    proc = child(SLOW_COPY + "backup.restore_backup(sys.argv[1], sys.argv[2])\nprint('done', flush=True)",
                 str(filled), str(old.path))
    wait_for_line(proc, "copying")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert healthy(filled)
    assert rows(filled) == current  # the half restore was rolled back by SQLite
    workspace = open_database(filled)
    assert workspace.rounds.load_round_by_id(summary.round.id).responses[0].evidence == "written after the backup"
    workspace.close()


@pytest.mark.skipif(not POSIX, reason="SIGKILL is POSIX")
def test_sigkill_while_replacing_a_damaged_file_leaves_the_damaged_file(filled):
    [good] = backup.list_backups(filled)
    filled.write_bytes(os.urandom(50_000))
    before = digest(filled)
    proc = child(SLOW_COPY + "backup.restore_backup(sys.argv[1], sys.argv[2])\nprint('done', flush=True)",
                 str(filled), str(good.path))
    wait_for_line(proc, "copying")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert digest(filled) == before
    backup.restore_backup(filled, good.path)  # and a second try succeeds
    assert rows(filled) == rows(good.path)


# --- two processes ----------------------------------------------------------------------------------

HOLD_LOCK = """
import sys, time
from msgdesk.store.lock import InstanceLock
InstanceLock(sys.argv[1]).acquire()
print("locked", flush=True)
time.sleep(60)
"""


def test_a_second_msgdesk_is_told_the_database_is_open_and_changes_nothing(filled, capsys):
    [good] = backup.list_backups(filled)
    workspace = open_database(filled, backup_on_open=False)
    [summary] = workspace.rounds.list_rounds()
    workspace.rounds.set_evidence(summary.round.id, "1.1", "today's work")
    workspace.close()
    current = rows(filled)
    holder = child(HOLD_LOCK, str(filled))
    try:
        wait_for_line(holder, "locked")
        # the message names the holder's process and computer (read without the socket module,
        # as the socket module would give it)
        with pytest.raises(AlreadyOpenError, match=f"process {holder.pid} on {re.escape(socket.gethostname())}, "):
            InstanceLock(filled).acquire()
        assert main(["restore", str(good.path), "--db", str(filled)]) == 1
        assert "already open" in capsys.readouterr().err
        assert rows(filled) == current
    finally:
        holder.kill()  # a killed msgdesk leaves no stale lock behind
        holder.wait()
    with InstanceLock(filled) as lock:
        assert lock.held
    assert main(["restore", str(good.path), "--db", str(filled)]) == 0


def test_the_lock_is_reentrant_within_one_process(tmp_path):
    db = tmp_path / "msgdesk.db"
    with InstanceLock(db):
        with InstanceLock(db):
            pass
        proc = child("import sys\nfrom msgdesk.store.lock import InstanceLock\n"
                     "try:\n InstanceLock(sys.argv[1]).acquire(); print('got it')\n"
                     "except Exception as e: print(type(e).__name__)", str(db))
        assert proc.communicate(timeout=30)[0].strip() == "AlreadyOpenError"
    proc = child("import sys\nfrom msgdesk.store.lock import InstanceLock\n"
                 "InstanceLock(sys.argv[1]).acquire(); print('got it')", str(db))
    assert proc.communicate(timeout=30)[0].strip() == "got it"


def test_two_processes_opening_a_new_database_at_once_both_succeed(tmp_path):
    db = tmp_path / "msgdesk.db"
    start = time.time() + 2
    code = ("import sys, time\nfrom msgdesk.store.workspace import Workspace\n"
            "while time.time() < float(sys.argv[2]): pass\n"
            "Workspace.open(sys.argv[1]).close(); print('ok', flush=True)")
    procs = [child(code, str(db), str(start)) for _ in range(4)]
    outputs = [p.communicate(timeout=60) for p in procs]
    assert [out.strip() for out, _err in outputs] == ["ok"] * 4, outputs
    assert healthy(db)


def test_two_imports_at_once_queue_rather_than_corrupt(filled):
    code = ("import sys\nfrom msgdesk.cli.main import main\n"
            "sys.exit(main(['import', sys.argv[2], '--replace', '--db', sys.argv[1]]))")
    procs = [child(code, str(filled), str(EXAMPLE)) for _ in range(3)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    assert [code for code, _err in results] == [0, 0, 0], results
    assert healthy(filled)
    assert main(["list", "--db", str(filled)]) == 0


# --- the file system says no ----------------------------------------------------------------------


@pytest.fixture
def tiny_mount(tmp_path):
    """A small tmpfs we can fill or make read-only (needs root), else skip."""
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()

    def mount(size: str) -> Path:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(mount_point)],
                              capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        return mount_point

    yield mount
    subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def make_read_only(folder: Path) -> None:
    if os.name == "posix" and os.geteuid() == 0:
        done = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True)
        assert done.returncode == 0, done.stderr
    else:
        os.chmod(folder, 0o555)


def test_a_read_only_data_folder_is_explained_and_the_data_untouched(filled, tmp_path, tiny_mount, capsys):
    folder = tiny_mount("8m") if os.name == "posix" and os.geteuid() == 0 else tmp_path / "ro"
    folder.mkdir(exist_ok=True)
    db = folder / "msgdesk.db"
    db.write_bytes(filled.read_bytes())
    before = digest(db)
    make_read_only(folder)
    try:
        with pytest.raises(ReadOnlyLocationError, match="read-only. Your data has not been changed"):
            open_database(db)
        assert main(["import", str(EXAMPLE), "--replace", "--db", str(db)]) == 1
        assert "cannot save your work" in capsys.readouterr().err
        with pytest.raises(ReadOnlyLocationError):
            InstanceLock(db).acquire()
        assert digest(db) == before
    finally:
        if not (os.name == "posix" and os.geteuid() == 0):
            os.chmod(folder, 0o755)


def test_a_full_disk_refuses_the_change_and_keeps_what_was_saved(filled):
    """PRAGMA max_page_count: the database cannot grow, as on a full disk."""
    from sqlalchemy import event

    from msgdesk.rounds.return_file import read_return_file

    before = rows(filled)
    workspace = open_database(filled, backup_on_open=False)
    engine = workspace.engine
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _cap(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    data = read_return_file(EXAMPLE)
    data.round = "2021"
    with pytest.raises(StorageFullError, match="disk is full.*everything saved before is safe"):
        workspace.rounds.import_return(data)
    workspace.close()
    assert rows(filled) == before
    assert healthy(filled)


def test_a_really_full_disk_is_survived(filled, tiny_mount, capsys):
    """A file system 52 kB bigger than the database it holds (224 kB for the 172 kB of
    schema 0005; the schema grows): no room for a backup or a new round."""
    folder = tiny_mount(f"{filled.stat().st_size // 1024 + 52}k")
    db = folder / "msgdesk.db"
    db.write_bytes(filled.read_bytes())
    os.chmod(db, 0o600)
    before = rows(db)
    open_database(db).close()  # the backup on opening fails (logged); the app still opens
    assert backup.list_backups(db) == []
    assert main(["backup", "--db", str(db)]) == 1
    assert "The disk is full" in capsys.readouterr().err
    leftovers = [p.name for p in backup.backup_folder(db).iterdir() if not p.name.endswith(".checked.json")]
    assert leftovers == []  # no half backup
    from msgdesk.rounds.return_file import read_return_file, write_return_file

    data = read_return_file(EXAMPLE)
    data.round = "2021"
    with pytest.raises(StorageFullError, match="disk is full"):  # opening, or else the import, says so
        workspace = open_database(db, backup_on_open=False)
        try:
            workspace.rounds.import_return(data)
        finally:
            workspace.close()
    second = filled.parent / "2021.json"
    write_return_file(second, data)
    assert main(["import", str(second), "--db", str(db)]) == 1
    assert "The disk is full" in capsys.readouterr().err
    # room again: everything saved before is there, whole
    done = subprocess.run(["mount", "-o", "remount,size=4m", str(folder)], capture_output=True)
    assert done.returncode == 0, done.stderr
    assert rows(db) == before
    assert healthy(db)


# --- network drives -------------------------------------------------------------------------------

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:40 / /home/officer/H\\040Drive rw,relatime shared:20 - cifs //council/home rw
41 22 0:41 / /mnt/nfs rw,relatime shared:21 - nfs4 server:/export rw
42 41 8:2 / /mnt/nfs/local rw shared:22 - ext4 /dev/sdb1 rw
"""


@pytest.mark.parametrize("path, expected", [
    ("/home/officer/msgdesk.db", "ext4"),
    ("/home/officer/H Drive/msgdesk/msgdesk.db", "cifs"),
    ("/mnt/nfs/data/msgdesk.db", "nfs4"),
    ("/mnt/nfs/local/msgdesk.db", "ext4"),
    ("/mnt/nfsother/msgdesk.db", "ext4"),
])
def test_the_file_system_under_a_path_is_read_from_mountinfo(path, expected):
    assert network.linux_filesystem(Path(path), MOUNTINFO) == expected


def test_a_database_on_a_network_drive_uses_a_rollback_journal_with_a_notice(db_path, monkeypatch):
    from sqlalchemy import text

    monkeypatch.setattr(network, "is_network_path", lambda path: True)
    workspace = open_database(db_path)
    try:
        with workspace.engine.connect() as con:
            assert con.execute(text("PRAGMA journal_mode")).scalar() == "delete"
            assert con.execute(text("PRAGMA synchronous")).scalar() == 2
        assert any("network drive" in n for n in workspace.notices)
    finally:
        workspace.close()
    monkeypatch.setattr(network, "is_network_path", lambda path: False)
    workspace = open_database(db_path)
    with workspace.engine.connect() as con:
        assert con.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert workspace.notices == []
    workspace.close()


def test_a_local_folder_is_not_a_network_drive(tmp_path):
    assert network.is_network_path(tmp_path / "msgdesk.db") is False
