"""Directions in the store, on SQLite and on PostgreSQL: drafting, issuing, varying,
revoking and completing through ``Workspace.directions``; the content lock and the other
guards for every writer (direct SQL changes nothing); money kept to the penny; the
archive carries directions through the guards; the schema-0001 fixture migrates."""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from msgdesk.directions.money import MAX_PENCE
from msgdesk.directions.values import Direction, Milestone, Partner, ResourceBasis
from msgdesk.domain.errors import (
    ConcurrentEditError,
    DirectionClosedError,
    DirectionLockedError,
    InputError,
    MoveNotAllowedError,
    ReasonRequiredError,
    RecordFixedError,
)
from msgdesk.domain.states import Backend, DirectionStatus
from msgdesk.store.schema import SCHEMA_HEAD
from msgdesk.store.workspace import Workspace
from tests.conftest import ROOT

P = "North Ayrshire Health and Social Care Partnership"
TODAY = date(2026, 12, 1)
GUARD = re.compile(r"\[(direction-issued|direction-closed|supersedes-not-in-force|not-issued|record-final|"
                   r"history-append-only|reason-required|id-fixed)\]")


@pytest.fixture
def workspace(any_workspace):
    return any_workspace


def draft(reference: str = "NAIJB-2025-01", **values) -> Direction:
    base = dict(reference=reference, title="Care at home redesign", functions=["Care at home services", "Reablement"],
                issued_to=(Partner.HEALTH_BOARD, Partner.LOCAL_AUTHORITY),
                instruction="Start every package with reablement.",
                ijb_meeting=date(2025, 3, 20), resource_pence=125_000_000, resource_basis=ResourceBasis.PAYMENT,
                timescale="By 31 March 2026", milestones=[Milestone("Pilot in the Garnock Valley", "Q2 2025/26"),
                                                          Milestone("All localities", "31 March 2026")])
    base.update(values)
    return Direction(**base)


def test_a_direction_is_drafted_issued_varied_and_the_chain_shows_both_ways(workspace):
    d = workspace.directions
    first = d.create_draft(P, draft())
    assert first.data.issued_on is None and first.version == 1 and len(first.milestone_ids) == 2
    first = d.update_draft(first.id, draft(title="Care at home: reablement first"), expected_version=1)
    with pytest.raises(ConcurrentEditError):
        d.update_draft(first.id, draft(title="stale"), expected_version=1)
    first = d.issue(first.id, date(2025, 3, 27), today=TODAY)
    assert first.data.issued_on == date(2025, 3, 27) and first.data.title == "Care at home: reablement first"
    with pytest.raises(DirectionLockedError, match="issued on 2025-03-27 and its content is locked"):
        d.update_draft(first.id, draft(title="changed after issue"))
    with pytest.raises(DirectionLockedError):
        d.delete_draft(first.id)
    variation = d.draft_variation(first.id, "NAIJB-2025-07")
    assert variation.data.supersedes == "NAIJB-2025-01" and variation.data.title == first.data.title
    assert [m.milestone for m in variation.data.milestones] == ["Pilot in the Garnock Valley", "All localities"]
    assert d.get(first.id).varied_by_drafts[0].reference == "NAIJB-2025-07"
    with pytest.raises(InputError, match="before NAIJB-2025-01 which it varies"):
        d.issue(variation.id, date(2025, 3, 1), today=TODAY)
    d.update_draft(variation.id, draft("NAIJB-2025-07", supersedes="NAIJB-2025-01", resource_pence=150_000_001,
                                       ijb_meeting=date(2025, 9, 18)))
    later = d.issue(variation.id, date(2025, 9, 25), today=TODAY)
    earlier = d.get(first.id)
    assert later.supersedes.reference == "NAIJB-2025-01" and earlier.superseded_by.reference == "NAIJB-2025-07"
    assert later.data.resource_pence == 150_000_001  # to the penny
    with pytest.raises(DirectionClosedError, match="already been superseded by NAIJB-2025-07"):
        d.draft_variation(first.id, "NAIJB-2025-08")
    with pytest.raises(DirectionClosedError):
        d.revoke(first.id, date(2025, 10, 1), "no longer needed", today=TODAY)


def test_issuing_needs_what_the_log_must_hold(workspace):
    d = workspace.directions
    empty = d.create_draft(P, Direction("NAIJB-2025-02", "", [], (), ""))
    with pytest.raises(InputError) as caught:
        d.issue(empty.id, date(2025, 4, 1), today=TODAY)
    assert str(caught.value) == ("NAIJB-2025-02 cannot be issued yet: give it a title, the function(s) covered, the "
                                 "delivery partner(s) it is issued to, what is to be delivered")
    half = d.create_draft(P, draft("NAIJB-2025-03", resource_basis=None))
    with pytest.raises(InputError, match="the basis of the resource"):
        d.issue(half.id, date(2025, 4, 1), today=TODAY)
    early = d.create_draft(P, draft("NAIJB-2025-04"))
    with pytest.raises(InputError, match="before the IJB meeting of 2025-03-20"):
        d.issue(early.id, date(2025, 3, 19), today=TODAY)
    with pytest.raises(InputError, match="in the future"):
        d.issue(early.id, date(2026, 12, 2), today=TODAY)
    with pytest.raises(InputError, match="already has a direction NAIJB-2025-04"):
        d.create_draft(P, draft("NAIJB-2025-04"))
    with pytest.raises(InputError, match="title: must be one line"):
        d.create_draft(P, draft("NAIJB-2025-05", title="two\nlines"))


def test_revocation_and_completion_are_final_and_never_both(workspace):
    d = workspace.directions
    one = d.issue(d.create_draft(P, draft("A-1")).id, date(2025, 4, 1), today=TODAY)
    two = d.issue(d.create_draft(P, draft("A-2")).id, date(2025, 4, 1), today=TODAY)
    with pytest.raises(ReasonRequiredError):
        d.revoke(one.id, date(2025, 5, 1), "  ", today=TODAY)
    with pytest.raises(InputError, match="before A-1 was issued"):
        d.revoke(one.id, date(2025, 3, 1), "wrong", today=TODAY)
    revoked = d.revoke(one.id, date(2025, 5, 1), "Replaced by national funding", today=TODAY)
    assert (revoked.data.revoked_on, revoked.data.revoked_reason) == (date(2025, 5, 1), "Replaced by national funding")
    with pytest.raises(DirectionClosedError, match="revoked on 2025-05-01"):
        d.complete(one.id, date(2025, 6, 1), today=TODAY)
    with pytest.raises(DirectionClosedError):
        d.revoke(one.id, date(2025, 6, 1), "again", today=TODAY)
    with pytest.raises(DirectionClosedError, match="a revoked direction is not varied"):
        d.draft_variation(one.id, "A-3")
    done = d.complete(two.id, date(2026, 3, 31), today=TODAY)
    assert done.data.completed_on == date(2026, 3, 31)
    with pytest.raises(MoveNotAllowedError, match="is a draft"):
        d.complete(d.create_draft(P, draft("A-4")).id, date(2026, 1, 1), today=TODAY)


def test_delivery_issues_updates_and_milestones_met_stay_open_after_issue(workspace):
    d = workspace.directions
    one = d.issue(d.create_draft(P, draft()).id, date(2025, 4, 3), today=TODAY)
    d.record_issue(one.id, "Vacancies at 14% in the Three Towns", on_date=date(2025, 8, 21), author="J. Officer",
                   today=TODAY)
    d.record_update(one.id, "Pilot started", on_date=date(2025, 6, 2), today=TODAY)
    d.milestone_achieved(one.id, 0, date(2025, 9, 20), today=TODAY)
    with pytest.raises(InputError, match="already met on 2025-09-20"):
        d.milestone_achieved(one.id, 0, date(2025, 9, 21), today=TODAY)
    with pytest.raises(InputError, match="before NAIJB-2025-01 was issued"):
        d.record_update(one.id, "too early", on_date=date(2025, 4, 2), today=TODAY)
    with pytest.raises(InputError, match="the update; it is empty"):
        d.record_update(one.id, "  ", today=TODAY)
    got = d.get(one.id).data
    assert [(e.on_date, e.text, e.author) for e in got.delivery_issues] == [
        (date(2025, 8, 21), "Vacancies at 14% in the Three Towns", "J. Officer")]
    assert [e.text for e in got.updates] == ["Pilot started"]
    assert got.updates[0].author == workspace.user
    assert got.milestones[0].achieved_on == date(2025, 9, 20) and got.milestones[1].achieved_on is None
    with pytest.raises(MoveNotAllowedError):
        d.record_issue(d.create_draft(P, draft("B-1")).id, "on a draft", today=TODAY)


@pytest.mark.parametrize("pence", [0, 1, 99, 100, 12_345_678_901, MAX_PENCE])
def test_money_is_kept_to_the_penny_up_to_the_largest_amount(workspace, pence):
    d = workspace.directions
    made = d.create_draft(P, draft(resource_pence=pence))
    assert d.get(made.id).data.resource_pence == pence
    with workspace.engine.connect() as con:
        kind = con.execute(text("SELECT resource_pence FROM direction")).scalar()
    assert type(kind) is int and kind == pence


def _issued_history(ws) -> dict:
    """An issued direction with milestones, a delivery issue, an update, superseded by
    another; a revoked one; a draft."""
    d = ws.directions
    first = d.issue(d.create_draft(P, draft()).id, date(2025, 3, 27), today=TODAY)
    d.record_issue(first.id, "Staffing", on_date=date(2025, 5, 1), today=TODAY)
    d.record_update(first.id, "Started", on_date=date(2025, 5, 2), today=TODAY)
    d.milestone_achieved(first.id, 0, date(2025, 6, 1), today=TODAY)
    later = d.issue(d.draft_variation(first.id, "NAIJB-2025-09").id, date(2025, 9, 25), today=TODAY)
    gone = d.issue(d.create_draft(P, draft("NAIJB-2025-10")).id, date(2025, 4, 1), today=TODAY)
    d.revoke(gone.id, date(2025, 6, 1), "Not needed", today=TODAY)
    plan = d.create_draft(P, draft("NAIJB-2026-01"))
    with ws.engine.connect() as con:
        first_of = "SELECT min(id) FROM direction_milestone WHERE direction_id = {}"
        milestone = con.execute(text(first_of.format(first.id))).scalar()
        draft_milestone = con.execute(text(first_of.format(plan.id))).scalar()
        issue = con.execute(text("SELECT min(id) FROM direction_issue")).scalar()
        update = con.execute(text("SELECT min(id) FROM direction_update")).scalar()
        partnership = con.execute(text("SELECT min(id) FROM partnership")).scalar()
    return dict(first=first.id, later=later.id, gone=gone.id, draft=plan.id, milestone=milestone,
                draft_milestone=draft_milestone, issue=issue, update=update, partnership=partnership)


def _attacks(i: dict, backend: Backend) -> list[str]:
    now = "'2026-01-01 00:00:00'"
    attacks = [
        f"UPDATE direction SET title = 'rewritten' WHERE id = {i['first']}",
        f"UPDATE direction SET resource_pence = resource_pence + 1 WHERE id = {i['later']}",
        f"UPDATE direction SET issued_on = NULL WHERE id = {i['first']}",
        f"UPDATE direction SET supersedes_id = NULL WHERE id = {i['later']}",
        f"UPDATE direction SET reference = 'X' WHERE id = {i['gone']}",
        f"UPDATE direction SET partnership_id = {i['partnership']} + 100 WHERE id = {i['first']}",
        f"DELETE FROM direction WHERE id = {i['first']}",
        "DELETE FROM direction",
        "DELETE FROM partnership",
        f"UPDATE direction SET id = 999 WHERE id = {i['draft']}",
        # the milestones of an issued direction are part of its content
        f"UPDATE direction_milestone SET milestone = 'rewritten' WHERE id = {i['milestone']}",
        f"UPDATE direction_milestone SET due_date = '2030-01-01' WHERE id = {i['milestone']}",
        f"DELETE FROM direction_milestone WHERE id = {i['milestone']}",
        f"INSERT INTO direction_milestone (direction_id, position, milestone, timescale) "
        f"VALUES ({i['first']}, 9, 'x', '')",
        f"UPDATE direction_milestone SET direction_id = {i['first']} WHERE id = {i['draft_milestone']}",
        f"UPDATE direction_milestone SET achieved_on = '2025-07-01' WHERE id = {i['milestone']}",
        f"UPDATE direction_milestone SET achieved_on = '2026-01-01' WHERE id = {i['draft_milestone']}",
        # revocation and completion
        f"UPDATE direction SET revoked_on = NULL, revoked_reason = '' WHERE id = {i['gone']}",
        f"UPDATE direction SET revoked_reason = 'rewritten' WHERE id = {i['gone']}",
        f"UPDATE direction SET completed_on = '2025-07-01' WHERE id = {i['gone']}",
        f"UPDATE direction SET revoked_on = '2025-10-01', revoked_reason = 'x' WHERE id = {i['first']}",
        f"UPDATE direction SET completed_on = '2025-10-01' WHERE id = {i['first']}",
        f"UPDATE direction SET revoked_on = '2025-10-01' WHERE id = {i['later']}",
        f"UPDATE direction SET revoked_on = '2025-10-01', revoked_reason = 'x', completed_on = '2025-10-01' "
        f"WHERE id = {i['later']}",
        f"UPDATE direction SET completed_on = '2025-10-01' WHERE id = {i['draft']}",
        # supersession: only an issued direction in force, once
        f"UPDATE direction SET supersedes_id = {i['gone']}, issued_on = '2025-12-01' WHERE id = {i['draft']}",
        f"UPDATE direction SET supersedes_id = {i['first']}, issued_on = '2025-12-01' WHERE id = {i['draft']}",
        f"UPDATE direction SET supersedes_id = {i['draft']}, issued_on = '2025-12-01' WHERE id = {i['draft']}",
        # delivery issues and updates are append-only, on issued directions
        "UPDATE direction_issue SET text = 'rewritten'",
        "DELETE FROM direction_issue",
        "UPDATE direction_update SET on_date = '2025-01-01'",
        "DELETE FROM direction_update",
        f"INSERT INTO direction_issue (direction_id, on_date, text, author, created_at) "
        f"VALUES ({i['draft']}, '2026-01-01', 'x', '', {now})",
    ]
    if backend is Backend.SQLITE:
        attacks += [
            f"INSERT OR REPLACE INTO direction (id, partnership_id, reference, title, functions, to_health_board, "
            f"to_local_authority, ijb_report, minute_reference, instruction, outcomes, timescale, revoked_reason, "
            f"created_at, updated_at, version) VALUES ({i['first']}, {i['partnership']}, 'X', 'x', '', 0, 0, '', '', "
            f"'', '', '', '', {now}, {now}, 1)",
            f"INSERT OR REPLACE INTO direction_milestone (id, direction_id, position, milestone, timescale) "
            f"VALUES ({i['milestone']}, {i['first']}, 0, 'x', '')",
            f"INSERT OR REPLACE INTO direction_issue (id, direction_id, on_date, text, author, created_at) "
            f"VALUES ({i['issue']}, {i['first']}, '2025-05-01', 'rewritten', '', {now})",
            f"UPDATE OR REPLACE direction SET reference = 'NAIJB-2025-01' WHERE id = {i['draft']}",
            f"INSERT OR REPLACE INTO partnership (id, name, created_at) VALUES ({i['partnership']}, 'x', {now})",
            f"INSERT OR REPLACE INTO partnership (name, created_at) VALUES ('{P}', {now})",
        ]
    else:
        attacks += ["TRUNCATE direction CASCADE", "TRUNCATE direction_milestone", "TRUNCATE direction_issue",
                    "TRUNCATE direction_update", "TRUNCATE partnership CASCADE"]
    return attacks


def _snapshot(ws) -> list:
    with ws.engine.connect() as con:
        return [(t, con.execute(text(f"SELECT * FROM {t} ORDER BY id")).fetchall())
                for t in ("partnership", "direction", "direction_milestone", "direction_issue", "direction_update")]


def test_no_direct_sql_changes_an_issued_direction_or_its_records(workspace):
    ids = _issued_history(workspace)
    before = _snapshot(workspace)
    attacks = _attacks(ids, workspace.backend)
    if workspace.backend is Backend.SQLITE:
        for foreign_keys in ("ON", "OFF"):
            for sql in attacks:
                con = sqlite3.connect(workspace.target.path, isolation_level=None)
                con.execute(f"PRAGMA foreign_keys = {foreign_keys}")
                try:
                    con.execute(sql)
                except sqlite3.IntegrityError as exc:
                    assert GUARD.search(str(exc)), (sql, exc)
                else:
                    pytest.fail(f"foreign keys {foreign_keys}: allowed {sql}")
                finally:
                    con.close()
                assert _snapshot(workspace) == before, (foreign_keys, sql)
    else:
        other = create_engine(workspace.target.engine_url())
        try:
            for sql in attacks:
                try:
                    with other.begin() as con:
                        con.execute(text(sql))
                except DBAPIError as exc:
                    assert GUARD.search(str(exc)), (sql, exc)
                else:
                    pytest.fail(f"allowed {sql}")
                assert _snapshot(workspace) == before, sql
        finally:
            other.dispose()


def test_the_guards_refusals_become_typed_errors(workspace):
    ids = _issued_history(workspace)
    cases = [
        (f"UPDATE direction SET title = 'x' WHERE id = {ids['first']}", DirectionLockedError),
        (f"UPDATE direction SET revoked_reason = 'x' WHERE id = {ids['gone']}", DirectionClosedError),
        (f"UPDATE direction SET supersedes_id = {ids['gone']}, issued_on = '2025-12-01' WHERE id = {ids['draft']}",
         DirectionClosedError),
        (f"UPDATE direction SET completed_on = '2025-12-01' WHERE id = {ids['draft']}", MoveNotAllowedError),
        (f"UPDATE direction_milestone SET achieved_on = '2025-07-01' WHERE id = {ids['milestone']}", RecordFixedError),
        ("DELETE FROM direction_update", RecordFixedError),
    ]
    for sql, error in cases:
        with pytest.raises(error):
            with workspace.engine.begin() as con:
                con.execute(text(sql))


def test_a_draft_and_what_it_holds_can_be_deleted(workspace):
    ids = _issued_history(workspace)
    workspace.directions.delete_draft(ids["draft"])
    assert [r.reference for r in workspace.directions.list_directions(P)] == [
        "NAIJB-2025-01", "NAIJB-2025-10", "NAIJB-2025-09"]


def test_status_as_at_any_day_follows_issue_supersession_revocation_and_completion(workspace):
    from msgdesk.directions.status import status_at

    ids = _issued_history(workspace)
    d = workspace.directions
    first, later, gone = d.get(ids["first"]), d.get(ids["later"]), d.get(ids["gone"])
    expected = [  # (day, first, later, gone)
        (date(2025, 3, 26), "draft", "draft", "draft"),
        (date(2025, 3, 27), "in_force", "draft", "draft"),
        (date(2025, 4, 1), "in_force", "draft", "in_force"),
        (date(2025, 5, 31), "in_force", "draft", "in_force"),
        (date(2025, 6, 1), "in_force", "draft", "revoked"),
        (date(2025, 9, 24), "in_force", "draft", "revoked"),
        (date(2025, 9, 25), "superseded", "in_force", "revoked"),
        (TODAY, "superseded", "in_force", "revoked"),
    ]
    for day, *statuses in expected:
        assert [status_at(r, day).status.value for r in (first, later, gone)] == statuses, day
    assert status_at(first, TODAY).describe() == "Superseded by NAIJB-2025-09 on 25 September 2025"
    assert status_at(gone, TODAY).describe() == "Revoked on 1 June 2025 (Not needed)"
    assert status_at(later, None).status is DirectionStatus.IN_FORCE


def test_the_schema_0001_fixture_migrates_and_takes_directions(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(ROOT / "tests" / "fixtures" / "msgdesk-schema-0001.db", path)
    with Workspace.open(path) as ws:
        made = ws.directions.create_draft(P, draft())
        ws.directions.issue(made.id, date(2025, 3, 27), today=TODAY)
        assert ws.rounds.load_round(P, "2019").status == "approved"
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)
        counted = con.execute("SELECT changes FROM store_meta").fetchone()[0]
        con.execute("INSERT INTO delivery_body (partnership_id, partner, name) VALUES (1, 'health_board', 'x')")
        con.commit()
        assert con.execute("SELECT changes FROM store_meta").fetchone()[0] == counted + 1
    finally:
        con.close()


@pytest.mark.parametrize("into", ["sqlite", "postgresql"])
def test_an_archive_carries_the_directions_through_the_guards(workspace, tmp_path, into, request):
    """backup on either backend → restore into an empty database of either: the same log, ids and history."""
    from msgdesk.store.archive import restore_archive, write_archive

    ids = _issued_history(workspace)
    workspace.directions.set_bodies(P, health_board="NHS Ayrshire & Arran", local_authority="North Ayrshire Council")
    archive = tmp_path / "archive.json"
    write_archive(workspace, archive)
    expected = workspace.directions.list_directions(P)
    if into == "sqlite":
        target = tmp_path / "restored.db"
    else:
        databases = request.getfixturevalue("pg_databases")
        target = databases.create()
        request.addfinalizer(lambda: databases.drop(target))
    with Workspace.open(target) as restored:
        restore_archive(restored, archive)
        assert restored.directions.list_directions(P) == expected
        assert restored.directions.bodies(P).health_board == "NHS Ayrshire & Arran"
        with pytest.raises(DirectionLockedError):
            restored.directions.update_draft(ids["first"], draft(title="after the restore"))
        restored.directions.record_update(ids["later"], "After the restore", today=TODAY)
