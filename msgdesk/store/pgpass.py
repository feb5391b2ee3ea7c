"""Where a PostgreSQL password comes from when the URL has none, as libpq finds it.

1. ``PGPASSWORD`` in the environment;
2. the pgpass file (``PGPASSFILE``, else ``~/.pgpass``; on Windows
   ``%APPDATA%\\postgresql\\pgpass.conf``): lines ``host:port:database:user:password``,
   ``*`` matching anything, ``\\:`` and ``\\\\`` escaping; the first matching line wins.  A
   socket connection matches the host ``localhost`` (libpq's rule).  On POSIX a file that
   others can read is ignored, as libpq does (it would leak the passwords).

msgdesk itself never writes a password anywhere: the window asks for it and keeps it in
memory for the session only.  psycopg's libpq reads both sources itself.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from msgdesk.store.target import PostgresTarget

log = logging.getLogger(__name__)


def pgpass_file() -> Path:
    given = os.environ.get("PGPASSFILE")
    if given:
        return Path(given)
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", "~")) / "postgresql" / "pgpass.conf"
    return Path("~/.pgpass").expanduser()


def find_password(target: PostgresTarget) -> str | None:
    """The password for ``target`` from the URL, ``PGPASSWORD`` or the pgpass file; None if none."""
    if target.password is not None:
        return target.password
    from_env = os.environ.get("PGPASSWORD")
    if from_env:
        return from_env
    return _from_file(pgpass_file(), target)


def _from_file(path: Path, target: PostgresTarget) -> str | None:
    try:
        if os.name == "posix":
            mode = path.stat().st_mode
            if mode & (stat.S_IRWXG | stat.S_IRWXO):
                log.warning("%s is readable by other users: ignored (chmod 600 it)", path)
                return None
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    host = target.host if target.host is not None else "localhost"
    wanted = (host, str(target.port), target.database, target.user)
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = _split(line)
        if len(fields) != 5:
            continue
        if all(have == "*" or have == want for have, want in zip(fields[:4], wanted, strict=True)):
            return fields[4]
    return None


def _split(line: str) -> list[str]:
    """A pgpass line's five fields, ``\\`` escaping the next character."""
    fields: list[str] = []
    current: list[str] = []
    escaped = False
    for char in line:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ":" and len(fields) < 4:
            fields.append("".join(current))
            current = []
        else:
            current.append(char)
    fields.append("".join(current))
    return fields
