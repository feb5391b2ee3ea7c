"""Defect 1: saved work was lost after a backup plus any other msgdesk process.

A process that holds SQLite connections (as the window does) must never open and close the
database, its -wal or -shm by other means: closing any descriptor of a file drops all of the
process's POSIX locks on it, another msgdesk then thinks nobody is using the database,
checkpoints and deletes the WAL, and later commits go to a deleted file.  Here a process
edits exactly as the window does, backs up (by hand and after an approval), another real
``msgdesk list`` runs on the same file, the editor goes on, and is killed with SIGKILL:
every edit it reported saved must be in the file.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

EDITOR = r"""
import sys
from datetime import date
from msgdesk.rounds.return_file import read_return_file
from msgdesk.store.workspace import Workspace

ws = Workspace(sys.argv[1])
ws.acquire_lock()
ws.ensure_open()
data = read_return_file(sys.argv[2], ws.template)
info = ws.rounds.import_return(data)
other = ws.rounds.create_round(data.partnership, "2021")
version = None
def edit(n):
    global version
    version = ws.rounds.set_evidence(info.id, "1.1", f"edit {n}", expected_version=version)
    print("saved", n, flush=True)
for n in range(1, 6):
    edit(n)
ws.backup_now()                         # File -> Backups... -> Back up now
ws.rounds.mark_ready(other.id)
ws.rounds.approve(other.id, date(2021, 6, 24), "IJB 24/06/21 item 4")  # the backup after approval
print("backed up", flush=True)
sys.stdin.readline()                    # meanwhile another msgdesk ran on the file
for n in range(6, 16):
    edit(n)
print("done", flush=True)
import time
time.sleep(120)
"""

POSIX_LOCKS = sys.platform.startswith(("linux", "darwin"))


@pytest.mark.skipif(not POSIX_LOCKS, reason="POSIX advisory locks (Linux, macOS)")
def test_edits_after_a_backup_and_another_msgdesk_survive_sigkill(tmp_path):
    db = tmp_path / "x.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    editor = subprocess.Popen([sys.executable, "-c", EDITOR, str(db),
                               str(ROOT / "resources/examples/north-ayrshire-2019.json")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    saved: list[int] = []
    try:
        for line in editor.stdout:
            if line.startswith("saved"):
                saved.append(int(line.split()[1]))
            if line.startswith("backed up"):
                break
        else:
            pytest.fail(f"the editor stopped: {editor.stderr.read()}")
        listed = subprocess.run([sys.executable, "-m", "msgdesk", "list", "--db", str(db)], capture_output=True,
                                text=True, env=env, timeout=60)
        assert listed.returncode == 0, listed.stderr
        assert "North Ayrshire" in listed.stdout
        editor.stdin.write("go\n")
        editor.stdin.flush()
        for line in editor.stdout:
            if line.startswith("saved"):
                saved.append(int(line.split()[1]))
            if line.startswith("done"):
                break
        deleted = [os.readlink(f) for f in Path(f"/proc/{editor.pid}/fd").iterdir()] if Path("/proc").is_dir() else []
        assert not [f for f in deleted if "(deleted)" in f], deleted
    finally:
        editor.send_signal(signal.SIGKILL)
        editor.wait()
    assert saved == list(range(1, 16))
    con = sqlite3.connect(db)
    try:
        saved = con.execute("SELECT evidence FROM response WHERE proposal_id = '1.1' AND round_id = 1").fetchone()
        assert saved == ("edit 15",)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        con.close()
