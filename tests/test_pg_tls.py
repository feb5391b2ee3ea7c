"""The shared database over the network: TLS checked by default, no silent plaintext, and a
plain message naming the cause when the server cannot be trusted.

Against the real servers of ``scripts/pg_test_server.sh start-tls`` (a throwaway CA; one
server with a good certificate for "localhost", one with an expired certificate, one without
TLS), all on 127.0.0.1.  Skipped, saying so, without ``MSGDESK_TEST_PG_TLS``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from msgdesk.domain.errors import PasswordRequiredError, ServerSecurityError, ServerUnavailableError
from msgdesk.store.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "north-ayrshire-2019.json"


def _on(url: str, database: str) -> str:
    return url.replace("/postgres", f"/{database}", 1)


def _encrypted(ws: Workspace) -> bool:
    with ws.engine.connect() as con:
        return bool(con.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar())


def test_a_verified_connection_saves_and_reads_back_over_tls(tls_servers, tls_database, example_data):
    url = _on(tls_servers.url("tls", f"?sslrootcert={tls_servers.ca}"), tls_database)
    with Workspace.open(url) as ws:
        assert ws.target.tls_mode.value == "verify-full"  # nobody asked for it: the default
        saved = ws.rounds.import_return(example_data)
        assert _encrypted(ws)
    with Workspace.open(url) as again:
        assert [s.round.label for s in again.rounds.list_rounds()] == [saved.label]


@pytest.mark.parametrize(
    ("server", "query", "says"),
    [
        ("tls", "?sslrootcert={other_ca}", "is not signed by a CA trusted by the CA certificate in"),
        ("tls", "", "is not signed by a CA trusted by this computer's certificate store"),
        ("tls@127.0.0.1", "?sslrootcert={ca}", "is not issued to the name '127.0.0.1'"),
        ("expired", "?sslrootcert={ca}", "the server's certificate has expired"),
        ("expired", "?sslrootcert={ca}&sslmode=verify-ca", "the server's certificate has expired"),
        ("plain", "?sslrootcert={ca}", "does not offer an encrypted (TLS) connection"),
        ("plain", "?sslmode=require", "does not offer an encrypted (TLS) connection"),
        ("plain", "?sslmode=verify-ca&sslrootcert={ca}", "does not offer an encrypted (TLS) connection"),
    ],
)
def test_a_server_that_cannot_be_trusted_is_refused_with_its_cause(tls_servers, monkeypatch, server, query, says):
    monkeypatch.setenv("PGPASSWORD", tls_servers.password)
    name, _, host = server.partition("@")
    url = tls_servers.url(name, query.format(ca=tls_servers.ca, other_ca=tls_servers.other_ca))
    if host:
        url = url.replace("@localhost:", f"@{host}:")
    ws = Workspace(url)
    with pytest.raises(ServerSecurityError) as refused:
        ws.ensure_open()
    message = str(refused.value)
    assert says in message and "did not connect" in message or "will not send" in message
    assert tls_servers.password not in message
    assert not ws.is_open


def test_verify_ca_checks_the_ca_but_not_the_name(tls_servers, tls_database, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", tls_servers.password)
    url = _on(tls_servers.url("tls", f"?sslrootcert={tls_servers.ca}&sslmode=verify-ca"), tls_database)
    with Workspace.open(url.replace("@localhost:", "@127.0.0.1:")) as ws:  # not the certificate's name
        assert _encrypted(ws)


def test_require_encrypts_without_checking_and_disable_is_refused_by_a_tls_only_server(tls_servers, tls_database,
                                                                                       monkeypatch):
    monkeypatch.setenv("PGPASSWORD", tls_servers.password)
    # require: any certificate (the server here is signed by a CA this computer does not trust)
    with Workspace.open(_on(tls_servers.url("tls", "?sslmode=require"), tls_database)) as ws:
        assert _encrypted(ws)
    # disable: the server's pg_hba.conf takes TLS connections only, and says so
    with pytest.raises(ServerUnavailableError, match="no pg_hba.conf entry"):
        Workspace.open(_on(tls_servers.url("tls", "?sslmode=disable"), tls_database))


def test_the_password_comes_from_pgpassword_or_a_private_pgpass_file(tls_servers, tls_database, tmp_path,
                                                                     monkeypatch):
    url = _on(tls_servers.url("tls", f"?sslrootcert={tls_servers.ca}"), tls_database)
    monkeypatch.delenv("PGPASSWORD")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    with pytest.raises(PasswordRequiredError, match="asks for a password and has none from msgdesk"):
        Workspace.open(url)
    pgpass = tmp_path / "pgpass"
    port = url.split(":")[2].split("/")[0]
    pgpass.write_text(f"otherhost:*:*:*:wrong\nlocalhost:{port}:*:msgdesk:{tls_servers.password}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with Workspace.open(url) as ws:
        assert ws.db_user == "msgdesk"
    pgpass.chmod(0o644)  # others could read it: ignored, as libpq ignores it
    with pytest.raises(PasswordRequiredError):
        Workspace.open(url)
    monkeypatch.setenv("PGPASSWORD", "not the password")
    with pytest.raises(PasswordRequiredError, match="did not accept"):
        Workspace.open(url)


def test_the_command_line_says_why_and_shows_no_traceback(tls_servers):
    env = {**os.environ, "PGPASSWORD": tls_servers.password}
    for url, says in [
        (tls_servers.url("expired", f"?sslrootcert={tls_servers.ca}"), "certificate has expired"),
        (tls_servers.url("plain"), "does not offer an encrypted (TLS) connection"),
        (tls_servers.url("tls", f"?sslrootcert={tls_servers.folder / 'missing.pem'}"), "does not exist"),
    ]:
        done = subprocess.run([sys.executable, "-m", "msgdesk", "list", "--db", url],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
        assert done.returncode in (1, 2), done.stderr
        assert says in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_psycopg_connects_through_libpq_with_the_same_checks(tls_servers, tls_database, monkeypatch, example_data):
    pytest.importorskip("psycopg", reason="the optional libpq driver: pip install msgdesk[libpq]")
    monkeypatch.setenv("PGPASSWORD", tls_servers.password)  # libpq reads it itself
    url = _on(tls_servers.url("tls", f"?sslrootcert={tls_servers.ca}"), tls_database)
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    with Workspace.open(url) as ws:
        assert ws.engine.dialect.driver == "psycopg"
        ws.rounds.import_return(example_data)
        assert _encrypted(ws)
    wrong = _on(tls_servers.url("expired", f"?sslrootcert={tls_servers.ca}"), tls_database)
    with pytest.raises(ServerUnavailableError, match="certificate"):
        Workspace.open(wrong.replace("postgresql://", "postgresql+psycopg://", 1))
