"""The PostgreSQL plumbing the storage tests stand on: each test gets its own empty database
on the server MSGDESK_TEST_PG names, reached with the engine URL msgdesk builds, and the
database is gone after the test.  Skips, with the reason, when MSGDESK_TEST_PG is unset."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from msgdesk.store.target import PG_APPLICATION_NAME, Backend, PostgresTarget, parse_target

USER_TABLES = text(
    "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
)


def _leave_a_mark(url: str, visit: str) -> None:
    """Check the database is empty, then leave a table and a row in it."""
    target = parse_target(url)
    engine = create_engine(target.engine_url())
    try:
        with engine.begin() as connection:
            assert connection.execute(USER_TABLES).scalar_one() == 0, f"{visit}: the database is not empty"
            connection.execute(text("CREATE TABLE mark (visit text NOT NULL)"))
            connection.execute(text("INSERT INTO mark VALUES (:visit)"), {"visit": visit})
        with engine.connect() as connection:
            assert connection.execute(text("SELECT visit FROM mark")).scalars().all() == [visit]
    finally:
        engine.dispose()


# Two tests that each find their database empty and leave something behind: whichever
# runs second would fail if it were given the first one's database.
@pytest.mark.parametrize("visit", ["first", "second"])
def test_each_test_gets_a_fresh_empty_database(pg_url, visit):
    _leave_a_mark(pg_url, visit)


def test_two_databases_are_separate_and_dropped_after_use(pg_databases):
    one, two = pg_databases.create(), pg_databases.create()
    try:
        assert one.database != two.database
        _leave_a_mark(one.to_url(with_password=True), "one")
        _leave_a_mark(two.to_url(with_password=True), "two")  # empty: one's table is not here
    finally:
        pg_databases.drop(one)
        pg_databases.drop(two)
    assert not pg_databases.exists(one)
    assert not pg_databases.exists(two)


def test_a_database_is_dropped_even_with_a_connection_left_open(pg_databases):
    target = pg_databases.create()
    engine = create_engine(target.engine_url())
    connection = engine.connect()  # a test that forgot to close its engine
    connection.execute(text("SELECT 1"))
    pg_databases.drop(target)
    assert not pg_databases.exists(target)
    connection.invalidate()
    engine.dispose()


def test_the_url_reaches_the_server_as_msgdesk_through_the_given_route(pg_url):
    target = parse_target(pg_url)
    assert isinstance(target, PostgresTarget)
    engine = create_engine(target.engine_url())
    try:
        with engine.connect() as connection:
            database, user, app, address = connection.execute(
                text("SELECT current_database(), current_user, current_setting('application_name'), inet_server_addr()")
            ).one()
    finally:
        engine.dispose()
    assert (database, user, app) == (target.database, target.user, PG_APPLICATION_NAME)
    if target.socket_dir is not None:
        assert address is None, "a socket folder was given, but the connection went over TCP"


def test_db_target_gives_each_backend_an_empty_database(db_target):
    engine = create_engine(db_target.engine_url())
    try:
        with engine.begin() as connection:
            if db_target.backend is Backend.SQLITE:
                tables = connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
            else:
                tables = connection.execute(USER_TABLES).scalar_one()
            assert tables == 0
            connection.execute(text("CREATE TABLE note (body text NOT NULL)"))
            connection.execute(text("INSERT INTO note VALUES ('Nothing typed is ever lost')"))
        with engine.connect() as connection:
            assert connection.execute(text("SELECT body FROM note")).scalar_one() == "Nothing typed is ever lost"
    finally:
        engine.dispose()
    if db_target.backend is Backend.SQLITE:
        assert db_target.path.is_file()
