"""A date field that also takes a date typed the way people write it.

Qt's QDateEdit only understands typing that follows its sections exactly, so
"24/06/2021" or "24 June 2021" typed into a field showing "22 November 2026" is
refused.  This one selects its whole text on entry and reads what is typed with
``msgdesk.timescales.parse_date`` (day first, as in the UK); arrow keys and the
calendar still work as usual.  Text that is not a date leaves the date as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDateEdit

from msgdesk.timescales import parse_date


class DateEdit(QDateEdit):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setDisplayFormat("d MMMM yyyy")
        self.setCalendarPopup(True)
        self.setToolTip("Type a date such as 24/06/2021 or 24 June 2021, or use the arrow keys or the calendar")

    def focusInEvent(self, event):
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            # typing replaces the whole date, as in any text field
            self.lineEdit().selectAll()

    def validate(self, text: str, pos: int):
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
        return QDateTime(QDate(typed.year, typed.month, typed.day), self.time())

    def fixup(self, text: str) -> str:
        # not a date: show the date the field still holds
        return self.textFromDateTime(self.dateTime())
