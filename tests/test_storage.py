"""Storage: schema, pragmas, migrations, the core API and the approved-round lock,
all on real SQLite files."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlalchemy import text

from msgdesk.errors import DatabaseError, InputError, NotFoundError, RoundLockedError, SchemaTooNewError
from msgdesk.returndata import ActionData
from msgdesk.store import repository as repo
from msgdesk.store.database import KNOWN_REVISIONS, MIGRATIONS_DIR, SCHEMA_HEAD, open_database
from tests.dbdump import dump


def test_schema_head_constant_matches_alembic():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert script.get_current_head() == SCHEMA_HEAD
    assert {rev.revision for rev in script.walk_revisions()} == set(KNOWN_REVISIONS)


def test_new_database_has_pragmas_and_owner_only_permissions(engine, db_path):
    with engine.connect() as con:
        assert con.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert con.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert con.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    assert (db_path.stat().st_mode & 0o777) == 0o600


def test_models_match_the_migrated_schema(engine):
    from msgdesk.store.models import SQLModel

    with engine.connect() as con:
        for table in SQLModel.metadata.sorted_tables:
            columns = {row[1] for row in con.execute(text(f"PRAGMA table_info({table.name})"))}
            assert columns == {c.name for c in table.columns}, table.name


def test_old_schema_is_migrated_after_a_backup_copy(tmp_path):
    """A file stamped before 0001 (an empty alembic_version) is upgraded, with a copy first."""
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    con.execute("CREATE TABLE keepme (x)")
    con.execute("INSERT INTO keepme VALUES (42)")
    con.commit()
    con.close()
    engine = open_database(path)
    engine.dispose()
    backups = list(tmp_path.glob("old.before-migration-from-none-*.db"))
    assert len(backups) == 1
    assert sqlite3.connect(backups[0]).execute("SELECT x FROM keepme").fetchall() == [(42,)]
    assert sqlite3.connect(path).execute("SELECT version_num FROM alembic_version").fetchall() == [(SCHEMA_HEAD,)]


def test_up_to_date_database_is_not_copied_again(tmp_path):
    path = tmp_path / "a.db"
    open_database(path).dispose()
    open_database(path).dispose()
    assert list(tmp_path.glob("*before-migration*")) == []


def test_newer_schema_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "new.db"
    open_database(path).dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer version of msgdesk"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("shopping list\n")
    with pytest.raises(DatabaseError, match="not an msgdesk database"):
        open_database(path)
    assert path.read_text() == "shopping list\n"


def test_round_lifecycle_and_events(engine):
    info = repo.create_round(engine, "Orkney Health and Care", "2021", contact="A. Officer", completed_on=date(2021, 4, 1))
    assert info.status == "draft"
    repo.set_rating(engine, info.id, "1.1", "established")
    repo.set_evidence(engine, info.id, "1.1", "Joint leadership team meets monthly.")
    assert repo.mark_ready(engine, info.id).status == "ready"
    approved = repo.approve(engine, info.id, date(2021, 5, 20), "IJB 21/05 item 7")
    assert approved.status == "approved" and approved.minute_reference == "IJB 21/05 item 7"
    kinds = [e.kind for e in repo.round_events(engine, info.id)]
    assert kinds == ["created", "marked_ready", "approved"]
    summary = repo.list_rounds(engine)[0]
    assert (summary.rated, summary.local_total, summary.actions) == (1, 22, 0)


def test_duplicate_round_and_bad_values_are_refused(engine):
    repo.create_round(engine, "Shetland HSCP", "2019")
    with pytest.raises(InputError, match="already has a round"):
        repo.create_round(engine, "Shetland HSCP", "2019")
    info = repo.find_round(engine, "Shetland HSCP", "2019")
    with pytest.raises(InputError, match="unknown rating"):
        repo.set_rating(engine, info.id, "1.1", "brilliant")
    with pytest.raises(InputError, match="not for local completion"):
        repo.set_rating(engine, info.id, "3.2", "established")
    with pytest.raises(NotFoundError):
        repo.set_rating(engine, info.id, "7.1", "established")
    with pytest.raises(NotFoundError):
        repo.find_round(engine, "Shetland HSCP", "1999")


def test_actions_are_ordered_moved_deleted_and_restored(engine):
    info = repo.create_round(engine, "Comhairle nan Eilean Siar", "2021", completed_on=date(2021, 3, 1))
    ids = [repo.add_action(engine, info.id, "2.3", ActionData(action=f"Action {n}", timescale="December 2021"))
           for n in range(1, 4)]
    texts = lambda: [a.action for _, a in repo.actions_of(engine, info.id, "2.3")]
    refs = lambda: [a.reference for _, a in repo.actions_of(engine, info.id, "2.3")]
    assert texts() == ["Action 1", "Action 2", "Action 3"]
    assert refs() == ["2021-2.3-1", "2021-2.3-2", "2021-2.3-3"]
    repo.move_action(engine, ids[2], 0)
    assert texts() == ["Action 3", "Action 1", "Action 2"]
    deleted = repo.delete_action(engine, ids[1])  # "Action 2", last in the list now
    assert texts() == ["Action 3", "Action 1"]
    repo.restore_action(engine, deleted)
    assert texts() == ["Action 3", "Action 1", "Action 2"]
    assert refs() == ["2021-2.3-3", "2021-2.3-1", "2021-2.3-2"]  # references are stable
    repo.delete_action(engine, ids[0])
    assert texts() == ["Action 3", "Action 2"]
    repo.add_action(engine, info.id, "2.3", ActionData(action="Action 4"))
    assert refs()[-1] == "2021-2.3-4"


def test_initial_action_status_follows_the_timescale(engine):
    info = repo.create_round(engine, "P", "2021", completed_on=date(2021, 3, 1))
    for timescale in ("In place", "Ongoing", "March 2022"):
        repo.add_action(engine, info.id, "1.1", ActionData(action=timescale, timescale=timescale))
    assert [a.status for _, a in repo.actions_of(engine, info.id, "1.1")] == ["in_place", "ongoing", "not_started"]


def test_approved_round_refuses_every_change_through_the_api(engine, db_path, example_round):
    rid = example_round.id
    repo.approve(engine, rid, date(2019, 5, 16), "IJB 16 May 2019, item 9")
    action_id = repo.actions_of(engine, rid, "1.1")[0][0]
    before = dump(db_path)
    attempts = [
        lambda: repo.set_rating(engine, rid, "1.1", "exemplary"),
        lambda: repo.set_evidence(engine, rid, "1.1", "changed"),
        lambda: repo.add_action(engine, rid, "1.1", ActionData(action="new")),
        lambda: repo.update_action(engine, action_id, action="changed"),
        lambda: repo.update_action(engine, action_id, timescale="Never"),
        lambda: repo.delete_action(engine, action_id),
        lambda: repo.move_action(engine, action_id, 3),
        lambda: repo.update_round(engine, rid, contact="someone else"),
        lambda: repo.mark_ready(engine, rid),
        lambda: repo.approve(engine, rid, date(2019, 6, 1), "again"),
    ]
    for attempt in attempts:
        with pytest.raises(RoundLockedError, match="approved by the IJB"):
            attempt()
    assert dump(db_path) == before


def test_approved_round_is_locked_in_sqlite_itself(engine, db_path, example_round):
    """A writer that bypasses the core API (a script, a bug) is refused by triggers."""
    repo.approve(engine, example_round.id, date(2019, 5, 16), "item 9")
    before = dump(db_path)
    con = sqlite3.connect(db_path)
    for statement in (
        "UPDATE response SET rating = 'exemplary'",
        "DELETE FROM response",
        "UPDATE action SET text = 'x'",
        "DELETE FROM action",
        "INSERT INTO response (round_id, proposal_id, evidence, updated_at) SELECT id, '9.9', '', '2020-01-01' FROM evaluation_round",
        "UPDATE evaluation_round SET contact = 'x'",
        "DELETE FROM evaluation_round",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="approved by the IJB"):
            con.execute(statement)
    con.close()
    assert dump(db_path) == before


def test_tracking_stays_open_after_approval_and_reopening_is_recorded(engine, example_round):
    rid = example_round.id
    repo.approve(engine, rid, date(2019, 5, 16), "item 9")
    action_id = repo.actions_of(engine, rid, "1.1")[0][0]
    repo.update_action(engine, action_id, status="on_track", due_date=date(2019, 12, 31), lead="Head of Service")
    _, data = repo.actions_of(engine, rid, "1.1")[0]
    assert (data.status, data.due_date, data.lead) == ("on_track", date(2019, 12, 31), "Head of Service")
    with pytest.raises(InputError, match="say why"):
        repo.reopen(engine, rid, "  ")
    repo.reopen(engine, rid, "Scottish Government asked for evidence on 2.3")
    repo.set_rating(engine, rid, "2.3", "established")
    events = repo.round_events(engine, rid)
    assert events[-1].kind == "reopened" and "evidence on 2.3" in events[-1].detail and "item 9" in events[-1].detail


def test_start_from_previous_round_carries_ratings_and_open_actions(engine, example_round):
    first_action_id = repo.actions_of(engine, example_round.id, "1.1")[0][0]
    repo.update_action(engine, first_action_id, status="complete")
    new = repo.create_round(engine, example_round.partnership, "2021", previous_round_id=example_round.id,
                            carry_forward=True)
    data = repo.load_round_by_id(engine, new.id)
    assert data.response("1.1").previous_rating == "established"
    assert data.response("1.1").rating is None
    old = repo.load_round_by_id(engine, example_round.id)
    old_refs = [a.reference for a in old.response("1.1").actions[1:]]
    assert [a.reference for a in data.response("1.1").actions] == old_refs  # complete one left behind


def test_each_edit_is_committed_on_its_own(engine, db_path):
    """Another connection sees an edit as soon as the call returns."""
    info = repo.create_round(engine, "P", "2021")
    repo.set_evidence(engine, info.id, "4.4", "Written at 10:02")
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT evidence FROM response").fetchall() == [("Written at 10:02",)]
    con.close()


def test_a_database_from_each_released_schema_opens_with_its_data(tmp_path):
    """tests/fixtures keeps one file per released schema; each must open (and
    migrate, once there are newer revisions) with nothing lost."""
    import shutil

    from tests.conftest import ROOT

    fixtures = sorted((ROOT / "tests" / "fixtures").glob("msgdesk-schema-*.db"))
    assert [f.name for f in fixtures][:1] == ["msgdesk-schema-0001.db"]
    for fixture in fixtures:
        path = tmp_path / fixture.name
        shutil.copy(fixture, path)
        engine = open_database(path)
        try:
            old = repo.load_round(engine, "North Ayrshire Health and Social Care Partnership", "2019")
            new = repo.load_round(engine, "North Ayrshire Health and Social Care Partnership", "2021")
        finally:
            engine.dispose()
        assert old.status == "approved" and old.minute_reference == "IJB 16 May 2019, item 7"
        assert sum(len(r.actions) for r in old.responses) == 52
        tracked = old.response("2.3").actions[0]
        assert (tracked.status, tracked.due_date, tracked.lead) == ("on_track", date(2019, 12, 31), "Chief Finance Officer")
        assert new.response("1.1").rating == "exemplary" and new.response("1.1").previous_rating == "established"
        assert sum(len(r.actions) for r in new.responses) == 52  # all open, all carried forward
