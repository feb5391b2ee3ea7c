"""The directions table: a model of the log's items (drafts included) and a proxy that
sorts and filters them (status, delivery partner, overdue milestones, RAG, words)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QPixmap

from msgdesk.directions.log import LogItem
from msgdesk.directions.money import pounds_shown
from msgdesk.directions.values import Partner
from msgdesk.domain.dates import short_date
from msgdesk.domain.states import DirectionStatus
from msgdesk.tracker.rag import RAG_COLOURS, RAG_ORDER
from msgdesk.ui.i18n import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate

COLUMNS: tuple[tuple[str, str], ...] = (
    ("reference", QT_TRANSLATE_NOOP("DirectionsTableModel", "Reference")),
    ("title", QT_TRANSLATE_NOOP("DirectionsTableModel", "Direction")),
    ("status", QT_TRANSLATE_NOOP("DirectionsTableModel", "Status")),
    ("rag", QT_TRANSLATE_NOOP("DirectionsTableModel", "RAG")),
    ("overdue", QT_TRANSLATE_NOOP("DirectionsTableModel", "Overdue")),
    ("resource", QT_TRANSLATE_NOOP("DirectionsTableModel", "Resource")),
    ("issued_on", QT_TRANSLATE_NOOP("DirectionsTableModel", "Issued on")),
    ("issued_to", QT_TRANSLATE_NOOP("DirectionsTableModel", "Issued to")),
    ("issues", QT_TRANSLATE_NOOP("DirectionsTableModel", "Delivery issues")),
)
COLUMN = {key: index for index, (key, _title) in enumerate(COLUMNS)}
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

#: Status filter values beyond the statuses themselves.
NOT_IN_FORCE = "not_in_force"
#: Resource filter value: directions without an amount of resource.
NO_AMOUNT = "none"
#: Partner filter values: who a direction is issued to.
PARTNER_FILTERS = ("health_board", "local_authority", "jointly")


def _short(value: date | None) -> str:
    return short_date(value)  # "5 May 2021", as the reports print it


@dataclass(frozen=True)
class Filters:
    status: str | None = None
    partner: str | None = None
    overdue: bool = False
    rag: str | None = None
    #: A ``ResourceBasis`` value, or NO_AMOUNT.
    resource: str | None = None
    text: str = ""


def matches(item: LogItem, filters: Filters) -> bool:
    status = item.status.status
    if filters.status == NOT_IN_FORCE:
        if not status.closed:
            return False
    elif filters.status is not None and status.value != filters.status:
        return False
    partners = item.record.data.issued_to
    if filters.partner == "jointly" and len(partners) != 2:
        return False
    if filters.partner in (Partner.HEALTH_BOARD.value, Partner.LOCAL_AUTHORITY.value) and \
            Partner(filters.partner) not in partners:
        return False
    if filters.overdue and not item.overdue:
        return False
    if filters.rag is not None and (item.rag is None or item.rag.rag != filters.rag):
        return False
    basis = item.record.data.resource_basis
    if filters.resource == NO_AMOUNT and item.record.data.resource_pence is not None:
        return False
    if filters.resource not in (None, NO_AMOUNT) and (basis is None or basis.value != filters.resource):
        return False
    words = filters.text.casefold().split()
    if words:
        data = item.record.data
        haystack = "\n".join([item.reference, data.title, *data.functions, data.instruction, data.outcomes,
                              item.issued_to, *(e.text for e in data.delivery_issues)]).casefold()
        if not all(word in haystack for word in words):
            return False
    return True


class DirectionsTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[LogItem] = []

    def set_items(self, items: list[LogItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[LogItem]:
        return list(self._items)

    def item_at(self, row: int) -> LogItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, direction_id: int) -> int:
        return next((n for n, i in enumerate(self._items) if i.record.id == direction_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        # the whole heading in a tooltip too: a narrow window (150%) shortens it with …
        if orientation == Qt.Orientation.Horizontal and role in (Qt.ItemDataRole.DisplayRole,
                                                                 Qt.ItemDataRole.ToolTipRole):
            return translate("DirectionsTableModel", COLUMNS[section][1])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.item_at(index.row())
        if item is None:
            return None
        key = COLUMNS[index.column()][0]
        if role == ITEM_ROLE:
            return item
        if role == SORT_ROLE:
            return self._sort_key(item, key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._text(item, key)
            if role == Qt.ItemDataRole.ToolTipRole and key == "status":
                return item.status.describe()
            return text
        if role == Qt.ItemDataRole.DecorationRole and key == "rag" and item.rag is not None:
            pixmap = QPixmap(10, 10)
            pixmap.fill(QColor(RAG_COLOURS[item.rag.rag]))
            return pixmap
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("resource", "overdue", "issues"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(item: LogItem, key: str) -> str:
        data = item.record.data
        if key == "reference":
            return item.reference
        if key == "title":
            return " ".join(data.title.split())
        if key == "issued_to":
            return item.issued_to
        if key == "issued_on":
            return _short(data.issued_on)
        if key == "status":
            status = item.status
            if status.status is DirectionStatus.SUPERSEDED:
                return translate("DirectionsTableModel", "Superseded by {ref}").format(ref=status.by)
            if status.status in (DirectionStatus.REVOKED, DirectionStatus.COMPLETED) and status.on:
                return translate("DirectionsTableModel", "{status} {day}").format(
                    status=status.status.label, day=_short(status.on))
            return status.status.label
        if key == "rag":
            return item.rag.label if item.rag is not None else ""
        if key == "overdue":
            return str(len(item.overdue)) if item.overdue else ""
        if key == "resource":
            return pounds_shown(data.resource_pence)
        if key == "issues":
            return str(len(item.delivery_issues)) if item.delivery_issues else ""
        return ""

    @staticmethod
    def _sort_key(item: LogItem, key: str) -> str | int:  # one column's keys are all text or all numbers
        data = item.record.data
        keys: dict[str, str | int] = {
            "reference": item.reference,
            "title": data.title.casefold(),
            "issued_to": item.issued_to,
            "issued_on": (data.issued_on or date.max).toordinal(),
            "status": list(DirectionStatus).index(item.status.status),
            "rag": RAG_ORDER[item.rag.rag] if item.rag is not None else len(RAG_ORDER),
            "overdue": item.days_overdue * 1000 + len(item.overdue),
            "resource": data.resource_pence if data.resource_pence is not None else -1,
            "issues": len(item.delivery_issues),
        }
        return keys[key]


class DirectionsFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._filters = Filters()
        self.setSortRole(SORT_ROLE)

    def set_filters(self, filters: Filters) -> None:
        self._filters = filters
        self.invalidate()  # (invalidateFilter is deprecated in Qt 6.10)

    def _source(self) -> DirectionsTableModel:
        model = self.sourceModel()
        if not isinstance(model, DirectionsTableModel):  # Qt types it as any model; this proxy needs ours
            raise TypeError("DirectionsFilterProxy filters a DirectionsTableModel")
        return model

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:
        # compared in Python: amounts in pence pass 2**31, which Qt's variant comparison mishandles
        model = self._source()
        key = COLUMNS[left.column()][0]
        a, b = model.item_at(left.row()), model.item_at(right.row())
        if a is None or b is None:
            return False
        # same column, so both keys are text or both numbers
        return DirectionsTableModel._sort_key(a, key) < DirectionsTableModel._sort_key(b, key)  # type: ignore[operator]

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        item = self._source().item_at(source_row)
        return item is not None and matches(item, self._filters)

    def item_at(self, row: int) -> LogItem | None:
        index = self.index(row, 0)
        return index.data(ITEM_ROLE) if index.isValid() else None

    def row_of(self, direction_id: int) -> int:
        source = self._source().row_of(direction_id)
        if source < 0:
            return -1
        return self.mapFromSource(self.sourceModel().index(source, 0)).row()
