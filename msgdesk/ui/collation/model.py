"""Table models of the Compare tab, over the plain values of ``msgdesk.collation.collate``.

* ``MatrixModel``: one row per partnership, column 0 its name, column 1 how many it rated,
  then a column per local proposal: the heat map (``RATINGS``) or the change since an
  earlier round (``CHANGES``).  Each cell shows text (the number, or the number and the
  word) on its colour; the tooltip gives the proposal's words and the descriptor chosen.
  ``SORT_ROLE`` sorts by name, by how many were rated, or by a proposal's rating (no return
  last); ``CELL_ROLE`` gives (partnership, proposal) for opening the return.
* ``GroupFilter``: the proxy that sorts and keeps a comparator group's rows only.
* ``StandingModel``: "Where we stand", one row per proposal.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from msgdesk.collation.collate import (
    CHANGE_COLOURS,
    NO_RETURN_COLOUR,
    RATING_COLOURS,
    SCORES,
    Cell,
    Collation,
    StandingReport,
)
from msgdesk.domain.return_values import RATINGS
from msgdesk.domain.states import RatingChange
from msgdesk.domain.vocabulary import Rating
from msgdesk.ui.i18n import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

RATINGS_MODE, CHANGES_MODE = "ratings", "changes"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CELL_ROLE = Qt.ItemDataRole.UserRole + 2
NAME_COLUMN, RATED_COLUMN, FIRST_PROPOSAL = 0, 1, 2
NO_RETURN_MARK = "\u2013"  # – in a narrow cell; the words say "No return"

WORDS: dict[str, str] = {
    "no_return": QT_TRANSLATE_NOOP("Compare", "No return"),
    "not_rated": QT_TRANSLATE_NOOP("Compare", "Not rated"),
    "up": QT_TRANSLATE_NOOP("Compare", "Up"),
    "down": QT_TRANSLATE_NOOP("Compare", "Down"),
    "same": QT_TRANSLATE_NOOP("Compare", "Same"),
    "new": QT_TRANSLATE_NOOP("Compare", "New"),
    **{r: QT_TRANSLATE_NOOP("Compare", label) for r, label in (
        (Rating.NOT_YET_ESTABLISHED, "Not yet established"), (Rating.PARTLY_ESTABLISHED, "Partly established"),
        (Rating.ESTABLISHED, "Established"), (Rating.EXEMPLARY, "Exemplary"))},
}


def word(key: str) -> str:
    return translate("Compare", WORDS[key])


def rating_words(rating: str | None) -> str:
    """"3 Established" in the user's language; "" for none."""
    return f"{SCORES[rating]} {word(rating)}" if rating in SCORES else ""


class MatrixModel(QAbstractTableModel):
    def __init__(self, mode: str = RATINGS_MODE, parent=None):
        super().__init__(parent)
        self.mode = mode
        self.collation: Collation | None = None
        self.words = False
        self._names: tuple[str, ...] = ()
        self._proposals: list = []
        self._rated: dict[str, int] = {}
        self._returned: set[str] = set()
        self._moved: dict[str, tuple[int, int]] = {}
        self.highlight: str | None = None

    def set_collation(self, collation: Collation | None) -> None:
        self.beginResetModel()
        self.collation = collation
        self._names = collation.partnerships if collation else ()
        self._proposals = list(collation.proposals) if collation else []
        lines = collation.by_partnership if collation else ()
        self._rated = {line.partnership: line.rated for line in lines}
        self._returned = {line.partnership for line in lines if line.returned}
        self._moved = {line.partnership: (line.changes.get(RatingChange.UP, 0), line.changes.get(RatingChange.DOWN, 0))
                       for line in lines}
        self.endResetModel()

    def set_highlight(self, partnership: str | None) -> None:
        """The open round's partnership, in bold, so officers find their own row."""
        self.highlight = partnership

    def set_words(self, on: bool) -> None:
        """Show the rating's word beside its number ("3 Established"), or the number alone."""
        self.words = on
        if self.rowCount():
            self.dataChanged.emit(self.index(0, FIRST_PROPOSAL), self.index(self.rowCount() - 1,
                                                                           self.columnCount() - 1))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._names)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.collation is None else FIRST_PROPOSAL + len(self._proposals)

    def partnership(self, row: int) -> str:
        return self._names[row]

    def proposal(self, column: int):
        return self._proposals[column - FIRST_PROPOSAL] if column >= FIRST_PROPOSAL else None

    def cell(self, index: QModelIndex) -> Cell | None:
        proposal = self.proposal(index.column())
        if self.collation is None or proposal is None:
            return None
        return self.collation.cell(self._names[index.row()], proposal.id)

    # --- what a cell says ---------------------------------------------------------------------

    def _cell_text(self, cell: Cell) -> str:
        if not cell.returned:
            return word("no_return") if self.words else NO_RETURN_MARK
        if self.mode == CHANGES_MODE:
            if cell.change is None:
                return word("not_rated") if self.words else ""
            return f"{cell.change.symbol} {word(cell.change.value)}" if self.words else cell.change.symbol
        if cell.rating is None:
            return word("not_rated") if self.words else ""
        return rating_words(cell.rating) if self.words else str(SCORES[cell.rating])

    def _spoken(self, name: str, cell: Cell) -> str:
        """The whole cell in words, for a screen reader."""
        proposal = translate("Compare", "proposal {id}").format(id=cell.proposal)
        if not cell.returned:
            return f"{name}, {proposal}: {word('no_return')}"
        if self.mode == CHANGES_MODE:
            what = word(cell.change.value) if cell.change else word("not_rated")
            return (f"{name}, {proposal}: {what} ({rating_words(cell.previous) or word('not_rated')} "
                    f"\u2192 {rating_words(cell.rating) or word('not_rated')})")
        return f"{name}, {proposal}: {rating_words(cell.rating) or word('not_rated')}"

    def _tooltip(self, name: str, cell: Cell) -> str:
        assert self.collation is not None  # data() asks for tooltips only with a collation shown
        proposal = self.collation.proposals[[p.id for p in self.collation.proposals].index(cell.proposal)]
        lines = [name, translate("Compare", "Proposal {id}: {text}").format(id=proposal.id, text=proposal.text)]
        if not cell.returned:
            lines.append(translate("Compare", "No return for round {label}.").format(label=self.collation.round_label))
            return "\n".join(lines)
        if self.mode == CHANGES_MODE and self.collation.previous_label:
            before = (rating_words(cell.previous) or word("not_rated")) if cell.previous_returned else word("no_return")
            lines.append(translate("Compare", "Round {label}: {rating}").format(label=self.collation.previous_label,
                                                                               rating=before))
        lines.append(translate("Compare", "Round {label}: {rating}").format(
            label=self.collation.round_label, rating=rating_words(cell.rating) or word("not_rated")))
        if cell.rating:
            chosen = proposal.descriptor(cell.rating)
            lines.append(translate("Compare", "Descriptor chosen: {text}").format(text=chosen))
        return "\n".join(lines)

    def _colour(self, cell: Cell) -> str | None:
        if not cell.returned:
            return NO_RETURN_COLOUR
        if self.mode == CHANGES_MODE:
            return CHANGE_COLOURS[cell.change] if cell.change else None
        return RATING_COLOURS.get(cell.rating or "")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.collation is None:
            return None
        name = self._names[index.row()]
        column = index.column()
        if column == NAME_COLUMN:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return name
            if role == SORT_ROLE:
                return " ".join(name.split()).casefold()
            if role == Qt.ItemDataRole.FontRole and name == self.highlight:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if column == RATED_COLUMN:
            returned = name in self._returned
            moved = self._moved.get(name, (0, 0))
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                if not returned:
                    return word("no_return")
                if self.mode == CHANGES_MODE:
                    if role == Qt.ItemDataRole.AccessibleTextRole:
                        return translate("Compare", "{up} up, {down} down").format(up=moved[0], down=moved[1])
                    return f"\u2191{moved[0]} \u2193{moved[1]}"
                return translate("Compare", "{n} of {total}").format(n=self._rated[name], total=len(self._proposals))
            if role == SORT_ROLE:
                if not returned:
                    return -100
                return moved[0] - moved[1] if self.mode == CHANGES_MODE else self._rated[name]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignCenter
            if role == Qt.ItemDataRole.BackgroundRole and not returned:
                return QColor(NO_RETURN_COLOUR)
            return None
        cell = self.collation.cell(name, self._proposals[column - FIRST_PROPOSAL].id)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell_text(cell)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(name, cell)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(name, cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self._colour(cell)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#000000") if self._colour(cell) else None
        if role == Qt.ItemDataRole.FontRole and not cell.returned:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == SORT_ROLE:
            if not cell.returned:
                return -10
            if self.mode == CHANGES_MODE:
                order = {"up": 3, "same": 2, "new": 1, "down": 0}
                return order[cell.change.value] if cell.change else -1
            return cell.score or 0
        if role == CELL_ROLE:
            return (name, cell.proposal) if cell.returned else None
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or self.collation is None:
            return None
        if section == NAME_COLUMN:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return translate("Compare", "Partnership")
            return None
        if section == RATED_COLUMN:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return translate("Compare", "Rated") if self.mode == RATINGS_MODE else translate("Compare", "Moved")
            return None
        proposal = self._proposals[section - FIRST_PROPOSAL]
        if role == Qt.ItemDataRole.DisplayRole:
            if self.mode == CHANGES_MODE:
                line = next(x for x in self.collation.by_proposal if x.proposal.id == proposal.id)
                up, down = line.changes.get(RatingChange.UP, 0), line.changes.get(RatingChange.DOWN, 0)
                return f"{proposal.id}\n\u2191{up} \u2193{down}"
            return proposal.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("Compare", "Proposal {id}: {text}").format(id=proposal.id, text=proposal.text)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return translate("Compare", "Proposal {id}").format(id=proposal.id)
        return None


class GroupFilter(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE``; with ``set_members`` only those partnerships' rows show."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.members: frozenset[str] | None = None
        self.setSortRole(SORT_ROLE)

    def set_members(self, members) -> None:
        self.members = frozenset(members) if members is not None else None
        self.invalidate()  # invalidateFilter() is deprecated in Qt 6.9, beginFilterChange() too new for 6.6

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self.members is None:
            return True
        model = self.sourceModel()
        return isinstance(model, MatrixModel) and model.partnership(row) in self.members


STANDING_COLUMNS = ("proposal", "ours", *RATINGS, "rated", "median", "standing")
STANDING_HEADERS = {
    "proposal": QT_TRANSLATE_NOOP("Compare", "Proposal"),
    "ours": QT_TRANSLATE_NOOP("Compare", "Our rating"),
    "rated": QT_TRANSLATE_NOOP("Compare", "Rated"),
    "median": QT_TRANSLATE_NOOP("Compare", "Group median"),
    "standing": QT_TRANSLATE_NOOP("Compare", "Where we stand"),
}
STANDING_WORDS = {
    "above": QT_TRANSLATE_NOOP("Compare", "Above the median"),
    "level": QT_TRANSLATE_NOOP("Compare", "At the median"),
    "below": QT_TRANSLATE_NOOP("Compare", "Below the median"),
}


class StandingModel(QAbstractTableModel):
    """Where we stand: our rating beside the rest of the group's, proposal by proposal."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.report: StandingReport | None = None

    def set_report(self, report: StandingReport | None) -> None:
        self.beginResetModel()
        self.report = report
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.report is None else len(self.report.lines)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(STANDING_COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.report is None:
            return None
        line = self.report.lines[index.row()]
        key = STANDING_COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if key == "proposal":
                return f"{line.proposal.id}  {line.proposal.text}"
            if key == "ours":
                return rating_words(line.rating) or word("not_rated")
            if key in RATINGS:
                mark = " \u25cf" if key == line.rating else ""
                return f"{line.counts[key]}{mark}"
            if key == "rated":
                return str(line.rated)
            if key == "median":
                return median_words(line.median)
            return translate("Compare", STANDING_WORDS[line.standing.value]) if line.standing else \
                translate("Compare", "Not compared")
        if role == Qt.ItemDataRole.ToolTipRole and key in ("proposal", "ours"):
            text = f"{line.proposal.id}: {line.proposal.text}"
            if line.rating:
                text += "\n" + translate("Compare", "Descriptor chosen: {text}").format(
                    text=line.proposal.descriptor(line.rating))
            return text
        if role == Qt.ItemDataRole.BackgroundRole:
            if key == "ours" and line.rating in RATING_COLOURS:
                return QColor(RATING_COLOURS[line.rating])
            if key in RATINGS and key == line.rating:
                return QColor(RATING_COLOURS[key])
        if role == Qt.ItemDataRole.ForegroundRole and (key == "ours" or key == line.rating) and line.rating:
            return QColor("#000000")
        if role == Qt.ItemDataRole.TextAlignmentRole and key != "proposal":
            return Qt.AlignmentFlag.AlignCenter
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role not in (Qt.ItemDataRole.DisplayRole,
                                                                   Qt.ItemDataRole.AccessibleTextRole):
            return None
        key = STANDING_COLUMNS[section]
        if key in RATINGS:
            # two lines, so the four rating columns stay narrow enough to fit
            words = word(key).rsplit(" ", 1) if role == Qt.ItemDataRole.DisplayRole else [word(key)]
            return "\n".join(words)
        return translate("Compare", STANDING_HEADERS[key])


def median_words(median: float | None) -> str:
    if median is None:
        return "\u2013"
    if median == int(median):
        return rating_words(RATINGS[int(median) - 1])
    low, high = RATINGS[int(median) - 1], RATINGS[int(median)]
    return translate("Compare", "{median} between {low} and {high}").format(
        median=f"{median:g}", low=word(low), high=word(high))

