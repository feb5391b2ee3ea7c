"""Every row of every table of an SQLite file, to show a database is unchanged."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def dump(path: Path) -> list:
    """(table, rows) for every user table, in a stable order; opened read-only."""
    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return [(t, con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()) for t in tables]
    finally:
        con.close()
