"""A one-line label that shortens its text with … to the width it is given.

A partnership's full name with the round ("North Ayrshire Health and Social Care
Partnership – round 2019 (Draft)") was cut off mid-word at 1280x720 and 150%, or widened
the window past the screen.  This label asks for no width of its own, draws as much as
fits ending in …, and carries the whole text in its tooltip while it is shortened, so
nothing is lost to a mouse.  ``text()`` stays the whole text (for code, tests and screen
readers); only the painting is shortened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # user text: never markup
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._own_tip = ""

    def setText(self, text: str) -> None:
        super().setText(text)
        self._update_tip()

    def setToolTip(self, tip: str) -> None:
        self._own_tip = tip
        self._update_tip()

    def shown_text(self) -> str:
        """The text as drawn at the label's present width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def is_elided(self) -> bool:
        return self.shown_text() != self.text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tip()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        align = self.alignment() | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self.contentsRect(), int(align), self.shown_text())

    def _update_tip(self) -> None:
        # the whole text only when it is shortened: an unshortened label keeps its own tip
        super().setToolTip(self.text() if self.is_elided() and not self._own_tip else self._own_tip)
