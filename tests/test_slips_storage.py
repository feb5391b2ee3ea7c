"""Issue 21 (proof against slips), the storage items: nothing vanishes or comes back unless a
person meant it.  Each test failed on the code before its fix."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from msgdesk.domain.errors import (
    DamagedDatabaseError,
    InvalidValueError,
    MoveNotAllowedError,
    MsgdeskError,
    RecordFixedError,
)
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


# --- item 7: garbage in a column is refused, and old garbage reads as "damaged" with its place ---

P = "North Ayrshire Health and Social Care Partnership"


def test_the_checks_of_migration_0008_match_the_enums_msgdesk_reads_with():
    import importlib

    from msgdesk.store import value_check

    migration = importlib.import_module("msgdesk.store.migrations.versions.0008_checks")
    for key, (values, nullable, empty) in migration.ENUMS.items():
        read_values, read_nullable, read_empty = value_check.ENUM_COLUMNS[key]
        assert (tuple(str(v) for v in read_values), read_nullable, read_empty) == (values, nullable, empty), key
    assert migration.DATES == value_check.DATE_COLUMNS
    assert migration.MOMENTS == value_check.MOMENT_COLUMNS


def rows(engine) -> dict[str, list]:
    """Every row of msgdesk's tables, by table, on either backend."""
    from sqlalchemy import inspect, text

    with engine.connect() as con:
        return {t: [tuple(r) for r in con.execute(text(f"SELECT * FROM {t} ORDER BY 1"))]
                for t in sorted(inspect(engine).get_table_names())}


def _filled_everywhere(workspace, example_round):
    """A round with rows in every table that has an enumeration or a date: actions with
    progress and a due date, a pack with a merged reply and a conflict, a direction."""
    from datetime import date, datetime

    from msgdesk.rounds.return_file import dump_return, parse_return

    rid = example_round.id
    action_id = workspace.rounds.actions_of(rid, "2.3")[0][0]
    workspace.tracking.record_progress(action_id, "a step", on_date=date(2019, 6, 1))
    pack = workspace.contributions.cut_pack(rid, ["2.3"], "Alan Brown, CFO")
    workspace.rounds.set_evidence(rid, "2.3", "the lead's")
    reply = parse_return(dump_return(pack))
    reply.response("2.3").evidence = "Alan's"
    reply.pack.reply_by, reply.pack.reply_at = "Alan Brown", datetime(2026, 3, 12, 10, 0, 0)
    workspace.contributions.merge_reply(rid, parse_return(dump_return(reply)))


@pytest.fixture
def either(any_workspace, example_data):
    """(workspace, the example round) on SQLite, then on PostgreSQL."""
    return any_workspace, any_workspace.rounds.import_return(example_data)


def test_every_enumeration_and_date_refuses_a_value_msgdesk_cannot_read_on_both_backends(either):
    workspace, example_round = either
    import importlib

    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    migration = importlib.import_module("msgdesk.store.migrations.versions.0008_checks")
    _filled_everywhere(workspace, example_round)
    sqlite = workspace.engine.dialect.name == "sqlite"
    columns = [(t, c, "x") for (t, c) in migration.ENUMS]
    if sqlite:  # PostgreSQL's date and timestamp types refuse these themselves
        columns += [(t, c, bad) for t, cs in migration.DATES.items() for c in cs
                    for bad in ("x", "31/03/2022", "2022-02-31", "2022-3-1")]
        columns += [(t, c, bad) for t, cs in migration.MOMENTS.items() for c in cs
                    for bad in ("x", "2022-13-01 10:00:00", "yesterday")]
    tried = 0
    before = rows(workspace.engine)
    for table, column, bad in columns:
        with workspace.engine.connect() as con:
            row_id = con.execute(text(f"SELECT min(id) FROM {table}")).scalar()
        if row_id is None:
            continue
        tried += 1
        with workspace.engine.connect() as con, pytest.raises((DBAPIError, MsgdeskError)) as refused:
            with con.begin():
                con.execute(text(f"UPDATE {table} SET {column} = :bad WHERE id = :id"), {"bad": bad, "id": row_id})
        message = str(refused.value)
        assert (isinstance(refused.value, (InvalidValueError, RecordFixedError, MoveNotAllowedError))
                or "invalid input" in message
                or "out of range" in message or "violates check constraint" in message), (table, column, bad, message)
    assert tried >= (40 if sqlite else 10)
    assert rows(workspace.engine) == before


def test_the_record_of_who_wrote_what_and_the_store_metadata_cannot_be_rewritten_or_removed(either):
    workspace, example_round = either
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    _filled_everywhere(workspace, example_round)
    before = rows(workspace.engine)
    for statement in (
        "UPDATE content_change SET author = 'someone else' WHERE id = (SELECT min(id) FROM content_change)",
        # an entry with a later one of its proposal after it is final (the newest may still grow
        # with a burst of typing by the same person)
        "UPDATE content_change SET detail = 'rewritten' WHERE id = (SELECT min(c.id) FROM content_change c WHERE "
        "EXISTS (SELECT 1 FROM content_change l WHERE l.round_id = c.round_id AND l.proposal_id = c.proposal_id "
        "AND l.id > c.id))",
        "DELETE FROM content_change",
        "DELETE FROM store_meta",
        "UPDATE store_meta SET application = 'other'",
        "INSERT INTO store_meta (id, application, changes) VALUES (2, 'msgdesk', 0)",
    ):
        with workspace.engine.connect() as con, pytest.raises((DBAPIError, MsgdeskError)) as refused:
            with con.begin():
                con.execute(text(statement))
        assert isinstance(refused.value, RecordFixedError) or "[history-append-only]" in str(refused.value), (
            statement, refused.value)
    assert rows(workspace.engine) == before


@pytest.mark.parametrize(("table", "column", "value", "unreadable"), [
    ("action", "status", "x", False),  # read as it is (shown as an unknown status), never a crash
    ("action", "created_at", "x", True),
    ("action", "due_date_override", "2022-02-31", True),
    ("evaluation_round", "created_at", "x", True),
    ("evaluation_round", "completed_on", "31/03/2022", True),
    ("response", "rating", "great", False),
])
def test_a_value_written_by_another_tool_before_the_checks_reads_as_damaged_with_its_place(tmp_path, table, column,
                                                                                            value, unreadable):
    import shutil
    import sqlite3

    path = tmp_path / "old.db"
    shutil.copy(ROOT / "tests" / "fixtures" / "msgdesk-schema-0001.db", path)
    con = sqlite3.connect(path)
    where = ("id = (SELECT min(a.id) FROM action a JOIN response r ON r.id = a.response_id "
             "JOIN evaluation_round e ON e.id = r.round_id WHERE e.label = '2021')" if table == "action" else
             "id = (SELECT min(r.id) FROM response r JOIN evaluation_round e ON e.id = r.round_id "
             "WHERE e.label = '2021')" if table == "response" else "label = '2021'")
    with con:
        assert con.execute(f"UPDATE {table} SET {column} = ? WHERE {where}", (value,)).rowcount == 1
    con.close()
    out = tmp_path / "out"
    runs = {args[0]: _cli(path, *args) for args in (
        ("list",), ("export", "-p", P, "-r", "2021", "--json", f"{out}.json"),
        ("report", "-p", P, "-r", "2021", "--xlsx", f"{out}.xlsx"))}
    place = f"{table.replace('_', ' ')} "
    for name, run in runs.items():
        assert "Traceback" not in run.stderr, name
        if run.returncode != 0:  # a command that reads the odd value says where it is
            assert run.returncode == 1, (name, run.stderr)
            assert "is damaged" in run.stderr and f"its {column.replace('_', ' ')} is '{value}'" in run.stderr
            assert place in run.stderr
    assert any(run.returncode == 1 for run in runs.values()) is unreadable


# --- item 8: a partnership name differing only in case is the same partnership ------------------


@pytest.mark.parametrize("spelling", [P.upper(), P.lower(), P.swapcase(), "  " + P.replace(" ", "  ") + " "])
def test_a_return_naming_the_partnership_in_another_case_joins_it_on_both_backends(either, example_data, spelling):
    workspace, _round = either
    example_data.partnership, example_data.round = spelling, "2021"
    workspace.rounds.import_return(example_data)
    from sqlalchemy import text

    with workspace.engine.connect() as con:
        assert con.execute(text("SELECT name FROM partnership")).scalars().all() == [P]
        assert con.execute(text("SELECT count(*) FROM evaluation_round")).scalar() == 2


# --- item 8: a killed backup leaves no hidden full-size copy behind -------------------------------


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_a_killed_backup_leaves_no_hidden_copy_once_msgdesk_next_backs_up(filled):
    import signal

    from tests.test_recovery import SLOW_COPY, child, wait_for_line

    proc = child(SLOW_COPY + "backup.create_backup(sys.argv[1], 'manual')\nprint('done', flush=True)", str(filled))
    wait_for_line(proc, "copying")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    folder = backup.backup_folder(filled)
    assert [p for p in folder.glob(".incomplete-*") if p.suffix == ".db"]  # the killed copy, full size
    backup.create_backup(filled, "manual")  # at once, not an hour later: its process is gone
    assert list(folder.glob(".incomplete-*")) == []


# --- item 13: a new round carries the Contact forward -------------------------------------------


@pytest.mark.parametrize(("given", "expected"), [("", "previous"), ("   ", "previous"), ("A. New Officer", "given")])
def test_a_round_started_from_the_previous_one_carries_its_contact_unless_another_is_given(either, given, expected):
    workspace, example_round = either
    previous = workspace.rounds.load_round_by_id(example_round.id)
    assert previous.contact
    made = workspace.rounds.create_round(P, "2021", contact=given, previous_round_id=example_round.id)
    contact = workspace.rounds.load_round_by_id(made.id).contact
    assert contact == (previous.contact if expected == "previous" else given)
