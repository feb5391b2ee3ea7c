"""The improvement actions of one proposal as a table model over the session.

The cells' text comes from Python (``data``, read from the session when asked); the table's
shape, its headings and which cells can be edited are held by the C++ ``QStandardItemModel``
underneath.  Qt asks for a heading (``headerData``, with a ``Qt.Orientation``) and a cell's
``flags`` (a ``Qt.ItemFlags``) while it paints the table, and PySide6 converts those values
into Python enums whenever the method is written in Python, building its whole ``Qt``
namespace before the window's first frame (issue 22, ui/widgets/qt_values.py).  Held in
C++ items, they never cross into Python; ``data`` does not build it (its role is an int)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel

from msgdesk.domain.dates import short_date
from msgdesk.domain.return_values import ActionData
from msgdesk.domain.timescales import interpret
from msgdesk.domain.vocabulary import TimescaleKind
from msgdesk.rounds.review import carried_from_round
from msgdesk.ui.i18n import QT_TRANSLATE_NOOP
from msgdesk.ui.session import RoundSession
from msgdesk.ui.widgets.qt_values import Role

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
# the row heading's colour for an action carried forward from an earlier round
CARRIED = QColor("#8a4500")


def _day(d: date) -> str:
    return short_date(d)


def _tr(text: str) -> str:
    return translate("ActionsModel", text)


def column_title(column: int) -> str:
    """The heading of ``column``, translated (also the name of its cell editor)."""
    return _tr(COLUMNS[column][1])


def due_text(data, completed_on) -> tuple[str, bool]:
    """What the Due column says, and whether it needs attention."""
    if data.due_date is not None:
        return translate("ActionsModel", "due {date} (set by hand)").format(date=_day(data.due_date)), False
    if not data.timescale.strip():
        return translate("ActionsModel", "no timescale"), True
    meaning = interpret(data.timescale, completed_on)
    return meaning.describe(), meaning.kind is TimescaleKind.UNRECOGNISED


class ActionsModel(QStandardItemModel):
    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.session: RoundSession | None = None
        self.proposal_id: str | None = None
        self._rows: list[tuple[int, ActionData]] = []
        #: "from {round}", translated by the page that shows the table
        self.carried_note = "from {round}"
        for column in range(len(COLUMNS)):
            # the whole heading in a tooltip: a narrow window (150%) shortens it with …
            heading = QStandardItem(column_title(column))
            heading.setToolTip(column_title(column))
            self.setHorizontalHeaderItem(column, heading)

    def set_proposal(self, session: RoundSession | None, proposal_id: str | None) -> None:
        self.beginResetModel()
        self.session, self.proposal_id = session, proposal_id
        self._rows = session.actions(proposal_id) if session and proposal_id else []
        # the items change inside the reset, which tells the views once (their own signals
        # would have the views lay out the table row by row before the reset)
        blocked = self.blockSignals(True)
        try:
            self._shape()
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    def _shape(self) -> None:
        """One item a cell, saying only whether it can be edited (its text is ``data``'s), and
        each row's heading; what a Python ``flags``/``headerData`` answered before."""
        self._take_items()
        self.setRowCount(len(self._rows))
        cell = QStandardItem()
        cell.setEditable(self.session is not None and not self.session.read_only)
        cell.setDragEnabled(False)  # enabled, selectable and perhaps editable: nothing else
        cell.setDropEnabled(False)
        for row in range(len(self._rows)):
            for column in range(len(COLUMNS)):
                self.setItem(row, column, cell.clone())
            self._head_row(row)

    def _take_items(self) -> None:
        """Take the cells' and rows' items back before Qt would delete them.

        An item given to the model keeps its Python wrapper, which PySide6 does not hear of
        when the model deletes the item (a row removed, a heading replaced): a widget made
        later at the same address was then handed to Python as that old item.  Taken back,
        each item is Python's again and goes with its wrapper."""
        for row in range(self.rowCount()):
            self.takeVerticalHeaderItem(row)
            for column in range(self.columnCount()):
                self.takeItem(row, column)

    def _head_row(self, row: int) -> None:
        # the row number is the action's number in the appendix; a carried-forward action
        # also shows where it came from, and every row's reference is in its tooltip
        origin = self.origin(row)
        reference = self._rows[row][1].reference
        heading = QStandardItem(f"{row + 1}\n{self.carried_note.format(round=origin)}" if origin else str(row + 1))
        text = translate("ActionsModel", "Action {n}, reference {ref}").format(n=row + 1, ref=reference or "—")
        if origin:
            text += "\n" + translate("ActionsModel", "Carried forward from round {round}").format(round=origin)
            heading.setData(CARRIED, Role.FOREGROUND)
        heading.setToolTip(text)
        heading.setData(text, Role.ACCESSIBLE_TEXT)
        shown = self.verticalHeaderItem(row)
        if shown is None or (shown.text(), shown.toolTip()) != (heading.text(), heading.toolTip()):
            self.takeVerticalHeaderItem(row)  # not left for Qt to delete (``_take_items``)
            self.setVerticalHeaderItem(row, heading)  # a new heading is measured again by the view

    def reset_rows(self) -> None:
        self.set_proposal(self.session, self.proposal_id)

    def action_changed(self, proposal_id: str, action_id: int) -> None:
        if proposal_id != self.proposal_id or self.session is None:
            return
        self._rows = self.session.actions(proposal_id)
        if len(self._rows) != self.rowCount():  # rows added or taken away come as a reset; to be sure
            self.reset_rows()
            return
        for row, (aid, _data) in enumerate(self._rows):
            if aid == action_id:
                self._head_row(row)
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

    # --- the model: rows, columns, headings and flags are the QStandardItemModel's ------
    def data(self, index, role=Role.DISPLAY):
        if not index.isValid() or self.session is None:  # rows come with a session
            return None
        _aid, action = self._rows[index.row()]
        field = COLUMNS[index.column()][0]
        if index.column() == DUE_COLUMN:
            text, warn = due_text(action, self.session.snap.completed_on)
            if role in (Role.DISPLAY, Role.ACCESSIBLE_TEXT):
                return text
            if role == Role.TOOL_TIP:
                if action.due_date is not None:
                    return text + "\n" + translate(
                        "ActionsModel", "Delete clears the date set by hand; the timescale then applies.")
                hint = translate("ActionsModel", "Set a due date: edit this cell (F2) to pick one.")
                return text + ("\n" + hint if warn else "")
            if role == Role.FOREGROUND and warn:
                return WARNING
            if role == Role.EDIT:
                # no date yet: the editor opens on the date of completion (the round's own
                # starting point), never on today, which would read as a real deadline
                due = action.due(self.session.snap.completed_on) or self.session.snap.completed_on or date.today()
                return QDate(due.year, due.month, due.day)
            return None
        if role in (Role.DISPLAY, Role.EDIT, Role.TOOL_TIP):
            return getattr(action, field)
        if role == Role.ACCESSIBLE_TEXT:
            empty = translate("ActionsModel", "empty")
            return f"{column_title(index.column())}: {getattr(action, field) or empty}"
        return None

    def setData(self, index, value, role=Role.EDIT):
        if role != Role.EDIT or not index.isValid() or self.session is None:
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
