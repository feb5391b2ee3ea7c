"""A read-only text of a few lines that scrolls, rather than grows, when it is longer.

The Tracker's side panel showed the chosen action's text in a label as tall as the text:
a long action (eight lines and more in the North Ayrshire return) pushed "Record update"
below the panel's visible part at 1280x720.  This box is as tall as its text up to
``max_lines`` lines, and scrolls inside beyond that, so what follows stays in place.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QResizeEvent, QTextCursor
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QSizePolicy, QWidget


class ShortText(QPlainTextEdit):
    def __init__(self, max_lines: int = 6, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_lines = max_lines
        self.setReadOnly(True)
        self.setTabChangesFocus(True)  # Tab moves on, as past a label
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)  # reads as the panel's text, not an input box
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit()

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)
        self._fit()
        # from its first line: a new text must not open scrolled to where the last one was read
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()

    def _fit(self) -> None:
        margin = int(self.document().documentMargin())
        width = max(1, self.viewport().width() - 2 * margin)
        metrics = self.fontMetrics()
        text = self.toPlainText()
        needed = metrics.boundingRect(QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text).height() \
            if text else 0
        most = self.max_lines * metrics.lineSpacing()
        self.setFixedHeight(min(needed, most) + 2 * margin + 2 * self.frameWidth() + (2 if text else 0))
