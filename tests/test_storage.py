"""Storage: schema, pragmas, migrations, the core API and the approved-round lock,
all on real SQLite files."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlalchemy import text

from msgdesk.domain.errors import (
    DatabaseError,
    DuplicateRoundError,
    ForeignDatabaseError,
    InputError,
    NotFoundError,
    RoundLockedError,
    SchemaTooNewError,
)
from msgdesk.domain.return_values import ActionData
from msgdesk.store.database import MIGRATIONS_DIR
from msgdesk.store.schema import KNOWN_REVISIONS, SCHEMA_HEAD
from msgdesk.store.workspace import Workspace
from tests.dbdump import dump


def open_database(path):
    """Open and close a workspace on ``path``; returns it closed (for file-level checks)."""
    ws = Workspace.open(path)
    ws.close()
    return ws


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
    from msgdesk.store.models import Base

    with engine.connect() as con:
        for table in Base.metadata.sorted_tables:
            columns = {row[1] for row in con.execute(text(f"PRAGMA table_info({table.name})"))}
            assert columns == {c.name for c in table.columns}, table.name


def test_an_older_schema_is_migrated_after_a_checked_backup(tmp_path):
    """The schema-0001 fixture is upgraded to the head, with a backup of it taken first."""
    import shutil

    from msgdesk.store.backup import list_backups
    from tests.conftest import ROOT

    path = tmp_path / "old.db"
    shutil.copy(ROOT / "tests" / "fixtures" / "msgdesk-schema-0001.db", path)
    before = dump(path)
    open_database(path)
    backups = [b for b in list_backups(path) if b.reason == "before-migration"]
    assert len(backups) == 1 and backups[0].summary().startswith("2 rounds")
    from msgdesk.store.backup import unpacked

    with unpacked(backups[0].path) as plain:
        assert dump(plain) == before
    assert sqlite3.connect(path).execute("SELECT version_num FROM alembic_version").fetchall() == [(SCHEMA_HEAD,)]


def test_up_to_date_database_is_not_backed_up_before_migration_again(tmp_path):
    from msgdesk.store.backup import list_backups

    path = tmp_path / "a.db"
    open_database(path)
    open_database(path)
    assert [b for b in list_backups(path) if b.reason == "before-migration"] == []


def test_newer_schema_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "new.db"
    open_database(path)
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


def test_another_applications_database_is_refused_untouched(tmp_path):
    """Defect 5: a file that is neither empty nor msgdesk's never gets msgdesk's tables."""
    path = tmp_path / "finance.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount TEXT)")
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    con.execute("INSERT INTO ledger VALUES (1, '12.50')")
    con.execute("INSERT INTO alembic_version VALUES ('ab12cd34')")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(ForeignDatabaseError, match="another application.*ledger"):
        open_database(path)
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists() and sorted(p.name for p in tmp_path.iterdir()) == ["finance.db"]


def test_an_empty_sqlite_file_becomes_an_msgdesk_database(tmp_path):
    path = tmp_path / "empty.db"
    sqlite3.connect(path).execute("PRAGMA user_version = 0").connection.close()
    with Workspace.open(path) as workspace:
        assert workspace.rounds.list_rounds() == []
    assert sqlite3.connect(path).execute("PRAGMA application_id").fetchone()[0] == 0x4D534744


def test_round_lifecycle_and_events(workspace):
    info = workspace.rounds.create_round("Orkney Health and Care", "2021", contact="A. Officer",
                                         completed_on=date(2021, 4, 1))
    assert info.status == "draft"
    workspace.rounds.set_rating(info.id, "1.1", "established")
    workspace.rounds.set_evidence(info.id, "1.1", "Joint leadership team meets monthly.")
    assert workspace.rounds.mark_ready(info.id).status == "ready"
    approved = workspace.rounds.approve(info.id, date(2021, 5, 20), "IJB 21/05 item 7", check_confirmed=True)
    assert approved.status == "approved" and approved.minute_reference == "IJB 21/05 item 7"
    kinds = [e.kind for e in workspace.rounds.round_events(info.id)]
    assert kinds == ["created", "marked_ready", "approved"]
    assert workspace.rounds.round_events(info.id)[-1].detail == "IJB 2021-05-20, minute IJB 21/05 item 7"
    summary = workspace.rounds.list_rounds()[0]
    assert (summary.rated, summary.local_total, summary.actions) == (1, 22, 0)


def test_duplicate_round_and_bad_values_are_refused(workspace):
    workspace.rounds.create_round("Shetland HSCP", "2019")
    with pytest.raises(DuplicateRoundError):
        workspace.rounds.create_round("Shetland HSCP", "2019")
    info = workspace.rounds.find_round("Shetland HSCP", "2019")
    with pytest.raises(InputError, match="unknown rating"):
        workspace.rounds.set_rating(info.id, "1.1", "brilliant")
    with pytest.raises(InputError, match="not for local completion"):
        workspace.rounds.set_rating(info.id, "3.2", "established")
    with pytest.raises(NotFoundError):
        workspace.rounds.set_rating(info.id, "7.1", "established")
    with pytest.raises(NotFoundError):
        workspace.rounds.find_round("Shetland HSCP", "1999")


def test_actions_are_ordered_moved_deleted_and_restored(workspace):
    info = workspace.rounds.create_round("Comhairle nan Eilean Siar", "2021", completed_on=date(2021, 3, 1))
    ids = [workspace.rounds.add_action(info.id, "2.3", ActionData(action=f"Action {n}", timescale="December 2021"))
           for n in range(1, 4)]
    texts = lambda: [a.action for _, a in workspace.rounds.actions_of(info.id, "2.3")]
    refs = lambda: [a.reference for _, a in workspace.rounds.actions_of(info.id, "2.3")]
    assert texts() == ["Action 1", "Action 2", "Action 3"]
    assert refs() == ["2021-2.3-1", "2021-2.3-2", "2021-2.3-3"]
    workspace.rounds.move_action(ids[2], 0)
    assert texts() == ["Action 3", "Action 1", "Action 2"]
    deleted = workspace.rounds.delete_action(ids[1])  # "Action 2", last in the list now
    assert texts() == ["Action 3", "Action 1"]
    workspace.rounds.restore_action(deleted)
    assert texts() == ["Action 3", "Action 1", "Action 2"]
    assert refs() == ["2021-2.3-3", "2021-2.3-1", "2021-2.3-2"]  # references are stable
    workspace.rounds.delete_action(ids[0])
    assert texts() == ["Action 3", "Action 2"]
    workspace.rounds.add_action(info.id, "2.3", ActionData(action="Action 4"))
    assert refs()[-1] == "2021-2.3-4"


def test_initial_action_status_follows_the_timescale(workspace):
    info = workspace.rounds.create_round("P", "2021", completed_on=date(2021, 3, 1))
    for timescale in ("In place", "Ongoing", "March 2022"):
        workspace.rounds.add_action(info.id, "1.1", ActionData(action=timescale, timescale=timescale))
    assert [a.status for _, a in workspace.rounds.actions_of(info.id, "1.1")] == ["in_place", "ongoing", "not_started"]


def test_approved_round_refuses_every_change_through_the_api(workspace, db_path, example_round):
    rid = example_round.id
    workspace.rounds.mark_ready(rid)
    workspace.rounds.approve(rid, date(2019, 5, 16), "IJB 16 May 2019, item 9", check_confirmed=True)
    action_id = workspace.rounds.actions_of(rid, "1.1")[0][0]
    before = dump(db_path)
    attempts = [
        lambda: workspace.rounds.set_rating(rid, "1.1", "exemplary"),
        lambda: workspace.rounds.set_evidence(rid, "1.1", "changed"),
        lambda: workspace.rounds.add_action(rid, "1.1", ActionData(action="new")),
        lambda: workspace.rounds.update_action(action_id, action="changed"),
        lambda: workspace.rounds.update_action(action_id, timescale="Never"),
        lambda: workspace.rounds.delete_action(action_id),
        lambda: workspace.rounds.move_action(action_id, 3),
        lambda: workspace.rounds.update_round(rid, contact="someone else"),
        lambda: workspace.rounds.mark_ready(rid),
        lambda: workspace.rounds.approve(rid, date(2019, 6, 1), "again"),
    ]
    for attempt in attempts:
        with pytest.raises(RoundLockedError, match="approved by the IJB"):
            attempt()
    assert dump(db_path) == before


def test_approved_round_is_locked_in_sqlite_itself(workspace, db_path, example_round):
    """A writer that bypasses the core API (a script, a bug) is refused by triggers."""
    workspace.rounds.approve(example_round.id, date(2019, 5, 16), "item 9", check_confirmed=True)
    before = dump(db_path)
    con = sqlite3.connect(db_path)
    for statement in (
        "UPDATE response SET rating = 'exemplary'",
        "DELETE FROM response",
        "UPDATE action SET text = 'x'",
        "DELETE FROM action",
        "INSERT INTO response (round_id, proposal_id, evidence, updated_at) "
        "SELECT id, '9.9', '', '2020-01-01' FROM evaluation_round",
        "UPDATE evaluation_round SET contact = 'x'",
        "DELETE FROM evaluation_round",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="approved by the IJB"):
            con.execute(statement)
    con.close()
    assert dump(db_path) == before


def test_tracking_stays_open_after_approval_and_reopening_is_recorded(workspace, example_round):
    rid = example_round.id
    workspace.rounds.approve(rid, date(2019, 5, 16), "item 9", check_confirmed=True)
    action_id = workspace.rounds.actions_of(rid, "1.1")[0][0]
    workspace.tracking.change_status(action_id, "on_track")
    workspace.tracking.set_due_date(action_id, date(2019, 12, 31), "agreed with the lead")
    workspace.tracking.set_lead(action_id, "Head of Service")
    _, data = workspace.rounds.actions_of(rid, "1.1")[0]
    assert (data.status, data.due_date, data.lead) == ("on_track", date(2019, 12, 31), "Head of Service")
    with pytest.raises(InputError, match="say why"):
        workspace.rounds.reopen(rid, "  ")
    workspace.rounds.reopen(rid, "Scottish Government asked for evidence on 2.3")
    workspace.rounds.set_rating(rid, "2.3", "established")
    events = workspace.rounds.round_events(rid)
    assert events[-1].kind == "reopened" and "evidence on 2.3" in events[-1].detail and "item 9" in events[-1].detail
    assert workspace.rounds.get_round(rid).status == "reopened"
    kinds = [e.kind for e in workspace.tracking.history(action_id)]
    assert kinds == ["status", "due_date", "lead"]  # every tracking change is in the history


def test_start_from_previous_round_carries_ratings_and_open_actions(workspace, example_round):
    first_action_id = workspace.rounds.actions_of(example_round.id, "1.1")[0][0]
    workspace.tracking.change_status(first_action_id, "complete")
    new = workspace.rounds.create_round(example_round.partnership, "2021", previous_round_id=example_round.id,
                            carry_forward=True)
    data = workspace.rounds.load_round_by_id(new.id)
    assert data.response("1.1").previous_rating == "established"
    assert data.response("1.1").rating is None
    old = workspace.rounds.load_round_by_id(example_round.id)
    old_refs = [a.reference for a in old.response("1.1").actions[1:]]
    assert [a.reference for a in data.response("1.1").actions] == old_refs  # complete one left behind


def test_each_edit_is_committed_on_its_own(workspace, db_path):
    """Another connection sees an edit as soon as the call returns."""
    info = workspace.rounds.create_round("P", "2021")
    workspace.rounds.set_evidence(info.id, "4.4", "Written at 10:02")
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
        with Workspace.open(path) as workspace:
            old = workspace.rounds.load_round("North Ayrshire Health and Social Care Partnership", "2019")
            new = workspace.rounds.load_round("North Ayrshire Health and Social Care Partnership", "2021")
        assert old.status == "approved" and old.minute_reference == "IJB 16 May 2019, item 7"
        assert sum(len(r.actions) for r in old.responses) == 52
        tracked = old.response("2.3").actions[0]
        assert (tracked.status, tracked.due_date, tracked.lead) == ("on_track", date(2019, 12, 31),
                                                                    "Chief Finance Officer")
        assert new.response("1.1").rating == "exemplary" and new.response("1.1").previous_rating == "established"
        assert sum(len(r.actions) for r in new.responses) == 52  # all open, all carried forward


@pytest.mark.parametrize("pasted, stored", [
    ("line one\x0bline two", "line one\nline two"),  # Word's manual line break
    ("bell\x07 and escape\x1b", "bell and escape"),
    ("half a character \ud800 here", "half a character \ufffd here"),
    ("tabs\tand\r\nnew lines stay", "tabs\tand\r\nnew lines stay"),
])
def test_text_pasted_into_the_window_is_stored_so_that_it_exports_and_imports_back(window, workspace, example_round,
                                                                                     tmp_path, pasted, stored):
    from msgdesk.rounds.return_file import read_return_file, write_return_file

    window.open_round(example_round.id)
    window.session.set_evidence("1.1", pasted)
    data = workspace.rounds.load_round_by_id(example_round.id)
    assert data.response("1.1").evidence == stored
    out = tmp_path / "out.json"
    write_return_file(out, data)
    assert read_return_file(out).response("1.1").evidence == stored


@pytest.mark.parametrize("field, value", [
    ("evidence", "bell\x07"), ("evidence", "x" * 1_000_001), ("evidence", "half \udc00"),
])
def test_the_store_refuses_text_a_return_file_could_not_hold(workspace, example_round, field, value):
    before = workspace.rounds.load_round_by_id(example_round.id)
    with pytest.raises(InputError, match="1.1 evidence: "):
        workspace.rounds.set_evidence(example_round.id, "1.1", value)
    assert workspace.rounds.load_round_by_id(example_round.id) == before
    with pytest.raises(InputError, match="lead: must be one line"):
        workspace.tracking.set_lead(workspace.tracking.rows(example_round.id)[0].action_id, "two\nlines")
