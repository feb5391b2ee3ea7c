"""``msgdesk import FILE... | FOLDER`` through the real command line (a separate process):
good, bad and existing files together; each file all or nothing; one line per file and a
total; exit 0 when nothing was refused, 2 when anything was."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest

from msgdesk.store.workspace import Workspace
from tests.conftest import EXAMPLE
from tests.dbdump import dump
from tests.test_returnfile_cli import msgdesk

BASE = json.loads(EXAMPLE.read_text(encoding="utf-8"))
NA = BASE["partnership"]


def write(folder: Path, name: str, **changes) -> Path:
    doc = dict(BASE, **changes)
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def rounds_in(db: Path) -> set[tuple[str, str]]:
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return set(con.execute("SELECT p.name, r.label FROM evaluation_round r JOIN partnership p "
                               "ON p.id = r.partnership_id").fetchall())
    finally:
        con.close()


def lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    return done.stdout.splitlines()


@pytest.fixture
def folder(tmp_path) -> Path:
    """Returns for three partnerships, one of them twice (2019 and 2021), a broken one, a
    file that is not a return file at all, and a note that is not .json."""
    where = tmp_path / "returns"
    where.mkdir()
    write(where, "a-angus-2021.json", partnership="Angus", round="2021")
    write(where, "b-north-ayrshire-2019.json")
    broken = dict(BASE, partnership="Fife", round="2021")
    broken["responses"] = [dict(BASE["responses"][0], rating="brilliant"), *BASE["responses"][1:3],
                           dict(BASE["responses"][3], evidence=5)]
    (where / "c-fife-2021.json").write_text(json.dumps(broken), encoding="utf-8")
    (where / "d-not-json.json").write_text("{ this is not JSON", encoding="utf-8")
    write(where, "e-orkney-2021.json", partnership="Orkney", round="2021")
    (where / "readme.txt").write_text("the covering e-mail", encoding="utf-8")
    return where


def test_a_folder_of_good_bad_and_existing_files(folder, tmp_path):
    db = tmp_path / "msgdesk.db"
    assert msgdesk("import", str(EXAMPLE), "--db", str(db)).returncode == 0  # North Ayrshire 2019 is there
    done = msgdesk("import", str(folder), "--db", str(db))
    assert done.returncode == 2, done.stderr
    out = lines(done)
    assert out[0] == f"imported  {folder / 'a-angus-2021.json'}: Angus, round 2021: 22 proposals rated, 52 actions"
    assert out[1] == (f"skipped   {folder / 'b-north-ayrshire-2019.json'}: {NA} already has round 2019 "
                      "(--replace replaces it)")
    assert out[2].startswith(f"refused   {folder / 'c-fife-2021.json'}: responses[0].rating: ")
    assert out[2].endswith("(and 1 more problem)")
    assert out[3].startswith(f"refused   {folder / 'd-not-json.json'}: line 1, column 3")
    assert out[4].startswith(f"imported  {folder / 'e-orkney-2021.json'}: Orkney, round 2021")
    assert out[5] == "5 files: 2 imported, 1 skipped, 2 refused. 1 other file (not .json) left alone."
    assert len(out) == 6
    assert done.stderr == "msgdesk import: 2 of 5 files refused; nothing of a refused file was written\n"
    assert rounds_in(db) == {(NA, "2019"), ("Angus", "2021"), ("Orkney", "2021")}  # nothing of Fife

    again = msgdesk("import", str(folder / "a-angus-2021.json"), str(folder / "e-orkney-2021.json"),
                    str(folder / "b-north-ayrshire-2019.json"), "--db", str(db))
    assert again.returncode == 0, again.stderr  # all there already: skipped is not refused
    assert [line.split()[0] for line in lines(again)] == ["skipped"] * 3 + ["3"]
    assert lines(again)[-1] == "3 files: 0 imported, 3 skipped."


def test_each_file_is_all_or_nothing_and_a_refused_one_changes_nothing(folder, tmp_path):
    db = tmp_path / "msgdesk.db"
    assert msgdesk("import", str(folder / "a-angus-2021.json"), "--db", str(db)).returncode == 0
    before = dump(db)
    done = msgdesk("import", str(folder / "c-fife-2021.json"), str(folder / "d-not-json.json"), "--db", str(db))
    assert done.returncode == 2
    assert lines(done)[-1] == "2 files: 0 imported, 2 refused."
    assert dump(db) == before


def test_replace_replaces_existing_rounds_but_never_an_approved_one(folder, tmp_path):
    db = tmp_path / "msgdesk.db"
    assert msgdesk("import", str(folder), "--db", str(db)).returncode == 2
    with Workspace.open(db) as ws:
        angus = ws.rounds.find_round("Angus", "2021")
        ws.rounds.approve(angus.id, date(2021, 6, 1), "item 4", check_confirmed=True)
    changed = write(tmp_path, "orkney-again.json", partnership="Orkney", round="2021", contact="New contact")
    done = msgdesk("import", str(changed), str(folder / "a-angus-2021.json"), "--replace", "--db", str(db))
    assert done.returncode == 2
    out = lines(done)
    assert out[0].startswith(f"replaced  {changed}: Orkney, round 2021")
    assert out[1] == (f"refused   {folder / 'a-angus-2021.json'}: round 2021 of Angus has been approved by the IJB "
                      "and cannot be replaced")
    assert out[2] == "2 files: 0 imported, 1 replaced, 1 refused."
    with Workspace.open(db) as ws:
        assert ws.rounds.load_round("Orkney", "2021").contact == "New contact"


def test_the_database_itself_is_never_read_as_a_return_file(folder, tmp_path):
    db = tmp_path / "msgdesk.db"
    assert msgdesk("import", str(EXAMPLE), "--db", str(db)).returncode == 0
    before = dump(db)
    done = msgdesk("import", str(db), str(folder / "a-angus-2021.json"), "--db", str(db))
    assert done.returncode == 2
    assert lines(done)[0] == f"refused   {db}: this is msgdesk's own database, not a return file"
    assert lines(done)[1].startswith("imported")
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    assert dump(db) != before and rounds_in(db) == {(NA, "2019"), ("Angus", "2021")}


def test_an_empty_folder_and_missing_files_are_refused(tmp_path):
    db = tmp_path / "msgdesk.db"
    empty = tmp_path / "nothing here"
    empty.mkdir()
    done = msgdesk("import", str(empty), "--db", str(db))
    assert done.returncode == 2
    assert lines(done) == [f"empty     {empty}: no return files (.json) in this folder", "0 files: 0 imported."]
    assert "no return files (.json) found" in done.stderr
    done = msgdesk("import", str(tmp_path / "gone.json"), str(EXAMPLE), "--db", str(db))
    assert done.returncode == 2
    assert lines(done)[0] == f"refused   {tmp_path / 'gone.json'}: no such file"
    assert lines(done)[1].startswith(f"imported  {EXAMPLE}")


def test_one_file_still_reads_as_before(tmp_path):
    db = tmp_path / "msgdesk.db"
    done = msgdesk("import", str(EXAMPLE), "--db", str(db))
    assert done.stdout == f"Imported {NA}, round 2019: 22 proposals rated, 52 actions.\n"
    done = msgdesk("import", str(EXAMPLE), "--db", str(db))
    assert done.returncode == 2 and "already has a round 2019; use --replace" in done.stderr
