"""Small dialogs: recording the IJB's approval."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from msgdesk.ui.forms.ui_approval_dialog import Ui_ApprovalDialog


class ApprovalDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.ui = Ui_ApprovalDialog()
        self.ui.setupUi(self)
        # no default: today is rarely the meeting's date, and a wrong date would be the record
        edit = self.ui.meetingDateEdit
        edit.allow_no_date(self.tr("Type the meeting's date, e.g. 24/06/2021"))
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        edit.dateChanged.connect(lambda _d: self._allow_ok())
        self.ui.minuteEdit.textChanged.connect(lambda _t: self._allow_ok())

    def _allow_ok(self) -> None:
        ready = self.ui.meetingDateEdit.has_date() and bool(self.ui.minuteEdit.text().strip())
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def values(self) -> tuple[date, str]:
        d = self.ui.meetingDateEdit.date()
        return date(d.year(), d.month(), d.day()), self.ui.minuteEdit.text().strip()


def ask_approval(parent) -> tuple[date, str] | None:
    """The meeting date and minute reference, or None if cancelled."""
    dialog = ApprovalDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.values()
