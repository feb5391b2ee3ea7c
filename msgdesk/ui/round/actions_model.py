"""The improvement actions of one proposal as a table model over the session."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QDate, QModelIndex, Qt
from PySide6.QtGui import QColor

from msgdesk.domain.dates import short_date
from msgdesk.domain.return_values import ActionData
from msgdesk.domain.timescales import interpret
from msgdesk.domain.vocabulary import TimescaleKind
from msgdesk.rounds.review import carried_from_round
from msgdesk.ui.i18n import QT_TRANSLATE_NOOP
from msgdesk.ui.session import RoundSession

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

COLUMNS = (
    ("action", QT_TRANSLATE_NOOP("ActionsModel", "Improvement action")),
    ("delivery", QT_TRANSLATE_NOOP("ActionsModel", "Comment / how we will deliver")),
    ("timescale", QT_TRANSLATE_NOOP("ActionsModel", "Timescale for delivery")),
    ("lead", QT_TRANSLATE_NOOP("ActionsModel", "Lead")),
    ("due_date", QT_TRANSLATE_NOOP("ActionsModel", "Due")),
)
DUE_COLUMN = 4
TIMESCALE_COLUMN = 2
WARNING = QColor("#a4262c")


def _day(d: date) -> str:
    return short_date(d)


def _tr(text: str) -> str:
    return translate("ActionsModel", text)


def due_text(data, completed_on) -> tuple[str, bool]:
    """What the Due column says, and whether it needs attention."""
    if data.due_date is not None:
        return translate("ActionsModel", "due {date} (set by hand)").format(date=_day(data.due_date)), False
    if not data.timescale.strip():
        return translate("ActionsModel", "no timescale"), True
    meaning = interpret(data.timescale, completed_on)
    return meaning.describe(), meaning.kind is TimescaleKind.UNRECOGNISED


class ActionsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: RoundSession | None = None
        self.proposal_id: str | None = None
        self._rows: list[tuple[int, ActionData]] = []
        #: "from {round}", translated by the page that shows the table
        self.carried_note = "from {round}"

    def set_proposal(self, session: RoundSession | None, proposal_id: str | None) -> None:
        self.beginResetModel()
        self.session, self.proposal_id = session, proposal_id
        self._rows = session.actions(proposal_id) if session and proposal_id else []
        self.endResetModel()

    def reset_rows(self) -> None:
        self.set_proposal(self.session, self.proposal_id)

    def action_changed(self, proposal_id: str, action_id: int) -> None:
        if proposal_id != self.proposal_id or self.session is None:
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

    def due_set_by_hand(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and self._rows[row][1].due_date is not None

    def origin(self, row: int) -> str | None:
        """The round action ``row`` was carried forward from, if it was."""
        if self.session is None or self.proposal_id is None or not 0 <= row < len(self._rows):
            return None
        return carried_from_round(self._rows[row][1].reference, self.proposal_id, self.session.snap.label)

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
        if orientation == Qt.Orientation.Horizontal:
            # the whole heading in a tooltip: a narrow window (150%) shortens it with …
            wanted = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
            return _tr(COLUMNS[section][1]) if role in wanted else None
        # the row number is the action's number in the appendix; a carried-forward action
        # also shows where it came from, and every row's reference is in its tooltip
        if not 0 <= section < len(self._rows):
            return None
        origin = self.origin(section)
        reference = self._rows[section][1].reference
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{section + 1}\n{self.carried_note.format(round=origin)}" if origin else str(section + 1)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = translate("ActionsModel", "Action {n}, reference {ref}").format(n=section + 1, ref=reference or "—")
            if origin:
                text += "\n" + translate("ActionsModel", "Carried forward from round {round}").format(round=origin)
            return text
        if role == Qt.ItemDataRole.ForegroundRole and origin:
            return QColor("#8a4500")
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.session is None or self.session.read_only:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.session is None:  # rows come with a session
            return None
        _aid, action = self._rows[index.row()]
        field = COLUMNS[index.column()][0]
        if index.column() == DUE_COLUMN:
            text, warn = due_text(action, self.session.snap.completed_on)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return text
            if role == Qt.ItemDataRole.ToolTipRole:
                if action.due_date is not None:
                    return text + "\n" + translate(
                        "ActionsModel", "Delete clears the date set by hand; the timescale then applies.")
                hint = translate("ActionsModel", "Set a due date: edit this cell (F2) to pick one.")
                return text + ("\n" + hint if warn else "")
            if role == Qt.ItemDataRole.ForegroundRole and warn:
                return WARNING
            if role == Qt.ItemDataRole.EditRole:
                # no date yet: the editor opens on the date of completion (the round's own
                # starting point), never on today, which would read as a real deadline
                due = action.due(self.session.snap.completed_on) or self.session.snap.completed_on or date.today()
                return QDate(due.year, due.month, due.day)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return getattr(action, field)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            empty = translate("ActionsModel", "empty")
            return f"{_tr(COLUMNS[index.column()][1])}: {getattr(action, field) or empty}"
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
