"""Roles on a shared PostgreSQL database, enforced by the server itself.

Three group roles (``NOLOGIN``; people log in as themselves and are made members):

- ``<prefix>_owner`` owns msgdesk's tables, sequences and guard functions: only its members
  upgrade the schema (migrations run as it, so new tables are its too) or change grants.
  IT's set-up account.
- ``<prefix>_editor`` reads and writes rows (SELECT, INSERT, UPDATE, DELETE; the sequences
  behind ids) and nothing else: no TRUNCATE, no ALTER, no CREATE in the schema, no writing of
  ``alembic_version``.  The guard triggers hold for it as for everyone.  Officers.
- ``<prefix>_reader`` reads only.  Performance and Audit Committee members, analysts.

``setup_statements`` is the SQL (``msgdesk admin sql`` prints it for IT to read or run with
psql); ``set_up`` runs it, as the database's owner with CREATEROLE.  Grants are per
database: run it on each msgdesk database.  Default privileges make tables added by later
migrations reach the editor and reader roles without running it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from msgdesk.domain.errors import InputError


class Role(StrEnum):
    OWNER = "owner"
    EDITOR = "editor"
    READER = "reader"


DEFAULT_PREFIX = "msgdesk"
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,40}")


class RoleSetupError(InputError):
    """The roles could not be set up (not the owner, no CREATEROLE, a bad name)."""


@dataclass(frozen=True)
class RoleNames:
    prefix: str = DEFAULT_PREFIX

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.prefix):
            raise RoleSetupError(f"role prefix {self.prefix!r}: use lower-case letters, digits and _ only")

    def of(self, role: Role) -> str:
        return f"{self.prefix}_{role.value}"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def setup_statements(database: str, schema: str = "public", names: RoleNames = RoleNames(),
                     server_version: int = 150000) -> list[str]:
    """The SQL that creates the three roles and grants them their rights on ``database``."""
    owner, editor, reader = (_q(names.of(r)) for r in Role)
    sch, db = _q(schema), _q(database)
    s: list[str] = []
    if server_version >= 160000:
        # PostgreSQL 16: a CREATEROLE user is not a member of what it creates unless asked.
        s.append("SET createrole_self_grant = 'set, inherit'")
    for role in (owner, editor, reader):
        name = role.strip('"')
        s.append(f"DO $msgdesk$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') "
                 f"THEN CREATE ROLE {role} NOLOGIN; END IF; END $msgdesk$")
    s += [
        f"GRANT {owner} TO CURRENT_USER",
        f"GRANT CONNECT ON DATABASE {db} TO {owner}, {editor}, {reader}",
        # Nobody else creates objects where the guards look (PostgreSQL before 15 let everyone).
        f"REVOKE CREATE ON SCHEMA {sch} FROM PUBLIC",
        f"GRANT USAGE, CREATE ON SCHEMA {sch} TO {owner}",
        f"GRANT USAGE ON SCHEMA {sch} TO {editor}, {reader}",
        # Everything msgdesk made is the owner role's, so any member may upgrade it.
        f"""DO $msgdesk$
DECLARE item record;
BEGIN
    FOR item IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                WHERE c.relnamespace = '{schema}'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'S')
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO {owner}',
                       CASE WHEN item.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, item.name);
    END LOOP;
    FOR item IN SELECT p.oid::regprocedure AS name FROM pg_proc p
                WHERE p.pronamespace = '{schema}'::regnamespace AND p.proname LIKE 'msgdesk\\_%'
    LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO {owner}', item.name);
    END LOOP;
END
$msgdesk$""",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {sch} TO {editor}",
        f"REVOKE INSERT, UPDATE, DELETE ON {sch}.alembic_version FROM {editor}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {sch} TO {editor}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {sch} TO {reader}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {sch} "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {editor}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {sch} GRANT USAGE, SELECT ON SEQUENCES TO {editor}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {sch} GRANT SELECT ON TABLES TO {reader}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {sch} REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC",
    ]
    return s


def set_up(engine: Engine, names: RoleNames = RoleNames()) -> None:
    """Create the roles and grants on ``engine``'s database, in one transaction."""
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.begin() as con:
            database, schema, version, can_create = con.execute(text(
                "SELECT current_database(), current_schema(), current_setting('server_version_num')::int, "
                "rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")).one()
            if not can_create:
                raise RoleSetupError("setting up roles needs a database user allowed to create roles (CREATEROLE); "
                                     "run it with IT's set-up login")
            for statement in setup_statements(database, schema, names, version):
                con.exec_driver_sql(statement)
    except DBAPIError as exc:
        # pg8000's error codes, read only when the server refused
        from msgdesk.store.pgerrors import server_error

        reported = server_error(exc)
        raise RoleSetupError(f"the roles could not be set up: {reported.message if reported else exc.orig}. "
                             "Run this as the database's owner.") from exc


def grant(engine: Engine, login: str, role: Role, names: RoleNames = RoleNames(), *, create: bool = False) -> None:
    """Make the database user ``login`` a member of ``role`` (creating it as a login without a
    password if asked: IT then sets one, or it signs in through Kerberos/SSPI)."""
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.begin() as con:
            if create and not _exists(con, login):
                con.exec_driver_sql(f"CREATE ROLE {_q(login)} LOGIN")
            if not _exists(con, login):
                raise RoleSetupError(f"there is no database user {login!r}; add --create to make one")
            for other in Role:
                if other is not role:
                    con.exec_driver_sql(f"REVOKE {_q(names.of(other))} FROM {_q(login)}")
            con.exec_driver_sql(f"GRANT {_q(names.of(role))} TO {_q(login)}")
    except DBAPIError as exc:
        # pg8000's error codes, read only when the server refused
        from msgdesk.store.pgerrors import server_error

        reported = server_error(exc)
        raise RoleSetupError(f"could not give {login} the {role.value} role: "
                             f"{reported.message if reported else exc.orig}") from exc


def _exists(con: Connection, name: str) -> bool:
    return con.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first() is not None
