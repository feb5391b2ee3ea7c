"""What a database file is, found before anything writes to it: index damage (defect 4),
a healthy database on a full disk (defect 3), and the check kept cheap when nothing changed."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from msgdesk.cli.main import main
from msgdesk.domain.errors import DamagedDatabaseError, StorageFullError
from msgdesk.domain.states import FileState
from msgdesk.store import health
from msgdesk.store.workspace import Workspace
from tests.conftest import EXAMPLE, ROOT


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(db_path, example_round, workspace):
    workspace.close()
    Workspace.open(db_path).close()  # a good check is on record now
    return db_path


def damage_an_index(path: Path) -> None:
    """The index's b-tree keeps its keys but the schema says it indexes another column:
    every row is "missing from index", which quick_check does not look for."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA writable_schema = ON")
    con.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX ix_action_update_action ON action_update (text)' "
                "WHERE name = 'ix_action_update_action'")
    con.commit()
    con.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA quick_check").fetchall() == [("ok",)]  # the old check saw nothing
    assert check.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    check.close()


def test_index_damage_is_found_on_opening_and_the_file_is_never_written(filled, capsys):
    ws = Workspace.open(filled)
    first = ws.tracking.rows(ws.rounds.list_rounds()[0].round.id)[0].action_id
    ws.tracking.record_progress(first, "so that the index has a row")
    ws.close()
    Workspace.open(filled).close()
    damage_an_index(filled)
    before = digest(filled)
    with pytest.raises(DamagedDatabaseError, match="damaged.*msgdesk has not changed the file"):
        Workspace.open(filled)
    assert digest(filled) == before
    assert main(["import", str(EXAMPLE), "--replace", "--db", str(filled)]) == 1
    assert "is damaged" in capsys.readouterr().err
    assert digest(filled) == before


def test_a_file_changed_behind_msgdesk_is_checked_in_full_and_an_unchanged_one_is_not(filled):
    unchanged = health.inspect(filled)
    assert unchanged.state is FileState.OK and not unchanged.checked_fully
    con = sqlite3.connect(filled)
    con.execute("UPDATE response SET evidence = 'edited by another program' WHERE proposal_id = '1.1'")
    con.commit()
    con.close()
    changed = health.inspect(filled)
    assert changed.state is FileState.OK and changed.checked_fully


@pytest.fixture
def tmpfs(tmp_path):
    """A small tmpfs we can fill (needs root), else skip."""
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", str(mount_point)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def fill(folder: Path) -> None:
    """Take every free byte of ``folder``'s file system."""
    fd = os.open(folder / "filler", os.O_CREAT | os.O_WRONLY | os.O_APPEND)
    try:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)


def test_a_healthy_database_on_a_full_disk_is_called_full_never_damaged(filled, tmpfs, capsys):
    db = tmpfs / "msgdesk.db"
    db.write_bytes(filled.read_bytes())
    os.chmod(db, 0o600)
    fill(tmpfs)
    before = digest(db)
    for command in (["list"], ["import", str(EXAMPLE), "--replace"], ["backup"],
                    ["ready", "-p", "North Ayrshire Health and Social Care Partnership", "-r", "2019",
                     "--confirm-check"]):
        code = main([*command, "--db", str(db)])
        err = capsys.readouterr().err
        assert code in (0, 1), (command, err)
        if code:
            assert "disk is full" in err, (command, err)
        for misleading in ("damaged", "restore", "backup is from"):
            assert misleading not in err, (command, err)
    assert digest(db) == before
    with pytest.raises(StorageFullError):
        ws = Workspace.open(db, backup_on_open=False)
        try:
            ws.rounds.set_evidence(ws.rounds.list_rounds()[0].round.id, "1.1", "x" * 400_000)
        finally:
            ws.close()
    assert digest(db) == before
    (tmpfs / "filler").unlink()
    code = main(["import", str(EXAMPLE), "--replace", "--db", str(db)])  # space again: it all works
    assert code == 0, capsys.readouterr().err


def test_a_full_disk_window_keeps_the_officers_text(qtbot, filled, tmpfs, settings, monkeypatch):
    """The evidence typed when the disk fills stays in the box and is saved once there is room."""
    from PySide6.QtWidgets import QMessageBox

    from msgdesk.ui.app import build_window

    db = tmpfs / "msgdesk.db"
    db.write_bytes(filled.read_bytes())
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warnings.append(a[2])))
    ws = Workspace(db)
    window = build_window(ws, settings, warm_up=False)
    qtbot.addWidget(window)
    window.open_round(ws.quick_listings()[0].id)
    window.go_to("1.1")
    fill(tmpfs)
    text = "Typed while the disk was full. " * 20000
    window.proposal_page.ui.evidenceEdit.setPlainText(text)
    window.flush_edits()
    assert warnings and "disk is full" in warnings[-1]
    assert window.proposal_page.ui.evidenceEdit.toPlainText() == text
    (tmpfs / "filler").unlink()
    window.flush_edits()
    ws.close()
    con = sqlite3.connect(db)
    assert con.execute("SELECT evidence FROM response WHERE proposal_id = '1.1'").fetchone()[0] == text
    con.close()
    window.close()


def test_a_full_disk_on_a_command_in_another_process_changes_nothing(filled, tmpfs):
    """The same through a real ``msgdesk`` process, as a user at a terminal would see it."""
    db = tmpfs / "msgdesk.db"
    db.write_bytes(filled.read_bytes())
    fill(tmpfs)
    before = digest(db)
    done = subprocess.run([sys.executable, "-m", "msgdesk", "import", str(EXAMPLE), "--replace", "--db", str(db)],
                          capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert done.returncode == 1 and "disk is full" in done.stderr and "damaged" not in done.stderr
    assert digest(db) == before
