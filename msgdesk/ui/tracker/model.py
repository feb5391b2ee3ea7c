"""The tracker table: a model of action rows and a filtering proxy.

Built for thousands of rows without per-row widgets: the model keeps the rows
as plain ``TrackerRow`` values with their display strings worked out once, and
the proxy decides which rows pass the filters in one pass over the rows (a set
of action ids), so ``filterAcceptsRow`` is a set lookup.  Sorting is done by the
model with precomputed keys (Python's sort, stable), because
``QSortFilterProxyModel``'s own sort would call back into Python for every
comparison; the proxy's ``sort()`` forwards there, so clicking a header works as
usual and the proxy keeps the model's order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QPixmap

from msgdesk.domain.dates import short_date
from msgdesk.tracker.rag import (
    CLOSED_STATUSES,
    RAG_COLOURS,
    RAG_ORDER,
    STATUS_ORDER,
    Rag,
    status_label,
)
from msgdesk.tracker.rows import TrackerRow
from msgdesk.ui.i18n import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

#: (key, header) of every column, in order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("reference", QT_TRANSLATE_NOOP("TrackerTableModel", "Reference")),
    # the action's number under its proposal in the appendix ("1.1 / 3" is row 3 of 1.1)
    ("number", QT_TRANSLATE_NOOP("TrackerTableModel", "No.")),
    ("round", QT_TRANSLATE_NOOP("TrackerTableModel", "Round")),
    ("proposal", QT_TRANSLATE_NOOP("TrackerTableModel", "Proposal")),
    ("rag", QT_TRANSLATE_NOOP("TrackerTableModel", "RAG")),  # up front: what the committee looks at first
    ("status", QT_TRANSLATE_NOOP("TrackerTableModel", "Status")),
    ("due", QT_TRANSLATE_NOOP("TrackerTableModel", "Due date")),
    # the lead before the long action text: at 1280x720 the action's width pushed the lead
    # out of the table's view (the action is shortened with …, in full in its tooltip)
    ("lead", QT_TRANSLATE_NOOP("TrackerTableModel", "Lead")),
    ("action", QT_TRANSLATE_NOOP("TrackerTableModel", "Action")),
    ("timescale", QT_TRANSLATE_NOOP("TrackerTableModel", "Timescale")),
    ("update", QT_TRANSLATE_NOOP("TrackerTableModel", "Last update")),
    ("links", QT_TRANSLATE_NOOP("TrackerTableModel", "Carried")),
)
COLUMN = {key: index for index, (key, _title) in enumerate(COLUMNS)}

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the TrackerRow
RAG_ROLE = Qt.ItemDataRole.UserRole + 2  # the Rag
ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 3

#: Pseudo-status for the status filter: every status that is not closed.
OPEN = "open"
#: Lead filter value for actions without a lead.
NO_LEAD = "\x00none"


def _short(value: date | None) -> str:
    return short_date(value)  # "5 May 2021", as the reports print it


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _tr(text: str) -> str:
    return translate("TrackerTableModel", text)


def _display(row: TrackerRow, rag: Rag, number: int = 0) -> tuple[str, ...]:
    update = row.last_update
    if update is not None:
        last = f"{_short(update.on_date)}: {_one_line(update.describe(), 80)}"
    else:
        last = ""
    links = []
    if row.carried_from is not None:
        links.append(translate("TrackerTableModel", "from {round}").format(round=row.carried_from.round_label))
    links.extend(translate("TrackerTableModel", "to {round}").format(round=link.round_label) for link in row.carried_to)
    if row.due_date is not None:
        due = _short(row.due_date) + (translate("TrackerTableModel", " (set)") if row.due_set_by_hand else "")
    else:
        due = translate("TrackerTableModel", "needs a date") if rag.needs_date else ""
    cells = {
        "reference": row.reference,
        "number": str(number) if number else "",
        "round": row.round_label,
        "proposal": row.proposal_id,
        "action": _one_line(row.text),
        "lead": row.lead,
        "timescale": row.timescale,
        "due": due,
        "status": status_label(row.status),
        "rag": rag.label,
        "update": last,
        "links": ", ".join(links),
    }
    return tuple(cells[key] for key, _title in COLUMNS)


def _search_text(row: TrackerRow) -> str:
    update = row.last_update.describe() if row.last_update else ""
    return "\n".join((row.reference, row.proposal_id, row.text, row.delivery, row.lead, row.timescale,
                      update)).casefold()


#: Sort key of each column: (empty, value); rows with an empty value sort last
#: in both directions.
SORT_KEYS = {
    "reference": lambda r, g: (False, (r.round_label, r.order, r.reference)),
    "number": lambda r, g: (False, (r.round_label, r.order)),
    "round": lambda r, g: (False, (r.round_label, r.order)),
    "proposal": lambda r, g: (False, r.order),
    "action": lambda r, g: (not r.text, r.text.casefold()),
    "lead": lambda r, g: (not r.lead, r.lead.casefold()),
    "timescale": lambda r, g: (not r.timescale, r.timescale.casefold()),
    "due": lambda r, g: (r.due_date is None, r.due_date or date.max),
    "status": lambda r, g: (False, STATUS_ORDER.get(r.status, 99)),
    "rag": lambda r, g: (False, (RAG_ORDER.get(g.rag, 99), g.days_left if g.days_left is not None else 10**6)),
    "update": lambda r, g: (r.last_update is None, r.last_update.on_date if r.last_update else date.min),
    "links": lambda r, g: (not (r.carried_from or r.carried_to), (r.round_label, r.order)),
}


class TrackerTableModel(QAbstractTableModel):
    """Read-only table of ``TrackerRow`` values; "today" is injectable."""

    def __init__(self, parent=None, today: date | None = None):
        super().__init__(parent)
        self._today = today or date.today()
        self._rows: list[TrackerRow] = []
        self._rags: dict[int, Rag] = {}
        self._display: dict[int, tuple[str, ...]] = {}
        self._numbers: dict[int, int] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._swatches: dict[str, QPixmap] = {}
        #: Changes whenever the rows or their RAG change (the proxy recomputes then).
        self.generation = 0
        #: Action ids in row order (read by the proxy's filterAcceptsRow).
        self.ids: list[int] = []
        #: Lower-cased text the free-text filter searches, by action id.
        self.search_text: dict[int, str] = {}

    # --- content ------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self._today

    def set_today(self, today: date) -> None:
        self._today = today
        self.set_rows(self._rows)

    def set_rows(self, rows: list[TrackerRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        today = self._today
        self._rags = {r.action_id: r.rag(today) for r in self._rows}
        self._numbers = _appendix_numbers(self._rows)
        self._display = {r.action_id: _display(r, self._rags[r.action_id], self._numbers[r.action_id])
                         for r in self._rows}
        self.search_text = {r.action_id: _search_text(r) for r in self._rows}
        self.generation += 1
        self.ids = [r.action_id for r in self._rows]
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def rows(self) -> list[TrackerRow]:
        """The rows in the model's current order."""
        return list(self._rows)

    def row_at(self, source_row: int) -> TrackerRow:
        return self._rows[source_row]

    def rag_of(self, row: TrackerRow) -> Rag:
        return self._rags[row.action_id]

    def appendix_number(self, row: TrackerRow) -> int:
        """The action's row number under its proposal in the round's appendix (1, 2, …)."""
        return self._numbers.get(row.action_id, 0)

    def index_of_action(self, action_id: int, column: int = 0) -> QModelIndex:
        for number, row in enumerate(self._rows):
            if row.action_id == action_id:
                return self.index(number, column)
        return QModelIndex()

    # --- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section][1])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and COLUMNS[section][0] == "number":
            return translate("TrackerTableModel", "The action's number under its proposal in the committee appendix")
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[row.action_id][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COLUMN["rag"]:
            return self._swatch(self._rags[row.action_id].rag)
        if role == Qt.ItemDataRole.ForegroundRole and column == COLUMN["due"]:
            rag = self._rags[row.action_id]
            if rag.overdue:
                return QColor(RAG_COLOURS["red"])
            return None
        if role == ROW_ROLE:
            return row
        if role == RAG_ROLE:
            return self._rags[row.action_id]
        if role == ACTION_ID_ROLE:
            return row.action_id
        return None

    def _tooltip(self, row: TrackerRow, column: int) -> str | None:
        key = COLUMNS[column][0]
        if key == "action":
            return row.text
        if key == "update" and row.last_update is not None:
            update = row.last_update
            by = f" ({update.author})" if update.author else ""
            return f"{short_date(update.on_date)}{by}: {update.describe()}"
        if key == "rag":
            rag = self._rags[row.action_id]
            if rag.overdue:
                return translate("TrackerTableModel", "Overdue by {n} days").format(n=-(rag.days_left or 0))
            if rag.days_left is not None and row.status not in CLOSED_STATUSES:
                return translate("TrackerTableModel", "Due in {n} days").format(n=rag.days_left)
        if key == "due" and row.due_date is not None:
            if row.due_set_by_hand:
                return translate("TrackerTableModel", "Due date set by hand")
            return translate("TrackerTableModel", "Due date read from the timescale")
        if key in ("reference", "number"):
            return translate("TrackerTableModel",
                             "{ref}: proposal {proposal}, action {n} in the appendix of round {round}").format(
                ref=row.reference, proposal=row.proposal_id, n=self._numbers.get(row.action_id, 0),
                round=row.round_label)
        return None

    def _swatch(self, rag: str) -> QPixmap:
        pixmap = self._swatches.get(rag)
        if pixmap is None:
            pixmap = QPixmap(12, 12)
            pixmap.fill(QColor(RAG_COLOURS.get(rag, "#888888")))
            self._swatches[rag] = pixmap
        return pixmap

    # --- sorting (precomputed keys; see the module docstring) -----------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].action_id if i.row() < len(self._rows) else None for i in persistent]
        self._sort_rows(column, order)
        self._sort = (column, order)
        position = {row.action_id: number for number, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent,
            [self.index(position[i], p.column()) if i in position else QModelIndex() for i, p in zip(ids, persistent,
                                                                                                     strict=False)],
        )
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        key = SORT_KEYS[COLUMNS[column][0]]
        rags = self._rags
        keyed = [(key(r, rags[r.action_id]), r) for r in self._rows]
        keyed.sort(key=lambda pair: pair[0][1], reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [r for k, r in keyed if not k[0]] + [r for k, r in keyed if k[0]]
        self.ids = [r.action_id for r in self._rows]


def _appendix_numbers(rows: list[TrackerRow]) -> dict[int, int]:
    """Number each action as the appendix does: 1, 2, … under its proposal, in its round."""
    numbers: dict[int, int] = {}
    groups: dict[tuple[int, str], list[TrackerRow]] = {}
    for row in rows:
        groups.setdefault((row.round_id, row.proposal_id), []).append(row)
    for group in groups.values():
        for number, row in enumerate(sorted(group, key=lambda r: r.order), 1):
            numbers[row.action_id] = number
    return numbers


@dataclass
class Filters:
    """What the tracker shows; ``None`` / empty means "any"."""

    status: str | None = None  # a status, or OPEN
    rag: str | None = None
    overdue: bool = False
    due_within: int | None = None  # days from today, today included
    key_feature: int | None = None
    lead: str | None = None  # a lead, or NO_LEAD
    text: str = ""
    rounds: set[int] = field(default_factory=set)  # empty: every round in the model

    def is_empty(self) -> bool:
        return self == Filters()


class TrackerFilterProxy(QSortFilterProxyModel):
    """Filters by status, RAG, overdue, due within N days, key feature, lead and
    free text (every word must appear in reference, proposal, action, delivery,
    lead, timescale or latest update)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filters = Filters()
        self._accepted: set[int] | None = None  # None: every row
        self._generation = -1  # the source generation _accepted was computed for
        self.setDynamicSortFilter(False)

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # a TrackerTableModel
        self._generation = -1
        super().setSourceModel(model)

    def source(self) -> TrackerTableModel:
        model = self.sourceModel()
        if not isinstance(model, TrackerTableModel):  # Qt types it as any model; this proxy needs ours
            raise TypeError("TrackerFilterProxy filters a TrackerTableModel")
        return model

    # --- filters --------------------------------------------------------------------

    @property
    def filters(self) -> Filters:
        return self._filters

    def set_filters(self, filters: Filters) -> None:
        self._filters = filters
        self._compute()
        # One layout change, not Qt 6.9's incremental endFilterChange(): with
        # thousands of rows it emits a removal per run of hidden rows and is
        # slower (see benchmarks/bench_tracker.py).
        self.invalidate()

    def update_filters(self, **changes) -> None:
        values = dict(self._filters.__dict__)
        values.update(changes)
        self.set_filters(Filters(**values))

    def clear_filters(self) -> None:
        self.set_filters(Filters())

    def _compute(self) -> None:
        source = self.sourceModel()
        f = self._filters
        if not isinstance(source, TrackerTableModel):  # no model yet
            self._accepted = None
            return
        self._generation = source.generation
        if f.is_empty():
            self._accepted = None
            return
        rows = source.rows()
        rag_of = source.rag_of
        if f.rounds:
            rows = [r for r in rows if r.round_id in f.rounds]
        if f.status == OPEN:
            rows = [r for r in rows if r.status not in CLOSED_STATUSES]
        elif f.status:
            rows = [r for r in rows if r.status == f.status]
        if f.rag:
            rows = [r for r in rows if rag_of(r).rag == f.rag]
        if f.overdue:
            rows = [r for r in rows if rag_of(r).overdue]
        if f.due_within is not None:
            limit = f.due_within
            rows = [r for r in rows if r.status not in CLOSED_STATUSES and (days := rag_of(r).days_left) is not None
                    and 0 <= days <= limit and not r.carried_to]
        if f.key_feature is not None:
            rows = [r for r in rows if r.key_feature == f.key_feature]
        if f.lead == NO_LEAD:
            rows = [r for r in rows if not r.lead.strip()]
        elif f.lead:
            lead = f.lead.casefold()
            rows = [r for r in rows if r.lead.casefold() == lead]
        words = f.text.casefold().split()
        if words:
            haystack = source.search_text
            rows = [r for r in rows if all(w in haystack[r.action_id] for w in words)]
        self._accepted = {r.action_id for r in rows}

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        source = self.source()
        if source.generation != self._generation:  # new rows: filter them afresh
            self._compute()
        accepted = self._accepted
        if accepted is None:
            return True
        return source.ids[source_row] in accepted

    # --- sorting and lookups ----------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by the model (fast, precomputed keys); the proxy keeps its order."""
        source = self.sourceModel()
        if source is not None and column >= 0:
            source.sort(column, order)

    def row_at(self, proxy_row: int) -> TrackerRow:
        return self.index(proxy_row, 0).data(ROW_ROLE)

    def visible_rows(self) -> list[TrackerRow]:
        source = self.source()
        return [source.row_at(self.mapToSource(self.index(r, 0)).row()) for r in range(self.rowCount())]

    def index_of_action(self, action_id: int, column: int = 0) -> QModelIndex:
        source = self.source()
        return self.mapFromSource(source.index_of_action(action_id, column))


__all__ = [
    "ACTION_ID_ROLE", "COLUMN", "COLUMNS", "Filters", "NO_LEAD", "OPEN", "RAG_ROLE",
    "ROW_ROLE", "TrackerFilterProxy", "TrackerTableModel",
]
