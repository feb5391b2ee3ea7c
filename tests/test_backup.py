"""Automatic and manual backups, their listing and retention, and restoring one."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from msgdesk.cli.main import main
from msgdesk.domain.errors import InputError
from msgdesk.store import backup
from msgdesk.store.workspace import Workspace
from tests.dbdump import dump as rows


def open_database(path, backup_on_open=True):
    Workspace.open(path, backup_on_open=backup_on_open).close()

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "north-ayrshire-2019.json"


@pytest.fixture
def filled(db_path, example_round, workspace):
    """A database holding the North Ayrshire 2019 round, workspace closed."""
    workspace.close()
    return db_path


def test_reopening_a_database_backs_it_up_once_per_change(filled):
    open_database(filled)
    assert [b.reason for b in backup.list_backups(filled)] == ["open"]
    open_database(filled)  # unchanged: no second copy
    assert len(backup.list_backups(filled)) == 1
    con = sqlite3.connect(filled)
    con.execute("UPDATE response SET evidence = 'changed' WHERE proposal_id = '1.1'")
    con.commit()
    con.close()
    open_database(filled)
    assert len(backup.list_backups(filled)) == 2


def test_a_backup_is_a_checked_compressed_file_listing_its_rounds(filled):
    info = backup.create_backup(filled, "manual")
    assert info.path.parent == filled.parent / "backups"
    assert info.path.name.startswith("msgdesk-") and info.path.name.endswith("-manual.zip")
    assert (info.path.stat().st_mode & 0o777) == 0o600
    assert info.path.stat().st_size < filled.stat().st_size / 3  # compressed
    assert sorted(p.name for p in info.path.parent.iterdir() if not p.name.startswith(".")) == [info.path.name]
    with backup.unpacked(info.path) as plain:
        con = sqlite3.connect(plain)
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        con.close()
    assert rows(info.path, with_counter=True) == rows(filled, with_counter=True)
    [listed] = backup.list_backups(filled)
    assert listed.summary() == "1 round: North Ayrshire Health and Social Care Partnership 2019 (Draft)"
    assert listed.reason_text == "backed up by hand"


def test_approving_a_round_is_followed_by_a_backup(filled):
    with Workspace.open(filled, backup_on_open=False) as workspace:
        [summary] = workspace.rounds.list_rounds()
        workspace.rounds.mark_ready(summary.round.id)
        assert backup.list_backups(filled) == []
        workspace.rounds.approve(summary.round.id, date(2019, 5, 20), "IJB 20/05/19 item 7", check_confirmed=True)
    [after] = backup.list_backups(filled)
    assert after.reason == "approval"
    assert after.rounds[0].status == "approved"
    assert "(Approved by IJB)" in after.summary()


def test_keeps_the_last_ten_and_the_newest_of_each_month(filled, monkeypatch):
    folder = backup.backup_folder(filled)
    folder.mkdir()
    stamps = [datetime(2025, month, day, 12, 0) for month in (1, 2, 3) for day in (3, 17)]
    stamps += [datetime(2025, 4, day, 9, 0) for day in range(1, 13)]
    for stamp in stamps:
        source = backup.create_backup(filled, "manual", out=folder / "tmp.zip").path
        source.rename(backup._new_backup_path(filled, "open", now=stamp))
    deleted = backup.prune(filled)
    kept = sorted(b.created for b in backup.list_backups(filled))
    assert kept == [datetime(2025, 1, 17, 12), datetime(2025, 2, 17, 12), datetime(2025, 3, 17, 12)] + [
        datetime(2025, 4, day, 9) for day in range(3, 13)
    ]
    assert len(deleted) == len(stamps) - len(kept)


def test_restore_backs_up_the_current_state_first_and_brings_the_backup_back(filled):
    before = rows(filled)
    first = backup.create_backup(filled, "manual")
    con = sqlite3.connect(filled)
    con.execute("DELETE FROM action")
    con.commit()
    con.close()
    changed = rows(filled)
    result = backup.restore_backup(filled, first.path)
    assert rows(filled) == before
    assert result.safety_backup is not None and rows(result.safety_backup) == changed
    assert result.safety_backup.name.endswith("-before-restore.zip")


def test_restore_refuses_a_file_that_is_not_a_good_backup(filled, tmp_path):
    before = rows(filled)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(InputError, match="cannot be restored"):
        backup.restore_backup(filled, garbage)
    assert rows(filled) == before
    assert backup.list_backups(filled) == []  # refused before anything was done


def test_command_line_backup_list_and_restore(filled, tmp_path, capsys):
    db = str(filled)
    out = tmp_path / "copy.db"
    assert main(["backup", str(out), "--db", db]) == 0
    assert rows(out) == rows(filled)
    assert main(["backup", str(out), "--db", db]) == 2  # never overwrites
    assert main(["backup", "--db", db]) == 0
    capsys.readouterr()
    assert main(["backup", "--list", "--db", db]) == 0
    listing = capsys.readouterr().out
    assert "backed up by hand" in listing and "North Ayrshire" in listing and "(Draft)" in listing
    con = sqlite3.connect(filled)
    con.execute("DELETE FROM action")
    con.commit()
    con.close()
    assert main(["restore", str(out), "--db", db]) == 0
    printed = capsys.readouterr().out
    assert "Restored" in printed and "before the restore is kept" in printed
    assert main(["list", "--db", db]) == 0
    assert "52" in capsys.readouterr().out  # the 52 actions are back


def test_command_line_backup_of_nothing_says_so(tmp_path, capsys):
    assert main(["backup", "--db", str(tmp_path / "none.db")]) == 1
    assert "nothing to back up" in capsys.readouterr().err


def test_a_backup_from_an_older_schema_is_brought_up_to_date_on_restore(tmp_path, capsys):
    """The schema-0001 fixture stands for an older release's file."""
    fixture = Path(__file__).parent / "fixtures" / "msgdesk-schema-0001.db"
    db = tmp_path / "msgdesk.db"
    open_database(db)
    assert main(["restore", str(fixture), "--db", str(db)]) == 0
    from msgdesk.store.schema import SCHEMA_HEAD

    con = sqlite3.connect(db)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)
    con.close()


def _msgdesk(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "msgdesk", *argv], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))


@pytest.mark.parametrize("name", ["copy.json", "COPY.JSON", "with space.Json", "brace.db"])
def test_a_backup_named_json_on_sqlite_is_restored(filled, tmp_path, name):
    """Session 28: ``msgdesk backup X.json`` on SQLite writes a copy of the database file
    (the portable archive is PostgreSQL's), and ``restore`` took any .json name for an
    archive and refused it: what was backed up could not be restored.  A backup is now
    told from an archive by what it holds."""
    db = str(filled)
    before = rows(filled)
    out = tmp_path / name
    done = _msgdesk("backup", str(out), "--db", db)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"SQLite format 3\x00")
    con = sqlite3.connect(filled)
    con.execute("DELETE FROM action")
    con.commit()
    con.close()
    done = _msgdesk("restore", str(out), "--db", db)
    assert done.returncode == 0, done.stderr
    assert "Restored" in done.stdout
    assert rows(filled) == before


def test_an_archive_is_still_told_by_its_content_or_its_name(tmp_path):
    from msgdesk.store.archive import is_archive

    cases = {"a.json": b'{"format": "msgdesk-archive"}', "b.txt": b"{}", "c.JSON": b"", "d.db": b"SQLite format 3\x00",
             "e.json": b"SQLite format 3\x00rest", "f.db": b"not sqlite"}
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
    assert [is_archive(tmp_path / n) for n in cases] == [True, True, True, False, False, False]
    assert is_archive(tmp_path / "missing.json") and not is_archive(tmp_path / "missing.db")
