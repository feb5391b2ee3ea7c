"""Errors from a real PostgreSQL server reach the store as the SQLAlchemy class their SQLSTATE
means, with the server's own message, although pg8000 calls nearly all of them
ProgrammingError.  Skips when MSGDESK_TEST_PG is unset."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, exc, text

from msgdesk.store import pgerrors
from msgdesk.store.target import parse_target

SCHEMA = [
    "CREATE TABLE round (id int PRIMARY KEY, label text NOT NULL UNIQUE, approved boolean NOT NULL DEFAULT false)",
    "CREATE TABLE response (id int PRIMARY KEY, round_id int NOT NULL REFERENCES round (id), rating text)",
    """CREATE FUNCTION refuse_approved() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF OLD.approved THEN
           RAISE EXCEPTION 'round % is approved by the IJB and is read-only', OLD.label
             USING ERRCODE = 'integrity_constraint_violation', HINT = 'Reopen it for amendment first.';
         END IF;
         RETURN NEW;
       END $$""",
    "CREATE TRIGGER round_lock BEFORE UPDATE ON round FOR EACH ROW EXECUTE FUNCTION refuse_approved()",
    """CREATE FUNCTION refuse_plainly() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'rounds are never deleted'; END $$""",
    "CREATE TRIGGER round_keep BEFORE DELETE ON round FOR EACH ROW EXECUTE FUNCTION refuse_plainly()",
    "INSERT INTO round VALUES (1, '2019', true), (2, '2021', false)",
]

CASES = [
    # statement, SQLAlchemy class, SQLSTATE, (part of) the server's message
    ("INSERT INTO round (id, label) VALUES (3, '2019')", exc.IntegrityError, "23505", "duplicate key value"),
    ("INSERT INTO round (id, label) VALUES (4, NULL)", exc.IntegrityError, "23502", "not-null constraint"),
    ("INSERT INTO response VALUES (1, 99, NULL)", exc.IntegrityError, "23503", "foreign key constraint"),
    (
        "UPDATE round SET label = '2019/20' WHERE id = 1",
        exc.IntegrityError,
        "23000",
        "round 2019 is approved by the IJB and is read-only",
    ),
    ("DELETE FROM round WHERE id = 2", exc.ProgrammingError, "P0001", "rounds are never deleted"),
    ("SELECT 1 / 0", exc.DataError, "22012", "division by zero"),
    ("SELEC 1", exc.ProgrammingError, "42601", "syntax error"),
]


@pytest.fixture
def pg_engine(pg_url):
    engine = create_engine(parse_target(pg_url).engine_url())
    pgerrors.install(engine)
    with engine.begin() as connection:
        for statement in SCHEMA:
            connection.execute(text(statement))
    yield engine
    engine.dispose()


@pytest.mark.parametrize(("statement", "expected", "sqlstate", "message"), CASES, ids=[c[2] for c in CASES])
def test_a_server_error_comes_as_the_class_its_sqlstate_means(pg_engine, statement, expected, sqlstate, message):
    with pytest.raises(exc.DBAPIError) as raised, pg_engine.begin() as connection:
        connection.execute(text(statement))
    assert type(raised.value) is expected
    reported = pgerrors.server_error(raised.value)
    assert reported is not None
    assert reported.sqlstate == sqlstate
    assert message in reported.message


def test_a_trigger_refusal_keeps_its_message_and_hint_and_changes_nothing(pg_engine):
    with pytest.raises(exc.IntegrityError) as raised, pg_engine.begin() as connection:
        connection.execute(text("UPDATE round SET label = '2019/20' WHERE id = 1"))
    reported = pgerrors.server_error(raised.value)
    assert reported == pgerrors.ServerError(
        sqlstate="23000",
        message="round 2019 is approved by the IJB and is read-only",
        hint="Reopen it for amendment first.",
    )
    with pg_engine.connect() as connection:
        assert connection.execute(text("SELECT label FROM round WHERE id = 1")).scalar_one() == "2019"


def test_the_orm_session_sees_the_same_classes(pg_engine):
    from sqlalchemy.orm import Session

    with Session(pg_engine) as session:
        with pytest.raises(exc.IntegrityError):
            session.execute(text("INSERT INTO response VALUES (1, 99, NULL)"))
        session.rollback()
        session.execute(text("INSERT INTO response VALUES (1, 2, 'established')"))
        session.commit()


def test_a_missing_database_is_reported_by_its_code(pg_databases):
    gone = pg_databases.server.with_database("msgdesk_no_such_database")
    engine = create_engine(gone.engine_url())
    pgerrors.install(engine)
    try:
        with pytest.raises(exc.DBAPIError) as raised:
            engine.connect()
    finally:
        engine.dispose()
    reported = pgerrors.server_error(raised.value)
    assert reported is not None and reported.sqlstate == "3D000"
    assert "msgdesk_no_such_database" in reported.message


def test_install_refuses_an_engine_of_another_driver(tmp_path):
    engine = create_engine(parse_target(str(tmp_path / "x.db")).engine_url())
    with pytest.raises(ValueError):
        pgerrors.install(engine)
    engine.dispose()


def test_error_class_follows_the_sqlstate_class():
    assert pgerrors.error_class("23P01") is exc.IntegrityError  # exclusion violation
    assert pgerrors.error_class("40001") is exc.OperationalError  # serialization failure
    assert pgerrors.error_class("XX000") is exc.InternalError
    assert pgerrors.error_class("MS001") is exc.DatabaseError  # a code of our own
