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

from datetime import date

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
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

from msgdesk.errors import MsgdeskError
from msgdesk.returndata import ACTION_STATUSES, ROUND_STATUS_LABELS
from msgdesk.tracker.rag import RAG_LABELS, RAGS, status_label
from msgdesk.ui.date_edit import DateEdit
from msgdesk.ui.tracker_model import COLUMN, NO_LEAD, OPEN, Filters, TrackerFilterProxy, TrackerTableModel

ANY = None


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _named(widget, name: str, description: str = ""):
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return widget


class TrackerView(QWidget):
    """The action tracker.  ``today`` is injectable for tests."""

    #: Emitted after a write (progress, due date, status, lead): action id.
    actionChanged = Signal(int)

    def __init__(self, parent=None, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("trackerView")
        self.workspace = None
        self.round_id: int | None = None
        self.round_info = None
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
        self._today = today
        self.model.set_today(today)
        self.as_at.setDate(_qdate(today))
        self._show_count()

    # --- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)

        top = QHBoxLayout()
        self.title = QLabel("No round open")
        self.title.setObjectName("trackerTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.title, 1)
        self.all_rounds = _named(QCheckBox("&All rounds of the partnership"), "All rounds of the partnership",
                                 "Show the actions of every round of this partnership, not only the open one")
        self.all_rounds.toggled.connect(self.reload)
        top.addWidget(self.all_rounds)
        as_at_label = QLabel("As a&t")
        self.as_at = _named(DateEdit(_qdate(self.today)), "Report as at", "The date the progress report is as at")
        self.as_at.setCalendarPopup(True)
        self.as_at.setDisplayFormat("dd/MM/yyyy")
        as_at_label.setBuddy(self.as_at)
        top.addWidget(as_at_label)
        top.addWidget(self.as_at)
        self.report_pdf = _named(QPushButton("Report (&PDF)…"), "Save the progress report as PDF",
                                 "The committee progress report on this round's actions, as a PDF")
        self.report_xlsx = _named(QPushButton("Report (E&xcel)…"), "Save the progress report as Excel",
                                  "The committee progress report on this round's actions, as an Excel workbook")
        self.report_pdf.clicked.connect(lambda: self.save_report("pdf"))
        self.report_xlsx.clicked.connect(lambda: self.save_report("xlsx"))
        top.addWidget(self.report_pdf)
        top.addWidget(self.report_xlsx)
        outer.addLayout(top)

        outer.addWidget(self._build_filters())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        self.table = _named(QTableView(), "Actions", "Every action with its due date, status and RAG")
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
        for key, width in (("reference", 100), ("round", 50), ("proposal", 64), ("action", 300), ("lead", 110),
                           ("timescale", 100), ("due", 128), ("status", 85), ("rag", 105), ("update", 220),
                           ("links", 80)):
            header.resizeSection(COLUMN[key], width)
        self.table.setColumnHidden(COLUMN["round"], True)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 380])
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

        self.status_filter = _named(QComboBox(), "Status filter", "Show only actions with this status")
        self.status_filter.addItem("Any", ANY)
        self.status_filter.addItem("Open (not closed)", OPEN)
        for status in ACTION_STATUSES:
            self.status_filter.addItem(status_label(status), status)
        labelled("&Status", self.status_filter)

        self.rag_filter = _named(QComboBox(), "RAG filter", "Show only actions with this RAG")
        self.rag_filter.addItem("Any", ANY)
        for rag in RAGS:
            self.rag_filter.addItem(RAG_LABELS[rag], rag)
        labelled("&RAG", self.rag_filter)

        self.key_feature_filter = _named(QComboBox(), "Key feature filter", "Show only one key feature's actions")
        self.key_feature_filter.addItem("Any", ANY)
        from msgdesk.template import load_template

        for kf in load_template().key_features:
            self.key_feature_filter.addItem(f"{kf.number}. {kf.title}", kf.number)
        self.key_feature_filter.setMaximumWidth(320)
        labelled("&Key feature", self.key_feature_filter)

        self.lead_filter = _named(QComboBox(), "Lead filter", "Show only one lead's actions")
        self.lead_filter.addItem("Any", ANY)
        self.lead_filter.setMinimumContentsLength(10)
        labelled("L&ead", self.lead_filter)
        first.addStretch(1)
        grid = second

        self.overdue_filter = _named(QCheckBox("&Overdue"), "Overdue only", "Show only overdue actions")
        grid.addWidget(self.overdue_filter)
        self.due_within_filter = _named(QCheckBox("Due &within"), "Due within the number of days",
                                        "Show only open actions due within this many days from today")
        self.due_within_days = _named(QSpinBox(), "Days ahead", "Number of days ahead for 'Due within'")
        self.due_within_days.setRange(0, 3650)
        self.due_within_days.setValue(30)
        self.due_within_days.setSuffix(" days")
        grid.addWidget(self.due_within_filter)
        grid.addWidget(self.due_within_days)

        self.search = _named(QLineEdit(), "Search actions",
                             "Words to find in the reference, action, lead, timescale or latest update")
        self.search.setPlaceholderText("Search…")
        self.search.setClearButtonEnabled(True)
        labelled("Searc&h", self.search)

        self.clear_filters_button = _named(QPushButton("&Clear filters"), "Clear filters")
        self.clear_filters_button.clicked.connect(self.clear_filters)
        grid.addWidget(self.clear_filters_button)
        self.count = QLabel("")
        self.count.setObjectName("trackerCount")
        self.count.setAccessibleName("Actions shown")
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
        scroll.setMinimumWidth(340)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        panel = QWidget()
        panel.setObjectName("trackerPanel")
        layout = QVBoxLayout(panel)

        self.detail_title = QLabel("Select an action")
        self.detail_title.setObjectName("trackerDetailTitle")
        self.detail_title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.detail_title.font()
        font.setBold(True)
        self.detail_title.setFont(font)
        layout.addWidget(self.detail_title)
        self.detail_text = QLabel("")
        self.detail_text.setObjectName("trackerDetailText")
        self.detail_text.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_text.setWordWrap(True)
        self.detail_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_text.setAccessibleName("Action text")
        layout.addWidget(self.detail_text)
        self.detail_facts = QLabel("")
        self.detail_facts.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_facts.setWordWrap(True)
        self.detail_facts.setAccessibleName("Due date, status and RAG")
        layout.addWidget(self.detail_facts)

        links = QHBoxLayout()
        self.go_from = _named(QPushButton("Go to earlier round"), "Go to the action in the earlier round",
                              "This action was carried forward from an earlier round")
        self.go_to = _named(QPushButton("Go to later round"), "Go to the action in the later round",
                            "This action was carried forward into a later round and is followed up there")
        self.go_from.clicked.connect(lambda: self._follow_link(self._current.carried_from))
        self.go_to.clicked.connect(lambda: self._follow_link(self._current.carried_to[-1]))
        links.addWidget(self.go_from)
        links.addWidget(self.go_to)
        links.addStretch(1)
        layout.addLayout(links)

        history_label = QLabel("Histor&y")
        self.history = _named(QListWidget(), "History", "Every entry, oldest first, earlier rounds included")
        self.history.setWordWrap(True)
        self.history.setMinimumHeight(90)
        self.history.setMaximumHeight(160)
        history_label.setBuddy(self.history)
        layout.addWidget(history_label)
        layout.addWidget(self.history)

        who = QFormLayout()
        self.author = _named(QLineEdit(), "Recorded by", "Your name, recorded with every entry")
        self.on_date = _named(DateEdit(_qdate(self.today)), "Dated", "The date of the entry (not in the future)")
        self.on_date.setCalendarPopup(True)
        self.on_date.setDisplayFormat("dd/MM/yyyy")
        who.addRow("Recorded &by", self.author)
        who.addRow("&Dated", self.on_date)
        layout.addLayout(who)

        progress = QGroupBox("Progress update")
        form = QFormLayout(progress)
        self.update_text = _named(QPlainTextEdit(), "Progress update", "What has been done since the last update")
        self.update_text.setTabChangesFocus(True)
        self.update_text.setFixedHeight(70)
        self.update_status = _named(QComboBox(), "Status after the update")
        self.update_status.addItem("(unchanged)", None)
        for status in ACTION_STATUSES:
            self.update_status.addItem(status_label(status), status)
        self.record_button = _named(QPushButton("Record update"), "Record the progress update")
        self.record_button.clicked.connect(self.record_progress)
        form.addRow("&Update", self.update_text)
        form.addRow("Status a&fter", self.update_status)
        form.addRow(self.record_button)
        layout.addWidget(progress)

        due = QGroupBox("Due date")
        form = QFormLayout(due)
        self.due_date = _named(DateEdit(_qdate(self.today)), "New due date")
        self.due_date.setCalendarPopup(True)
        self.due_date.setDisplayFormat("dd/MM/yyyy")
        self.due_clear = _named(QCheckBox("Use the timescale's date instead"), "Clear the due date set by hand")
        self.due_clear.toggled.connect(lambda on: self.due_date.setEnabled(not on))
        self.due_reason = _named(QLineEdit(), "Reason for the due date", "Why the date is set or changed (recorded)")
        self.due_button = _named(QPushButton("Set due date"), "Set the due date")
        self.due_button.clicked.connect(self.set_due_date)
        form.addRow("&New date", self.due_date)
        form.addRow(self.due_clear)
        form.addRow("Reason (re&quired)", self.due_reason)
        form.addRow(self.due_button)
        layout.addWidget(due)

        status = QGroupBox("Status and lead")
        grid = QGridLayout(status)
        self.status_edit = _named(QComboBox(), "New status")
        for value in ACTION_STATUSES:
            self.status_edit.addItem(status_label(value), value)
        self.status_note = _named(QLineEdit(), "Note on the status change")
        self.status_button = _named(QPushButton("Change status"), "Change the status")
        self.status_button.clicked.connect(self.change_status)
        self.lead_edit = _named(QLineEdit(), "Lead", "The officer or team leading the action")
        self.lead_button = _named(QPushButton("Set lead"), "Set the lead")
        self.lead_button.clicked.connect(self.set_lead)
        for row, (text, widget) in enumerate((("Chan&ge to", self.status_edit), ("Co&mment", self.status_note))):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
        grid.addWidget(self.status_button, 2, 1)
        lead_label = QLabel("&Lead officer")
        lead_label.setBuddy(self.lead_edit)
        grid.addWidget(lead_label, 3, 0)
        grid.addWidget(self.lead_edit, 3, 1)
        grid.addWidget(self.lead_button, 4, 1)
        layout.addWidget(status)

        self._edit_widgets = [self.author, self.on_date, self.update_text, self.update_status, self.record_button,
                              self.due_date, self.due_clear, self.due_reason, self.due_button, self.status_edit,
                              self.status_note, self.status_button, self.lead_edit, self.lead_button]
        layout.addStretch(1)
        scroll.setWidget(panel)
        self._current = None
        return scroll

    # --- loading ----------------------------------------------------------------------

    def set_round(self, workspace, round_id: int | None) -> None:
        """Show the actions of ``round_id`` in ``workspace`` (None: nothing)."""
        self.workspace = workspace
        self.round_id = round_id
        self.all_rounds.blockSignals(True)
        self.all_rounds.setChecked(False)
        self.all_rounds.blockSignals(False)
        self.reload()

    def reload(self, keep_action: int | None = None) -> None:
        """Read the rows again from the database, keeping the selection."""
        if keep_action is None and self._current is not None:
            keep_action = self._current.action_id
        if self.workspace is None or self.round_id is None:
            self.round_info = None
            self.model.set_rows([])
            self.title.setText("No round open")
            self._select(None)
            self._show_count()
            return
        try:
            self.round_info = self.workspace.rounds.get_round(self.round_id)
            rows = self.workspace.tracking.rows(self.round_id, all_rounds=self.all_rounds.isChecked())
        except MsgdeskError as exc:
            self._fail(exc)
            return
        info = self.round_info
        status = ROUND_STATUS_LABELS.get(info.status, info.status)
        note = " \u2013 the return is read-only; following up its actions stays open" if info.is_approved else ""
        self.title.setText(f"{info.partnership} \u2013 round {info.label} ({status}){note}")
        self.table.setColumnHidden(COLUMN["round"], not self.all_rounds.isChecked())
        self.model.set_rows(rows)
        self._refresh_leads(rows)
        self._show_count()
        self._select(keep_action)

    def _refresh_leads(self, rows) -> None:
        current = self.lead_filter.currentData()
        self.lead_filter.blockSignals(True)
        self.lead_filter.clear()
        self.lead_filter.addItem("Any", ANY)
        self.lead_filter.addItem("(no lead)", NO_LEAD)
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
        self.rag_filter.setCurrentIndex(self.rag_filter.findData("needs_date"))

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        needing = sum(1 for r in self.model.rows() if self.model.rag_of(r).needs_date)
        overdue = sum(1 for r in self.model.rows() if self.model.rag_of(r).overdue)
        self.count.setText(f"{shown} of {total} actions \u00b7 {overdue} overdue \u00b7 {needing} need a date")

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

    def selected_row(self):
        return self._current

    def _show_action(self, row) -> None:
        self._current = row
        if row is None:
            self.detail_title.setText("Select an action")
            self.detail_text.setText("")
            self.detail_facts.setText("")
            self.history.clear()
            self.go_from.setVisible(False)
            self.go_to.setVisible(False)
            self._set_panel_enabled(False)
            return
        rag = self.model.rag_of(row)
        self.detail_title.setText(f"{row.reference} \u2013 proposal {row.proposal_id}, round {row.round_label}")
        self.detail_text.setText(row.text or "(no text)")
        due = row.due_date.strftime("%d %b %Y") if row.due_date else "none"
        source = " (set by hand)" if row.due_set_by_hand else (" (from the timescale)" if row.due_date else "")
        facts = [f"Timescale: {row.timescale or '(none)'}", f"Due: {due}{source}",
                 f"Status: {status_label(row.status)}", f"RAG: {rag.label}", f"Lead: {row.lead or '(none)'}"]
        if rag.overdue:
            facts.append(f"Overdue by {-rag.days_left} days")
        if row.carried_from:
            facts.append(f"Carried forward from round {row.carried_from.round_label}")
        if row.carried_to:
            facts.append("Carried forward to round " + ", ".join(link.round_label for link in row.carried_to)
                         + " \u2013 follow it up there")
        self.detail_facts.setText("\n".join(facts))
        self.go_from.setVisible(row.carried_from is not None)
        self.go_to.setVisible(bool(row.carried_to))
        self.lead_edit.setText(row.lead)
        self.status_edit.setCurrentIndex(max(0, self.status_edit.findData(row.status)))
        if row.due_date:
            self.due_date.setDate(_qdate(row.due_date))
        self._set_panel_enabled(not row.carried_to)
        self._load_history(row.action_id)

    def _load_history(self, action_id: int) -> None:
        self.history.clear()
        try:
            entries = self.workspace.tracking.history(action_id)
        except MsgdeskError as exc:
            self._fail(exc)
            return
        for entry in entries:
            by = f" \u2013 {entry.author}" if entry.author else ""
            status = f" [{status_label(entry.status_after)}]" if entry.status_after else ""
            text = f"{entry.on_date:%d %b %Y} (round {entry.round_label}){by}{status}\n{entry.describe()}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ". "))
            self.history.addItem(item)
        if not entries:
            self.history.addItem("No updates yet.")
        self.history.scrollToBottom()

    def _set_panel_enabled(self, enabled: bool) -> None:
        for widget in getattr(self, "_edit_widgets", ()):
            widget.setEnabled(enabled)
        if enabled:
            self.due_date.setEnabled(not self.due_clear.isChecked())

    def _follow_link(self, link) -> None:
        if link is None:
            return
        if not self.model.index_of_action(link.action_id).isValid():
            self.all_rounds.setChecked(True)  # reloads with every round
        self.select_action(link.action_id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- writes -------------------------------------------------------------------------------

    def _entry_date(self) -> date:
        return _pydate(self.on_date.date())

    def _write(self, do, done_message: str) -> bool:
        row = self._current
        if row is None or self.workspace is None:
            return False
        try:
            do(row)
        except MsgdeskError as exc:
            self._fail(exc)
            return False
        self.message.setText(done_message.format(ref=row.reference))
        self.reload(keep_action=row.action_id)
        self.actionChanged.emit(row.action_id)
        return True

    def record_progress(self) -> bool:
        ok = self._write(lambda row: self.workspace.tracking.record_progress(
            row.action_id, self.update_text.toPlainText(), author=self.author.text(),
            on_date=self._entry_date(), status=self.update_status.currentData(), today=self.today,
        ), "Progress recorded on {ref}.")
        if ok:
            self.update_text.clear()
            self.update_status.setCurrentIndex(0)
        return ok

    def set_due_date(self) -> bool:
        due = None if self.due_clear.isChecked() else _pydate(self.due_date.date())
        ok = self._write(lambda row: self.workspace.tracking.set_due_date(
            row.action_id, due, self.due_reason.text(), author=self.author.text(),
            on_date=self._entry_date(), today=self.today,
        ), "Due date of {ref} set.")
        if ok:
            self.due_reason.clear()
            self.due_clear.setChecked(False)
        return ok

    def change_status(self) -> bool:
        ok = self._write(lambda row: self.workspace.tracking.change_status(
            row.action_id, self.status_edit.currentData(), note=self.status_note.text(),
            author=self.author.text(), on_date=self._entry_date(), today=self.today,
        ), "Status of {ref} changed.")
        if ok:
            self.status_note.clear()
        return ok

    def set_lead(self) -> bool:
        return self._write(lambda row: self.workspace.tracking.set_lead(row.action_id, self.lead_edit.text(),
                                                                        author=self.author.text(), today=self.today),
                           "Lead of {ref} set.")

    # --- the report --------------------------------------------------------------------------

    def save_report(self, kind: str, path: str | None = None) -> str | None:
        """Ask where to save (unless ``path``) and write the committee progress report."""
        if self.workspace is None or self.round_info is None:
            return None
        as_at = _pydate(self.as_at.date())
        if path is None:
            info = self.round_info
            suggested = f"{info.partnership} {info.label} progress {as_at.isoformat()}.{kind}"
            filters = "PDF (*.pdf)" if kind == "pdf" else "Excel workbook (*.xlsx)"
            path, _selected = QFileDialog.getSaveFileName(self, "Save the progress report", suggested, filters)
            if not path:
                return None
            if not path.lower().endswith(f".{kind}"):
                path += f".{kind}"
        from msgdesk.tracker.report import build_report

        try:
            report = build_report(self.workspace, self.round_id, as_at)
            if kind == "pdf":
                from msgdesk.tracker.report_pdf import write_pdf

                write_pdf(report, path)
            else:
                from msgdesk.tracker.report_xlsx import write_xlsx

                write_xlsx(report, path)
        except (MsgdeskError, OSError) as exc:
            self._fail(exc)
            return None
        self.message.setText(f"Progress report as at {as_at:%d %b %Y} saved to {path}")
        return path

    def _fail(self, exc: Exception) -> None:
        self.message.setText(str(exc))
        QMessageBox.warning(self, "msgdesk", str(exc))
