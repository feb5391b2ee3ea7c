"""The log file an officer can send to support: ``msgdesk.log`` in the user log folder,
rotated at 1 MB, five old files kept.

Called once at start-up (``configure_logging()``), never on import.  The log records what
msgdesk did (opened, backed up, restored, failed) and never the content of a return.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from msgdesk.paths import user_log_dir

LOGGER = "msgdesk"
LOG_FILE = "msgdesk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"

_added: list[logging.Handler] = []
_file: Path | None = None


def log_file_path() -> Path:
    return user_log_dir() / LOG_FILE


def configure_logging(console: bool = False, level: int = logging.INFO) -> Path | None:
    """Send the ``msgdesk`` logger to the rotating log file; returns its path, or None if
    the log folder cannot be written (msgdesk then runs without a log file).

    ``console``: also print warnings to stderr (the command line).  Calling it again adds
    nothing twice.
    """
    global _file
    logger = logging.getLogger(LOGGER)
    logger.setLevel(level)
    if _file is None:
        # the rotating handler's module brings socket, pickle and queue: loaded when a log opens
        from logging.handlers import RotatingFileHandler

        path = log_file_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
            )
            if os.name == "posix":
                os.chmod(path, 0o600)
        except OSError:
            handler = None
        if handler is not None:
            handler.setFormatter(logging.Formatter(FORMAT))
            logger.addHandler(handler)
            _added.append(handler)
            _file = path
    if console and not any(type(h) is logging.StreamHandler for h in _added):
        stream = logging.StreamHandler()
        stream.setLevel(logging.WARNING)
        stream.setFormatter(logging.Formatter("msgdesk: %(message)s"))
        logger.addHandler(stream)
        _added.append(stream)
    return _file


def reset_logging() -> None:
    """Remove what ``configure_logging`` added (tests)."""
    global _file
    logger = logging.getLogger(LOGGER)
    while _added:
        handler = _added.pop()
        logger.removeHandler(handler)
        handler.close()
    _file = None
