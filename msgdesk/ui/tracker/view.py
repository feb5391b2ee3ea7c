"""The Tracker page: every improvement action of the open round (or of all rounds
of the partnership) in one sortable, filterable table, and a panel to follow
the selected action up: record progress, set a due date with the reason, change
the status or the lead, see its history and its carried-forward links, and
print the committee progress report.

Works on its own (``TrackerView().set_round(workspace, round_id)``) or hosted in
the main window's Tracker tab.  Every write goes through ``msgdesk.tracker``
(one short transaction each); the table is then reloaded from the database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msgdesk.domain.dates import short_date
from msgdesk.domain.errors import MsgdeskError
from msgdesk.domain.return_values import ACTION_STATUSES, ROUND_STATUS_LABELS
from msgdesk.domain.template import load_template
from msgdesk.domain.text import clean_text
from msgdesk.domain.vocabulary import RagState
from msgdesk.store.rounds import RoundInfo
from msgdesk.store.workspace import Workspace
from msgdesk.tracker.rag import RAG_LABELS, RAGS, status_label
from msgdesk.tracker.report import build_report
from msgdesk.tracker.rows import Link, TrackerRow
from msgdesk.ui import file_menu
from msgdesk.ui.tracker.model import COLUMN, NO_LEAD, OPEN, Filters, TrackerFilterProxy, TrackerTableModel
from msgdesk.ui.widgets.date_edit import NO_DATE, DateEdit, pydate, qdate
from msgdesk.ui.widgets.elided_label import ElidedLabel
from msgdesk.ui.widgets.look import named
from msgdesk.ui.widgets.short_text import ShortText

ANY = None








class TrackerView(QWidget):
    """The action tracker.  ``today`` is injectable for tests."""

    #: Emitted after a write (progress, due date, status, lead): action id.
    actionChanged = Signal(int)

    def __init__(self, parent=None, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("trackerView")
        self.workspace: Workspace | None = None
        self.round_id: int | None = None
        self.round_info: RoundInfo | None = None
        #: Where the save dialogs remember their folder (the window's settings; None: the default).
        self.settings: QSettings | None = None
        self._current: TrackerRow | None = None
        self._today = today
        self.model = TrackerTableModel(self, today=self.today)
        self.proxy = TrackerFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._set_panel_enabled(False)

    @property
    def today(self) -> date:
        return self._today or date.today()

    def set_today(self, today: date) -> None:
        """The day the view is as at (tests; the As at field says the same)."""
        self._today = today
        self.as_at.setDate(qdate(today))
        self._as_at_changed()

    def as_at_date(self) -> date:
        return pydate(self.as_at.date())

    def _as_at(self) -> date | None:
        """The day to read the rows as at: None for today (the rows as they are now)."""
        as_at = self.as_at_date()
        return None if as_at == self.today else as_at

    def _as_at_changed(self, *_args) -> None:
        """One "as at" for everything: the table's RAG, the counts, the filters and the report."""
        if self.as_at_date() != self.model.today:
            self.reload()  # the rows as they stood that day, as the report reads them
        self._show_count()

    # --- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)

        top = QHBoxLayout()
        # a long partnership name (and the approved note) must never widen the window: shortened
        # with …, the whole title in its tooltip
        self.title = ElidedLabel(self.tr("No round open"))
        self.title.setObjectName("trackerTitle")
        top.addWidget(self.title, 1)
        self.all_rounds = named(QCheckBox(self.tr("All &rounds")), self.tr("All rounds of the partnership"),
                                 self.tr("Show the actions of every round of this partnership, not only the open one"))
        self.all_rounds.toggled.connect(self.reload)
        top.addWidget(self.all_rounds)
        as_at_label = QLabel(self.tr("&As at"))
        self.as_at = named(DateEdit(qdate(self.today)), self.tr("As at"),
                            self.tr("The day the table, its counts and the progress report are as at"))
        self.as_at.setCalendarPopup(True)
        self.as_at.setDisplayFormat("dd/MM/yyyy")
        self.as_at.dateChanged.connect(self._as_at_changed)
        as_at_label.setBuddy(self.as_at)
        top.addWidget(as_at_label)
        top.addWidget(self.as_at)
        self.report_pdf = named(QPushButton(self.tr("Report (&PDF)…")), self.tr("Save the progress report as PDF"),
                                 self.tr("The committee progress report on this round's actions, as a PDF"))
        self.report_xlsx = named(QPushButton(self.tr("Report (E&xcel)…")),
                                  self.tr("Save the progress report as Excel"),
                                  self.tr("The committee progress report on this round's actions, "
                                          "as an Excel workbook"))
        self.report_pdf.clicked.connect(lambda: self.save_report("pdf"))
        self.report_xlsx.clicked.connect(lambda: self.save_report("xlsx"))
        top.addWidget(self.report_pdf)
        top.addWidget(self.report_xlsx)
        outer.addLayout(top)

        outer.addWidget(self._build_filters())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        self.table = named(QTableView(), "Actions", "Every action with its due date, status and RAG")
        self.table.setObjectName("trackerTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMN["reference"], Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for key, width in (("reference", 90), ("number", 40), ("round", 50), ("proposal", 62), ("action", 280),
                           ("lead", 110), ("timescale", 100), ("due", 104), ("status", 84), ("rag", 116),
                           ("update", 200), ("links", 76)):
            header.resizeSection(COLUMN[key], width)
        self.table.setColumnHidden(COLUMN["round"], True)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        # the panel wide enough that a long action's text leaves "Record update" in view at
        # 1280x720; the table keeps room for every column up to the lead
        splitter.setSizes([860, 400])
        outer.addWidget(splitter, 1)

        self.message = QLabel("")
        self.message.setObjectName("trackerMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName("Tracker message")
        outer.addWidget(self.message)

    def _build_filters(self) -> QWidget:
        box = QWidget()
        rows = QVBoxLayout(box)
        rows.setContentsMargins(0, 0, 0, 0)
        first, second = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(first)
        rows.addLayout(second)
        grid = first

        def labelled(text: str, widget) -> None:
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label)
            grid.addWidget(widget)

        self.status_filter = named(QComboBox(), self.tr("Status filter"),
                                    self.tr("Show only actions with this status"))
        self.status_filter.addItem(self.tr("Any"), ANY)
        self.status_filter.addItem(self.tr("Open (not closed)"), OPEN)
        for status in ACTION_STATUSES:
            self.status_filter.addItem(status_label(status), status)
        labelled(self.tr("&Status"), self.status_filter)

        self.rag_filter = named(QComboBox(), self.tr("RAG filter"), self.tr("Show only actions with this RAG"))
        self.rag_filter.addItem(self.tr("Any"), ANY)
        for rag in RAGS:
            self.rag_filter.addItem(RAG_LABELS[rag], rag)
        labelled(self.tr("RA&G"), self.rag_filter)

        self.key_feature_filter = named(QComboBox(), self.tr("Key feature filter"),
                                         self.tr("Show only one key feature's actions"))
        self.key_feature_filter.addItem(self.tr("Any"), ANY)

        for kf in load_template().key_features:
            self.key_feature_filter.addItem(f"{kf.number}. {kf.title}", kf.number)
        # the longest key feature's title set the filter row's width, past the screen at 150%:
        # the box shows a start of the title (the list opens in full)
        self.key_feature_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.key_feature_filter.setMinimumContentsLength(12)
        self.key_feature_filter.setMaximumWidth(280)
        labelled(self.tr("&Key feature"), self.key_feature_filter)

        self.lead_filter = named(QComboBox(), self.tr("Lead filter"), self.tr("Show only one lead's actions"))
        self.lead_filter.addItem(self.tr("Any"), ANY)
        self.lead_filter.setMinimumContentsLength(10)
        labelled(self.tr("L&ead"), self.lead_filter)
        first.addStretch(1)
        grid = second

        self.overdue_filter = named(QCheckBox(self.tr("&Overdue")), self.tr("Overdue only"),
                                     self.tr("Show only actions overdue on the As at day"))
        grid.addWidget(self.overdue_filter)
        self.due_within_filter = named(QCheckBox(self.tr("Due &within")), self.tr("Due within the number of days"),
                                        self.tr("Show only open actions due within this many days of the As at day"))
        self.due_within_days = named(QSpinBox(), self.tr("Days ahead"),
                                      self.tr("Number of days ahead for 'Due within'"))
        self.due_within_days.setRange(0, 3650)
        self.due_within_days.setValue(30)
        self.due_within_days.setSuffix(self.tr(" days"))
        grid.addWidget(self.due_within_filter)
        grid.addWidget(self.due_within_days)

        self.search = named(QLineEdit(), self.tr("Search actions"),
                             self.tr("Words to find in the reference, action, lead, timescale or latest update"))
        self.search.setPlaceholderText(self.tr("Search…"))
        self.search.setClearButtonEnabled(True)
        labelled(self.tr("Searc&h"), self.search)

        self.clear_filters_button = named(QPushButton(self.tr("&Clear filters")), self.tr("Clear filters"))
        self.clear_filters_button.clicked.connect(self.clear_filters)
        grid.addWidget(self.clear_filters_button)
        self.count = QLabel("")
        self.count.setObjectName("trackerCount")
        self.count.setAccessibleName(self.tr("Actions shown"))
        self.count.setWordWrap(True)  # the counts wrap on a narrow window rather than widen it
        grid.addWidget(self.count)
        grid.addStretch(1)

        for combo in (self.status_filter, self.rag_filter, self.key_feature_filter, self.lead_filter):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.overdue_filter.toggled.connect(self._filters_changed)
        self.due_within_filter.toggled.connect(self._filters_changed)
        self.due_within_days.valueChanged.connect(self._filters_changed)
        self.search.textChanged.connect(self._filters_changed)
        return box

    def _build_panel(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(330)
        # the panel wraps to the width it is given; a sideways scroll bar would hide its fields
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        panel = QWidget()
        panel.setObjectName("trackerPanel")
        layout = QVBoxLayout(panel)

        self.detail_title = QLabel(self.tr("Select an action"))
        self.detail_title.setWordWrap(True)
        self.detail_title.setObjectName("trackerDetailTitle")
        self.detail_title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.detail_title.font()
        font.setBold(True)
        self.detail_title.setFont(font)
        layout.addWidget(self.detail_title)
        # up to six lines, then it scrolls: a long action pushed "Record update" out of view
        self.detail_text = ShortText(6)
        self.detail_text.setObjectName("trackerDetailText")
        self.detail_text.setAccessibleName(self.tr("Action text"))
        layout.addWidget(self.detail_text)
        self.detail_facts = QLabel("")
        self.detail_facts.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_facts.setWordWrap(True)
        self.detail_facts.setAccessibleName(self.tr("Due date, status and RAG"))
        layout.addWidget(self.detail_facts)

        links = QHBoxLayout()
        self.go_from = named(QPushButton(self.tr("Earlier round")), self.tr("Go to the action in the earlier round"),
                              self.tr("This action was carried forward from an earlier round"))
        self.go_to = named(QPushButton(self.tr("Later round")), self.tr("Go to the action in the later round"),
                            self.tr("This action was carried forward into a later round and is followed up there"))
        # the buttons show only for a selected action with such a link
        self.go_from.clicked.connect(lambda: self._follow_link(self._current.carried_from if self._current else None))
        self.go_to.clicked.connect(lambda: self._follow_link(
            self._current.carried_to[-1] if self._current and self._current.carried_to else None))
        links.addWidget(self.go_from)
        links.addWidget(self.go_to)
        links.addStretch(1)
        layout.addLayout(links)

        who = QFormLayout()
        self.author = named(QLineEdit(), self.tr("Recorded by"), self.tr("Your name, recorded with every entry"))
        #: the name last put in "Recorded by" for the officer (``_author_name``)
        self._author_filled = ""
        self.on_date = named(DateEdit(qdate(self.today)), self.tr("Dated"),
                              self.tr("The date of the entry (not in the future)"))
        self.on_date.setCalendarPopup(True)
        self.on_date.setDisplayFormat("dd/MM/yyyy")
        who.addRow(self._buddy(self.tr("Recorded &by"), self.author), self.author)
        who.addRow(self._buddy(self.tr("&Dated"), self.on_date), self.on_date)
        layout.addLayout(who)

        progress = QGroupBox(self.tr("Progress update"))
        form = QFormLayout(progress)
        self.update_text = named(QPlainTextEdit(), self.tr("Progress update"),
                                  self.tr("What has been done since the last update"))
        self.update_text.setTabChangesFocus(True)
        # three lines, then it scrolls (it was 70 px: with it, Record update fell below the panel)
        self.update_text.setFixedHeight(3 * self.update_text.fontMetrics().lineSpacing() + 10)
        self.update_status = named(QComboBox(), self.tr("Status after the update"))
        self.update_status.addItem(self.tr("(unchanged)"), None)
        for status in ACTION_STATUSES:
            self.update_status.addItem(status_label(status), status)
        self.record_button = named(QPushButton(self.tr("Record update")), self.tr("Record the progress update"))
        self.record_button.clicked.connect(self.record_progress)
        form.addRow(self._buddy(self.tr("&Update"), self.update_text), self.update_text)
        form.addRow(self._buddy(self.tr("Status a&fter"), self.update_status), self.update_status)
        form.addRow(self.record_button)
        layout.addWidget(progress)

        due = QGroupBox(self.tr("Due date"))
        form = QFormLayout(due)
        self.due_date = named(DateEdit(), self.tr("New due date"))
        self.due_date.setCalendarPopup(True)
        self.due_date.setDisplayFormat("dd/MM/yyyy")
        # no made-up default: an action without a date shows none until one is typed
        self.due_date.allow_no_date(self.tr("Type the new date"))
        self.due_clear = named(QCheckBox(self.tr("Use the timescale's date instead")),
                                self.tr("Clear the due date set by hand"))
        self.due_clear.toggled.connect(lambda on: self.due_date.setEnabled(not on))
        self.due_reason = named(QLineEdit(), self.tr("Reason for the due date"),
                                 self.tr("Why the date is set or changed (recorded)"))
        self.due_button = named(QPushButton(self.tr("Set due date")), self.tr("Set the due date"))
        self.due_button.clicked.connect(self.set_due_date)
        form.addRow(self._buddy(self.tr("&New date"), self.due_date), self.due_date)
        form.addRow(self.due_clear)
        form.addRow(self._buddy(self.tr("Reason (re&quired)"), self.due_reason), self.due_reason)
        form.addRow(self.due_button)
        layout.addWidget(due)

        status_box = QGroupBox(self.tr("Status and lead"))
        grid = QGridLayout(status_box)
        self.status_edit = named(QComboBox(), self.tr("New status"))
        for value in ACTION_STATUSES:
            self.status_edit.addItem(status_label(value), value)
        self.status_note = named(QLineEdit(), self.tr("Note on the status change"))
        self.status_button = named(QPushButton(self.tr("Change status")), self.tr("Change the status"))
        self.status_button.clicked.connect(self.change_status)
        self.lead_edit = named(QLineEdit(), self.tr("Lead"), self.tr("The officer or team leading the action"))
        self.lead_button = named(QPushButton(self.tr("Set lead")), self.tr("Set the lead"))
        self.lead_button.clicked.connect(self.set_lead)
        for row, (text, widget) in enumerate(((self.tr("Chan&ge to"), self.status_edit),
                                              (self.tr("Co&mment"), self.status_note))):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
        grid.addWidget(self.status_button, 2, 1)
        lead_label = QLabel(self.tr("&Lead officer"))
        lead_label.setBuddy(self.lead_edit)
        grid.addWidget(lead_label, 3, 0)
        grid.addWidget(self.lead_edit, 3, 1)
        grid.addWidget(self.lead_button, 4, 1)
        layout.addWidget(status_box)

        # the history last: above the forms it pushed "Record update" below the panel's
        # visible part at 1280x720; the forms are what the officer came to use
        history_label = QLabel(self.tr("Histor&y"))
        self.history = named(QListWidget(), self.tr("History"),
                              self.tr("Every entry, oldest first, earlier rounds included"))
        self.history.setWordWrap(True)
        self.history.setMinimumHeight(90)
        self.history.setMaximumHeight(160)
        history_label.setBuddy(self.history)
        layout.addWidget(history_label)
        layout.addWidget(self.history)

        self._edit_widgets = [self.author, self.on_date, self.update_text, self.update_status, self.record_button,
                              self.due_date, self.due_clear, self.due_reason, self.due_button, self.status_edit,
                              self.status_note, self.status_button, self.lead_edit, self.lead_button]
        layout.addStretch(1)
        scroll.setWidget(panel)
        self._current = None
        return scroll

    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    # --- loading ----------------------------------------------------------------------

    def set_round(self, workspace: Workspace | None, round_id: int | None) -> None:
        """Show the actions of ``round_id`` in ``workspace`` (None: nothing)."""
        changed = round_id != self.round_id
        self.workspace = workspace
        self.round_id = round_id
        self.all_rounds.blockSignals(True)
        self.all_rounds.setChecked(False)
        self.all_rounds.blockSignals(False)
        if changed:
            # filters chosen for one round mean nothing for another: start each round clean
            self._current = None
            self.clear_filters()
        self._sync_author()
        self.reload()

    def reload(self, keep_action: int | None = None) -> None:
        """Read the rows again from the database, keeping the selection."""
        if keep_action is None and self._current is not None:
            keep_action = self._current.action_id
        if self.workspace is None or self.round_id is None:
            self.round_info = None
            self.model.set_rows([])
            self.title.setText(self.tr("No round open"))
            self._select(None)
            self._show_count()
            return
        try:
            self.round_info = self.workspace.rounds.get_round(self.round_id)
            rows = self.workspace.tracking.rows(self.round_id, all_rounds=self.all_rounds.isChecked(),
                                                as_at=self._as_at())
        except MsgdeskError as exc:
            self._fail(exc)
            return
        info = self.round_info
        status = ROUND_STATUS_LABELS.get(info.status, info.status)
        note = (self.tr(" \u2013 the return is read-only; following up its actions stays open")
                if info.is_approved else "")
        self.title.setText(self.tr("{partnership} \u2013 round {label} ({status})").format(
            partnership=info.partnership, label=info.label, status=status) + note)
        self.table.setColumnHidden(COLUMN["round"], not self.all_rounds.isChecked())
        self.model.set_today(self.as_at_date())
        self.model.set_rows(rows)
        self.proxy.set_filters(self.current_filters())
        self._refresh_leads(rows)
        self._show_count()
        self._select(keep_action)

    def _refresh_leads(self, rows) -> None:
        current = self.lead_filter.currentData()
        self.lead_filter.blockSignals(True)
        self.lead_filter.clear()
        self.lead_filter.addItem(self.tr("Any"), ANY)
        self.lead_filter.addItem(self.tr("(no lead)"), NO_LEAD)
        for lead in sorted({r.lead for r in rows if r.lead.strip()}, key=str.casefold):
            self.lead_filter.addItem(lead, lead)
        index = self.lead_filter.findData(current)
        self.lead_filter.setCurrentIndex(max(0, index))
        self.lead_filter.blockSignals(False)
        if index < 0 and current is not None:
            self._filters_changed()

    # --- filters ------------------------------------------------------------------------

    def current_filters(self) -> Filters:
        return Filters(
            status=self.status_filter.currentData(),
            rag=self.rag_filter.currentData(),
            overdue=self.overdue_filter.isChecked(),
            due_within=self.due_within_days.value() if self.due_within_filter.isChecked() else None,
            key_feature=self.key_feature_filter.currentData(),
            lead=self.lead_filter.currentData(),
            text=self.search.text(),
        )

    def _filters_changed(self, *_args) -> None:
        keep = self._current.action_id if self._current else None
        self.proxy.set_filters(self.current_filters())
        self._show_count()
        self._select(keep)

    def clear_filters(self) -> None:
        widgets = (self.status_filter, self.rag_filter, self.key_feature_filter, self.lead_filter,
                   self.overdue_filter, self.due_within_filter, self.search)
        for widget in widgets:
            widget.blockSignals(True)
        for combo in (self.status_filter, self.rag_filter, self.key_feature_filter, self.lead_filter):
            combo.setCurrentIndex(0)
        self.overdue_filter.setChecked(False)
        self.due_within_filter.setChecked(False)
        self.search.clear()
        for widget in widgets:
            widget.blockSignals(False)
        self._filters_changed()

    def show_needing_dates(self) -> None:
        """Filter to the actions that need a due date."""
        self.rag_filter.setCurrentIndex(self.rag_filter.findData(RagState.NEEDS_DATE.value))

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        needing = sum(1 for r in self.model.rows() if self.model.rag_of(r).needs_date)
        overdue = sum(1 for r in self.model.rows() if self.model.rag_of(r).overdue)
        self.count.setText(self.tr("{shown} of {total} actions \u00b7 {overdue} overdue on {day} \u00b7 "
                                   "{needing} need a date")
                           .format(shown=shown, total=total, overdue=overdue, needing=needing,
                                   day=short_date(self.model.today)))

    # --- selection and the panel ------------------------------------------------------------

    def _select(self, action_id: int | None) -> None:
        index = self.proxy.index_of_action(action_id) if action_id is not None else QModelIndex()
        selection = self.table.selectionModel()
        if index.isValid():
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
            self._show_action(self.proxy.row_at(index.row()))
        else:
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
            self._show_action(None)

    def select_action(self, action_id: int) -> bool:
        """Select an action by id (clearing filters that hide it); False if it is not in the table."""
        if not self.model.index_of_action(action_id).isValid():
            return False
        if not self.proxy.index_of_action(action_id).isValid():
            self.clear_filters()
        self._select(action_id)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_action(self.proxy.row_at(current.row()) if current.isValid() else None)

    def selected_row(self) -> TrackerRow | None:
        return self._current

    def _show_action(self, row: TrackerRow | None) -> None:
        self._current = row
        if row is None:
            self.detail_title.setText(self.tr("Select an action"))
            self.detail_text.setText("")
            self.detail_facts.setText("")
            self.history.clear()
            self.go_from.setVisible(False)
            self.go_to.setVisible(False)
            self._set_panel_enabled(False)
            return
        rag = self.model.rag_of(row)
        self.detail_title.setText(self.tr("{ref} \u2013 proposal {proposal}, action {n} in the appendix, round {round}")
                                  .format(ref=row.reference, proposal=row.proposal_id,
                                          n=self.model.appendix_number(row), round=row.round_label))
        self.detail_text.setText(row.text or self.tr("(no text)"))
        due = short_date(row.due_date, self.tr("none"))
        source = (self.tr(" (set by hand)") if row.due_set_by_hand
                  else (self.tr(" (from the timescale)") if row.due_date else ""))
        none = self.tr("(none)")
        # status, RAG and lead share a line (wrapped as the panel's width needs): five lines of
        # facts under a long action pushed "Record update" below the panel at 1280x720
        facts = [self.tr("Timescale: {t}").format(t=row.timescale or none), self.tr("Due: {d}").format(d=due + source),
                 " · ".join((self.tr("Status: {s}").format(s=status_label(row.status)),
                                  self.tr("RAG: {r}").format(r=rag.label),
                                  self.tr("Lead: {l}").format(l=row.lead or none)))]
        if rag.overdue:
            facts.append(self.tr("Overdue by {n} days on {day}").format(n=-(rag.days_left or 0),
                                                                        day=short_date(self.model.today)))
        if row.carried_from:
            facts.append(self.tr("Carried forward from round {round}").format(round=row.carried_from.round_label))
        if row.carried_to:
            facts.append(self.tr("Carried forward to round {rounds} \u2013 follow it up there").format(
                rounds=", ".join(link.round_label for link in row.carried_to)))
        self.detail_facts.setText("\n".join(facts))
        self.go_from.setVisible(row.carried_from is not None)
        self.go_to.setVisible(bool(row.carried_to))
        self.lead_edit.setText(row.lead)
        self.status_edit.setCurrentIndex(max(0, self.status_edit.findData(row.status)))
        self.due_date.setDate(qdate(row.due_date) if row.due_date else NO_DATE)
        self._set_panel_enabled(not row.carried_to)
        self._load_history(row.action_id)

    def _load_history(self, action_id: int) -> None:
        self.history.clear()
        if self.workspace is None:  # no round open: no history to show
            return
        try:
            entries = self.workspace.tracking.history(action_id)
        except MsgdeskError as exc:
            self._fail(exc)
            return
        for entry in entries:
            by = f" \u2013 {entry.author}" if entry.author else ""
            status = f" [{status_label(entry.status_after)}]" if entry.status_after else ""
            text = f"{short_date(entry.on_date)} (round {entry.round_label}){by}{status}\n{entry.describe()}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ". "))
            self.history.addItem(item)
        if not entries:
            self.history.addItem(self.tr("No updates yet."))
        self.history.scrollToBottom()

    def _set_panel_enabled(self, enabled: bool) -> None:
        for widget in getattr(self, "_edit_widgets", ()):
            widget.setEnabled(enabled)
        if enabled:
            self.due_date.setEnabled(not self.due_clear.isChecked())

    def _follow_link(self, link: Link | None) -> None:
        if link is None:
            return
        if not self.model.index_of_action(link.action_id).isValid():
            self.all_rounds.setChecked(True)  # reloads with every round
        self.select_action(link.action_id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- writes -------------------------------------------------------------------------------

    def _entry_date(self) -> date:
        return pydate(self.on_date.date())

    def _sync_author(self) -> None:
        """"Recorded by" shows the officer's name (asked at the first start, changed with
        Edit → Your name…) and follows it when it changes there; a name typed over it for
        an entry (recording for a colleague) stays until cleared."""
        if self.workspace is None:
            return
        shown = self.author.text().strip()
        if not shown or shown == self._author_filled:
            self._author_filled = self.workspace.user
            self.author.setText(self._author_filled)

    def _author_name(self) -> str:
        """The name to record with an entry (never empty while the workspace knows one)."""
        self._sync_author()
        return clean_text(self.author.text(), single_line=True).strip()

    def _write(self, do: Callable[[Workspace, TrackerRow], object], done_message: str) -> bool:
        row = self._current
        if row is None or self.workspace is None:
            return False
        try:
            do(self.workspace, row)
        except MsgdeskError as exc:
            self._fail(exc)
            return False
        self.message.setText(done_message.format(ref=row.reference))
        self.reload(keep_action=row.action_id)
        self.actionChanged.emit(row.action_id)
        return True

    def record_progress(self) -> bool:
        ok = self._write(lambda workspace, row: workspace.tracking.record_progress(
            row.action_id, self.update_text.toPlainText(), author=self._author_name(),
            on_date=self._entry_date(), status=self.update_status.currentData(), today=self.today,
        ), self.tr("Progress recorded on {ref}."))
        if ok:
            self.update_text.clear()
            self.update_status.setCurrentIndex(0)
        return ok

    def set_due_date(self) -> bool:
        if not self.due_clear.isChecked() and not self.due_date.has_date():
            self._fail_text(self.tr("Type the new due date first (for example 31/03/2022)."))
            return False
        due = None if self.due_clear.isChecked() else pydate(self.due_date.date())
        ok = self._write(lambda workspace, row: workspace.tracking.set_due_date(
            row.action_id, due, self.due_reason.text(), author=self._author_name(),
            on_date=self._entry_date(), today=self.today,
        ), self.tr("Due date of {ref} set."))
        if ok:
            self.due_reason.clear()
            self.due_clear.setChecked(False)
        return ok

    def change_status(self) -> bool:
        ok = self._write(lambda workspace, row: workspace.tracking.change_status(
            row.action_id, self.status_edit.currentData(), note=self.status_note.text(),
            author=self._author_name(), on_date=self._entry_date(), today=self.today,
        ), self.tr("Status of {ref} changed."))
        if ok:
            self.status_note.clear()
        return ok

    def set_lead(self) -> bool:
        return self._write(lambda workspace, row: workspace.tracking.set_lead(
            row.action_id, self.lead_edit.text(), author=self._author_name(), today=self.today,
        ), self.tr("Lead of {ref} set."))

    # --- the report --------------------------------------------------------------------------

    def save_report(self, kind: str, path: str | None = None) -> str | None:
        """Ask where to save (unless ``path``) and write the committee progress report."""
        if self.workspace is None or self.round_info is None or self.round_id is None:
            return None
        as_at = self.as_at_date()
        if path is None:
            info = self.round_info
            suggested = f"{info.partnership} {info.label} progress {as_at.isoformat()}.{kind}"
            path = file_menu.ask_save_path(self, self.tr("Save the progress report"), suggested, kind,
                                           self.settings)
            if not path:
                return None

        try:
            report = build_report(self.workspace, self.round_id, as_at)
            if kind == "pdf":
                # typst/openpyxl load on the first export, not at start-up
                from msgdesk.reports.progress_pdf import write_pdf

                write_pdf(report, path)
            else:
                # typst/openpyxl load on the first export, not at start-up
                from msgdesk.reports.progress_xlsx import write_xlsx

                write_xlsx(report, path)
        except (MsgdeskError, OSError) as exc:
            self._fail(exc)
            return None
        self.message.setText(self.tr("Progress report as at {day} saved to {path}").format(
            day=short_date(as_at), path=path))
        return path

    def _fail(self, exc: Exception) -> None:
        self._fail_text(str(exc))

    def _fail_text(self, text: str) -> None:
        self.message.setText(text)
        QMessageBox.warning(self, "msgdesk", text)
