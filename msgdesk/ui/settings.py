"""Window settings (geometry, last round) in QSettings, organisation and app "msgdesk".

``MSGDESK_SETTINGS`` names an INI file to use instead (tests and support), so a
test never reads or writes the user's own settings.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

SETTINGS_ENV_VAR = "MSGDESK_SETTINGS"


def open_settings() -> QSettings:
    path = os.environ.get(SETTINGS_ENV_VAR)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("msgdesk", "msgdesk")


def last_round(settings: QSettings, db_path) -> int | None:
    """The round last open in this database file, if any."""
    if settings.value("lastRound/db") != str(db_path):
        return None
    try:
        return int(settings.value("lastRound/id"))
    except (TypeError, ValueError):
        return None


def remember_round(settings: QSettings, db_path, round_id: int | None, proposal: str | None = None) -> None:
    settings.setValue("lastRound/db", str(db_path))
    settings.setValue("lastRound/id", round_id if round_id is not None else "")
    settings.setValue("lastRound/proposal", proposal or "")
