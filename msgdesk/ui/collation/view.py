"""The Compare tab: every partnership's return for a round side by side.

* **Heat map**: a row per partnership, a column per local proposal, each cell the rating
  (its number, or with "Show words" the word too) on its colour; sort by partnership, by how
  many it rated, or by any proposal (click its header); hover for the proposal's words and
  the descriptor chosen; double-click (or Enter) opens that return, read-only.
* **Changes since** an earlier round: the same matrix with ↑ Up, ↓ Down, = Same, + New, and
  per proposal how many moved up and down in its header.
* **Where we stand**: one partnership's ratings beside the rest of the comparator group.

"Group" keeps a comparator group's partnerships only; "Groups…" edits the groups.  All of
it is read through ``msgdesk.collation.collate`` (a handful of queries), never from a session.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from msgdesk.collation.collate import (
    CHANGE_COLOURS,
    NO_RETURN_COLOUR,
    RATING_COLOURS,
    Collation,
    collate,
    where_we_stand,
)
from msgdesk.collation.facts import ComparisonFacts, GroupInfo
from msgdesk.domain.errors import MsgdeskError
from msgdesk.domain.return_values import RATINGS
from msgdesk.domain.states import RatingChange, Standing
from msgdesk.domain.vocabulary import Rating
from msgdesk.store.workspace import Workspace
from msgdesk.ui.collation.model import (
    CELL_ROLE,
    CHANGES_MODE,
    FIRST_PROPOSAL,
    NAME_COLUMN,
    NO_RETURN_MARK,
    RATED_COLUMN,
    RATINGS_MODE,
    GroupFilter,
    MatrixModel,
    StandingModel,
    median_words,
    rating_words,
    word,
)
from msgdesk.ui.widgets.look import named
from msgdesk.ui.widgets.mnemonics import mnemonic

ALL = None  # the group combo's "All partnerships"




def _swatch(text: str, colour: str | None) -> QLabel:
    """A legend entry: the words on the colour they stand for."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    background = colour or "#ffffff"
    label.setStyleSheet(f"QLabel {{ background: {background}; color: #000000; border: 1px solid #8a8a8a; "
                        "padding: 1px 6px; }")
    return label


class CompareView(QWidget):
    """The Compare tab.  ``set_workspace(workspace, partnership=, round_label=)`` fills it."""

    #: (partnership, round label, proposal id): a return to show read-only.
    openReturn = Signal(str, str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("compareView")
        self.workspace: Workspace | None = None
        self.collation: Collation | None = None
        self.groups: list[GroupInfo] = []
        self.partnership: str | None = None
        self.heat_model = MatrixModel(RATINGS_MODE, self)
        self.change_model = MatrixModel(CHANGES_MODE, self)
        self.heat_proxy, self.change_proxy = GroupFilter(self), GroupFilter(self)
        self.heat_proxy.setSourceModel(self.heat_model)
        self.change_proxy.setSourceModel(self.change_model)
        self.standing_model = StandingModel(self)
        self._filling = False
        self._facts: ComparisonFacts | None = None
        self._build()

    # --- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        self.round_combo = named(QComboBox(), self.tr("Round"), self.tr("The round whose returns are compared"))
        self.previous_combo = named(QComboBox(), self.tr("Compared with"),
                                     self.tr("The earlier round the changes are measured from"))
        self.group_combo = named(QComboBox(), self.tr("Group"),
                                  self.tr("Show every partnership, or only a comparator group's"))
        for text, combo in ((self.tr("Rou&nd:"), self.round_combo), (self.tr("Compared &with:"), self.previous_combo),
                            (self.tr("Gro&up:"), self.group_combo)):
            label = QLabel(text)
            label.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            top.addWidget(label)
            top.addWidget(combo)
        self.groups_button = named(QPushButton(self.tr("Ed&it groups…")), self.tr("Comparator groups"),
                                    self.tr("Make, change or delete comparator groups"))
        self.words_box = named(QCheckBox(self.tr("Show wor&ds")), self.tr("Show words"),
                                self.tr("Show each rating's word beside its number"))
        top.addWidget(self.groups_button)
        top.addWidget(self.words_box)
        top.addStretch(1)
        outer.addLayout(top)

        self.summary = QLabel("")
        self.summary.setObjectName("compareSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.summary.setAccessibleName(self.tr("Returns received"))
        outer.addWidget(self.summary)

        self.views = QTabWidget()
        self.views.setObjectName("compareViews")
        self.views.setAccessibleName(self.tr("Comparisons"))
        self.views.setDocumentMode(True)
        self.heat_table = self._matrix_table(self.heat_proxy, self.tr("Heat map"),
                                             self.tr("Each partnership's rating of each proposal"))
        self.change_table = self._matrix_table(self.change_proxy, self.tr("Changes"),
                                               self.tr("How each rating moved since the earlier round"))
        self.views.addTab(self._page(self.heat_table, self._legend(RATINGS_MODE)), self.tr("Heat &map"))
        self.views.addTab(self._page(self.change_table, self._legend(CHANGES_MODE)), self.tr("Ch&anges"))
        self.views.addTab(self._standing_page(), self.tr("Where we &stand"))
        outer.addWidget(self.views, 1)

        self.round_combo.currentIndexChanged.connect(self._round_changed)
        self.previous_combo.currentIndexChanged.connect(self._round_changed)
        self.group_combo.currentIndexChanged.connect(self._group_changed)
        self.words_box.toggled.connect(self._words_toggled)
        self.groups_button.clicked.connect(self.edit_groups)

    def _matrix_table(self, model, name: str, description: str) -> QTableView:
        table = named(QTableView(), name, description)
        table.setModel(model)
        table.setSortingEnabled(True)
        table.sortByColumn(NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        table.activated.connect(self._activated)
        return table

    def _page(self, table: QTableView, legend: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(legend)
        layout.addWidget(table, 1)
        hint = QLabel(self.tr("Click a column's heading to sort by it. Double-click a cell, or press Enter, to "
                              "open that return (read-only)."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        return page

    def _legend(self, mode: str) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        if mode == RATINGS_MODE:
            entries: list[tuple[str, str | None]] = [(rating_words(r), RATING_COLOURS[r]) for r in RATINGS]
        else:
            entries = [(f"{c.symbol} {word(c.value)}", CHANGE_COLOURS[c]) for c in RatingChange]
        entries += [(self.tr("blank: not rated"), None), (self.tr("{mark} No return").format(mark=NO_RETURN_MARK),
                                                          NO_RETURN_COLOUR)]
        for text, colour in entries:
            row.addWidget(_swatch(text, colour))
        row.addStretch(1)
        box.setAccessibleName(self.tr("Legend"))
        return box

    def _standing_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        self.standing_combo = named(QComboBox(), self.tr("Partnership"),
                                     self.tr("The partnership whose ratings are set beside the group's"))
        self.standing_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label = QLabel(self.tr("&Partnership:"))
        label.setBuddy(self.standing_combo)
        row.addWidget(label)
        row.addWidget(self.standing_combo)
        row.addStretch(1)
        layout.addLayout(row)
        self.standing_summary = QLabel("")
        self.standing_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.standing_summary.setWordWrap(True)
        self.standing_summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.standing_summary.setAccessibleName(self.tr("Where we stand, in short"))
        layout.addWidget(self.standing_summary)
        self.standing_table = named(QTableView(), self.tr("Where we stand"),
                                     self.tr("Our rating of each proposal beside the rest of the group's ratings"))
        self.standing_table.setModel(self.standing_model)
        self.standing_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.standing_table.setTabKeyNavigation(False)
        self.standing_table.verticalHeader().hide()
        self.standing_table.setWordWrap(False)
        header = self.standing_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.standing_table, 1)
        self.standing_combo.currentIndexChanged.connect(self._show_standing)
        return page

    # --- filling --------------------------------------------------------------------------------

    def set_workspace(self, workspace: Workspace, partnership: str | None = None,
                      round_label: str | None = None) -> None:
        """Show ``workspace``'s returns; ``partnership`` (the open round's) is the one
        "Where we stand" starts from, ``round_label`` the round shown first."""
        self.workspace = workspace
        self.partnership = partnership
        self._filling = True
        try:
            labels = workspace.groups.round_labels()
            self.round_combo.clear()
            self.round_combo.addItems(labels)
            if round_label in labels:
                self.round_combo.setCurrentIndex(labels.index(round_label))
            self._fill_previous()
            self._fill_groups()
        finally:
            self._filling = False
        self.reload()

    def refresh(self) -> None:
        """Read everything again (after an import, or coming back to the tab), keeping
        the round, the earlier round, the group and the partnership chosen."""
        if self.workspace is not None:
            self.set_workspace(self.workspace, self.partnership, self.round_combo.currentText() or None)

    def tab_letters(self) -> set[str]:
        """The Alt+letters of the views' own tabs (Heat map, Changes, Where we stand)."""
        return {letter for i in range(self.views.count()) if (letter := mnemonic(self.views.tabText(i)))}

    def _fill_previous(self) -> None:
        current = self.round_combo.currentText()
        earlier = [self.round_combo.itemText(i) for i in range(self.round_combo.count())
                   if self.round_combo.itemText(i) != current]
        chosen = self.previous_combo.currentData()
        self.previous_combo.blockSignals(True)
        self.previous_combo.clear()
        self.previous_combo.addItem(self.tr("No earlier round"), None)
        for label in earlier:
            self.previous_combo.addItem(label, label)
        older = [label for label in earlier if label < current]
        wanted = chosen if chosen in earlier else (older[0] if older else None)
        self.previous_combo.setCurrentIndex(self.previous_combo.findData(wanted) if wanted else 0)
        self.previous_combo.blockSignals(False)

    def _fill_groups(self) -> None:
        chosen = self.group_combo.currentData()
        if self.workspace is None:
            return
        self.groups = self.workspace.groups.list_groups()
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        self.group_combo.addItem(self.tr("All partnerships"), ALL)
        for group in self.groups:
            self.group_combo.addItem(group.name, group.name)
        index = self.group_combo.findData(chosen) if chosen else 0
        self.group_combo.setCurrentIndex(max(0, index))
        self.group_combo.blockSignals(False)

    def reload(self) -> None:
        """Read the round (and the earlier one) again and show it."""
        if self.workspace is None or self._filling:
            return
        label = self.round_combo.currentText()
        if not label:
            self.collation = None
            self.summary.setText(self.tr("No returns yet: import some (File → Import return file…)."))
            for model in (self.heat_model, self.change_model):
                model.set_collation(None)
            self.standing_model.set_report(None)
            return
        previous = self.previous_combo.currentData()
        try:
            facts = self.workspace.groups.comparison(label, previous)
            self.collation = collate(facts, self.workspace.template)
        except MsgdeskError as exc:
            QMessageBox.warning(self, self.tr("Compare"), str(exc))
            return
        self._facts = facts
        for model in (self.heat_model, self.change_model):
            model.set_highlight(self.partnership)
            model.set_collation(self.collation)
        self.views.setTabEnabled(1, previous is not None)
        self.views.setTabText(1, self.tr("Ch&anges since {label}").format(label=previous) if previous
                              else self.tr("Ch&anges"))
        self._size_columns()
        self._group_changed()

    def _size_columns(self) -> None:
        """Names and counts at a readable width; the proposals share the rest of the table's
        width (22 fit across 1280 pixels), never narrower than their text."""
        words = self.words_box.isChecked()
        for table in (self.heat_table, self.change_table):
            header = table.horizontalHeader()
            metrics = table.fontMetrics()
            name = min(240, max(150, metrics.horizontalAdvance("Clackmannanshire and")))
            rated = metrics.horizontalAdvance(" No return ") + 8
            header.resizeSection(NAME_COLUMN, name)
            header.resizeSection(RATED_COLUMN, rated)
            columns = table.model().columnCount() - FIRST_PROPOSAL
            if columns <= 0:
                continue
            if words:
                least = metrics.horizontalAdvance(rating_words(Rating.NOT_YET_ESTABLISHED)) + 16
            elif table is self.change_table:
                least = metrics.horizontalAdvance("\u219199 \u219399") + 10
            else:
                least = metrics.horizontalAdvance(" 4.5 ") + 8
            scrollbar = 0 if table.verticalScrollBar().isVisible() else table.verticalScrollBar().sizeHint().width()
            room = table.viewport().width() - name - rated - scrollbar - 2
            width = max(least, room // columns)
            for column in range(FIRST_PROPOSAL, FIRST_PROPOSAL + columns):
                header.resizeSection(column, width)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._size_columns()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._size_columns()

    # --- reacting ---------------------------------------------------------------------------------

    def _round_changed(self, *_args) -> None:
        if self._filling:
            return
        if self.sender() is self.round_combo:
            self._fill_previous()
        self.reload()

    def _group(self) -> GroupInfo | None:
        name = self.group_combo.currentData()
        return next((g for g in self.groups if g.name == name), None)

    def _group_changed(self, *_args) -> None:
        if self.collation is None:
            return
        group = self._group()
        members = group.members if group else None
        for proxy in (self.heat_proxy, self.change_proxy):
            proxy.set_members(members)
        shown = [n for n in self.collation.partnerships if members is None or n in members]
        missing = [n for n in self.collation.no_return if n in shown]
        scope = group.name if group else self.tr("All partnerships")
        text = self.tr("Round {label}, {scope}: {n} of {total} have a return.").format(
            label=self.collation.round_label, scope=scope, n=len(shown) - len(missing), total=len(shown))
        if missing:
            text += " " + self.tr("No return: {names}.").format(names="; ".join(missing))
        self.summary.setText(text)
        self._fill_standing(shown)

    def _fill_standing(self, shown: list[str]) -> None:
        assert self.collation is not None
        with_return = [n for n in self.collation.with_return]
        current = self.standing_combo.currentText() or self.partnership
        self.standing_combo.blockSignals(True)
        self.standing_combo.clear()
        self.standing_combo.addItems(with_return)
        if current in with_return:
            self.standing_combo.setCurrentIndex(with_return.index(current))
        self.standing_combo.blockSignals(False)
        self._show_standing()

    def _show_standing(self, *_args) -> None:
        name = self.standing_combo.currentText()
        if self.collation is None or self._facts is None or self.workspace is None or not name:
            self.standing_model.set_report(None)
            self.standing_summary.setText(self.tr("No partnership has a return for this round."))
            return
        group = self._group() or GroupInfo(0, self.tr("all partnerships"), self.collation.partnerships)
        report = where_we_stand(self._facts, name, group, self.workspace.template)
        self.standing_model.set_report(report)
        counts = report.summary()

        self.standing_summary.setText(self.tr(
            "{partnership} beside {group} (the ratings of {n} other partnerships with a return): above the median "
            "on {above}, at it on {level}, below it on {below} of {total} proposals.").format(
            partnership=name, group=group.name, n=len(report.compared), above=counts[Standing.ABOVE],
            level=counts[Standing.LEVEL], below=counts[Standing.BELOW], total=len(report.lines)))
        header = self.standing_table.horizontalHeader()
        metrics = self.standing_table.fontMetrics()
        widths = [metrics.horizontalAdvance(text) + 18 for text in (
            rating_words("not_yet_established"), "established", "established", "Established", "Exemplary",
            self.tr("Rated"), median_words(2.5), self.tr("Below the median"))]
        for column, width in enumerate(widths, 1):
            header.resizeSection(column, width)

    def _words_toggled(self, on: bool) -> None:
        for model in (self.heat_model, self.change_model):
            model.set_words(on)
        self._size_columns()

    def _activated(self, index: QModelIndex) -> None:
        where = index.data(CELL_ROLE)
        if where and self.collation is not None:
            partnership, proposal = where
            self.openReturn.emit(partnership, self.collation.round_label, proposal)
        elif index.column() == NAME_COLUMN and self.collation is not None:
            name = index.data(Qt.ItemDataRole.DisplayRole)
            if name in self.collation.with_return:
                self.openReturn.emit(name, self.collation.round_label, self.collation.proposals[0].id)

    def edit_groups(self) -> None:
        # a dialog built when first opened, not with the tab
        from msgdesk.ui.collation.groups_dialog import GroupsDialog

        dialog = GroupsDialog(self.workspace, self)
        dialog.exec()
        self._fill_groups()
        self._group_changed()


def open_return_read_only(parent, workspace, partnership: str, round_label: str, proposal: str):
    """Show a partnership's return read-only, at ``proposal``."""
    # a dialog built when first opened, not with the tab
    from msgdesk.ui.collation.return_viewer import ReturnViewer

    try:
        data = workspace.rounds.load_round(partnership, round_label)
    except MsgdeskError as exc:
        QMessageBox.warning(parent, parent.tr("Open return"), str(exc))
        return None
    viewer = ReturnViewer(data, workspace.template, proposal, parent)
    viewer.show()
    return viewer
