"""What the user gives as --db / MSGDESK_DB is read into a typed target, and the engine built
from it opens exactly that database: an SQLite file at exactly the path given (whatever
characters it holds), or the PostgreSQL database the URL names."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from msgdesk.domain.errors import InputError
from msgdesk.store.target import (
    PG_APPLICATION_NAME,
    Backend,
    DatabaseTargetError,
    InvalidDatabaseUrlError,
    PgDriver,
    PostgresTarget,
    SqliteTarget,
    SslMode,
    UnsupportedDatabaseError,
    parse_target,
)

ROOT = Path(__file__).resolve().parents[1]

# --- SQLite: any path is a file, taken literally ---------------------------------------------

# A file or folder name: any character but '/' and NUL (and no lone surrogates, which no
# file system name can hold once encoded), not "." or "..", at most 200 bytes.
NAME = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="/\x00"), min_size=1, max_size=20).filter(
    lambda name: name not in (".", "..") and len(name.encode()) <= 200
)
NAMES = st.lists(NAME, min_size=1, max_size=3)


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if not p.is_dir()}


def _make_database_and_check(given: str, expected: Path, root: Path) -> None:
    """Open ``given`` as the user would, write a table, and find exactly ``expected``."""
    expected.parent.mkdir(parents=True, exist_ok=True)
    target = parse_target(given)
    assert isinstance(target, SqliteTarget)
    assert target.backend is Backend.SQLITE
    assert target.path == expected
    engine = create_engine(target.engine_url())
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE note (body TEXT)"))
            connection.execute(text("INSERT INTO note VALUES ('kept')"))
    finally:
        engine.dispose()
    assert _files_under(root) == {expected}, f"{given!r} wrote elsewhere than {expected}"
    reopened = create_engine(parse_target(str(expected)).engine_url())
    try:
        with reopened.connect() as connection:
            assert connection.execute(text("SELECT body FROM note")).scalar_one() == "kept"
    finally:
        reopened.dispose()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=NAMES, form=st.sampled_from(["absolute", "relative", "home"]))
@example(names=["a?b", "x.db"], form="absolute")
@example(names=["100%", "x%20y%3F.db"], form="relative")
@example(names=["a#b", "x.db?mode=ro"], form="home")
@example(names=["file:x.db"], form="relative")
@example(names=[":memory:"], form="relative")
@example(names=["Ærøskøbing IJB", "ùñí çødé.db"], form="absolute")
@example(names=["postgresql:", "x.db"], form="relative")
def test_any_path_opens_exactly_that_file(names, form, monkeypatch):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder).resolve()
        expected = root.joinpath(*names)
        home, cwd = os.environ.get("HOME"), os.getcwd()
        try:
            if form == "absolute":
                given = str(expected)
            elif form == "relative":
                os.chdir(root)
                relative = "/".join(names)
                # "~name" at the start is someone's home folder, as in a shell.
                given = f"./{relative}" if relative.startswith("~") else relative
            else:
                monkeypatch.setenv("HOME", str(root))
                given = "~/" + "/".join(names)
            _make_database_and_check(given, expected, root)
        finally:
            os.chdir(cwd)
            if home is not None:
                monkeypatch.setenv("HOME", home)


def test_a_question_mark_in_the_folder_does_not_cut_the_path(tmp_path):
    """Defect 2: --db '/tmp/a?b/x.db' wrote into /tmp/a."""
    _make_database_and_check(str(tmp_path / "a?b" / "x.db"), tmp_path / "a?b" / "x.db", tmp_path)
    assert not (tmp_path / "a").exists()


def test_a_windows_drive_letter_is_a_path_not_a_url():
    assert isinstance(parse_target("C:/Users/officer/msgdesk.db"), SqliteTarget)
    assert isinstance(parse_target("C://Users/officer/msgdesk.db"), SqliteTarget)


def test_a_file_named_like_a_url_is_reached_with_dot_slash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert parse_target("./http://x.db") == SqliteTarget(tmp_path / "http:" / "x.db")


@pytest.mark.parametrize("given", ["", "a\x00b.db"])
def test_an_empty_path_or_one_with_nul_is_refused(given):
    with pytest.raises(DatabaseTargetError):
        parse_target(given)


def test_the_sqlite_description_is_the_absolute_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert parse_target("returns/x.db").describe() == f"the SQLite file {tmp_path / 'returns' / 'x.db'}"


# --- PostgreSQL URLs ----------------------------------------------------------------------------


def pg(text_: str) -> PostgresTarget:
    target = parse_target(text_)
    assert isinstance(target, PostgresTarget)
    assert target.backend is Backend.POSTGRESQL
    return target


@pytest.fixture
def os_user(monkeypatch):
    monkeypatch.setenv("LOGNAME", "officer")  # getpass.getuser() reads it first
    return "officer"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            "postgresql://msgdesk@db.council.local/msg",
            {"user": "msgdesk", "host": "db.council.local", "port": 5432, "database": "msg", "password": None},
        ),
        (
            "postgresql://msgdesk:s3cret@db.council.local:6543/msg",
            {"user": "msgdesk", "password": "s3cret", "host": "db.council.local", "port": 6543, "database": "msg"},
        ),
        ("postgres://msgdesk@db.council.local/msg", {"user": "msgdesk", "host": "db.council.local", "database": "msg"}),
        ("POSTGRESQL://msgdesk@db/msg", {"user": "msgdesk", "host": "db", "database": "msg"}),
        (
            "postgresql:///msg?host=/run/pg%20sockets",
            {"host": None, "socket_dir": Path("/run/pg sockets"), "database": "msg"},
        ),
        (
            "postgresql://msgdesk@/postgres?host=/tmp/x&port=5433",
            {"user": "msgdesk", "socket_dir": Path("/tmp/x"), "port": 5433, "database": "postgres"},
        ),
        ("postgresql://%2Fvar%2Frun%2Fpostgresql/msg", {"host": None, "socket_dir": Path("/var/run/postgresql")}),
        ("postgresql://[::1]:5433/msg", {"host": "::1", "port": 5433}),
        ("postgresql://[fe80::1%25eth0]/msg", {"host": "fe80::1%eth0", "port": 5432}),
        ("postgresql://db.council.local", {"user": "officer", "database": "officer", "host": "db.council.local"}),
        ("postgresql://", {"user": "officer", "database": "officer", "host": "localhost", "port": 5432}),
        (
            "postgresql://ann%40council:p%40ss%3Aw%2Fo%3Frd@db/msg%20desk",
            {"user": "ann@council", "password": "p@ss:w/o?rd", "database": "msg desk"},
        ),
        ("postgresql://u:pa/ss@db/msg", {"user": "u", "password": "pa/ss", "host": "db", "database": "msg"}),
        (
            "postgresql://db/msg?user=ann&password=x%26y&application_name=audit",
            {"user": "ann", "password": "x&y", "application_name": "audit"},
        ),
        ("postgresql://db:/msg", {"port": 5432}),
    ],
)
def test_postgresql_url_forms(given, expected, os_user):
    target = pg(given)
    for name, value in expected.items():
        assert getattr(target, name) == value, name


def test_the_engine_url_for_tcp_has_each_part_in_its_place():
    url = pg("postgresql://ann:p%40ss%2Fw@db.council.local:6543/msg%20desk").engine_url()
    assert url.drivername == "postgresql+pg8000"
    assert (url.username, url.password, url.host, url.port, url.database) == (
        "ann",
        "p@ss/w",
        "db.council.local",
        6543,
        "msg desk",
    )
    assert dict(url.query) == {"application_name": PG_APPLICATION_NAME}


def test_a_socket_folder_becomes_pg8000s_socket_file():
    url = pg("postgresql://msgdesk@/postgres?host=/tmp/msgdesk-pg.Ab1/&port=5433").engine_url()
    assert url.host is None and url.port is None
    assert url.query["unix_sock"] == "/tmp/msgdesk-pg.Ab1/.s.PGSQL.5433"


def test_describe_and_repr_never_show_the_password():
    target = pg("postgresql://ann:Tr0ub4dor@db.council.local/msg")
    assert target.describe() == 'the PostgreSQL database "msg" on db.council.local:5432 as user "ann"'
    assert "Tr0ub4dor" not in repr(target)
    assert "Tr0ub4dor" not in target.to_url()
    assert pg(target.to_url(with_password=True)) == target


URL_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1, max_size=20)
HOSTNAME = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?(\.[a-z0-9]{1,10}){0,3}", fullmatch=True)


@st.composite
def pg_targets(draw):
    socket = draw(st.booleans())
    modes = [None, SslMode.DISABLE] if socket else [None, *SslMode]
    sslmode = draw(st.sampled_from(modes))
    verifying = not socket and (sslmode is None or sslmode.verifies)
    return PostgresTarget(
        sslmode=sslmode,
        sslrootcert=draw(st.none() | st.just("system") | URL_TEXT) if verifying else None,
        driver=draw(st.sampled_from(PgDriver)),
        database=draw(URL_TEXT),
        user=draw(URL_TEXT),
        password=draw(st.none() | URL_TEXT),
        host=None if socket else draw(HOSTNAME | st.sampled_from(["::1", "fe80::1%eth0", "10.0.0.7"])),
        socket_dir=Path("/" + draw(URL_TEXT).strip("/")) if socket else None,
        port=draw(st.integers(1, 65535)),
        application_name=draw(st.just(PG_APPLICATION_NAME) | URL_TEXT),
    )


@settings(max_examples=300, deadline=None)
@given(target=pg_targets())
def test_any_target_survives_its_url_and_the_engine_url(target):
    assert pg(target.to_url(with_password=True)) == target
    engine_url = target.engine_url()
    # URL.create escapes every part: rendering and reading back gives the same parts.
    assert make_url(engine_url.render_as_string(hide_password=False)) == engine_url
    assert (engine_url.username, engine_url.password, engine_url.database) == (
        target.user,
        target.password,
        target.database,
    )
    if target.socket_path is not None and target.driver is PgDriver.PSYCOPG:
        assert (engine_url.query["host"], engine_url.port) == (str(target.socket_dir), target.port)
    elif target.socket_path is not None:
        assert engine_url.query["unix_sock"] == str(target.socket_path)
    else:
        assert (engine_url.host, engine_url.port) == (target.host, target.port)


@settings(max_examples=200, deadline=None)
@given(target=pg_targets(), password=URL_TEXT)
def test_the_description_does_not_depend_on_the_password(target, password):
    assert target.replace(password=password).describe() == target.describe()
    assert target.replace(password=password).to_url() == target.to_url()


# --- what is refused, and how it is said ------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "error", "says"),
    [
        ("mysql://ann@db/msg", UnsupportedDatabaseError, "cannot open mysql:// databases"),
        ("http://intranet/msgdesk.db", UnsupportedDatabaseError, "cannot open http://"),
        ("sqlite:///x.db", UnsupportedDatabaseError, "give the path of the file itself"),
        ("postgresql+psycopg2://db/msg", UnsupportedDatabaseError, "postgresql+psycopg://"),
        ("postgresql+asyncpg://db/msg", UnsupportedDatabaseError, "not postgresql+asyncpg://"),
        ("postgresql://db:abc/msg", InvalidDatabaseUrlError, "the port 'abc' is not a number"),
        ("postgresql://db:0/msg", InvalidDatabaseUrlError, "not a number from 1 to 65535"),
        ("postgresql://db:65536/msg", InvalidDatabaseUrlError, "not a number from 1 to 65535"),
        ("postgresql://db:５４３２/msg", InvalidDatabaseUrlError, "not a number"),
        ("postgresql://db/msg?sslcert=x.crt", InvalidDatabaseUrlError, "does not understand the parameter 'sslcert'"),
        ("postgresql://db/msg?sslmode=prefer", InvalidDatabaseUrlError, "fall back to an unencrypted connection"),
        ("postgresql://db/msg?sslmode=allow", InvalidDatabaseUrlError, "fall back to an unencrypted connection"),
        ("postgresql://db/msg?sslmode=VERIFY-FULL", InvalidDatabaseUrlError, "is not one of disable, require"),
        ("postgresql://db/msg?sslmode=", InvalidDatabaseUrlError, "is not one of"),
        ("postgresql://u@/msg?host=/run/pg&sslmode=require", InvalidDatabaseUrlError, "a local socket has no TLS"),
        ("postgresql://db/msg?sslmode=require&sslrootcert=ca.crt", InvalidDatabaseUrlError, "only used to verify"),
        ("postgresql://db/msg?sslrootcert=", InvalidDatabaseUrlError, "sslrootcert is empty"),
        ("postgresql://db/msg?port=1&port=2", InvalidDatabaseUrlError, "given twice"),
        ("postgresql://db/msg?host=/tmp", InvalidDatabaseUrlError, "given both in the URL and as ?host="),
        ("postgresql://db/msg?dbname", InvalidDatabaseUrlError, "has no value"),
        ("postgresql://db/msg#x", InvalidDatabaseUrlError, "%23"),
        ("postgresql://db/100%", InvalidDatabaseUrlError, "%25"),
        ("postgresql://db/%ff", InvalidDatabaseUrlError, "not valid UTF-8"),
        ("postgresql://db1,db2/msg", InvalidDatabaseUrlError, "a single host"),
        ("postgresql://[::1/msg", InvalidDatabaseUrlError, "in brackets"),
    ],
)
def test_what_cannot_be_opened_is_refused_with_a_reason(given, error, says):
    with pytest.raises(error) as raised:
        parse_target(given, "MSGDESK_DB")
    assert isinstance(raised.value, InputError)  # exit 2 on the command line
    message = str(raised.value)
    assert message.startswith("MSGDESK_DB ")
    assert says in message


@pytest.mark.parametrize(
    "given",
    [
        "postgresql://ann:hunter2@db:abc/msg",
        "postgresql://ann:hun/ter2@db:abc/msg",
        "postgresql://ann:hun?ter2@db/msg",
        "postgresql://ann:hun#ter2@db/msg",
        "postgresql://db/msg?password=hunter2&sslmode=prefer",
        "mysql://ann:hunter2@db/msg",
    ],
)
def test_a_refusal_never_quotes_the_password(given):
    with pytest.raises(DatabaseTargetError) as raised:
        parse_target(given)
    message = str(raised.value)
    assert "hunter2" not in message and "ter2" not in message
    assert "***" in message


def test_reading_a_target_imports_no_sqlalchemy():
    code = (
        "import sys; from msgdesk.store.target import parse_target; "
        "parse_target('postgresql://db/msg'); parse_target('x.db'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'pg8000')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


# --- TLS and the driver in the URL (issue 19) ----------------------------------------------------


@pytest.mark.parametrize(
    ("given", "mode", "ca"),
    [
        ("postgresql://ann@db.council.local/msg", SslMode.VERIFY_FULL, None),  # a host: verified by default
        ("postgresql://ann@localhost/msg", SslMode.VERIFY_FULL, None),  # TCP, even on this computer
        ("postgresql://ann@/msg?host=/run/postgresql", SslMode.DISABLE, None),  # a socket: no TLS there
        ("postgresql://ann@/msg?host=/run/postgresql&sslmode=disable", SslMode.DISABLE, None),
        ("postgresql://ann@db/msg?sslmode=disable", SslMode.DISABLE, None),
        ("postgresql://ann@db/msg?sslmode=require", SslMode.REQUIRE, None),
        ("postgresql://ann@db/msg?sslmode=verify-ca&sslrootcert=/etc/ca.pem", SslMode.VERIFY_CA, "/etc/ca.pem"),
        ("postgresql://ann@db/msg?sslrootcert=%2Fetc%2Fca%20council.pem", SslMode.VERIFY_FULL, "/etc/ca council.pem"),
        ("postgresql://ann@db/msg?sslrootcert=system", SslMode.VERIFY_FULL, None),
    ],
)
def test_tls_is_verified_unless_the_url_says_otherwise(given, mode, ca):
    target = pg(given)
    assert target.tls_mode is mode
    assert target.ca_file == (Path(ca) if ca else None)
    assert pg(target.to_url()) == target  # the mode survives being saved as text


def test_each_tls_mode_gives_pg8000_a_context_that_checks_what_it_says():
    import ssl

    from msgdesk.store.tls import connect_args

    contexts = {m: connect_args(pg(f"postgresql://ann@db/msg?sslmode={m.value}"))["ssl_context"] for m in SslMode}
    # False, never None: None is pg8000's "try TLS unverified, fall back to plaintext".
    assert contexts[SslMode.DISABLE] is False
    assert all(c is not None for c in contexts.values())
    checks = {m: (c.verify_mode, c.check_hostname) for m, c in contexts.items() if c is not False}
    assert checks == {
        SslMode.REQUIRE: (ssl.CERT_NONE, False),
        SslMode.VERIFY_CA: (ssl.CERT_REQUIRED, False),
        SslMode.VERIFY_FULL: (ssl.CERT_REQUIRED, True),
    }
    assert connect_args(pg("postgresql://ann@/msg?host=/run/pg"))["ssl_context"] is False


def test_a_missing_or_empty_ca_file_is_a_plain_refusal(tmp_path):
    from msgdesk.store.tls import CaFileError, connect_args

    missing = tmp_path / "council-ca.pem"
    with pytest.raises(CaFileError, match="council-ca.pem .* does not exist"):
        connect_args(pg(f"postgresql://ann@db/msg?sslrootcert={missing}"))
    missing.write_text("not a certificate\n")
    with pytest.raises(CaFileError, match="holds no CA certificate"):
        connect_args(pg(f"postgresql://ann@db/msg?sslrootcert={missing}"))


def test_psycopg_is_chosen_by_the_url_and_gets_libpqs_own_tls_parameters():
    target = pg("postgresql+psycopg://ann@db.council.local/msg?sslrootcert=/etc/ca.pem")
    assert target.driver is PgDriver.PSYCOPG
    url = target.engine_url()
    assert url.drivername == "postgresql+psycopg"
    assert dict(url.query) == {"application_name": PG_APPLICATION_NAME, "sslmode": "verify-full",
                               "sslrootcert": "/etc/ca.pem"}
    assert pg(target.to_url()) == target
    socket = pg("postgresql+psycopg://ann@/msg?host=/run/postgresql").engine_url()
    assert socket.query["host"] == "/run/postgresql" and socket.query["sslmode"] == "disable"
    assert pg("postgresql+psycopg://ann@db/msg").engine_url().query["sslrootcert"] == "system"


@pytest.mark.parametrize(
    ("line", "url", "found"),
    [
        ("db.council.local:5432:msg:ann:s3cret", "postgresql://ann@db.council.local/msg", "s3cret"),
        ("*:*:*:ann:any", "postgresql://ann@db/msg", "any"),
        ("*:*:*:bob:any", "postgresql://ann@db/msg", None),  # another user's
        ("db:6543:*:ann:p", "postgresql://ann@db/msg", None),  # another port
        ("localhost:5432:msg:ann:sock", "postgresql://ann@/msg?host=/run/postgresql", "sock"),  # libpq's rule
        (r"db:*:*:ann:with\:colon\\and slash", "postgresql://ann@db/msg", r"with:colon\and slash"),
        (r"my\:host:*:*:ann:p", "postgresql://ann@[my:host]/msg", "p"),
        ("# a comment:*:*:ann:x", "postgresql://ann@db/msg", None),
        ("db:*:*:ann:pa:ss:word", "postgresql://ann@db/msg", "pa:ss:word"),  # colons in the last field
    ],
)
def test_a_password_is_found_in_pgpass_as_libpq_finds_it(tmp_path, monkeypatch, line, url, found):
    from msgdesk.store.pgpass import find_password

    monkeypatch.delenv("PGPASSWORD", raising=False)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(line + "\n", encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    assert find_password(pg(url)) == found
    monkeypatch.setenv("PGPASSWORD", "from the environment")
    assert find_password(pg(url)) == "from the environment"  # PGPASSWORD comes first
    assert find_password(pg(url.replace("ann@", "ann:in%20url@"))) == "in url"  # the URL before both
