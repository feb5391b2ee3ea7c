"""Save typing after a pause, but never hold unsaved text for longer than a limit.

A pause of ``delay_ms`` after the last keystroke saves; so does ``max_wait_ms``
after the first unsaved keystroke, so steady typing is still saved about every
0.9 s and a crash loses at most the last second.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, QTimer

TYPING_DELAY_MS = 700
MAX_UNSAVED_MS = 900


class Debouncer(QObject):
    def __init__(self, callback, parent=None, delay_ms: int = TYPING_DELAY_MS, max_wait_ms: int = MAX_UNSAVED_MS):
        super().__init__(parent)
        self.delay_ms, self.max_wait_ms = delay_ms, max_wait_ms
        self._callback = callback
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)
        self._since = QElapsedTimer()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def poke(self) -> None:
        """A keystroke: (re)start the pause, within the limit."""
        if not self._timer.isActive():
            self._since.start()
        remaining = self.max_wait_ms - self._since.elapsed()
        self._timer.start(max(0, min(self.delay_ms, remaining)))

    def stop(self) -> None:
        self._timer.stop()

    def _fire(self) -> None:
        self._callback()
