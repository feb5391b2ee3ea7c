"""Officers see each other's edits on a shared PostgreSQL database (LISTEN/NOTIFY).

Every writer of a return's content already records a ``content_change`` row in the same
transaction (``msgdesk.store.changes``).  On PostgreSQL, ``announce(engine, origin)`` makes
each flush that adds or extends such a row also run ``pg_notify`` with a small JSON note
(round, proposal, field, author, time, and which workspace wrote it).  NOTIFY is
transactional: the note is delivered when the change commits, never for a rolled-back one.

A ``ChangeListener`` holds one connection of its own in autocommit (a notification waits
for the end of the listener's transaction), LISTENs, and ``poll()`` returns the notes that
arrived, other workspaces' only.  The window polls it on a timer (``msgdesk.ui.live``);
nothing here imports Qt.  SQLite has no such thing: there one msgdesk has the file.
"""

from __future__ import annotations

import json
import logging
import weakref
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from msgdesk.store.models import ContentChange

log = logging.getLogger(__name__)

CHANNEL = "msgdesk_changes"

#: engine -> the origin written into its notes (the workspace's own id).
_ORIGINS: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class ChangeNotice:
    """Someone else's committed change to a return's content."""

    round_id: int
    proposal_id: str
    field: str
    author: str
    at: datetime
    action_uid: str = ""


def announce(engine: Engine, origin: str) -> None:
    """Notify listeners of every content change committed through ``engine``."""
    _ORIGINS[engine] = origin
    # Listening on the Session class (every repository's sessions), on first use rather than
    # at import; sessions of engines not announced are left alone.
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)


def _after_flush(session: Session, _context: Any) -> None:
    origin = _ORIGINS.get(session.bind) if isinstance(session.bind, Engine) else None
    if origin is None:
        return
    notes = {
        json.dumps({"o": origin, "r": change.round_id, "p": change.proposal_id, "f": change.field,
                    "a": change.author, "t": change.at.isoformat() if change.at else "", "u": change.action_uid},
                   sort_keys=True)
        for change in (*session.new, *session.dirty)
        if isinstance(change, ContentChange)
    }
    connection = session.connection()
    for note in sorted(notes):
        connection.execute(text("SELECT pg_notify(:channel, :note)"), {"channel": CHANNEL, "note": note})


class ChangeListener:
    """One connection that LISTENs; ``poll()`` hands out what arrived from other origins."""

    def __init__(self, engine: Engine, origin: str) -> None:
        self.origin = origin
        self._raw: Any = engine.raw_connection()  # a pooled connection, kept for the listener's life
        driver: Any = self._raw.driver_connection
        driver.rollback()  # the pool's ping on checkout began a transaction: a LISTEN in it would wait
        driver.autocommit = True
        self._driver: Any = driver
        self._run(f"LISTEN {CHANNEL}")

    def _run(self, sql: str) -> None:
        cursor = self._driver.cursor()
        try:
            cursor.execute(sql)
        finally:
            cursor.close()

    def poll(self) -> list[ChangeNotice]:
        """The notes received since the last poll (a round trip to the server: one
        ``SELECT 1`` lets the driver read what is waiting)."""
        if self._driver is None:
            return []
        self._run("SELECT 1")
        payloads: list[str] = []
        notifications = getattr(self._driver, "notifications", None)
        if notifications is not None:  # pg8000: a deque of (pid, channel, payload)
            while notifications:
                _pid, channel, payload = notifications.popleft()
                if channel == CHANNEL:
                    payloads.append(payload)
        else:  # psycopg 3
            for notify in self._driver.notifies(timeout=0):
                if notify.channel == CHANNEL:
                    payloads.append(notify.payload)
        found = []
        for payload in payloads:
            try:
                note = json.loads(payload)
                if note["o"] == self.origin:
                    continue
                found.append(ChangeNotice(int(note["r"]), str(note["p"]), str(note["f"]), str(note["a"]),
                                          datetime.fromisoformat(note["t"]), str(note.get("u", ""))))
            except (ValueError, KeyError, TypeError):
                log.warning("ignored a change note that is not msgdesk's: %.80r", payload)
        return found

    def close(self) -> None:
        if self._raw is not None:
            try:
                self._run(f"UNLISTEN {CHANNEL}")
                self._driver.autocommit = False
            except Exception:  # a connection already gone: the pool discards it
                self._raw.invalidate()
            self._raw.close()
            self._raw = self._driver = None
