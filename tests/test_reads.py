"""Issue 22 item 4: the reading commands (``msgdesk list``, ``export --json``) read an SQLite
file through the standard library (``Workspace``'s reader, ``msgdesk.store.reads``) and no
longer import SQLAlchemy; the repositories run the same queries through the engine.

Proved on real files and real processes: over several databases the reader and the store
give equal values and byte-identical return files; ``list`` and ``export --json`` print and
write the same bytes on SQLite (the reader) as on PostgreSQL holding the same rounds (the
engine, when ``MSGDESK_TEST_PG`` is set); counts are checked against the ORM's own; a
damaged, foreign, cut-short or newer file gets the store's own message, never a traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from msgdesk.domain.return_values import ActionData
from msgdesk.rounds.return_file import parse_return, write_return_file
from msgdesk.store.workspace import Workspace
from tests.conftest import EXAMPLE

ROOT = Path(__file__).resolve().parents[1]
NA = "North Ayrshire Health and Social Care Partnership"


def _env() -> dict[str, str]:
    """The test's own user folders (set by conftest for each test), msgdesk from this tree."""
    return dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="100")


def _msgdesk(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "msgdesk", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=_env(), timeout=300)


def _import(ws: Workspace, **changes: object) -> int:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc.update(changes)
    return ws.rounds.import_return(parse_return(json.dumps(doc), ws.template)).id


def _nothing(ws: Workspace) -> None:
    ws.ensure_open()


def _example(ws: Workspace) -> None:
    _import(ws)


def _many(ws: Workspace) -> None:
    """Rounds of three partnerships in every status, carried forward, edited, approved, with
    a round nothing is rated in and a pack sent."""
    first = _import(ws)
    later = ws.rounds.create_round(NA, "2021", contact="Ann Smith", completed_on=date(2021, 3, 31),
                                   previous_round_id=first, carry_forward=True)
    ws.rounds.set_rating(later.id, "1.1", "established")
    ws.rounds.set_evidence(later.id, "1.1", "Evidence with “quotes”, é and a\nsecond line")
    ws.rounds.add_action(later.id, "1.1", ActionData(action="A new action", timescale="by March 2022",
                                                     lead="CFO", due_date=date(2022, 3, 31)))
    ws.rounds.approve(first, date(2019, 5, 16), "item 7", check_confirmed=True)
    orkney = _import(ws, partnership="Orkney Health and Care", round="2019")
    ws.rounds.mark_ready(orkney)
    ws.rounds.create_round("Shetland Islands Health and Social Care Partnership", "2019")
    ws.contributions.cut_pack(later.id, ["2.1", "2.2"], "Alan Brown, CFO")


BUILDERS: dict[str, Callable[[Workspace], None]] = {"empty": _nothing, "example": _example, "many": _many}


@pytest.fixture(params=list(BUILDERS))
def database(request, tmp_path) -> Path:
    db = tmp_path / "msgdesk.db"
    with Workspace.open(db, user="Caroline Whyte") as ws:
        BUILDERS[request.param](ws)
    return db


def _return_bytes(ws_reads, template, out: Path) -> dict[tuple[str, str], bytes]:
    files = {}
    for summary in ws_reads.list_rounds():
        data = ws_reads.load_round(summary.round.partnership, summary.round.label)
        path = out / f"{summary.round.id}.json"
        write_return_file(path, data, template)
        files[(summary.round.partnership, summary.round.label)] = path.read_bytes()
    return files


def test_the_reader_and_the_store_read_the_same_values(database, tmp_path):
    with Workspace(database, reads_only=True) as reader, Workspace(database) as store:
        assert reader.reads.list_rounds() == store.rounds.list_rounds()
        assert not reader.is_open  # read without the engine (SQLAlchemy)
        assert reader.reads.list_partnerships() == store.rounds.list_partnerships()
        for summary in store.rounds.list_rounds():
            rid = summary.round.id
            assert reader.reads.snapshot(rid) == store.rounds.snapshot(rid)
            assert reader.reads.get_round(rid) == store.rounds.get_round(rid) == summary.round
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        assert _return_bytes(reader.reads, reader.template, tmp_path / "a") == \
            _return_bytes(store.rounds, store.template, tmp_path / "b")
        assert not reader.is_open


def test_the_counts_listed_are_the_orms_own(database):
    """An oracle apart from the shared SQL: the ORM's objects counted in Python."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from msgdesk.store.models import Action, EvaluationRound, Partnership, Response

    with Workspace(database, reads_only=True) as reader:
        listed = [(s.round.partnership, s.round.label, s.round.status.value, s.rated, s.local_total, s.actions)
                  for s in reader.reads.list_rounds()]
        local = {p.id for p in reader.template.local_proposals}
        with Workspace(database) as store, Session(store.engine) as session:
            expected = []
            for rnd in session.scalars(select(EvaluationRound)):
                responses = session.scalars(select(Response).where(Response.round_id == rnd.id)).all()
                actions = session.scalars(select(Action).where(
                    Action.response_id.in_([r.id for r in responses]))).all()
                expected.append((session.get(Partnership, rnd.partnership_id).name, rnd.label, rnd.status,
                                 sum(1 for r in responses if r.rating is not None and r.proposal_id in local),
                                 len(local), len(actions)))
    assert listed == sorted(expected, key=lambda row: (row[0], row[1]))


def test_list_and_export_json_import_no_sqlalchemy(database, tmp_path):
    code = ("import sys\nfrom msgdesk.cli.main import main\ncode = main(sys.argv[1:])\n"
            "print('exit', code, sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic'}))")
    commands = [["list"]]
    if "2019" in _msgdesk("list", "--db", database).stdout:  # the empty database has no round to export
        commands.append(["export", "-p", "north", "-r", "2019", "--json", tmp_path / "out.json"])
    for argv in commands:
        done = subprocess.run([sys.executable, "-c", code, *map(str, argv), "--db", str(database)],
                              capture_output=True, text=True, env=_env(), timeout=300)
        assert done.stdout.splitlines()[-1] == "exit 0 []", done.stderr


def test_a_reading_command_still_backs_up_a_changed_file_and_remembers_its_check(tmp_path):
    """The reader does what the store does on opening a writable folder: the backup on
    opening when the file changed, none when it did not."""
    db = tmp_path / "msgdesk.db"
    with Workspace.open(db, backup_on_open=False) as ws:
        _example(ws)
    backups = tmp_path / "backups"
    before = {p.name for p in backups.glob("*.zip")} if backups.exists() else set()
    assert _msgdesk("list", "--db", db).returncode == 0
    made = {p.name for p in backups.glob("*.zip")} - before
    assert len(made) == 1 and next(iter(made)).endswith("-open.zip")
    record = backups / f".{db.name}.checked.json"
    assert record.exists()
    for _ in range(3):  # unchanged: no backup more
        assert _msgdesk("list", "--db", db).returncode == 0
    assert {p.name for p in backups.glob("*.zip")} - before == made


def test_an_older_or_new_file_is_opened_by_the_store_as_before(tmp_path):
    """The reader only reads a file at this msgdesk's schema: a new file is made, an older
    one brought up to date, by the store, exactly as before."""
    new = tmp_path / "new" / "msgdesk.db"
    done = _msgdesk("list", "--db", new)
    assert done.returncode == 0 and done.stdout == "No rounds yet. Import one with: msgdesk import FILE\n"
    assert new.exists()
    older = tmp_path / "older.db"
    older.write_bytes((ROOT / "tests" / "fixtures" / "msgdesk-schema-0001.db").read_bytes())
    done = _msgdesk("list", "--db", older)
    assert done.returncode == 0, done.stderr
    from msgdesk.store.snapshot import is_current

    assert is_current(older)


def _foreign(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    con.commit()
    con.close()


def _newer(db: Path) -> None:
    with Workspace.open(db) as ws:
        _example(ws)
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()


def _cut_short(db: Path) -> None:
    with Workspace.open(db, backup_on_open=False) as ws:
        _example(ws)
    db.write_bytes(db.read_bytes()[:20000])


def _garbled(db: Path) -> None:
    with Workspace.open(db, backup_on_open=False) as ws:
        _example(ws)
    data = bytearray(db.read_bytes())
    for at in range(8192, len(data) - 4096, 4096):  # the middle of every page but the first two
        data[at + 100:at + 300] = b"\xff" * 200
    db.write_bytes(bytes(data))


def _text(db: Path) -> None:
    db.write_text("Partnership,Round\nNorth Ayrshire,2019\n" * 200, encoding="utf-8")


@pytest.mark.parametrize("spoil, words", [
    (_foreign, "is not an msgdesk database"), (_newer, "newer version of msgdesk"),
    (_cut_short, "is damaged"), (_garbled, "damaged"), (_text, "is not an msgdesk database"),
])
def test_a_bad_file_gets_the_stores_message_and_is_left_as_it_was(tmp_path, spoil, words):
    db = tmp_path / "msgdesk.db"
    spoil(db)
    before = db.read_bytes()
    writing = _msgdesk("ready", "-p", "north", "-r", "2019", "--db", db)  # the store's own refusal
    for argv in (["list"], ["export", "-p", "north", "-r", "2019", "--json", tmp_path / "out.json"]):
        done = _msgdesk(*argv, "--db", db)
        assert done.returncode == writing.returncode == 1, done.stderr
        assert words in done.stderr and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.split(": ", 1)[1] == writing.stderr.split(": ", 1)[1]
        assert not (tmp_path / "out.json").exists()
    assert db.read_bytes() == before


def test_list_and_export_json_are_the_same_bytes_from_sqlite_and_postgresql(tmp_path, pg_url):
    """The same rounds in an SQLite file (read by the standard library) and on PostgreSQL
    (read through the engine) list and export to the same bytes."""
    sqlite_db = tmp_path / "msgdesk.db"
    for where in (sqlite_db, pg_url):
        with Workspace.open(where, user="Caroline Whyte") as ws:
            _many(ws)
    answers = {}
    for where in (sqlite_db, pg_url):
        listed = _msgdesk("list", "--db", where)
        assert listed.returncode == 0, listed.stderr
        files = []
        for partnership, label in (("north", "2019"), ("north", "2021"), ("orkney", "2019"), ("shetland", "2019")):
            out = tmp_path / f"{'pg' if where == pg_url else 'sqlite'}-{partnership}-{label}.json"
            done = _msgdesk("export", "-p", partnership, "-r", label, "--json", out, "--db", where)
            assert done.returncode == 0, done.stderr
            doc = json.loads(out.read_bytes())
            # Apart from what differs between the two writes themselves: the moment of each,
            # the author (PostgreSQL adds the database login) and new actions' random ids.
            for response in doc["responses"]:
                for values in (response, *response["actions"]):
                    for key in ("updated_at", "updated_by", "id"):
                        values.pop(key, None)
            files.append(doc)
        answers[where] = (listed.stdout, files)
    assert answers[sqlite_db] == answers[pg_url]
    assert "Orkney Health and Care                               2019   Ready for IJB" in answers[sqlite_db][0]


def test_a_command_opens_the_log_file_when_it_logs_and_only_then(tmp_path):
    """``list`` logs the backup it takes on opening a changed file, to the same log file as
    before; run again on the unchanged file it logs nothing and opens no log file (nor loads
    the rotating handler's module)."""
    from msgdesk.logging_setup import log_file_path

    db = tmp_path / "msgdesk.db"
    with Workspace.open(db, backup_on_open=False) as ws:
        _example(ws)
    log = log_file_path()
    assert not log.exists()
    assert _msgdesk("list", "--db", db).returncode == 0
    assert f"of {db} (open)" in log.read_text(encoding="utf-8")  # the backup, logged
    log.unlink()
    code = ("import sys\nfrom msgdesk.cli.main import main\ncode = main(sys.argv[1:])\n"
            "print('exit', code, 'logging.handlers' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, "list", "--db", str(db)], capture_output=True, text=True,
                          env=_env(), timeout=300)
    assert done.stdout.splitlines()[-1] == "exit 0 False", done.stderr
    assert not log.exists()
    with Workspace.open(db, backup_on_open=False) as ws:  # a change: the next opening backs up
        ws.rounds.set_evidence(ws.rounds.find_round(NA, "2019").id, "1.1", "changed")
    assert _msgdesk("list", "--db", db).returncode == 0
    assert log.read_text(encoding="utf-8").count(f"of {db} (open)") == 1
