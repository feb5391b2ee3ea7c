"""The round as the window holds it (``RoundSnapshot``, made by ``msgdesk.store.reads``), and
a fast, read-only way to read one with the standard library's ``sqlite3`` only.

Importing SQLAlchemy costs about a third of a second; the window paints the last round
from this read (``Workspace.quick_snapshot``) and opens the full store just after.  Only
a file whose schema is exactly ``SCHEMA_HEAD`` is read this way; anything else returns
None and the workspace opens the database properly (which migrates it).  Once the store
is open, ``RoundsRepository.snapshot`` runs the same reads (``RoundReads``) through it;
``tests/test_ui_core_additions.py`` checks that the two agree.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from msgdesk.domain.errors import DatabaseError, NotFoundError
from msgdesk.domain.record import NamedTuple
from msgdesk.store.health import ro_uri
from msgdesk.store.reads import (
    ConflictNote,
    PackNote,
    ResponseSnapshot,
    RoundSnapshot,
    SqliteReader,
    conflict_place,
    read_snapshot,
)
from msgdesk.store.schema import SCHEMA_HEAD

#: The snapshot's values live with the reads that make them (``msgdesk.store.reads``); their
#: names stay importable from here, where the window and the review look for them.
__all__ = ["ConflictNote", "PackNote", "ResponseSnapshot", "RoundListing", "RoundSnapshot", "conflict_place",
           "is_current", "list_round_listings", "load_snapshot"]


def _connect(path: Path) -> sqlite3.Connection | None:
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(ro_uri(path), uri=True)
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    if not row or row[0] != SCHEMA_HEAD:
        con.close()
        return None
    return con


def is_current(path: Path) -> bool:
    """True if ``path`` is an msgdesk database needing no migration."""
    con = _connect(path)
    if con is None:
        return False
    con.close()
    return True


def load_snapshot(path: Path, round_id: int) -> RoundSnapshot | None:
    """Round ``round_id`` read from ``path``; None if the file or round is not there, or the
    file's schema is not ``SCHEMA_HEAD``.

    One connection for the schema's revision and the reads: each new connection parses the
    whole schema (every table and guard trigger) on its first statement, ~5 ms before the
    window's first paint."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        reader = SqliteReader(path)
        try:
            with reader() as run:
                revision = run("SELECT version_num FROM alembic_version", {})
                if not revision or revision[0][0] != SCHEMA_HEAD:
                    return None
                return read_snapshot(run, round_id)
        finally:
            reader.close()
    except (NotFoundError, DatabaseError):
        return None


class RoundListing(NamedTuple):
    """A round as the start page lists it.  (A NamedTuple, not a frozen dataclass: this module
    is loaded for the window's first paint, and a dataclass is compiled at import.)"""

    id: int
    partnership: str
    label: str
    status: str


def list_round_listings(path: Path) -> list[RoundListing]:
    """Every round in the file (for the start page), or [] if it cannot be read quickly."""
    con = _connect(path)
    if con is None:
        return []
    try:
        return [
            RoundListing(*row)
            for row in con.execute(
                "SELECT r.id, p.name, r.label, r.status FROM evaluation_round r"
                " JOIN partnership p ON p.id = r.partnership_id ORDER BY p.name, r.label"
            )
        ]
    except sqlite3.Error:
        return []
    finally:
        con.close()
