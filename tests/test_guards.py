"""The approved-round lock and the append-only records hold for every writer: direct SQL
from another client, on SQLite (foreign keys on and off) and on PostgreSQL, changes nothing.
Each refused statement is tried on its own, and the whole database is compared after it."""

from __future__ import annotations

import re
import sqlite3
from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from msgdesk.domain.states import Backend
from msgdesk.store.target import SqliteTarget

GUARD = re.compile(r"\[(round-locked|id-fixed|reference-fixed|history-append-only|move-not-allowed|reason-required)\]")


@pytest.fixture
def rounds(any_workspace, example_data):
    """2019 approved by the IJB, 2021 a draft carried forward from it, history on both."""
    return _make_rounds(any_workspace, example_data)


def _make_rounds(ws, example_data):
    old = ws.rounds.import_return(example_data)
    first = ws.tracking.rows(old.id)[0].action_id
    ws.tracking.record_progress(first, "Work under way", on_date=date(2019, 9, 1), today=date(2020, 1, 1))
    ws.rounds.mark_ready(old.id)
    ws.rounds.approve(old.id, date(2019, 5, 16), "IJB 16 May 2019, item 7")
    new = ws.rounds.create_round(old.partnership, "2021", previous_round_id=old.id, carry_forward=True)
    ids = {}
    with ws.engine.connect() as con:
        q = lambda sql, **kw: con.execute(text(sql), kw).scalar()
        ids["approved_round"], ids["draft_round"], ids["partnership"] = old.id, new.id, old.partnership_id
        ids["approved_response"] = q("SELECT min(id) FROM response WHERE round_id = :r", r=old.id)
        ids["draft_response"] = q("SELECT min(id) FROM response WHERE round_id = :r", r=new.id)
        ids["approved_action"] = q("SELECT min(a.id) FROM action a JOIN response p ON p.id = a.response_id "
                                   "WHERE p.round_id = :r", r=old.id)
        ids["draft_action"] = q("SELECT min(a.id) FROM action a JOIN response p ON p.id = a.response_id "
                                "WHERE p.round_id = :r", r=new.id)
        ids["history"] = q("SELECT min(id) FROM action_update")
        ids["event"] = q("SELECT min(id) FROM round_event")
    return ws, ids


def _sqlite_attacks(i: dict) -> list[str]:
    now = "'2026-01-01 00:00:00'"
    return [
        # REPLACE deletes the row it replaces without firing delete triggers
        f"INSERT OR REPLACE INTO evaluation_round (id, partnership_id, label, contact, status, status_note, "
        f"minute_reference, created_at, updated_at) VALUES ({i['approved_round']}, {i['partnership']}, 'x', '', "
        f"'draft', '', '', {now}, {now})",
        f"INSERT OR REPLACE INTO evaluation_round (partnership_id, label, contact, status, status_note, "
        f"minute_reference, created_at, updated_at) "
        f"VALUES ({i['partnership']}, '2019', '', 'draft', '', '', {now}, {now})",
        f"INSERT OR REPLACE INTO response (id, round_id, proposal_id, evidence, updated_at, version) "
        f"VALUES ({i['approved_response']}, {i['draft_round']}, '9.9', '', {now}, 1)",
        f"INSERT OR REPLACE INTO action (id, response_id, position, text, delivery, timescale, lead, status, "
        f"reference, created_at, updated_at, version) VALUES ({i['approved_action']}, {i['draft_response']}, 9, 'x', "
        f"'', '', '', 'not_started', 'x', {now}, {now}, 1)",
        f"INSERT OR REPLACE INTO partnership (id, name, created_at) VALUES ({i['partnership']}, 'x', {now})",
        f"INSERT OR REPLACE INTO action_update (id, action_id, on_date, author, text, kind, created_at) "
        f"VALUES ({i['history']}, {i['draft_action']}, '2020-01-01', '', 'rewritten', 'progress', {now})",
        f"INSERT OR REPLACE INTO round_event (id, round_id, at, kind, detail) "
        f"VALUES ({i['event']}, {i['draft_round']}, {now}, 'created', 'rewritten')",
        f"UPDATE OR REPLACE response SET id = {i['approved_response']} WHERE id = {i['draft_response']}",
        f"UPDATE OR REPLACE action SET id = {i['approved_action']} WHERE id = {i['draft_action']}",
        f"UPDATE OR REPLACE evaluation_round SET label = '2019' WHERE id = {i['draft_round']}",
    ]


def _common_attacks(i: dict) -> list[str]:
    return [
        "UPDATE response SET evidence = 'rewritten'",
        f"UPDATE response SET evidence = 'rewritten' WHERE id = {i['approved_response']}",
        f"DELETE FROM response WHERE id = {i['approved_response']}",
        f"UPDATE action SET text = 'rewritten' WHERE id = {i['approved_action']}",
        f"UPDATE action SET response_id = {i['draft_response']} WHERE id = {i['approved_action']}",
        f"UPDATE action SET response_id = {i['approved_response']} WHERE id = {i['draft_action']}",
        f"DELETE FROM action WHERE id = {i['approved_action']}",
        f"UPDATE evaluation_round SET contact = 'someone' WHERE id = {i['approved_round']}",
        f"DELETE FROM evaluation_round WHERE id = {i['approved_round']}",
        "UPDATE partnership SET name = 'Renamed Partnership'",
        "DELETE FROM partnership",
        # an approved round leaves "approved" only by a recorded reopening, with a reason
        f"UPDATE evaluation_round SET status = 'draft' WHERE id = {i['approved_round']}",
        f"UPDATE evaluation_round SET status = 'reopened' WHERE id = {i['approved_round']}",
        f"UPDATE evaluation_round SET status = 'reopened', status_note = '  ' WHERE id = {i['approved_round']}",
        f"UPDATE evaluation_round SET status = 'reopened' WHERE id = {i['draft_round']}",
        # ids and references never change
        f"UPDATE evaluation_round SET id = 999 WHERE id = {i['draft_round']}",
        f"UPDATE action SET id = 999 WHERE id = {i['draft_action']}",
        f"UPDATE action SET reference = 'X-1' WHERE id = {i['draft_action']}",
        f"UPDATE action SET reference = 'X-1' WHERE id = {i['approved_action']}",
        # the records of what happened are only ever added to
        "UPDATE round_event SET detail = 'rewritten'",
        "DELETE FROM round_event",
        "UPDATE action_update SET text = 'rewritten'",
        "DELETE FROM action_update",
    ]


def _postgresql_attacks(i: dict) -> list[str]:
    return [
        "TRUNCATE response CASCADE",
        "TRUNCATE action_update",
        "TRUNCATE round_event",
        "TRUNCATE partnership CASCADE",
        f"INSERT INTO response (id, round_id, proposal_id, evidence, updated_at, version) "
        f"VALUES ({i['approved_response']}, {i['draft_round']}, '1.1', '', now(), 1) "
        "ON CONFLICT (id) DO UPDATE SET evidence = 'rewritten'",
    ]


def _snapshot(ws) -> list:
    with ws.engine.connect() as con:
        return [(t, con.execute(text(f"SELECT * FROM {t} ORDER BY id")).fetchall())
                for t in ("partnership", "evaluation_round", "response", "action", "action_update", "round_event")]


def test_no_direct_sql_changes_an_approved_return_or_a_record(rounds):
    ws, ids = rounds
    before = _snapshot(ws)
    attacks = _common_attacks(ids)
    if ws.backend is Backend.SQLITE:
        attacks += _sqlite_attacks(ids)
        assert isinstance(ws.target, SqliteTarget)
        for foreign_keys in ("ON", "OFF"):
            for sql in attacks:
                con = sqlite3.connect(ws.target.path, isolation_level=None)
                con.execute(f"PRAGMA foreign_keys = {foreign_keys}")
                try:
                    con.execute(sql)
                except sqlite3.IntegrityError as exc:
                    assert GUARD.search(str(exc)), (sql, exc)
                else:
                    pytest.fail(f"foreign keys {foreign_keys}: allowed {sql}")
                finally:
                    con.close()
                assert _snapshot(ws) == before, (foreign_keys, sql)
    else:
        attacks += _postgresql_attacks(ids)
        other = create_engine(ws.target.engine_url())  # another client: none of msgdesk's handlers
        try:
            for sql in attacks:
                try:
                    with other.begin() as con:
                        con.execute(text(sql))
                except DBAPIError as exc:
                    assert GUARD.search(str(exc)), (sql, exc)
                else:
                    pytest.fail(f"allowed {sql}")
                assert _snapshot(ws) == before, sql
        finally:
            other.dispose()


def test_a_reopening_by_direct_sql_is_recorded_with_its_reason(rounds):
    ws, ids = rounds
    sql = (f"UPDATE evaluation_round SET status = 'reopened', status_note = 'fixing a typo by hand' "
           f"WHERE id = {ids['approved_round']}")
    if ws.backend is Backend.SQLITE:
        con = sqlite3.connect(ws.target.path, isolation_level=None)
        con.execute(sql)
        con.close()
    else:
        with ws.engine.begin() as con:
            con.execute(text(sql))
    last = ws.rounds.round_events(ids["approved_round"])[-1]
    assert (last.kind, last.detail) == ("reopened", "fixing a typo by hand")


def test_tracking_stays_writable_after_approval_through_sql_too(rounds):
    """The lock covers the return's content, not its follow-up."""
    ws, ids = rounds
    with ws.engine.begin() as con:
        con.execute(text(f"UPDATE action SET status = 'on_track', lead = 'Head of Service' "
                         f"WHERE id = {ids['approved_action']}"))
    row = next(r for r in ws.tracking.rows(ids["approved_round"]) if r.action_id == ids["approved_action"])
    assert (row.status, row.lead) == ("on_track", "Head of Service")


def test_deleting_a_draft_round_takes_its_own_records_with_it(rounds):
    """Append-only records go only with what they describe: a draft round deleted by hand."""
    ws, ids = rounds
    with ws.engine.begin() as con:
        con.execute(text(f"DELETE FROM evaluation_round WHERE id = {ids['draft_round']}"))
        left = con.execute(text(f"SELECT count(*) FROM round_event WHERE round_id = {ids['draft_round']}")).scalar()
        assert left in (0, None)
    assert [s.round.label for s in ws.rounds.list_rounds()] == ["2019"]


# --- PostgreSQL: as a non-owner editor too, and with the guards' tables shadowed (issue 19) ----

#: A session's own objects that a guard reading unqualified names would have used instead of
#: msgdesk's: temporary tables of the same names (empty, or saying "draft"), and a search
#: path that puts them first.  Migration 0007 pins every guard's search path.
SHADOWS = (
    "CREATE TEMP TABLE evaluation_round (id int, partnership_id int, status text)",
    "INSERT INTO pg_temp.evaluation_round SELECT id, partnership_id, 'draft' FROM public.evaluation_round",
    "CREATE TEMP TABLE response (id int, round_id int)",
    "CREATE TEMP TABLE action (id int, response_id int)",
    "SET search_path = pg_temp, public",
)


def _shadowed_attacks(i: dict) -> list[str]:
    """The attacks on the real tables (qualified: the session's temporary tables come first)."""
    return [
        f"UPDATE public.response SET evidence = 'rewritten' WHERE id = {i['approved_response']}",
        f"DELETE FROM public.response WHERE id = {i['approved_response']}",
        f"UPDATE public.action SET text = 'rewritten' WHERE id = {i['approved_action']}",
        f"DELETE FROM public.action WHERE id = {i['approved_action']}",
        f"UPDATE public.action SET response_id = {i['draft_response']} WHERE id = {i['approved_action']}",
        "UPDATE public.partnership SET name = 'Renamed Partnership'",
        "DELETE FROM public.partnership",
        "DELETE FROM public.round_event",
        "DELETE FROM public.action_update",
        "TRUNCATE public.response CASCADE",
        "TRUNCATE public.round_event",
        f"INSERT INTO public.response (id, round_id, proposal_id, evidence, updated_at, version) "
        f"VALUES ({i['approved_response']}, {i['draft_round']}, '1.1', '', now(), 1) "
        "ON CONFLICT (id) DO UPDATE SET evidence = 'rewritten'",
        f"INSERT INTO public.response (round_id, proposal_id, evidence, updated_at, version) "
        f"VALUES ({i['approved_round']}, '9.9', 'added', now(), 1)",
    ]


@pytest.fixture
def pg_rounds(pg_roles, example_data):
    """The ``rounds`` story on a PostgreSQL database set up with roles."""
    from msgdesk.store.workspace import Workspace

    ws = Workspace.open(pg_roles.database)
    try:
        pg_roles.set_up(ws.engine)  # before the data: the owner role's default privileges
        yield (*_make_rounds(ws, example_data), pg_roles)
    finally:
        ws.close()


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_no_direct_sql_nor_shadowing_gets_through_as_the_owner_or_an_editor(pg_rounds, role):
    from msgdesk.store.database import postgresql_engine

    ws, ids, roles = pg_rounds
    before = _snapshot(ws)
    other = postgresql_engine(roles.target(role))  # another client as that login: no msgdesk handlers
    plain = [[sql] for sql in _common_attacks(ids) + _postgresql_attacks(ids)]
    shadowed = [[*SHADOWS, sql] for sql in _shadowed_attacks(ids)]
    let_through = []
    try:
        for statements in plain + shadowed:
            try:
                with other.begin() as con:
                    for sql in statements:
                        con.execute(text(sql))
            except DBAPIError as exc:
                # an editor may also be refused by its grants (no TRUNCATE) before any guard
                refused = GUARD.search(str(exc)) or (role == "editor" and "permission denied" in str(exc))
                assert refused, (statements[-1], exc)
            else:
                let_through.append(statements[-1])
            assert _snapshot(ws) == before, statements[-1]
    finally:
        other.dispose()
    assert let_through == []
    assert len(plain) + len(shadowed) > 40
