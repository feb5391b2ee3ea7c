"""The improvement actions of one proposal as a table model over the session."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt
from PySide6.QtGui import QColor

from msgdesk.timescales import interpret

COLUMNS = (
    ("action", "Improvement action"),
    ("delivery", "Comment / how we will deliver"),
    ("timescale", "Timescale for delivery"),
    ("lead", "Lead"),
    ("due_date", "Due"),
)
DUE_COLUMN = 4
TIMESCALE_COLUMN = 2
WARNING = QColor("#a4262c")


def _day(d: date) -> str:
    return f"{d.day} {d.strftime('%b %Y')}"


def due_text(data, completed_on) -> tuple[str, bool]:
    """What the Due column says, and whether it needs attention."""
    if data.due_date is not None:
        return f"due {_day(data.due_date)} (set by hand)", False
    if not data.timescale.strip():
        return "no timescale", True
    meaning = interpret(data.timescale, completed_on)
    return meaning.describe(), meaning.kind == "unrecognised"


class ActionsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self.proposal_id = None
        self._rows = []

    def set_proposal(self, session, proposal_id) -> None:
        self.beginResetModel()
        self.session, self.proposal_id = session, proposal_id
        self._rows = session.actions(proposal_id) if session and proposal_id else []
        self.endResetModel()

    def reset_rows(self) -> None:
        self.set_proposal(self.session, self.proposal_id)

    def action_changed(self, proposal_id: str, action_id: int) -> None:
        if proposal_id != self.proposal_id:
            return
        self._rows = self.session.actions(proposal_id)
        for row, (aid, _data) in enumerate(self._rows):
            if aid == action_id:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def action_id(self, row: int) -> int | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def clear_due_date(self, row: int) -> bool:
        """Forget a due date set by hand, so the timescale's reading applies again."""
        if self.session is None or self.session.read_only or not 0 <= row < len(self._rows):
            return False
        aid, action = self._rows[row]
        if action.due_date is None:
            return False
        self.session.set_action_field(aid, "due_date", None)
        return True

    def row_of(self, action_id: int) -> int:
        for row, (aid, _data) in enumerate(self._rows):
            if aid == action_id:
                return row
        return -1

    # --- the model ---------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return str(section + 1)

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.session is None or self.session.read_only:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        _aid, action = self._rows[index.row()]
        field = COLUMNS[index.column()][0]
        if index.column() == DUE_COLUMN:
            text, warn = due_text(action, self.session.snap.completed_on)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return text
            if role == Qt.ItemDataRole.ToolTipRole:
                if action.due_date is not None:
                    return text + "\nDelete clears the date set by hand; the timescale then applies."
                return text + ("\nSet a due date: edit this cell (F2) to pick one." if warn else "")
            if role == Qt.ItemDataRole.ForegroundRole and warn:
                return WARNING
            if role == Qt.ItemDataRole.EditRole:
                due = action.due(self.session.snap.completed_on) or date.today()
                return QDate(due.year, due.month, due.day)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return getattr(action, field)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{COLUMNS[index.column()][1]}: {getattr(action, field) or 'empty'}"
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.session is None:
            return False
        aid, _action = self._rows[index.row()]
        field = COLUMNS[index.column()][0]
        if field == "due_date":
            if isinstance(value, QDate):
                value = date(value.year(), value.month(), value.day())
        else:
            value = str(value)
        self.session.set_action_field(aid, field, value)
        return True
