"""PostgreSQL's errors by their SQLSTATE code, as pg8000 reports them.

pg8000 raises IntegrityError for a unique violation only; every other server error (a
foreign key, NOT NULL, a trigger's ``RAISE EXCEPTION ... USING ERRCODE = '23000'``, a
serialization failure) comes as ProgrammingError, with the server's fields in a dict.
``install(engine)`` makes SQLAlchemy raise the class the SQLSTATE's class means, the table
libpq's drivers use (23 -> IntegrityError, 40 -> OperationalError, ...), so the store catches
``sqlalchemy.exc.IntegrityError`` on PostgreSQL as it does on SQLite.  ``server_error(exc)``
gives the code and the message itself (``str(exc)`` is the dict).

For a trigger that refuses a change, raise with a code of class 23, e.g.
``RAISE EXCEPTION '...' USING ERRCODE = 'integrity_constraint_violation'``: it then comes
as IntegrityError, as SQLite's ``RAISE(ABORT, '...')`` does.
"""

from __future__ import annotations

from dataclasses import dataclass

import pg8000.exceptions
from sqlalchemy import event, exc
from sqlalchemy.engine import Engine, ExceptionContext

from msgdesk.store.target import PG_DRIVER

#: SQLSTATE class (two characters, else the first one) -> the DB-API error it is.
_CLASSES: dict[str, type[exc.DBAPIError]] = {
    "08": exc.OperationalError,  # connection exception
    "0A": exc.NotSupportedError,  # feature not supported
    "10": exc.ProgrammingError,  # XQuery error
    "20": exc.ProgrammingError,  # case not found
    "21": exc.ProgrammingError,  # cardinality violation
    "22": exc.DataError,  # data exception
    "23": exc.IntegrityError,  # integrity constraint violation
    "24": exc.InternalError,  # invalid cursor state
    "25": exc.InternalError,  # invalid transaction state
    "26": exc.ProgrammingError,  # invalid SQL statement name
    "27": exc.OperationalError,  # triggered data change violation
    "28": exc.OperationalError,  # invalid authorization specification
    "2B": exc.InternalError,  # dependent privilege descriptors still exist
    "2D": exc.InternalError,  # invalid transaction termination
    "2F": exc.OperationalError,  # SQL routine exception
    "34": exc.ProgrammingError,  # invalid cursor name
    "38": exc.OperationalError,  # external routine exception
    "39": exc.OperationalError,  # external routine invocation exception
    "3B": exc.OperationalError,  # savepoint exception
    "3D": exc.ProgrammingError,  # invalid catalog name (no such database)
    "3F": exc.ProgrammingError,  # invalid schema name
    "40": exc.OperationalError,  # transaction rollback (serialization failure, deadlock)
    "42": exc.ProgrammingError,  # syntax error or access rule violation
    "44": exc.ProgrammingError,  # WITH CHECK OPTION violation
    "53": exc.OperationalError,  # insufficient resources (disk full, out of memory)
    "54": exc.OperationalError,  # program limit exceeded
    "55": exc.OperationalError,  # object not in prerequisite state (lock not available)
    "57": exc.OperationalError,  # operator intervention (shutdown, query cancelled)
    "58": exc.OperationalError,  # system error (I/O error)
    "F": exc.OperationalError,  # configuration file error
    "H": exc.OperationalError,  # foreign data wrapper error
    "P": exc.ProgrammingError,  # PL/pgSQL error (a RAISE without ERRCODE: P0001)
    "X": exc.InternalError,  # internal error
}


@dataclass(frozen=True)
class ServerError:
    """What the PostgreSQL server said about a failed statement."""

    sqlstate: str
    message: str
    detail: str | None = None
    hint: str | None = None
    table: str | None = None
    constraint: str | None = None


def server_error(error: BaseException) -> ServerError | None:
    """The server's report behind ``error`` (an SQLAlchemy or a pg8000 exception); None when
    the error did not come from the server (e.g. the connection could not be made)."""
    fields = _server_fields(error)
    if fields is None:
        return _psycopg_error(error)
    return ServerError(
        sqlstate=fields["C"],
        message=str(fields.get("M", "")),
        detail=fields.get("D"),
        hint=fields.get("H"),
        table=fields.get("t"),
        constraint=fields.get("n"),
    )


def _psycopg_error(error: BaseException) -> ServerError | None:
    """The same report from psycopg (the optional libpq driver), whose errors carry
    ``sqlstate`` and ``diag`` rather than pg8000's dict."""
    orig = error.orig if isinstance(error, exc.DBAPIError) else error
    sqlstate = getattr(orig, "sqlstate", None)
    diag = getattr(orig, "diag", None)
    if not isinstance(sqlstate, str) or diag is None:
        return None
    return ServerError(
        sqlstate=sqlstate,
        message=str(getattr(diag, "message_primary", None) or orig),
        detail=getattr(diag, "message_detail", None),
        hint=getattr(diag, "message_hint", None),
        table=getattr(diag, "table_name", None),
        constraint=getattr(diag, "constraint_name", None),
    )


def _server_fields(error: BaseException) -> dict[str, str] | None:
    """pg8000's dict of the server's fields, from ``error`` or the error it hid."""
    orig = error.orig if isinstance(error, exc.DBAPIError) else error
    fields = _fields_of(orig)
    if fields is not None:
        return fields
    # When the server refuses a connection (no such database, wrong password) it sends the
    # reason and hangs up; pg8000 then says goodbye on the closed socket, and about half
    # the time the "network error" of that write (an InterfaceError from an OSError raised
    # while handling the server's error) replaces the reason.
    cause = orig.__cause__ if isinstance(orig, pg8000.exceptions.InterfaceError) else None
    if isinstance(cause, OSError) and isinstance(cause.__context__, pg8000.exceptions.DatabaseError):
        return _fields_of(cause.__context__)
    return None


def _fields_of(error: BaseException | None) -> dict[str, str] | None:
    fields = error.args[0] if error is not None and error.args else None
    if isinstance(fields, dict) and isinstance(fields.get("C"), str):
        return fields
    return None


def error_class(sqlstate: str) -> type[exc.DBAPIError]:
    """The SQLAlchemy error class for an SQLSTATE code (DatabaseError if unclassified)."""
    return _CLASSES.get(sqlstate[:2]) or _CLASSES.get(sqlstate[:1]) or exc.DatabaseError


def install(engine: Engine) -> None:
    """Raise errors from ``engine`` (a pg8000 engine) by their SQLSTATE class."""
    if engine.dialect.driver != PG_DRIVER:
        raise ValueError(f"pgerrors.install is for {PG_DRIVER} engines, not {engine.dialect.driver}")
    event.listen(engine, "handle_error", _by_sqlstate)


def _by_sqlstate(context: ExceptionContext) -> BaseException | None:
    current = context.sqlalchemy_exception
    reported = server_error(context.original_exception)
    if current is None or reported is None:
        return None
    wanted = error_class(reported.sqlstate)
    if type(current) is wanted:
        return None
    return wanted(
        context.statement,
        context.parameters,
        context.original_exception,
        hide_parameters=current.hide_parameters,
        connection_invalidated=context.is_disconnect,
    )
