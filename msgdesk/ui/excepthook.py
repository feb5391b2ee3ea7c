"""The global exception hook: log the traceback, tell the user, keep the data."""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QCoreApplication

from msgdesk.domain.errors import MsgdeskError
from msgdesk.logging_setup import configure_logging

log = logging.getLogger("msgdesk")


def setup_logging() -> None:
    """Log to msgdesk.log in the user's log folder (created here, at start-up, not on import)."""
    configure_logging()


def install_excepthook(window_getter) -> None:
    """``window_getter()`` returns the main window (or None); its edits are flushed first."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        configure_logging()  # the log file opens after the first paint: an earlier error opens it
        log.error("unexpected error\n%s", text)
        sys.stderr.write(text)
        window = window_getter()
        try:
            if window is not None:
                window.flush_edits()
        except Exception:  # the hook must never raise
            log.exception("could not flush edits after an error")

        # why: the message box's class (and its enums, with QDialog's) only when there is something to say
        from PySide6.QtWidgets import QMessageBox

        if isinstance(exc, MsgdeskError):
            QMessageBox.warning(window, "msgdesk", str(exc))
            return

        translate = QCoreApplication.translate
        box = QMessageBox(QMessageBox.Icon.Critical,
                          translate("ErrorHook", "msgdesk: something went wrong"),
                          translate(
                              "ErrorHook", "Something went wrong. Everything you entered so far is saved in the "
                                           "database.") + f"\n\n{exc_type.__name__}: {exc}",
                          QMessageBox.StandardButton.Ok, window)
        box.setDetailedText(text)
        box.exec()

    sys.excepthook = hook
