"""The guards cannot be shadowed: every msgdesk trigger function on PostgreSQL pins its
``search_path``.

A PL/pgSQL function looks its unqualified names up along the *caller's* search path, and
a session's temporary schema (``pg_temp``) comes first unless it is named.  So a writer who
ran ``CREATE TEMP TABLE evaluation_round (id int, status text)`` before updating ``response``
made the guard read their own table ("no approved round here") and the approved-round lock
gave way.  Pinned to ``<msgdesk's schema>, pg_temp`` the guards read msgdesk's tables
whatever the session has created: ``pg_catalog`` is always searched first (so functions and
operators are the built-in ones; the temporary schema is never searched for those), the
temporary schema last.  (PostgreSQL's manual, "Writing SECURITY DEFINER Functions Safely",
gives the same advice; it holds for every trigger.)

Every function whose name starts with ``msgdesk_`` in msgdesk's schema is pinned, whichever
migration made it.  A later migration that creates or replaces a trigger function must pin it
too (``CREATE FUNCTION ... SET search_path = ...`` or ``pin_search_path()`` below):
``tests/test_pg_roles.py`` checks that every msgdesk function is pinned.

SQLite has no search path (a temporary table is reached only as ``temp.name``, and triggers
on ``main`` tables read ``main``): nothing changes there.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: Pins the search path of every msgdesk_* function in the current schema to that schema then
#: pg_temp.  format('%I') quotes the schema's name; regprocedure names the function with its
#: argument types, so an overloaded name is pinned in each of its forms.
PIN_SEARCH_PATH = r"""
DO $msgdesk$
DECLARE
    fn regprocedure;
BEGIN
    FOR fn IN
        SELECT p.oid::regprocedure FROM pg_proc p
        WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'msgdesk\_%'
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', fn, current_schema());
    END LOOP;
END
$msgdesk$
"""


def pin_search_path() -> None:
    """Pin every msgdesk function's search path (PostgreSQL; nothing on SQLite).  Safe to run
    again: a later migration that adds a trigger function can call it at its end."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PIN_SEARCH_PATH)


def upgrade() -> None:
    pin_search_path()


def downgrade() -> None:  # pragma: no cover - msgdesk only moves forward
    raise NotImplementedError("msgdesk databases are not downgraded; restore a backup instead")
