"""``msgdesk admin``: IT's set-up of a shared PostgreSQL database (docs/it-guide.md).

- ``msgdesk admin roles --db URL``: create the owner, editor and reader roles and their grants
  (run as the database's owner, a user with CREATEROLE).
- ``msgdesk admin grant LOGIN editor|reader|owner --db URL [--create]``: make a database user
  a member of one role (and of no other msgdesk role).
- ``msgdesk admin sql [--database NAME] [--schema NAME]``: print that SQL, to read or run with psql.

Registered with the command line when ``msgdesk.cli.main`` loads its plugins.
"""

from __future__ import annotations

import argparse

from msgdesk.cli.base import EXIT_OK, command, db_option
from msgdesk.domain.errors import InputError


def _admin_arguments(parser: argparse.ArgumentParser) -> None:
    # the store's roles load when the command is parsed or run, not for every --help
    from msgdesk.store.roles import DEFAULT_PREFIX, Role

    actions = parser.add_subparsers(dest="admin_action", metavar="ACTION", required=True)
    roles = actions.add_parser("roles", help="create the owner, editor and reader roles and grant their rights")
    grant = actions.add_parser("grant", help="give a database user one role")
    grant.add_argument("login", help="the database user (as it logs in)")
    grant.add_argument("role", choices=[r.value for r in Role])
    grant.add_argument("--create", action="store_true", help="create the user (a login without a password) if missing")
    sql = actions.add_parser("sql", help="print the SQL that 'admin roles' runs")
    sql.add_argument("--database", default="msgdesk", help="the database's name (default: msgdesk)")
    sql.add_argument("--schema", default="public", help="msgdesk's schema (default: public)")
    for child in (roles, grant, sql):
        db_option(child, argparse.SUPPRESS)  # --db after the action too
        child.add_argument("--prefix", default=DEFAULT_PREFIX,
                           help=f"the roles' names start with this (default: {DEFAULT_PREFIX}_owner, ...)")


@command("admin", "set up roles on a shared PostgreSQL database (IT)", _admin_arguments)
def run_admin(args: argparse.Namespace) -> int:
    # SQLAlchemy and the PostgreSQL driver load only when the command runs
    from msgdesk.store import roles

    names = roles.RoleNames(args.prefix)
    if args.admin_action == "sql":
        for statement in roles.setup_statements(args.database, args.schema, names):
            print(statement.rstrip() + ";")
        return EXIT_OK
    # the database libraries load only when the command connects
    from msgdesk.paths import default_db_location
    from msgdesk.store.target import PostgresTarget
    from msgdesk.store.workspace import Workspace

    workspace = Workspace(default_db_location(args.db))
    if not isinstance(workspace.target, PostgresTarget):
        raise InputError("roles are for a shared PostgreSQL database: give --db postgresql://...")
    with workspace:
        workspace.ensure_open()  # creates or upgrades msgdesk's tables first, as the owner
        if args.admin_action == "roles":
            roles.set_up(workspace.engine, names)
            print(f"Roles set up on {workspace.describe()}: {', '.join(names.of(r) for r in roles.Role)}. "
                  f"Give people one with: msgdesk admin grant LOGIN editor|reader|owner")
        else:
            role = roles.Role(args.role)
            roles.grant(workspace.engine, args.login, role, names, create=args.create)
            print(f"{args.login} is now {names.of(role)} on {workspace.describe()}")
    return EXIT_OK
