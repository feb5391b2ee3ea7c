"""Roles on a shared PostgreSQL database, enforced by the server: ``msgdesk admin roles``
makes an owner, an editor and a reader role; a reader is refused every write with a plain
"you can read but not change this database" (exit 2 on the command line) and the database
is unchanged; the guard functions all pin their search path; "who wrote what" carries the
database user the server authenticated.  On the test server's socket (trust logins)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from msgdesk.domain.errors import ReadOnlyDatabaseError
from msgdesk.store.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "north-ayrshire-2019.json"
TABLES = ("partnership", "evaluation_round", "response", "action", "action_update", "round_event",
          "direction", "comparator_group", "alembic_version")


def _contents(ws: Workspace) -> list:
    with ws.engine.connect() as con:
        return [(t, con.execute(text(f"SELECT * FROM {t}")).fetchall()) for t in TABLES]


@pytest.fixture
def shared(pg_roles, example_data):
    """A shared database holding the 2019 example and a draft 2021, set up with roles."""
    with Workspace.open(pg_roles.database, user="IT set-up") as owner:
        old = owner.rounds.import_return(example_data)
        owner.rounds.create_round(old.partnership, "2021", previous_round_id=old.id, carry_forward=True)
        pg_roles.set_up(owner.engine)
    return pg_roles


def _reader_writes(ws: Workspace, example_data) -> dict:
    rounds = ws.rounds.list_rounds()
    draft = next(s.round for s in rounds if s.round.label == "2021")
    action = ws.tracking.rows(draft.id)[0].action_id
    return {
        "rating": lambda: ws.rounds.set_rating(draft.id, "1.1", "established"),
        "evidence": lambda: ws.rounds.set_evidence(draft.id, "1.1", "Seen by the reader"),
        "new round": lambda: ws.rounds.create_round(draft.partnership, "2023"),
        "import": lambda: ws.rounds.import_return(example_data, replace=True),
        "mark ready": lambda: ws.rounds.mark_ready(draft.id),
        "add action": lambda: ws.rounds.add_action(draft.id, "1.1"),
        "progress": lambda: ws.tracking.record_progress(action, "Going well", on_date=date(2021, 6, 1),
                                                        today=date(2021, 6, 2)),
        "lead": lambda: ws.tracking.set_lead(action, "Chief Officer", today=date(2021, 6, 2)),
        "group": lambda: ws.groups.set_group("Island authorities", [draft.partnership]),
        "bodies": lambda: ws.directions.set_bodies(draft.partnership, health_board="NHS Ayrshire and Arran"),
    }


def test_a_reader_reads_everything_and_is_refused_every_write(shared, example_data):
    with Workspace.open(shared.database) as owner:
        before = _contents(owner)
    with Workspace.open(shared.target("reader")) as reader:
        assert reader.read_only and reader.notices and "can read but not change" in reader.notices[0]
        assert {s.round.label for s in reader.rounds.list_rounds()} == {"2019", "2021"}
        writes = _reader_writes(reader, example_data)
        for name, write in writes.items():
            with pytest.raises(ReadOnlyDatabaseError, match="You can read but not change this database"):
                write()
            assert _contents(reader) == before, name
        # and by direct SQL, whatever msgdesk does: the server itself refuses
        with reader.engine.connect() as con:
            for sql in ("UPDATE response SET evidence = 'x'", "DELETE FROM action_update",
                        "INSERT INTO partnership (name, created_at) VALUES ('x', now())"):
                with pytest.raises(ReadOnlyDatabaseError):
                    con.execute(text(sql))
                con.rollback()
    with Workspace.open(shared.database) as owner:
        assert _contents(owner) == before


def test_a_reader_on_the_command_line_gets_exit_2_and_no_traceback(shared, tmp_path):
    url = shared.target("reader").to_url()
    with Workspace.open(shared.database) as owner:
        before = _contents(owner)
    commands = [
        ["import", str(EXAMPLE), "--replace"],
        ["tracker", "--help"],  # reading help works for everyone
    ]
    done = subprocess.run([sys.executable, "-m", "msgdesk", *commands[0], "--db", url],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, env=os.environ)
    assert done.returncode == 2, done.stderr
    assert "can read but not change this database" in done.stderr and "Traceback" not in done.stderr
    listed = subprocess.run([sys.executable, "-m", "msgdesk", "list", "--db", url],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert listed.returncode == 0 and "2021" in listed.stdout, listed.stderr
    with Workspace.open(shared.database) as owner:
        assert _contents(owner) == before


def test_an_editor_edits_but_cannot_change_the_schema_or_its_version(shared):
    with Workspace.open(shared.target("editor"), user="Ann Officer") as editor:
        assert not editor.read_only
        draft = next(s.round for s in editor.rounds.list_rounds() if s.round.label == "2021")
        editor.rounds.set_evidence(draft.id, "1.1", "Written by an editor")
        # "who wrote what": the login the server checked, not only the name typed
        with editor.engine.connect() as con:
            by = con.execute(text("SELECT updated_by FROM response WHERE round_id = :r AND proposal_id = '1.1'"),
                             {"r": draft.id}).scalar()
        assert by == f"Ann Officer ({shared.logins['editor']})"
        with editor.engine.connect() as con:
            for sql in ("UPDATE alembic_version SET version_num = '0001'", "TRUNCATE round_event",
                        "ALTER TABLE response ADD COLUMN x int", "CREATE TABLE public.mine (id int)",
                        "DROP TRIGGER response_guard ON response",
                        "CREATE OR REPLACE FUNCTION msgdesk_response_guard() RETURNS trigger "
                        "LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$"):
                with pytest.raises(ReadOnlyDatabaseError, match="not allowed"):
                    con.execute(text(sql))
                con.rollback()


def test_an_owner_login_upgrades_and_new_tables_reach_the_other_roles(shared):
    """Migrations run as the owner role (its default privileges then reach editor and reader)."""
    with Workspace.open(shared.target("owner")) as owner, owner.engine.begin() as con:
        con.exec_driver_sql(f'SET ROLE "{shared.prefix}_owner"')
        con.exec_driver_sql("CREATE TABLE later_table (id int)")
        con.exec_driver_sql("RESET ROLE")
    with Workspace.open(shared.target("reader")) as reader, reader.engine.connect() as con:
        assert con.execute(text("SELECT count(*) FROM later_table")).scalar() == 0


def test_every_msgdesk_function_pins_its_search_path(pg_target):
    with Workspace.open(pg_target) as ws, ws.engine.connect() as con:
        found = con.execute(text(
            "SELECT p.proname, p.proconfig FROM pg_proc p "
            "WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'msgdesk\\_%'"
        )).all()
    assert len(found) >= 10
    unpinned = [name for name, config in found if not any(c.startswith("search_path=") for c in config or [])]
    assert unpinned == []
    assert {tuple(config) for _name, config in found} == {("search_path=public, pg_temp",)}


def test_the_shipped_sql_names_the_roles_it_creates(tmp_path):
    done = subprocess.run([sys.executable, "-m", "msgdesk", "admin", "sql", "--database", "msgdesk_nhs"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60, check=True)
    for name in ("msgdesk_owner", "msgdesk_editor", "msgdesk_reader", '"msgdesk_nhs"', "REVOKE CREATE ON SCHEMA"):
        assert name in done.stdout


def test_it_sets_up_roles_and_grants_from_the_command_line(pg_roles):
    def msgdesk(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "msgdesk", "admin", *args, "--prefix", pg_roles.prefix,
                               "--db", pg_roles.database.to_url()],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)

    done = msgdesk("roles")
    assert done.returncode == 0 and f"{pg_roles.prefix}_reader" in done.stdout, done.stderr
    reader = pg_roles.logins["reader"]
    done = msgdesk("grant", reader, "reader")
    assert done.returncode == 2 and "add --create" in done.stderr and "Traceback" not in done.stderr
    done = msgdesk("grant", reader, "reader", "--create")
    assert done.returncode == 0, done.stderr
    with Workspace.open(pg_roles.target("reader")) as ws:
        assert ws.read_only and ws.db_user == reader
    # the reader cannot hand itself more rights
    done = subprocess.run([sys.executable, "-m", "msgdesk", "admin", "grant", reader, "editor", "--prefix",
                           pg_roles.prefix, "--db", pg_roles.target("reader").to_url()],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    with Workspace.open(pg_roles.target("reader")) as ws:
        assert ws.read_only


def test_only_an_owner_upgrades_the_schema_and_does_so_as_the_owner_role(shared):
    from msgdesk.domain.errors import DatabaseError
    from msgdesk.store.schema import SCHEMA_HEAD

    with Workspace.open(shared.database) as setup, setup.engine.begin() as con:
        con.execute(text("UPDATE alembic_version SET version_num = '0006'"))  # as if from an older msgdesk
    with pytest.raises(DatabaseError, match="only the database's owner may upgrade it"):
        Workspace.open(shared.target("editor"))
    with Workspace.open(shared.target("owner")) as owner, owner.engine.connect() as con:  # a member of the role
        assert con.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
        owners = set(con.execute(text(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
            "AND relkind = 'r'")).scalars())
    assert owners == {f"{shared.prefix}_owner"}
    with Workspace.open(shared.target("editor")) as editor:
        assert not editor.read_only
