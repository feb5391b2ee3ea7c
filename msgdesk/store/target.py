"""Which database to open: what the user gives as ``--db`` or ``MSGDESK_DB``, read into a
typed target.

- Anything that does not start with ``name://`` is the path of an SQLite file, taken
  literally: ``?``, ``%``, ``#``, spaces and non-ASCII letters are part of the name; a
  relative path is taken from the current folder and a leading ``~`` is the home folder.
  (A file whose name starts with ``name://`` is reached by writing ``./`` before it.)
- ``postgresql://`` (or ``postgres://``) is a PostgreSQL server, in libpq's URL form:
  ``postgresql://user:password@host:5432/dbname``, or a Unix socket folder
  ``postgresql://user@/dbname?host=/var/run/postgresql``.  As in libpq, the parts are
  percent-encoded, the user defaults to the operating system's user name and the database to
  the user name.  Unlike libpq, no host means ``localhost`` (the driver cannot guess a
  socket folder).  The password may also come from ``PGPASSWORD`` or a pgpass file
  (``msgdesk.store.pgpass``), read when connecting, never written into the target.
- TLS (libpq's names): ``sslmode`` is ``disable``, ``require`` (encrypted, server not
  checked), ``verify-ca`` or ``verify-full`` (the default for a host: certificate signed by a
  trusted CA *and* issued to that host name); over a local socket there is no TLS.
  ``sslrootcert`` is a CA file, or ``system`` (the default: the operating system's store,
  which on Windows holds the council's own CA).  libpq's ``allow`` and ``prefer`` are refused:
  they fall back to plaintext without saying so, which msgdesk never does.
- ``postgresql+psycopg://`` chooses the optional psycopg 3 driver (libpq: SSPI, Kerberos,
  service files, everything libpq reads), installed with ``pip install msgdesk[libpq]``.

Engine URLs are built with ``sqlalchemy.engine.URL.create`` from the parts, never by
formatting a string (a ``?`` or ``%`` in a path is URL syntax).  SQLAlchemy is imported only
when an engine URL is built.

PostgreSQL is reached through pg8000, a pure-Python driver (psycopg 3.3's binary wheel, the
optional ``postgresql+psycopg://`` driver, adds 12.6 MB of libpq, OpenSSL and Kerberos; pg8000 adds 0.5 MB, plus the
5.7 MB of Python's own ssl module that pg8000's SCRAM library imports).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from urllib.parse import quote, unquote

from msgdesk.domain.core_errors import InputError  # not errors' 22 others (issue 22)
from msgdesk.domain.core_states import Backend  # not states: its 17 other enums (issue 22)

#: ``typing.TYPE_CHECKING`` without importing typing (mypy reads any name TYPE_CHECKING as True).
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any, ClassVar, Final

    from sqlalchemy.engine import URL


#: The SQLAlchemy driver name for PostgreSQL (``postgresql+pg8000``), the default.
PG_DRIVER: Final = "pg8000"


class PgDriver(StrEnum):
    """The PostgreSQL driver, chosen by the URL's scheme: ``postgresql://`` is pg8000 (pure
    Python, in every build); ``postgresql+psycopg://`` psycopg 3 with libpq (optional)."""

    PG8000 = "pg8000"
    PSYCOPG = "psycopg"


class SslMode(StrEnum):
    """libpq's ``sslmode`` values that msgdesk takes (never ``allow``/``prefer``)."""

    DISABLE = "disable"
    REQUIRE = "require"
    VERIFY_CA = "verify-ca"
    VERIFY_FULL = "verify-full"

    @property
    def verifies(self) -> bool:
        return self in (SslMode.VERIFY_CA, SslMode.VERIFY_FULL)


#: ``sslrootcert=system``: the operating system's certificate store.
SSL_ROOT_SYSTEM: Final = "system"
PG_DEFAULT_PORT: Final = 5432
PG_DEFAULT_HOST: Final = "localhost"
#: What the server's ``pg_stat_activity`` shows for msgdesk's connections.
PG_APPLICATION_NAME: Final = "msgdesk"
PG_SCHEMES: Final = frozenset({"postgresql", "postgres"})
#: The query parameters understood after ``?`` in a PostgreSQL URL (libpq's names).
PG_QUERY_KEYS: Final = ("host", "port", "user", "password", "dbname", "application_name", "sslmode", "sslrootcert")

# A URL starts with a scheme of two or more characters then "://" (one letter and a colon
# is a Windows drive: C:/data/msgdesk.db).
# The patterns are compiled on first use (``re`` keeps them): every command reads a path,
# and a path without "://" names no scheme, so it needs neither.
_SCHEME = r"([A-Za-z][A-Za-z0-9+.-]+)://"
_BAD_PERCENT = r"%(?![0-9A-Fa-f]{2})"


def _scheme(text: str) -> re.Match[str] | None:
    """The ``name://`` that starts ``text``, if any."""
    return re.match(_SCHEME, text) if "://" in text else None
#: Characters left as they are when a URL part is percent-encoded.
_SAFE = "-._~"


class DatabaseTargetError(InputError):
    """``--db`` or ``MSGDESK_DB`` names no database msgdesk can open.  The message quotes
    what was given, with any password replaced by ``***``."""

    def __init__(self, source: str, given: str, problem: str) -> None:
        self.source = source
        self.given = given
        self.problem = problem
        super().__init__(f"{source} {given}: {problem}")


class UnsupportedDatabaseError(DatabaseTargetError):
    """A URL whose scheme is neither PostgreSQL nor a path (``mysql://``, ``http://``)."""

    def __init__(self, source: str, given: str, scheme: str, problem: str) -> None:
        self.scheme = scheme
        super().__init__(source, given, problem)


class InvalidDatabaseUrlError(DatabaseTargetError):
    """A ``postgresql://`` URL that cannot be read (bad port, unknown parameter, ...)."""


# The targets are plain immutable classes, equal by their fields and hashable, as the frozen
# dataclasses they were: every command reads one, and ``dataclasses`` (with inspect, ast, dis
# and tokenize) is about 11 ms of ``msgdesk list``; ``PostgresTarget.replace`` does what
# ``dataclasses.replace`` did.


class SqliteTarget:
    """An SQLite database file, by its absolute path."""

    __slots__ = ("path",)
    path: Path
    backend: ClassVar[Backend] = Backend.SQLITE

    def __init__(self, path: Path) -> None:
        object.__setattr__(self, "path", path)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a target is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a target is immutable")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, SqliteTarget)
        return self.path == other.path

    def __hash__(self) -> int:
        return hash((self.path,))

    def __repr__(self) -> str:
        return f"SqliteTarget(path={self.path!r})"

    def describe(self) -> str:
        return f"the SQLite file {self.path}"

    def engine_url(self) -> URL:
        # why: SQLAlchemy loads only when an engine is made, never for a command that only reads
        from sqlalchemy.engine import URL

        return URL.create("sqlite", database=str(self.path))


class PostgresTarget:
    """A PostgreSQL database, reached over TCP (``host``, ``port``) or through the Unix socket
    in ``socket_dir`` (whose file name carries the port, ``.s.PGSQL.5432``)."""

    #: The fields, in the order of the constructor's arguments.
    __slots__ = ("database", "user", "host", "port", "socket_dir", "password", "application_name", "sslmode",
                 "sslrootcert", "driver")
    database: str
    user: str
    host: str | None
    port: int
    socket_dir: Path | None
    password: str | None
    application_name: str
    #: As given in the URL; None means the default (``tls_mode``).
    sslmode: SslMode | None
    #: A CA file's path, or ``system``; None means ``system``.
    sslrootcert: str | None
    driver: PgDriver
    backend: ClassVar[Backend] = Backend.POSTGRESQL

    def __init__(self, database: str, user: str, host: str | None = PG_DEFAULT_HOST, port: int = PG_DEFAULT_PORT,
                 socket_dir: Path | None = None, password: str | None = None,
                 application_name: str = PG_APPLICATION_NAME, sslmode: SslMode | None = None,
                 sslrootcert: str | None = None, driver: PgDriver = PgDriver.PG8000) -> None:
        if (host is None) == (socket_dir is None):
            raise ValueError("a PostgreSQL target has either a host or a socket folder")
        for name, value in zip(self.__slots__, (database, user, host, port, socket_dir, password, application_name,
                                                sslmode, sslrootcert, driver), strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a target is immutable (use replace)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a target is immutable")

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, PostgresTarget)
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        # never the password: a target is logged and shown in messages
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__ if name != "password")
        return f"PostgresTarget({shown})"

    def replace(self, **changes: Any) -> PostgresTarget:
        """A copy with ``changes`` (field names as keywords), checked as a new target is."""
        return PostgresTarget(**{name: getattr(self, name) for name in self.__slots__} | changes)

    @property
    def tls_mode(self) -> SslMode:
        """The TLS mode in force: as given, else verify-full for a host and none on a socket
        (the operating system's file permissions guard a socket; PostgreSQL has no TLS there)."""
        if self.sslmode is not None:
            return self.sslmode
        return SslMode.DISABLE if self.socket_dir is not None else SslMode.VERIFY_FULL

    @property
    def ca_file(self) -> Path | None:
        """The CA file to trust; None for the operating system's store."""
        if self.sslrootcert is None or self.sslrootcert == SSL_ROOT_SYSTEM:
            return None
        return Path(os.path.expanduser(self.sslrootcert))

    @property
    def socket_path(self) -> Path | None:
        """The server's socket file, for a socket connection."""
        if self.socket_dir is None:
            return None
        return self.socket_dir / f".s.PGSQL.{self.port}"

    def describe(self) -> str:
        """Where the database is, for messages and logs; never the password."""
        if self.socket_path is not None:
            where = f"the Unix socket {self.socket_path}"
        else:
            where = f"{_host_text(self.host or '')}:{self.port}"
        return f'the PostgreSQL database "{self.database}" on {where} as user "{self.user}"'

    def with_database(self, database: str) -> PostgresTarget:
        """The same server, user and password; another database."""
        return self.replace(database=database)

    def to_url(self, *, with_password: bool = False) -> str:
        """The libpq URL of this target (``parse_target`` reads it back to an equal target).

        Without ``with_password`` the password is left out: the text is safe to show or save.
        """
        userinfo = quote(self.user, safe=_SAFE)
        if with_password and self.password is not None:
            userinfo += ":" + quote(self.password, safe=_SAFE)
        query = []
        if self.socket_dir is not None:
            authority = f"{userinfo}@"
            query.append(("host", str(self.socket_dir)))
            if self.port != PG_DEFAULT_PORT:
                query.append(("port", str(self.port)))
        else:
            host = self.host or ""
            host = f"[{quote(host, safe=_SAFE + ':')}]" if ":" in host else quote(host, safe=_SAFE)
            authority = f"{userinfo}@{host}:{self.port}"
        if self.application_name != PG_APPLICATION_NAME:
            query.append(("application_name", self.application_name))
        if self.sslmode is not None:
            query.append(("sslmode", self.sslmode.value))
        if self.sslrootcert is not None:
            query.append(("sslrootcert", self.sslrootcert))
        scheme = "postgresql" if self.driver is PgDriver.PG8000 else f"postgresql+{self.driver.value}"
        text = f"{scheme}://{authority}/{quote(self.database, safe=_SAFE)}"
        if query:
            text += "?" + "&".join(f"{key}={quote(value, safe=_SAFE + '/')}" for key, value in query)
        return text

    def engine_url(self) -> URL:
        """The SQLAlchemy URL for pg8000; a socket folder becomes pg8000's ``unix_sock``, the
        path of the socket file itself.  (TLS for pg8000 is an ``ssl_context`` in the connect
        arguments: ``msgdesk.store.tls``.)  For psycopg, libpq's own parameters."""
        from sqlalchemy.engine import URL

        if self.driver is PgDriver.PSYCOPG:
            libpq = {"application_name": self.application_name, "sslmode": self.tls_mode.value}
            if self.tls_mode.verifies:
                libpq["sslrootcert"] = str(self.ca_file) if self.ca_file is not None else SSL_ROOT_SYSTEM
            if self.socket_dir is not None:
                libpq["host"] = str(self.socket_dir)
            return URL.create(
                "postgresql+psycopg",
                username=self.user,
                password=self.password,
                host=self.host,
                port=self.port,
                database=self.database,
                query=libpq,
            )
        query = {"application_name": self.application_name}
        if self.socket_path is not None:
            query["unix_sock"] = str(self.socket_path)
        return URL.create(
            f"postgresql+{PG_DRIVER}",
            username=self.user,
            password=self.password,
            host=self.host,
            port=self.port if self.host is not None else None,
            database=self.database,
            query=query,
        )


DatabaseTarget = SqliteTarget | PostgresTarget


def parse_target(text: str, source: str = "--db") -> DatabaseTarget:
    """Read ``text`` (from ``--db``, or the ``MSGDESK_DB`` variable: ``source`` says which,
    for the message) into a target.  Raises DatabaseTargetError, saying what is wrong."""
    if "\x00" in text:
        raise DatabaseTargetError(
            source, repr(_redacted(text)), "a database path or URL cannot contain a NUL character"
        )
    if not text:
        raise DatabaseTargetError(source, '""', "give the path of a database file or a postgresql:// URL")
    match = _scheme(text)
    if match is None:
        return SqliteTarget(Path(os.path.abspath(os.path.expanduser(text))))
    scheme = match.group(1).lower()
    shown = _redacted(text)
    if scheme in PG_SCHEMES:
        return _parse_postgres(text[match.end() :], source, shown)
    base, _, driver = scheme.partition("+")
    if base in PG_SCHEMES and driver == PgDriver.PSYCOPG.value:
        return _parse_postgres(text[match.end() :], source, shown).replace(driver=PgDriver.PSYCOPG)
    if base in PG_SCHEMES:
        raise UnsupportedDatabaseError(
            source,
            shown,
            scheme,
            f"msgdesk reaches PostgreSQL through pg8000 (postgresql://) or psycopg (postgresql+psycopg://), "
            f"not {scheme}://",
        )
    if scheme.split("+", 1)[0] == "sqlite":
        raise UnsupportedDatabaseError(
            source,
            shown,
            scheme,
            "for an SQLite database give the path of the file itself, not an sqlite:// URL",
        )
    raise UnsupportedDatabaseError(
        source,
        shown,
        scheme,
        f"msgdesk cannot open {scheme}:// databases; give the path of an SQLite file, or a PostgreSQL "
        "database as postgresql://user@server/database",
    )


def _parse_postgres(rest: str, source: str, shown: str) -> PostgresTarget:
    def bad(problem: str) -> InvalidDatabaseUrlError:
        return InvalidDatabaseUrlError(source, shown, problem)

    if "#" in rest:
        raise bad("a '#' must be written %23 in a URL")
    if re.search(_BAD_PERCENT, rest):
        raise bad("a '%' must be followed by two hexadecimal digits (write %25 for a '%' itself)")

    def decode(part: str, what: str) -> str:
        try:
            return unquote(part, errors="strict")
        except UnicodeDecodeError:
            raise bad(f"the {what} is not valid UTF-8 once percent-decoded") from None

    # user:password@ ends at the last '@' before the query, so that a '/' in a password
    # needs no escaping; a '@' in a database name does (%40).
    before_query, _, query_text = rest.partition("?")
    userinfo, at, after = before_query.rpartition("@")
    if not at:
        userinfo, after = "", before_query
    hostport, _, dbname = after.partition("/")
    if "@" in query_text:
        # Most likely a '?' in a password: say nothing that would quote a piece of it.
        raise bad("a '?' in a user name or password must be written %3F, and a '@' after the '?' %40")

    values: dict[str, str] = {}
    if userinfo:
        user, colon, password = userinfo.partition(":")
        if user:
            values["user"] = decode(user, "user name")
        if colon:
            values["password"] = decode(password, "password")
    if hostport:
        if "," in hostport:
            raise bad("msgdesk connects to one server: give a single host")
        host_part, port_part = _split_host_port(hostport, bad)
        if host_part:
            values["host"] = decode(host_part, "host")
        if port_part:
            values["port"] = port_part
    if dbname:
        values["dbname"] = decode(dbname, "database name")

    seen: set[str] = set()
    for pair in filter(None, query_text.split("&")):
        raw_key, equals, raw_value = pair.partition("=")
        key = decode(raw_key, "parameter name")
        if not equals:
            raise bad(f"the parameter {key!r} has no value (write {key}=value)")
        if key not in PG_QUERY_KEYS:
            raise bad(f"msgdesk does not understand the parameter {key!r}; it takes {', '.join(PG_QUERY_KEYS)}")
        if key in seen:
            raise bad(f"the parameter {key!r} is given twice")
        if key in values:
            raise bad(f"the {key} is given both in the URL and as ?{key}=")
        seen.add(key)
        values[key] = decode(raw_value, key)

    port_text = values.get("port")
    port = PG_DEFAULT_PORT
    if port_text:
        if not (port_text.isascii() and port_text.isdigit() and 0 < int(port_text) < 65536):
            raise bad(f"the port {port_text!r} is not a number from 1 to 65535")
        port = int(port_text)
    user = values.get("user") or _os_user_name(bad)
    host = values.get("host") or PG_DEFAULT_HOST
    socket_dir = Path(host) if host.startswith("/") else None
    sslmode = _sslmode(values.get("sslmode"), socket_dir is not None, bad)
    sslrootcert = values.get("sslrootcert")
    if sslrootcert == "":
        raise bad("sslrootcert is empty: give the CA file's path, or sslrootcert=system")
    if sslrootcert is not None and (socket_dir is not None or (sslmode is not None and not sslmode.verifies)):
        raise bad("sslrootcert is only used to verify the server (sslmode=verify-ca or verify-full)")
    return PostgresTarget(
        database=values.get("dbname") or user,
        user=user,
        host=None if socket_dir else host,
        port=port,
        socket_dir=socket_dir,
        password=values.get("password"),
        application_name=values.get("application_name") or PG_APPLICATION_NAME,
        sslmode=sslmode,
        sslrootcert=sslrootcert,
    )


def _sslmode(given: str | None, socket: bool, bad: Callable[[str], InvalidDatabaseUrlError]) -> SslMode | None:
    if given is None:
        return None
    try:
        mode = SslMode(given)
    except ValueError:
        if given in ("allow", "prefer"):
            raise bad(f"sslmode={given} would fall back to an unencrypted connection without saying so; "
                      "use verify-full (the default), verify-ca, require, or disable") from None
        raise bad(f"sslmode {given!r} is not one of {', '.join(m.value for m in SslMode)}") from None
    if socket and mode is not SslMode.DISABLE:
        raise bad(f"sslmode={mode.value} needs a server reached over the network: a local socket has no TLS")
    return mode


def _split_host_port(hostport: str, bad: Callable[[str], InvalidDatabaseUrlError]) -> tuple[str, str]:
    """``host``, ``host:port``, ``[v6 address]:port`` -> (host, port text, maybe empty)."""
    if hostport.startswith("["):
        address, bracket, after = hostport[1:].partition("]")
        if not bracket or (after and not after.startswith(":")):
            raise bad("an IPv6 address is written in brackets: [::1]:5432")
        return address, after[1:]
    host, colon, port = hostport.rpartition(":")
    if not colon:
        return hostport, ""
    return host, port


def _os_user_name(bad: Callable[[str], InvalidDatabaseUrlError]) -> str:
    # why: getpass brings termios, for PostgreSQL's default user only, not for a SQLite read
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        raise bad("say which user to connect as: postgresql://USER@server/database") from None


def _host_text(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _redacted(text: str) -> str:
    """``text`` with the password of a URL (``user:password@``, ``password=``) as ``***``.

    Errs on the side of hiding: everything from the first ':' after ``//`` to the last '@'
    goes, so a password with an unescaped '/', '?' or '#' is hidden too.
    """
    match = _scheme(text)
    if match is None:
        return text
    start = match.end()
    at = text.rfind("@", start)
    colon = text.find(":", start, at) if at >= 0 else -1
    if colon >= 0:
        text = text[: colon + 1] + "***" + text[at:]
    return re.sub(r"([?&]password=)[^&]*", r"\1***", text)
