"""Every row of every table of an SQLite file (or of a zipped backup), to show a database
is unchanged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: The change counter moves with every write, by design; content comparisons leave it out.
VOLATILE = {"store_meta"}


def dump(path: Path, *, with_counter: bool = False) -> list:
    """(table, rows) for every user table, in a stable order; opened read-only."""
    path = Path(path)
    if path.suffix == ".zip":
        from msgdesk.store.backup import unpacked

        with unpacked(path) as plain:
            return dump(plain, with_counter=with_counter)
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return [(t, con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()) for t in tables
                if with_counter or t not in VOLATILE]
    finally:
        con.close()
