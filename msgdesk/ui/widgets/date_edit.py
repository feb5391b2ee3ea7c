"""A date field that also takes a date typed the way people write it.

Qt's QDateEdit only understands typing that follows its sections exactly, so
"24/06/2021" or "24 June 2021" typed into a field showing "22 November 2026" is
refused.  This one selects its whole text on entry and reads what is typed with
``msgdesk.domain.dates.parse_date`` (day first, as in the UK); arrow keys and the
calendar still work as usual.  Text that is not a date leaves the date as it was,
and says so beside the field (never silently).  Tab and Shift+Tab leave the field, as
in every other field, rather than stepping between day, month and year (the arrow keys
and typing do that).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QPoint, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDateEdit, QToolTip, QWidget

from msgdesk.domain.dates import parse_date

if TYPE_CHECKING:  # made when a date is typed (dateTimeFromText)
    from PySide6.QtCore import QDateTime


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


#: The value of a field that has no date yet (shown as its special text).
NO_DATE = QDate(1900, 1, 1)


class DateEdit(QDateEdit):
    #: (what was typed, the date the field kept) when typed text was not a date
    textRejected = Signal(str, str)
    #: Enter was pressed (after the typed date was read)
    returnPressed = Signal()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setDisplayFormat("d MMMM yyyy")
        self.setCalendarPopup(True)
        self.hint = self.tr("Type a date such as 24/06/2021 or 24 June 2021, or use the arrow keys or the calendar")
        self.setToolTip(self.hint)
        #: the last explanation shown for typed text that was not a date ("" if none)
        self.rejection = ""

    def keyPressEvent(self, event):
        # the Qt namespace once the window is up (ui/widgets/qt_values.py)
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            if self.rejection:
                self._clear_rejection()
            QWidget.focusNextPrevChild(self, forward)  # leave the field, like any other
            event.accept()
            return
        if self.rejection:
            self._clear_rejection()
        typed = self.lineEdit().text()
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._check_kept(typed)
            self.returnPressed.emit()

    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)

    def allow_no_date(self, prompt: str) -> None:
        """Start with no date (showing ``prompt``) rather than a made-up one such as today."""
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText(prompt)
        self.setDate(NO_DATE)

    def has_date(self) -> bool:
        return self.date() != NO_DATE or not self.specialValueText()

    def focusInEvent(self, event):
        # the Qt namespace once the window is up (ui/widgets/qt_values.py)
        from PySide6.QtCore import Qt

        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            # typing replaces the whole date, as in any text field
            self.lineEdit().selectAll()

    def validate(self, text: str, pos: int):
        if self.specialValueText() and text == self.specialValueText():
            return QValidator.State.Acceptable, text, pos
        if parse_date(text) is not None:
            return QValidator.State.Acceptable, text, pos
        state, text, pos = super().validate(text, pos)
        if state == QValidator.State.Invalid:
            state = QValidator.State.Intermediate  # let the typing go on; fixed up on leaving
        return state, text, pos

    def dateTimeFromText(self, text: str) -> QDateTime:
        typed = parse_date(text)
        if typed is None:
            return super().dateTimeFromText(text)
        # when a date is typed: importing QDateTime makes PySide6 build its enums, not needed for the first frame
        from PySide6.QtCore import QDateTime

        return QDateTime(QDate(typed.year, typed.month, typed.day), self.time())

    def fixup(self, text: str) -> str:
        # not a date: show the date the field still holds (focusOutEvent says so)
        return self._shown()

    def _shown(self) -> str:
        if self.specialValueText() and self.date() == NO_DATE:
            return self.specialValueText()
        return self.textFromDateTime(self.dateTime())

    def focusOutEvent(self, event):
        typed = self.lineEdit().text()
        super().focusOutEvent(event)
        self._check_kept(typed)

    def _check_kept(self, typed: str) -> None:
        """Typed text that did not become the date is reported beside the field, never dropped silently."""
        kept = self._shown()
        if typed.strip() and typed != kept and parse_date(typed) is None and self.lineEdit().text() == kept:
            self._reject(typed, kept)

    def _reject(self, typed: str, kept: str) -> None:
        self.rejection = self.tr("“{typed}” is not a date, so the field still says {kept}.").format(
            typed=typed.strip(), kept=kept)
        self.setToolTip(f"{self.rejection}\n{self.hint}")
        self.setAccessibleDescription(self.rejection)
        self.setStyleSheet("DateEdit { border: 2px solid #a4262c; }")
        QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), self.rejection, self)
        self.textRejected.emit(typed, kept)

    def _clear_rejection(self) -> None:
        self.rejection = ""
        self.setToolTip(self.hint)
        self.setAccessibleDescription("")
        self.setStyleSheet("")
