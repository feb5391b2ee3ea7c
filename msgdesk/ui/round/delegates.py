"""Cell editors for the actions table: text cells save while typing (debounced),
the long ones (action, how we will deliver) wrap as they are typed, and the Due
cell opens a date picker.  Enter finishes a cell, Shift+Enter starts a new line
in a long one, Tab moves on to the next cell."""

from __future__ import annotations

# The editors' classes through their module (QtWidgets.QLineEdit, QtWidgets.QDateEdit), not
# imported by name: PySide6 builds each with its enums (a date edit: QDateTimeEdit,
# QAbstractSpinBox, QLineEdit, QValidator...) on first use, and the delegate is made with the
# first page, before the window's first frame; its editors open later (issue 22).
from PySide6 import QtWidgets
from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import QAbstractItemDelegate, QPlainTextEdit, QStyledItemDelegate, QWidget

from msgdesk.ui.round.actions_model import DUE_COLUMN, TIMESCALE_COLUMN, column_title
from msgdesk.ui.widgets.debounce import Debouncer
from msgdesk.ui.widgets.qt_values import Role

#: Columns whose text is long enough to need wrapping while it is edited.
LONG_TEXT_COLUMNS = (0, 1)


class ActionDelegate(QStyledItemDelegate):
    #: the timescale being typed, before it is saved (for the live interpretation)
    timescaleTyped = Signal(str)

    def createEditor(self, parent, option, index):
        if index.column() == DUE_COLUMN:
            # why: the date edit's module and classes load as the first Due cell is edited
            from msgdesk.ui.widgets.date_edit import DateEdit

            date_editor = DateEdit(parent)
            date_editor.setCalendarPopup(True)
            date_editor.setDisplayFormat("d MMM yyyy")
            date_editor.setAccessibleName(self.tr("Due date set by hand"))
            return date_editor

        def commit(edited: QWidget) -> None:  # typing is saved in bursts, while the editor is open
            if edited.isVisible():
                self.commitData.emit(edited)

        name = column_title(index.column())
        if index.column() in LONG_TEXT_COLUMNS:
            text_editor = QPlainTextEdit(parent)
            text_editor.setTabChangesFocus(True)
            text_editor.setAccessibleName(name)
            text_editor.setAccessibleDescription(self.tr("Enter finishes; Shift+Enter starts a new line"))
            # the spelling checker loads with the first text box, off the first paint
            from msgdesk.ui.widgets import spelling

            spelling.install(text_editor)
            text_saver = Debouncer(lambda: commit(text_editor), text_editor)

            def typed() -> None:
                if text_editor.hasFocus():
                    text_saver.poke()

            text_editor.textChanged.connect(typed)
            return text_editor
        editor = QtWidgets.QLineEdit(parent)
        editor.setAccessibleName(name)
        saver = Debouncer(lambda: commit(editor), editor)
        editor.textEdited.connect(lambda _text: saver.poke())
        if index.column() == TIMESCALE_COLUMN:
            editor.textEdited.connect(self.timescaleTyped)
        return editor

    def setEditorData(self, editor, index):
        value = index.data()
        if isinstance(editor, QtWidgets.QDateEdit):
            initial = index.data(Role.EDIT)
            editor.setDate(initial if isinstance(initial, QDate) else QDate.currentDate())
            editor.setProperty("initialDate", editor.date())
            return
        text = "" if value is None else str(value)
        if isinstance(editor, QPlainTextEdit):
            if editor.toPlainText() != text:  # saving while typing must not move the cursor
                editor.setPlainText(text)
                editor.moveCursor(editor.textCursor().MoveOperation.End)
            return
        if editor.text() != text:  # saving while typing must not move the cursor
            editor.setText(text)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QtWidgets.QDateEdit):
            if editor.date() != editor.property("initialDate"):
                model.setData(index, editor.date())
            return
        text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
        if text != (index.data(Role.EDIT) or ""):
            model.setData(index, text)

    def updateEditorGeometry(self, editor, option, index):
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            # at least three lines, so a long action can be read while it is edited
            rect = rect.adjusted(0, 0, 0, max(0, editor.fontMetrics().lineSpacing() * 4 - rect.height()))
        editor.setGeometry(rect)

    def eventFilter(self, editor, event):
        # Qt gives Tab and Enter to text-edit editors; make the wrapping editor
        # behave like the one-line ones: Enter finishes the cell, Tab / Shift+Tab
        # move to the next / previous cell, Shift+Enter is a new line.
        if isinstance(editor, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
            # the Qt namespace once the window is up (ui/widgets/qt_values.py)
            from PySide6.QtCore import Qt

            hint = None
            if event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                hint = QAbstractItemDelegate.EndEditHint.EditNextItem
            elif event.key() == Qt.Key.Key_Backtab or (
                event.key() == Qt.Key.Key_Tab and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                hint = QAbstractItemDelegate.EndEditHint.EditPreviousItem
            elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                hint = QAbstractItemDelegate.EndEditHint.NoHint
            if hint is not None:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, hint)
                return True
        return super().eventFilter(editor, event)
