"""Small dialogs: recording the IJB's approval."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog

from msgdesk.ui.forms.ui_approval_dialog import Ui_ApprovalDialog


class ApprovalDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.ui = Ui_ApprovalDialog()
        self.ui.setupUi(self)
        self.ui.meetingDateEdit.setDate(QDate.currentDate())

    def values(self) -> tuple[date, str]:
        d = self.ui.meetingDateEdit.date()
        return date(d.year(), d.month(), d.day()), self.ui.minuteEdit.text().strip()


def ask_approval(parent) -> tuple[date, str] | None:
    """The meeting date and minute reference, or None if cancelled."""
    dialog = ApprovalDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.values()
