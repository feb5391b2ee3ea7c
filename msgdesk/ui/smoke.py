"""``MSGDESK_SMOKE_TEST=1``: start, open the first round, log it and quit with 0.

For the Windows smoke test (scripts/windows/smoke_test.sh), which runs the frozen
``msgdesk.exe`` under wine: a windowed program has no console to report to, so it proves
that it started and opened the round by a line in the log file (which must land in
%LOCALAPPDATA%), and by its exit code.  Without the variable this does nothing.
"""

from __future__ import annotations

import logging
import os

ENV_VAR = "MSGDESK_SMOKE_TEST"
log = logging.getLogger("msgdesk.smoke")


def schedule(app, window) -> None:
    """If the smoke test asked for it, open the first round once the event loop runs, then quit."""
    if os.environ.get(ENV_VAR) != "1":
        return
    # Qt's timer, only when the smoke test runs
    from PySide6.QtCore import QTimer

    def open_and_quit() -> None:
        summaries = window.workspace.rounds.list_rounds()
        if summaries:
            window.open_round(summaries[0].round.id)
        log.warning("smoke test: window %r opened %d round(s) of %d", window.windowTitle(),
                    1 if summaries else 0, len(summaries))
        app.exit(0 if summaries else 3)

    QTimer.singleShot(0, open_and_quit)
