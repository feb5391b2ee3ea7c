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
    logger = logging.getLogger(LOGGER)
    logger.setLevel(level)
    if _file is None:
        handler = _open_log_file()
        if handler is not None:
            logger.addHandler(handler)
            _added.append(handler)
    if console:
        _add_console(logger)
    return _file


def _open_log_file() -> logging.Handler | None:
    """The rotating log file's handler (remembered in ``_file``); None if the log folder
    cannot be written."""
    global _file
    # the rotating handler's module brings socket and pickle: loaded when the file is opened
    import logging.handlers

    path = log_file_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
        if os.name == "posix":
            os.chmod(path, 0o600)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    _file = path
    return handler


def _add_console(logger: logging.Logger) -> None:
    if not any(type(h) is logging.StreamHandler for h in _added):
        stream = logging.StreamHandler()
        stream.setLevel(logging.WARNING)
        stream.setFormatter(logging.Formatter("msgdesk: %(message)s"))
        logger.addHandler(stream)
        _added.append(stream)


class _LogFileWhenUsed(logging.Handler):
    """The log file, opened when the first record comes and used for every record after."""

    def __init__(self) -> None:
        super().__init__()
        self._opened = False
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if not self._opened:
            self._opened = True
            self._file = _open_log_file()
        if self._file is not None:
            self._file.handle(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def configure_logging_when_used(console: bool = False, level: int = logging.INFO) -> None:
    """``configure_logging`` for a command: the console's warnings at once, the log file when
    the first record comes.  Most commands (``list``, ``export``) log nothing, and finding the
    log folder and opening the rotating file cost them more than their reads; whatever is
    logged reaches the same file."""
    logger = logging.getLogger(LOGGER)
    logger.setLevel(level)
    if _file is None and not any(isinstance(h, _LogFileWhenUsed) for h in _added):
        waiting = _LogFileWhenUsed()
        logger.addHandler(waiting)
        _added.append(waiting)
    if console:
        _add_console(logger)


def reset_logging() -> None:
    """Remove what ``configure_logging`` added (tests)."""
    global _file
    logger = logging.getLogger(LOGGER)
    while _added:
        handler = _added.pop()
        logger.removeHandler(handler)
        handler.close()
    _file = None
