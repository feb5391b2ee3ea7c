"""Where msgdesk finds its bundled resources and keeps the user's data.

Nothing here touches the file system at import time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "msgdesk"
APP_AUTHOR = "msgdesk"
DB_ENV_VAR = "MSGDESK_DB"


def resource_root() -> Path:
    """The folder holding ``resources/`` and ``forms/``.

    In a PyInstaller bundle that is ``sys._MEIPASS``; in an installed wheel the
    resources sit inside the package (``msgdesk/_resources``); in a source
    checkout they are at the top of the project.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    package_dir = Path(__file__).resolve().parent
    bundled = package_dir / "_resources"
    if (bundled / "resources").is_dir():
        return bundled
    return package_dir.parent


def resource_path(*parts: str) -> Path:
    """Path of a bundled asset, e.g. ``resource_path("template", "msg-self-evaluation.json")``."""
    return resource_root().joinpath("resources", *parts)


def user_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, APP_AUTHOR)


def user_log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, APP_AUTHOR)


def default_db_location(explicit: str | os.PathLike[str] | None = None) -> str:
    """Where the data is: ``--db`` if given, else ``$MSGDESK_DB``, else ``msgdesk.db`` in
    the user data folder.  A file path (SQLite) or a ``postgresql://`` URL, as given."""
    if explicit:
        return os.fspath(explicit)
    from_env = os.environ.get(DB_ENV_VAR)
    if from_env:
        return from_env
    return str(user_data_dir() / "msgdesk.db")
