"""Other officers' edits, shown as they happen (a shared PostgreSQL database only).

``LiveUpdates`` polls the workspace's ``ChangeListener`` (``msgdesk.store.live``) every
``POLL_MS`` and hands each note about the open round to ``RoundSession.apply_remote``, which
re-reads what changed and tells the views.  Half a second keeps "within 2 seconds" with room
to spare, for one ``SELECT 1`` per poll on a connection of its own.  A note for a field that
is being typed in is not applied to it (the session says so): the officer's own text stays,
and their save then meets the newer row version and offers keep-mine / take-theirs.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from msgdesk.domain.errors import MsgdeskError

if TYPE_CHECKING:  # the session imports this module when a round opens
    from msgdesk.ui.session import RoundSession

log = logging.getLogger(__name__)

POLL_MS = 500


def changed_by(author: str, at: datetime) -> str:
    """"Changed by Ann Smith (asmith) at 14:03" in this computer's time (``at`` is UTC)."""
    local = at.replace(tzinfo=UTC).astimezone()
    words = QCoreApplication.translate("LiveUpdates", "Changed by {name} at {time}")
    return words.format(name=author or "someone", time=f"{local:%H:%M}")


class LiveUpdates(QObject):
    """Polls for other officers' edits while a round is open (None-safe on SQLite)."""

    def __init__(self, session: RoundSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.listener = None
        try:
            self.listener = session.workspace.listen_for_changes()
        except MsgdeskError as exc:  # the window works without it: edits still meet on saving
            log.warning("not listening for other officers' edits: %s", exc)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        if self.listener is not None:
            self.timer.start()

    def poll(self) -> None:
        if self.listener is None:
            return
        try:
            notices = self.listener.poll()
        except Exception as exc:  # a dropped connection: stop quietly, saving still checks versions
            log.warning("stopped listening for other officers' edits: %s", exc)
            self.stop()
            return
        for notice in notices:
            self.session.apply_remote(notice)
        self.session.retry_held()

    def stop(self) -> None:
        self.timer.stop()
        if self.listener is not None:
            try:
                self.listener.close()
            except Exception as exc:  # closing a dead connection
                log.debug("closing the change listener: %s", exc)
            self.listener = None
