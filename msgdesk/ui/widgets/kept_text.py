"""A word-wrapped plain-text label that keeps its laid-out text from one paint to the next.

A QLabel showing plain text lays its text out again on every paint (QPainter.drawText: the
words shaped and broken into lines each time).  A rating card's descriptor is up to 85 words;
every page turn paints the four of the new page, and in a callgrind count of 48 turns (issue
22, session 26) the labels' painting was a fifth of a turn, most of it that shaping.  This
label draws the same text from a QStaticText made once per text, width and font, and is a
QLabel in everything else: its size and height for a width, its accessible name and
description, its text() and its place in the tab chain are QLabel's own.

The painting is the same, pixel for pixel (tests/test_ui_kept_text.py holds it against
QLabel's over widths, texts and scales).  Where it could differ it is left to QLabel: rich
text, selectable or linked text, a frame, an indent or margin, elided or unwrapped text,
text not held at the top, and text written right to left.

Until ``keep_laid_out_text`` is called the label paints as QLabel does: the first frame
then needs nothing more (the painter's classes and their enums wait until after it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:  # the class itself is imported at the first kept paint
    from PySide6.QtGui import QStaticText

#: whether labels keep their laid-out text yet (set once, after the window's first frame)
_keeping = False

#: the blocks of letters written right to left (Hebrew to NKo and beyond, their presentation
#: forms, and the historic scripts above 0x10800): a text with any of them is painted by QLabel
#: (a range check, not unicodedata: that module's file would be opened before the first frame)
_RIGHT_TO_LEFT_BLOCKS = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF), (0x10800, 0x10FFF),
                         (0x1E800, 0x1EFFF))


def keep_laid_out_text() -> None:
    """From now on, KeptTextLabels paint from their kept layout (called after the first frame)."""
    global _keeping
    _keeping = True


def _right_to_left(text: str) -> bool:
    if text.isascii():
        return False
    return any(low <= ord(c) <= high for c in text for low, high in _RIGHT_TO_LEFT_BLOCKS)


class KeptTextLabel(QLabel):
    """A QLabel for word-wrapped plain text that does not lay the text out on every paint."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        #: the text as set, and whether it has letters written right to left (read once per text)
        self._text = ""
        self._right_to_left = False
        self._kept: QStaticText | None = None  # made at the first kept paint
        self._kept_for: tuple | None = None  # (width, font) it was laid out for

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text, self._right_to_left, self._kept = text, _right_to_left(text), None
        super().setText(text)

    def _painted_as_qlabel(self) -> bool:
        """True where QLabel's own painting is kept (see the module's docstring)."""
        return bool(not _keeping or self._right_to_left or self._text != self.text()
                    or self.textFormat() != Qt.TextFormat.PlainText or not self.wordWrap()
                    or self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
                    or self.frameWidth() or self.margin() or self.indent() > 0
                    or not self.alignment() & Qt.AlignmentFlag.AlignTop)

    def paintEvent(self, event) -> None:
        if self._painted_as_qlabel():
            super().paintEvent(event)
            return
        # the painter's classes, first needed here: imported after the first frame
        from PySide6.QtGui import QPainter, QPen, QStaticText, QTextOption

        if not self._text:
            return
        rect = self.contentsRect()
        font = self.font()
        kept = self._kept
        if kept is None or self._kept_for != (rect.width(), font):
            # a new line breaks the line, as QPainter.drawText does for QLabel (not a new paragraph)
            kept = QStaticText(self._text.replace("\n", "\u2028"))
            kept.setTextFormat(Qt.TextFormat.PlainText)
            kept.setTextWidth(rect.width())
            # QLabel's own choices for plain text: its alignment, read left to right (text with
            # right-to-left letters is painted by QLabel), lines broken at words
            option = QTextOption(self.alignment())
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            option.setTextDirection(Qt.LayoutDirection.LeftToRight)
            kept.setTextOption(option)
            self._kept, self._kept_for = kept, (rect.width(), font)
        painter = QPainter(self)
        painter.setFont(font)
        # the colour QLabel's style gives its text: the palette's, for the widget's state
        painter.setPen(QPen(self.palette().brush(self.foregroundRole()), 1))
        painter.drawStaticText(rect.left(), rect.top(), kept)
        painter.end()
