"""Cell editors for the actions table: text cells save while typing (debounced),
the Due cell opens a date picker."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QLineEdit, QStyledItemDelegate

from msgdesk.ui.actions_model import DUE_COLUMN, TIMESCALE_COLUMN
from msgdesk.ui.debounce import Debouncer


class ActionDelegate(QStyledItemDelegate):
    #: the timescale being typed, before it is saved (for the live interpretation)
    timescaleTyped = Signal(str)

    def createEditor(self, parent, option, index):
        if index.column() == DUE_COLUMN:
            editor = QDateEdit(parent)
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("d MMM yyyy")
            editor.setAccessibleName("Due date set by hand")
            return editor
        editor = QLineEdit(parent)
        editor.setAccessibleName(str(index.model().headerData(index.column(), 1)))
        saver = Debouncer(lambda: editor.isVisible() and self.commitData.emit(editor), editor)
        editor.textEdited.connect(lambda _text: saver.poke())
        if index.column() == TIMESCALE_COLUMN:
            editor.textEdited.connect(self.timescaleTyped)
        return editor

    def setEditorData(self, editor, index):
        value = index.data()
        if isinstance(editor, QDateEdit):
            initial = index.data(2)  # EditRole
            editor.setDate(initial if isinstance(initial, QDate) else QDate.currentDate())
            editor.setProperty("initialDate", editor.date())
            return
        text = "" if value is None else str(value)
        if editor.text() != text:  # saving while typing must not move the cursor
            editor.setText(text)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QDateEdit):
            if editor.date() != editor.property("initialDate"):
                model.setData(index, editor.date())
            return
        if editor.text() != (index.data(2) or ""):
            model.setData(index, editor.text())
