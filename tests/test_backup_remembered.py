"""Issue 22 item 4: the backup on opening knows the newest backup's change counter without
opening its zip, and the remembered counter is believed only while it names the newest backup
(real SQLite files, real zips, real ``msgdesk list`` processes)."""

from __future__ import annotations

import ast
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from msgdesk.store import backup, health
from msgdesk.store.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def filled(db_path, example_round, workspace):
    workspace.close()
    return db_path


def _change(db: Path, evidence: str) -> None:
    con = sqlite3.connect(db)
    con.execute("UPDATE response SET evidence = ? WHERE proposal_id = '1.1'", (evidence,))
    con.commit()
    con.close()


def _list_modules(db: Path) -> set[str]:
    """Run ``msgdesk list`` in a process of its own; the modules it loaded."""
    code = ("import sys\nfrom msgdesk.cli.main import main\nassert main(['list', '--db', sys.argv[1]]) == 0\n"
            "print(sorted(sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 0, done.stderr
    return set(ast.literal_eval(done.stdout.splitlines()[-1]))


def _reasons(db: Path) -> list[str]:
    return [b.reason for b in backup.list_backups(db)]


def test_an_unchanged_file_opens_without_reading_its_backups_zip(filled):
    first = _list_modules(filled)  # the first opening backs the file up, and remembers at what counter
    assert "msgdesk.store.backup" in first
    assert _reasons(filled) == ["open"]
    for _ in range(3):
        again = _list_modules(filled)
        assert not {"msgdesk.store.backup", "zipfile", "sqlalchemy"} & again
    assert _reasons(filled) == ["open"]  # and no second backup


@pytest.mark.parametrize("edits", [1, 2, 3])
def test_each_change_is_still_backed_up_once(filled, edits):
    _list_modules(filled)
    for n in range(edits):
        _change(filled, f"changed {n}")
        assert "msgdesk.store.backup" in _list_modules(filled)  # changed: the backup module backs it up
        _list_modules(filled)  # unchanged since: nothing more
    assert len(_reasons(filled)) == 1 + edits


def test_a_backup_made_since_makes_the_record_stale(filled):
    Workspace.open(filled).close()
    _change(filled, "changed")
    # newest now (a minute on: backups within one second have no order), taken at the new counter
    backup.create_backup(filled, "manual", out=backup._new_backup_path(filled, "manual",
                                                                        now=datetime.now() + timedelta(minutes=1)))
    assert not health.newest_backup_at(filled, health.inspect(filled).changes)  # the record names the older one
    Workspace.open(filled).close()
    assert _reasons(filled) == ["manual", "open"]  # read from the zip: at this counter, no new backup
    assert health.newest_backup_at(filled, health.inspect(filled).changes)


def test_a_record_naming_an_older_backup_is_not_believed(filled):
    Workspace.open(filled).close()
    changes = health.inspect(filled).changes
    newest = backup.list_backups(filled)[0].path
    # a newer backup than the one remembered appears (a minute on: one second's backups have no order)
    later = datetime.now() + timedelta(minutes=1)
    newer = backup._new_backup_path(filled, "manual", now=later)
    _change(filled, "changed")
    backup.create_backup(filled, "manual", out=newer)
    health.remember_newest_backup(filled, newest, health.inspect(filled).changes)  # a lie about `newest`
    assert not health.newest_backup_at(filled, health.inspect(filled).changes)
    assert changes != health.inspect(filled).changes


@pytest.mark.parametrize("record", ["", "{", "[]", '{"backup": 3}', '{"changes": "x"}', "null"])
def test_an_unreadable_record_only_costs_reading_the_zip(filled, record):
    Workspace.open(filled).close()
    (filled.parent / "backups" / f".{filled.name}.newest-backup.json").write_text(record, encoding="utf-8")
    assert not health.newest_backup_at(filled, health.inspect(filled).changes)
    Workspace.open(filled).close()
    assert _reasons(filled) == ["open"]
    assert health.newest_backup_at(filled, health.inspect(filled).changes)  # remembered again


def test_a_file_without_a_counter_is_never_taken_as_backed_up(filled):
    Workspace.open(filled).close()
    assert not health.newest_backup_at(filled, None)


@pytest.mark.parametrize("stamp", ["20190131-235959", "20200229-000000", "20210229-120000", "20221301-000000",
                                   "20220431-000000", "20220101-246000", "20220101-236060", "00000101-000000",
                                   "99991231-235959", "20220000-000000"])
def test_backup_names_read_as_strptime_reads_them(stamp, tmp_path):
    db = tmp_path / "x.db"
    try:
        expected: datetime | None = datetime.strptime(stamp, "%Y%m%d-%H%M%S")
    except ValueError:
        expected = None
    parsed = health.parse_backup_name(tmp_path / f"x-{stamp}-open.zip", "x")
    assert (parsed[0] if parsed else None) == expected
    assert db.name == "x.db"


@pytest.mark.parametrize("stem", ["x", "msgdesk", "msg[1]", "a*b", "x-2019", "My Data", "x?", ".hidden"])
def test_backups_listed_are_the_names_of_this_database_whatever_its_stem(stem, tmp_path):
    """backup_files lists the names beginning "<stem>-" (read from the folder, not matched as a
    glob: "[", "*" and "?" in a stem are plain characters), newest first, and no other file."""
    db = tmp_path / f"{stem}.db"
    folder = health.backup_folder(db)
    folder.mkdir()
    ours = [f"{stem}-20240101-120000-open.zip", f"{stem}-20240101-120000-2-manual.zip",
            f"{stem}-20230101-000000-open.db", f"{stem}-20250101-000000-restore.zip"]
    others = [f"{stem}x-20260101-000000-open.zip", "other-20260101-000000-open.zip", f"{stem}-notes.txt",
              f".{stem}.db.checked.json", f"{stem}-20270101-000000-open.zip.tmp", f"{stem}-20271301-000000-open.zip"]
    if stem == "msg[1]":  # what a glob "msg[1]-*" matched, and missed all of ours
        others.append("msg1-20260101-000000-open.zip")
    for name in ours + others:
        (folder / name).write_bytes(b"")
    listed = [path.name for _created, _n, _reason, path in health.backup_files(db)]
    assert listed == [ours[3], ours[1], ours[0], ours[2]]


def test_no_backups_folder_lists_none(tmp_path):
    assert health.backup_files(tmp_path / "x.db") == []
    (tmp_path / "backups").write_bytes(b"not a folder")
    assert health.backup_files(tmp_path / "x.db") == []
