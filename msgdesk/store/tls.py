"""TLS to the PostgreSQL server, checked the way the URL says, and plain words when it fails.

pg8000's own default (``ssl_context=None``) tries TLS *without checking the server* and, when
the server offers none, carries on in plaintext without a word.  msgdesk never passes None:

- ``disable``: ``False`` (no TLS; the default over a local socket, where PostgreSQL has none).
- ``require``: a context that encrypts but checks nothing (the server may be anyone).
- ``verify-ca``: the certificate must be signed by a trusted CA; the name is not checked.
- ``verify-full`` (the default for a host): trusted CA *and* issued to the host name.

The trusted CAs are ``sslrootcert``'s file, or the operating system's store
(``ssl.create_default_context()`` loads the Windows certificate stores, where a council's own
CA is installed by group policy).  With a context, pg8000 refuses a server that answers the
TLS request with "no" ("Server refuses SSL"): no silent fallback.

psycopg (libpq) is given the same sslmode and sslrootcert in its URL; libpq's messages are
read by ``explain`` too.
"""

from __future__ import annotations

import ssl
from typing import Any

from msgdesk.domain.errors import InputError, ServerSecurityError
from msgdesk.store.target import PgDriver, PostgresTarget, SslMode


class CaFileError(InputError):
    """``sslrootcert`` names a file that is missing or holds no certificate."""


def ssl_context(target: PostgresTarget) -> ssl.SSLContext | bool:
    """pg8000's ``ssl_context`` for ``target`` (False: no TLS).  Raises CaFileError."""
    mode = target.tls_mode
    if mode is SslMode.DISABLE:
        return False
    ca_file = target.ca_file
    if mode.verifies and ca_file is not None:
        if not ca_file.is_file():
            raise CaFileError(f"the CA certificate file {ca_file} (sslrootcert) does not exist")
        try:
            context = ssl.create_default_context(cafile=str(ca_file))
        except (ssl.SSLError, OSError) as exc:
            raise CaFileError(f"{ca_file} (sslrootcert) holds no CA certificate msgdesk can read: {exc}") from exc
    else:
        context = ssl.create_default_context()  # the system's store (Windows: its certificate stores)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if mode is SslMode.REQUIRE:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    elif mode is SslMode.VERIFY_CA:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_REQUIRED
    return context


def connect_args(target: PostgresTarget) -> dict[str, Any]:
    """The driver's connect arguments for ``target``: pg8000's ssl_context (psycopg takes
    sslmode and sslrootcert in its URL, and needs nothing here)."""
    if target.driver is PgDriver.PSYCOPG:
        if target.tls_mode.verifies and target.ca_file is not None and not target.ca_file.is_file():
            raise CaFileError(f"the CA certificate file {target.ca_file} (sslrootcert) does not exist")
        return {}
    return {"ssl_context": ssl_context(target)}


# OpenSSL's X509_V_ERR_* codes, for the cause in plain words.
_EXPIRED = 10
_NOT_YET_VALID = 9
_HOST_MISMATCHES = frozenset({62, 64})  # host name, IP address
_UNTRUSTED = frozenset({2, 18, 19, 20, 21, 27})


def explain(error: BaseException, target: PostgresTarget) -> ServerSecurityError | None:
    """The plain message for a connection that failed because it could not be made securely;
    None when ``error`` (or what it wraps) is something else."""
    where = target.describe()
    trust = (f"the CA certificate in {target.ca_file}" if target.ca_file is not None
             else "this computer's certificate store")
    for cause in _chain(error):
        if isinstance(cause, ssl.SSLCertVerificationError):
            code = cause.verify_code
            if code == _EXPIRED:
                problem = ("the server's certificate has expired. msgdesk did not connect. "
                           "Ask IT to renew the database server's certificate.")
            elif code == _NOT_YET_VALID:
                problem = ("the server's certificate is not valid yet (check this computer's clock). "
                           "msgdesk did not connect.")
            elif code in _HOST_MISMATCHES:
                problem = (f"the server's certificate is not issued to the name {target.host!r}, so it may not "
                           "be the council's server. msgdesk did not connect. Use the server name IT gave you "
                           "(the one on its certificate).")
            elif code in _UNTRUSTED:
                problem = (f"the server's certificate is not signed by a CA trusted by {trust}. msgdesk did "
                           "not connect. Ask IT for the council's CA certificate (give it as "
                           "?sslrootcert=PATH, or install it in the system's store).")
            else:
                problem = f"the server's certificate was refused ({cause.verify_message}). msgdesk did not connect."
            return ServerSecurityError(f"msgdesk cannot use {where} securely: {problem}")
        text = str(cause)
        if "refuses SSL" in text or "server does not support SSL" in text:
            return ServerSecurityError(
                f"msgdesk cannot use {where} securely: the server does not offer an encrypted (TLS) "
                "connection, and msgdesk will not send your password and data unencrypted. Ask IT to turn "
                "on TLS on the server (ssl = on); on a network you trust, ?sslmode=disable connects without it."
            )
        if "certificate verify failed" in text or "SSL error" in text:  # libpq's wording (psycopg)
            return ServerSecurityError(f"msgdesk cannot use {where} securely: {text.strip()}. "
                                       "msgdesk did not connect.")
    return None


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return seen
