"""The Directions tab: the partnership's log of directions as a sortable, filterable table,
and a panel to follow the selected direction: its details and status with the reason, the
chain of supersession both ways, and the acts — draft, issue, vary, revoke, mark
completed, record a delivery issue, a progress update or a milestone met — and the log
for the IJB and the committee (PDF, Excel).

Works on its own (``DirectionsView().set_workspace(workspace, partnership)``) or hosted in
the main window (``ui/directions/tab.py``).  Every write goes through
``Workspace.directions`` (one short transaction each); the table is then read again.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Required, TypedDict, Unpack

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msgdesk.directions.file import read_directions_file, write_directions_file
from msgdesk.directions.log import DirectionsLog, LogItem, build_log, log_item
from msgdesk.directions.money import pounds_shown
from msgdesk.directions.status import long_date
from msgdesk.directions.text import due_text
from msgdesk.directions.values import (
    Bodies,
    Direction,
    DirectionRecord,
    Link,
    Partner,
    ResourceBasis,
    next_reference,
)
from msgdesk.domain.errors import MsgdeskError
from msgdesk.domain.states import DirectionStatus
from msgdesk.paths import resource_path
from msgdesk.store.workspace import Workspace
from msgdesk.tracker.rag import RAG_LABELS, RAGS
from msgdesk.ui import file_menu
from msgdesk.ui.directions.dialogs import ActDialog, DirectionDialog
from msgdesk.ui.directions.model import (
    COLUMN,
    NO_AMOUNT,
    NOT_IN_FORCE,
    DirectionsFilterProxy,
    DirectionsTableModel,
    Filters,
)
from msgdesk.ui.widgets.date_edit import DateEdit, pydate, qdate
from msgdesk.ui.widgets.look import named
from msgdesk.ui.widgets.mnemonics import controls, mnemonic, resolve

EXAMPLE = ("examples", "directions-example.json")
#: The names of the example partnership's delivery partners, kept when the example is
#: loaded into a partnership that has none yet (the exchange file does not carry them).
EXAMPLE_BODIES = Bodies("NHS Ayrshire & Arran", "North Ayrshire Council")


class _ActOptions(TypedDict, total=False):
    """What an act's dialog asks for besides the date (``ActDialog``'s keywords)."""

    date_label: Required[str]
    text_label: str
    author: str | None
    choices: list[str] | None
    choice_label: str


class _Panel(QWidget):
    """The side panel's page, laid out again whenever the scroll area resizes it.

    When the table's message line appeared (a delete, an issue) the scroll area shrank the
    page, but its layout kept the page's old height: the direction in full ran past the
    panel's bottom, and before that the Edit draft…/Issue… buttons under it were cut off."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        layout = self.layout()
        if layout is not None and layout.geometry().size() != self.size():
            layout.invalidate()
            layout.activate()


class DirectionsView(QWidget):
    """The directions log of one partnership.  ``today`` is injectable for tests."""

    #: After any write: the direction's id.
    directionChanged = Signal(int)

    def __init__(self, parent=None, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("directionsView")
        self.workspace: Workspace | None = None
        self.settings: QSettings | None = None
        self.partnership = ""
        self.bodies = Bodies()
        self._today = today
        self._current: LogItem | None = None
        self.model = DirectionsTableModel(self)
        self.proxy = DirectionsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._show(None)

    @property
    def today(self) -> date:
        return self._today or date.today()

    def as_at(self) -> date:
        return pydate(self.as_at_edit.date())

    # --- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        label = QLabel(self.tr("&Partnership"))
        self.partnership_combo = named(QComboBox(), self.tr("Partnership"),
                                        self.tr("The partnership whose directions are shown"))
        self.partnership_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.partnership_combo.setMinimumContentsLength(12)
        self.partnership_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.partnership_combo.currentIndexChanged.connect(self._partnership_chosen)
        label.setBuddy(self.partnership_combo)
        top.addWidget(label)
        top.addWidget(self.partnership_combo, 1)
        label = QLabel(self.tr("&As at"))
        self.as_at_edit = named(DateEdit(qdate(self.today)), self.tr("As at"),
                                 self.tr("The day the status, the RAG and the log are as at"))
        self.as_at_edit.setDisplayFormat("dd/MM/yyyy")
        self.as_at_edit.dateChanged.connect(lambda _d: self.reload())
        label.setBuddy(self.as_at_edit)
        top.addWidget(label)
        top.addWidget(self.as_at_edit)
        outer.addLayout(top)

        files = QHBoxLayout()
        self.log_pdf = named(QPushButton(self.tr("&Log (PDF)…")), self.tr("Save the directions log as PDF"),
                              self.tr("The directions log for the IJB and the committee, as at the day, as a PDF"))
        self.log_xlsx = named(QPushButton(self.tr("Log (E&xcel)…")), self.tr("Save the directions log as Excel"),
                               self.tr("The directions log as at the day, as an Excel workbook"))
        self.log_pdf.clicked.connect(lambda: self.save_log("pdf"))
        self.log_xlsx.clicked.connect(lambda: self.save_log("xlsx"))
        self.new_button = named(QPushButton(self.tr("&New direction…")), self.tr("Draft a new direction"))
        self.new_button.clicked.connect(self.new_direction)
        # importing, exporting, the example and the partners' names are in the Directions menu
        files.addWidget(self.new_button)
        files.addStretch(1)
        files.addWidget(self.log_pdf)
        files.addWidget(self.log_xlsx)
        outer.addLayout(files)
        outer.addLayout(self._build_filters())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        self.table = named(QTableView(), self.tr("Directions"),
                            self.tr("Every direction with its status, RAG, overdue milestones and resource"))
        self.table.setObjectName("directionsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        # the log's own order (overdue first) until a header is clicked
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for key, width in (("reference", 104), ("title", 200), ("status", 140), ("rag", 84), ("overdue", 62),
                           ("resource", 120), ("issued_on", 88), ("issued_to", 150), ("issues", 110)):
            header.resizeSection(COLUMN[key], width)
        # a heading narrowed by hand or at 150% ends in …, the whole heading in its tooltip
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 420])
        outer.addWidget(splitter, 1)
        self.count = QLabel("")
        self.count.setObjectName("directionsCount")
        self.count.setAccessibleName(self.tr("Directions shown"))
        self.count.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        outer.addWidget(self.count)
        self.message = QLabel("")
        self.message.setObjectName("directionsMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message.setAccessibleName(self.tr("Directions message"))
        outer.addWidget(self.message)
        # Shown while the example is open: it lives in a throwaway database of its own, never
        # in the officer's file (issued directions there could never be deleted).
        self.example_banner = QLabel(self.tr(
            "EXAMPLE — a made-up log in a throwaway database: nothing here is saved in your file."))
        self.example_banner.setObjectName("directionsExampleBanner")
        self.example_banner.setWordWrap(True)
        self.example_banner.setStyleSheet("QLabel { background: #fff4ce; color: #3b2e00; padding: 4px; "
                                          "font-weight: bold; }")
        self.leave_example_button = QPushButton(self.tr("Back to your log"))
        self.leave_example_button.setObjectName("leaveExampleButton")
        self.leave_example_button.clicked.connect(self.leave_example)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.example_banner, 1)
        banner_row.addWidget(self.leave_example_button)
        outer.insertLayout(0, banner_row)
        self.example_banner.hide()
        self.leave_example_button.hide()
        self._own_workspace: Workspace | None = None
        self._example_workspace: Workspace | None = None

    def _build_filters(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        row = QHBoxLayout()
        rows.addLayout(row)

        def labelled(text: str, widget) -> None:
            if isinstance(widget, QComboBox):  # long names (a body's) never widen the window
                widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                widget.setMinimumContentsLength(9)
            label = QLabel(text)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)

        self.status_filter = named(QComboBox(), self.tr("Status filter"),
                                    self.tr("Show only directions in this state"))
        self.status_filter.addItem(self.tr("Any"), None)
        for status in DirectionStatus:
            self.status_filter.addItem(status.label, status.value)
        self.status_filter.addItem(self.tr("No longer in force"), NOT_IN_FORCE)
        labelled(self.tr("&Status"), self.status_filter)
        self.partner_filter = named(QComboBox(), self.tr("Delivery partner filter"),
                                     self.tr("Show only directions issued to this partner"))
        labelled(self.tr("Deli&very partner"), self.partner_filter)
        self.rag_filter = named(QComboBox(), self.tr("RAG filter"))
        self.rag_filter.addItem(self.tr("Any"), None)
        for rag in RAGS[:5]:
            self.rag_filter.addItem(RAG_LABELS[rag], rag)
        labelled(self.tr("RAG &colour"), self.rag_filter)
        row.addStretch(1)
        row = QHBoxLayout()
        rows.addLayout(row)
        self.overdue_filter = named(QCheckBox(self.tr("Overdue &milestones only")), self.tr("Overdue only"),
                                     self.tr("Show only directions with a milestone or timescale overdue on the day"))
        row.addWidget(self.overdue_filter)
        self.resource_filter = named(QComboBox(), self.tr("Resource filter"),
                                     self.tr("Show only directions whose resource is a payment, a sum set aside, "
                                             "both, or not given"))
        self.resource_filter.addItem(self.tr("Any"), None)
        for basis in ResourceBasis:
            self.resource_filter.addItem(basis.label, basis.value)
        self.resource_filter.addItem(self.tr("No amount given"), NO_AMOUNT)
        labelled(self.tr("Resource"), self.resource_filter)  # (no letter left: Tab reaches it)
        self.search = named(QLineEdit(), self.tr("Search directions"),
                             self.tr("Words to find in the reference, title, functions, what is to be delivered "
                                     "or delivery issues"))
        self.search.setPlaceholderText(self.tr("Search…"))
        self.search.setClearButtonEnabled(True)
        labelled(self.tr("&Words"), self.search)
        row.addStretch(1)
        for combo in (self.status_filter, self.partner_filter, self.rag_filter, self.resource_filter):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.overdue_filter.toggled.connect(self._filters_changed)
        self.search.textChanged.connect(self._filters_changed)
        return rows

    def _build_panel(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(290)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        panel = _Panel()
        panel.setObjectName("directionsPanel")
        layout = QVBoxLayout(panel)
        self.detail_title = QLabel("")
        self.detail_title.setObjectName("directionTitle")
        self.detail_title.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_title.setWordWrap(True)
        font = self.detail_title.font()
        font.setBold(True)
        self.detail_title.setFont(font)
        layout.addWidget(self.detail_title)
        self.detail_status = QLabel("")
        self.detail_status.setObjectName("directionStatus")
        self.detail_status.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_status.setWordWrap(True)
        self.detail_status.setAccessibleName(self.tr("Status and reason"))
        layout.addWidget(self.detail_status)
        chain = QHBoxLayout()
        self.earlier_button = named(QPushButton(""), self.tr("Go to the direction this one supersedes"))
        self.later_button = named(QPushButton(""), self.tr("Go to the direction that supersedes this one"))
        # the button shows only for a selected direction that supersedes another
        self.earlier_button.clicked.connect(
            lambda: self._follow(self._current.record.supersedes if self._current else None))
        self.later_button.clicked.connect(lambda: self._follow(self._later_link()))
        chain.addWidget(self.earlier_button)
        chain.addWidget(self.later_button)
        chain.addStretch(1)
        layout.addLayout(chain)
        label = QLabel(self.tr("The direction in f&ull"))
        self.details = named(QPlainTextEdit(), self.tr("Direction details"),
                              self.tr("Every field of the direction, its milestones, delivery issues and updates"))
        self.details.setReadOnly(True)
        self.details.setTabChangesFocus(True)
        self.details.setMinimumHeight(160)
        label.setBuddy(self.details)
        layout.addWidget(label)
        layout.addWidget(self.details, 1)
        grid = QGridLayout()
        self.edit_button = QPushButton(self.tr("&Edit draft…"))
        self.issue_button = QPushButton(self.tr("&Issue…"))
        self.delete_button = QPushButton(self.tr("&Delete draft"))
        self.vary_button = QPushButton(self.tr("V&ary…"))
        self.revoke_button = QPushButton(self.tr("Re&voke…"))
        self.complete_button = QPushButton(self.tr("Mark &completed…"))
        self.issue_entry_button = QPushButton(self.tr("Deli&very issue…"))
        self.update_button = QPushButton(self.tr("Progress &update…"))
        self.milestone_button = QPushButton(self.tr("Milestone &met…"))
        acts = ((self.edit_button, self.edit_draft, self.tr("Change the draft before it is issued")),
                (self.issue_button, self.issue, self.tr("Issue the draft: its content is then locked")),
                (self.delete_button, self.delete_draft, self.tr("Delete the draft (an issued direction stays)")),
                (self.vary_button, self.vary, self.tr("Draft a new direction that supersedes this one, pre-filled")),
                (self.revoke_button, self.revoke, self.tr("Record the revocation, with the reason")),
                (self.complete_button, self.complete, self.tr("Record that the direction has been completed")),
                (self.issue_entry_button, self.record_issue, self.tr("Record a dated delivery issue")),
                (self.update_button, self.record_update, self.tr("Record a dated progress update")),
                (self.milestone_button, self.milestone_met, self.tr("Record the day a milestone was met")))
        for number, (button, act, description) in enumerate(acts):
            named(button, button.text().replace("&", "").rstrip("…"), description)
            button.clicked.connect(act)
            # two a row: the panel stays narrow enough for 150% on a small screen
            grid.addWidget(button, number // 2 if number < 3 else 2 + (number - 3) // 2,
                           number % 2 if number < 3 else (number - 3) % 2)
        #: Shown for a draft, and for an issued direction: each group has its own Alt letters.
        self.draft_buttons = [b for b, _a, _d in acts[:3]]
        self.issued_buttons = [b for b, _a, _d in acts[3:]]
        # the buttons above the direction in full: below it (at least 160 px high) Edit draft…
        # and Issue… lay under the panel's visible part at 1280x720 and 150%
        layout.insertLayout(layout.indexOf(label), grid)
        for first, second in zip([b for b, _a, _d in acts], [*(b for b, _a, _d in acts[1:]), self.details],
                                 strict=True):
            QWidget.setTabOrder(first, second)  # Tab goes as the eye does: buttons, then the text
        scroll.setWidget(panel)
        return scroll

    # --- loading ------------------------------------------------------------------------------

    def set_workspace(self, workspace: Workspace | None, partnership: str | None = None) -> None:
        if workspace is not self._example_workspace:
            self._own_workspace = workspace
            self._close_example()
        self.workspace = workspace
        names = workspace.directions.partnerships() if workspace is not None else []
        wanted = partnership or self.partnership or (names[0] if names else "")
        if wanted and wanted not in names:
            names = sorted([*names, wanted])
        self.partnership_combo.blockSignals(True)
        self.partnership_combo.clear()
        for name in names:
            self.partnership_combo.addItem(name, name)
        self.partnership_combo.setCurrentIndex(max(0, self.partnership_combo.findData(wanted)))
        self.partnership_combo.blockSignals(False)
        self.partnership = self.partnership_combo.currentData() or ""
        self.reload()

    def _partnership_chosen(self, _index: int) -> None:
        self.partnership = self.partnership_combo.currentData() or ""
        self._current = None
        self.reload()

    def log(self) -> DirectionsLog:
        """The log as at the day (issued directions only), for the outputs."""
        records = [i.record for i in self.model.items()]
        return build_log(self.partnership, records, self.bodies, self.as_at())

    def reload(self, keep: int | None = None) -> None:
        if keep is None and self._current is not None:
            keep = self._current.record.id
        items: list[LogItem] = []
        if self.workspace is not None and self.partnership:
            try:
                records = self.workspace.directions.list_directions(self.partnership)
                self.bodies = self.workspace.directions.bodies(self.partnership)
            except MsgdeskError as exc:
                self._fail(str(exc))
                return
            as_at = self.as_at()
            log = build_log(self.partnership, records, self.bodies, as_at)
            drafts = [log_item(r, self.bodies, as_at) for r in records
                      if r.data.issued_on is None or r.data.issued_on > as_at]
            items = [*log.items, *drafts]
        self._refresh_partner_filter()
        self.model.set_items(items)
        self._show_count()
        self._select(keep)
        for button in (self.new_button, self.log_pdf, self.log_xlsx):
            button.setEnabled(bool(self.partnership))

    def _refresh_partner_filter(self) -> None:
        current = self.partner_filter.currentData()
        self.partner_filter.blockSignals(True)
        self.partner_filter.clear()
        self.partner_filter.addItem(self.tr("Any"), None)
        self.partner_filter.addItem(self.bodies.name(Partner.HEALTH_BOARD), Partner.HEALTH_BOARD.value)
        self.partner_filter.addItem(self.bodies.name(Partner.LOCAL_AUTHORITY), Partner.LOCAL_AUTHORITY.value)
        self.partner_filter.addItem(self.tr("Both, jointly"), "jointly")
        self.partner_filter.setCurrentIndex(max(0, self.partner_filter.findData(current)))
        self.partner_filter.blockSignals(False)
        self.proxy.set_filters(self.filters())

    # --- filters ------------------------------------------------------------------------------

    def filters(self) -> Filters:
        return Filters(status=self.status_filter.currentData(), partner=self.partner_filter.currentData(),
                       overdue=self.overdue_filter.isChecked(), rag=self.rag_filter.currentData(),
                       resource=self.resource_filter.currentData(), text=self.search.text())

    def _filters_changed(self, *_args) -> None:
        keep = self._current.record.id if self._current else None
        self.proxy.set_filters(self.filters())
        self._show_count()
        self._select(keep)

    def clear_filters(self) -> None:
        for combo in (self.status_filter, self.partner_filter, self.rag_filter, self.resource_filter):
            combo.setCurrentIndex(0)
        self.overdue_filter.setChecked(False)
        self.search.clear()

    def _show_count(self) -> None:
        items = self.model.items()
        overdue = sum(1 for i in items if i.overdue)
        in_force = [i for i in items if i.in_force]
        self.count.setText(self.tr("{shown} of {total} shown · {in_force} in force, {money} · {overdue} with "
                                   "something overdue").format(
            shown=self.proxy.rowCount(), total=len(items), in_force=len(in_force),
            money=pounds_shown(sum(i.record.data.resource_pence or 0 for i in in_force)), overdue=overdue))

    # --- selection and the panel ------------------------------------------------------------

    def _select(self, direction_id: int | None) -> None:
        row = self.proxy.row_of(direction_id) if direction_id is not None else -1
        if row < 0 and self.proxy.rowCount() and direction_id is None:
            row = 0
        selection = self.table.selectionModel()
        if row >= 0:
            index = self.proxy.index(row, 0)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
            self._show(self.proxy.item_at(row))
        else:
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
            self._show(None)

    def select_direction(self, direction_id: int) -> bool:
        if self.model.row_of(direction_id) < 0:
            return False
        if self.proxy.row_of(direction_id) < 0:
            self.clear_filters()
        self._select(direction_id)
        return True

    def select_reference(self, reference: str) -> bool:
        found = next((i for i in self.model.items() if i.reference == reference), None)
        return found is not None and self.select_direction(found.record.id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.proxy.item_at(current.row()) if current.isValid() else None)

    def selected(self) -> LogItem | None:
        return self._current

    def _later_link(self) -> Link | None:
        record = self._current.record if self._current else None
        if record is None:
            return None
        return record.superseded_by or (record.varied_by_drafts[0] if record.varied_by_drafts else None)

    def _show(self, item: LogItem | None) -> None:
        self._current = item
        acts = (self.edit_button, self.issue_button, self.delete_button, self.vary_button, self.revoke_button,
                self.complete_button, self.issue_entry_button, self.update_button, self.milestone_button)
        if item is None:
            self.detail_title.setText(self.tr("No direction selected") if self.model.rowCount() else self.tr(
                "No direction in the log yet: draft one (New direction…), or import a directions file or load "
                "the example from the Directions menu (Alt+I)"))
            self.detail_status.setText("")
            self.details.setPlainText("")
            self.earlier_button.hide()
            self.later_button.hide()
            for button in acts:
                button.setEnabled(False)
                button.setVisible(button in self.draft_buttons)
            self._sync_menu()
            return
        record, data = item.record, item.record.data
        status = item.status.status
        issued = data.issued_on is not None
        self.detail_title.setText(f"{item.reference} \u2013 {data.title}")
        text = item.status.describe()
        if item.rag is not None and item.in_force:
            text += self.tr(" \u2013 RAG {rag}").format(rag=item.rag.label)
        if data.issued_on is not None and data.issued_on > self.as_at():
            text = self.tr("Issued on {day}, after the As at day").format(day=long_date(data.issued_on))
        self.detail_status.setText(text)
        earlier = record.supersedes
        self.earlier_button.setVisible(earlier is not None)
        if earlier is not None:
            self.earlier_button.setText(self.tr("&Back to {ref}, which it supersedes").format(
                ref=earlier.reference.replace("&", "&&")))
        later = self._later_link()
        self.later_button.setVisible(later is not None)
        if later is not None:
            word = self.tr("Superseded b&y {ref}") if record.superseded_by else self.tr("Draft var&ying it: {ref}")
            self.later_button.setText(word.format(ref=later.reference.replace("&", "&&")))
        self.details.setPlainText(self._details_text(item))
        open_ = status is DirectionStatus.IN_FORCE or (issued and not record.superseded_by and not data.revoked_on
                                                       and not data.completed_on)
        for button in self.draft_buttons:
            button.setVisible(not issued)
            button.setEnabled(not issued)
        for button in self.issued_buttons:
            button.setVisible(issued)
        self.vary_button.setEnabled(open_)
        self.revoke_button.setEnabled(open_)
        self.complete_button.setEnabled(open_)
        self.issue_entry_button.setEnabled(issued)
        self.update_button.setEnabled(issued)
        self.milestone_button.setEnabled(issued and any(m.achieved_on is None for m in data.milestones))
        self._sync_menu()

    def _details_text(self, item: LogItem) -> str:
        data = item.record.data
        none = "\u2013"
        lines = [
            self.tr("Function(s) covered: {v}").format(v="; ".join(data.functions) or none),
            self.tr("Issued to: {v}").format(v=item.issued_to or none),
            self.tr("Date of issue: {v}").format(v=long_date(data.issued_on) if data.issued_on else
                                                  self.tr("not issued (a draft)")),
            self.tr("IJB decision: {v}").format(v="; ".join(p for p in (
                long_date(data.ijb_meeting) if data.ijb_meeting else "", data.ijb_report, data.minute_reference)
                if p) or none),
            self.tr("Resource committed: {v}").format(
                v=f"{pounds_shown(data.resource_pence)} ({data.resource_basis.label.lower()})"
                if data.resource_pence is not None and data.resource_basis else self.tr("no amount given")),
            self.tr("Timescale: {v}").format(v=data.timescale or none),
            self.tr("Review date: {v}").format(v=long_date(data.review_date) if data.review_date else none),
            "",
            self.tr("What is to be delivered:"), data.instruction or none, "",
            self.tr("Outcomes:"), data.outcomes or none, "",
            self.tr("Milestones ({n}):").format(n=len(item.milestones)),
            *(f"  \u2022 {due_text(m)}" for m in item.milestones),
            "", self.tr("Delivery issues ({n}):").format(n=len(data.delivery_issues)),
            *(f"  \u2022 {long_date(e.on_date)}: {e.text}" for e in data.delivery_issues),
            "", self.tr("Progress updates ({n}):").format(n=len(data.updates)),
            *(f"  \u2022 {long_date(e.on_date)}{' (' + e.author + ')' if e.author else ''}: {e.text}"
              for e in data.updates),
        ]
        return "\n".join(lines)

    def _follow(self, link: Link | None) -> None:
        if link is not None and self.select_direction(link.id):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- the Directions menu and the Alt letters ----------------------------------------------

    def fill_menu(self, menu: QMenu) -> None:
        """Every act of the tab in ``menu`` (the window's Directions menu), each with its own
        letter: the keyboard's way to everything, whatever the panel shows."""
        self.menu = menu
        self.menu_actions = {}
        entries = (
            ("new", self.tr("&New direction…"), self.new_direction, "Ctrl+Shift+N"),
            ("edit", self.tr("&Edit the draft…"), self.edit_draft, ""),
            ("issue", self.tr("&Issue the draft…"), self.issue, ""),
            ("delete", self.tr("&Delete the draft"), self.delete_draft, ""),
            None,
            ("vary", self.tr("&Vary: draft the superseding direction…"), self.vary, ""),
            ("revoke", self.tr("&Revoke…"), self.revoke, ""),
            ("complete", self.tr("Mark &completed…"), self.complete, ""),
            ("issue_entry", self.tr("Record a delivery i&ssue…"), self.record_issue, ""),
            ("update", self.tr("Record a progress &update…"), self.record_update, ""),
            ("milestone", self.tr("Record a &milestone met…"), self.milestone_met, ""),
            None,
            ("pdf", self.tr("Save the log as &PDF…"), lambda: self.save_log("pdf"), ""),
            ("xlsx", self.tr("Save the log as E&xcel…"), lambda: self.save_log("xlsx"), ""),
            ("import", self.tr("Imp&ort a directions file…"), lambda: self.import_file(), ""),
            ("export", self.tr("Expor&t the directions file…"), lambda: self.export_file(), ""),
            ("example", self.tr("Load the ex&ample log"), self.load_example, ""),
            ("bodies", self.tr("&Health Board and Local Authority names…"), self.edit_bodies, ""),
        )
        for entry in entries:
            if entry is None:
                menu.addSeparator()
                continue
            key, text, act, shortcut = entry
            action = menu.addAction(text)
            action.triggered.connect(lambda _checked=False, a=act: a())
            if shortcut:
                action.setShortcut(shortcut)
            self.menu_actions[key] = action
        self._sync_menu()

    def _sync_menu(self) -> None:
        actions = getattr(self, "menu_actions", None)
        if not actions:
            return
        buttons = {"edit": self.edit_button, "issue": self.issue_button, "delete": self.delete_button,
                   "vary": self.vary_button, "revoke": self.revoke_button, "complete": self.complete_button,
                   "issue_entry": self.issue_entry_button, "update": self.update_button,
                   "milestone": self.milestone_button}
        for key, button in buttons.items():
            actions[key].setEnabled(button.isVisibleTo(self) and button.isEnabled())
        for key in ("new", "pdf", "xlsx", "export", "bodies"):
            actions[key].setEnabled(bool(self.partnership))

    def resolve_mnemonics(self, reserved: set[str]) -> None:
        """Unique Alt letters: the tab's fixed controls first, then each group of act buttons
        (never shown together, so the two groups may share letters)."""
        acts = [*self.draft_buttons, *self.issued_buttons]
        fixed = [w for w in controls([self]) if w not in acts]
        chain = {"b", "y"}  # the chain buttons' letters (their text changes with the direction)
        resolve(fixed, set(reserved) | chain)
        used = set(reserved) | chain | {letter for w in fixed
                                if (letter := mnemonic(w.text() if hasattr(w, "text") else ""))}
        resolve(self.draft_buttons, used)
        resolve(self.issued_buttons, used)

    # --- the acts ------------------------------------------------------------------------------

    def _back(self) -> None:
        """After a dialog: the keyboard carries on from the table, in the window (once the
        menu that opened the dialog has closed too)."""
        def back() -> None:
            self.window().activateWindow()
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

        back()
        QTimer.singleShot(0, back)

    def _done(self, record: DirectionRecord | None, message: str) -> None:
        self.message.setText(message)
        if record is not None and record.partnership != self.partnership:
            self.set_workspace(self.workspace, record.partnership)
        self.reload(keep=record.id if record is not None else None)
        if record is not None:
            self.directionChanged.emit(record.id)

    def _suggested_reference(self) -> str:
        return next_reference([i.reference for i in self.model.items()], self.today.year)

    def new_direction(self) -> DirectionDialog | None:
        """The form for a new draft; returns the dialog (shown, modal unless in a test)."""
        if not self.partnership:
            return None
        return self._open_form(Direction(self._suggested_reference(), "", [], (), ""), None,
                               self.tr("Draft a direction"))

    def edit_draft(self) -> DirectionDialog | None:
        item = self._current
        if item is None or item.record.data.issued_on is not None:
            return None
        return self._open_form(item.record.data, item.record, self.tr("Change the draft {ref}").format(
            ref=item.reference))

    def vary(self) -> DirectionDialog | None:
        """The form for a new draft superseding the selected direction, pre-filled with it."""
        # the store (SQLAlchemy) loads on first use, off the window's first paint
        from msgdesk.store.directions import variation_of

        item = self._current
        if item is None:
            return None
        data = variation_of(item.record.data, self._suggested_reference())
        return self._open_form(data, None, self.tr("Vary {ref}: a new direction that supersedes it").format(
            ref=item.reference))

    def _open_form(self, data: Direction, record: DirectionRecord | None, title: str) -> DirectionDialog | None:
        if self.workspace is None:  # no database open: nothing to act on
            return None
        directions = self.workspace.directions

        def save(dialog: DirectionDialog) -> DirectionRecord:
            values = dialog.direction()
            if record is None:
                return directions.create_draft(self.partnership, values)
            return directions.update_draft(record.id, values, expected_version=record.version)

        dialog = DirectionDialog(self, self.bodies, save, data, title)
        if dialog.exec() == DirectionDialog.DialogCode.Accepted and dialog.result_value is not None:
            saved = dialog.result_value
            self._done(saved, self.tr("Draft {ref} saved. Issue it once the IJB has decided.").format(
                ref=saved.reference))
        self._back()
        return dialog

    # do(item, day, text, author, chosen milestone) -> the direction as saved
    def _act(self, title: str, intro: str, do: Callable[..., DirectionRecord], done: str,
             **options: Unpack[_ActOptions]) -> ActDialog | None:
        item = self._current
        if item is None:
            return None
        dialog = ActDialog(self, title, intro, lambda d: do(item, *d.values()), today=self.today, **options)
        if dialog.exec() == ActDialog.DialogCode.Accepted:
            self._done(dialog.result_value, done.format(ref=item.reference))
        self._back()
        return dialog

    def issue(self) -> ActDialog | None:
        if self.workspace is None:  # no database open: nothing to act on
            return None
        d = self.workspace.directions
        return self._act(self.tr("Issue {ref}").format(ref=self._ref()), self.tr(
            "Once issued, the direction's content is locked: it is varied only by issuing a new direction that "
            "supersedes it. Its delivery issues, updates, completion or revocation stay open."),
            lambda item, day, *_: d.issue(item.record.id, day, today=self.today),
            self.tr("{ref} issued; its content is now locked."), date_label=self.tr("Date of &issue"))

    def revoke(self) -> ActDialog | None:
        if self.workspace is None:  # no database open: nothing to act on
            return None
        d = self.workspace.directions
        return self._act(self.tr("Revoke {ref}").format(ref=self._ref()), self.tr(
            "The revocation is recorded in the log with its reason, and is final."),
            lambda item, day, text, *_: d.revoke(item.record.id, day, text, today=self.today),
            self.tr("{ref} revoked."), date_label=self.tr("Revoked &on"), text_label=self.tr("&Reason (required)"))

    def complete(self) -> ActDialog | None:
        if self.workspace is None:  # no database open: nothing to act on
            return None
        d = self.workspace.directions
        return self._act(self.tr("Mark {ref} completed").format(ref=self._ref()), self.tr(
            "The completion is recorded in the log, and is final."),
            lambda item, day, *_: d.complete(item.record.id, day, today=self.today),
            self.tr("{ref} marked completed."), date_label=self.tr("Completed &on"))

    def record_issue(self) -> ActDialog | None:
        if self.workspace is None:  # no database open: nothing to act on
            return None
        d = self.workspace.directions
        return self._act(self.tr("Delivery issue on {ref}").format(ref=self._ref()), self.tr(
            "A delivery issue is kept in the log as written: it can be added to, never changed."),
            lambda item, day, text, author, _i: d.record_issue(item.record.id, text, on_date=day, author=author,
                                                               today=self.today),
            self.tr("Delivery issue recorded on {ref}."), date_label=self.tr("&Dated"),
            text_label=self.tr("Delivery &issue"), author=self.workspace.user)

    def record_update(self) -> ActDialog | None:
        if self.workspace is None:  # no database open: nothing to act on
            return None
        d = self.workspace.directions
        return self._act(self.tr("Progress update on {ref}").format(ref=self._ref()), self.tr(
            "An update is kept in the log as written: it can be added to, never changed."),
            lambda item, day, text, author, _i: d.record_update(item.record.id, text, on_date=day, author=author,
                                                                today=self.today),
            self.tr("Progress recorded on {ref}."), date_label=self.tr("&Dated"), text_label=self.tr("&Update"),
            author=self.workspace.user)

    def milestone_met(self) -> ActDialog | None:
        item = self._current
        if item is None or self.workspace is None:
            return None
        d = self.workspace.directions
        open_ = [n for n, m in enumerate(item.record.data.milestones) if m.achieved_on is None]
        names = [item.record.data.milestones[n].milestone for n in open_]
        return self._act(self.tr("Milestone met on {ref}").format(ref=item.reference), self.tr(
            "The day a milestone was met is recorded once."),
            lambda item, day, _t, _a, chosen: d.milestone_achieved(item.record.id, open_[chosen], day,
                                                                   today=self.today),
            self.tr("Milestone recorded as met on {ref}."), date_label=self.tr("Met &on"), choices=names,
            choice_label=self.tr("Mi&lestone"))

    def delete_draft(self) -> None:
        item = self._current
        if item is None or item.record.data.issued_on is not None or self.workspace is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete draft"), self.tr(
            "Delete the draft {ref}? It has not been issued, so it is not part of the log.").format(ref=item.reference))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.workspace.directions.delete_draft(item.record.id)
        except MsgdeskError as exc:
            self._fail(str(exc))
            return
        self._current = None
        self._done(None, self.tr("Draft {ref} deleted.").format(ref=item.reference))

    def _ref(self) -> str:
        return self._current.reference if self._current else ""

    # --- files, names and the log ---------------------------------------------------------------

    def edit_bodies(self) -> None:
        if not self.partnership or self.workspace is None:
            return
        names = []
        for partner in Partner:
            name, ok = QInputDialog.getText(self, self.tr("Partners' names"), self.tr(
                "The name of the {partner} (as the log should print it):").format(partner=partner.label),
                text=self.bodies.health_board if partner is Partner.HEALTH_BOARD else self.bodies.local_authority)
            if not ok:
                return
            names.append(name)
        try:
            self.workspace.directions.set_bodies(self.partnership, health_board=names[0], local_authority=names[1])
        except MsgdeskError as exc:
            self._fail(str(exc))
            return
        self.reload()

    def load_example(self) -> None:
        """The example log (made up for msgdesk), in a throwaway database of its own, shown
        with a banner until "Back to your log": nothing of it enters the officer's file."""
        try:
            data = read_directions_file(resource_path(*EXAMPLE))
            if self._example_workspace is None:
                folder = Path(tempfile.mkdtemp(prefix="msgdesk-example-"))
                example = Workspace.open(folder / "example.db", backup_on_open=False)
                example.directions.import_file(data)
                example.directions.set_bodies(data.partnership, health_board=EXAMPLE_BODIES.health_board,
                                              local_authority=EXAMPLE_BODIES.local_authority)
                self._example_workspace = example
        except MsgdeskError as exc:
            self._fail(str(exc))
            return
        self.set_workspace(self._example_workspace, data.partnership)
        self.example_banner.show()
        self.leave_example_button.show()
        self.message.setText(self.tr("The example log is loaded: {n} directions, made up to show how the log works.")
                             .format(n=len(data.directions)))

    def leave_example(self) -> None:
        """Back to the officer's own log; the example's database is thrown away."""
        own = self._own_workspace
        self._close_example()
        self.set_workspace(own)  # with no database of the officer's, an empty tab, not the example's rows

    def _close_example(self) -> None:
        example, self._example_workspace = self._example_workspace, None
        self.example_banner.hide()
        self.leave_example_button.hide()
        if example is None:
            return
        folder = example.path.parent if example.path is not None else None
        example.close()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    def import_file(self, path: str | None = None) -> bool:
        if self.workspace is None:
            return False
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(self, self.tr("Import a directions file"),
                                                        str(file_menu.start_folder(self.settings)),
                                                        self.tr("Directions files (*.json)"))
            if not path:
                return False
        try:
            data = read_directions_file(path)
            answer = QMessageBox.StandardButton.No
            known = {r.reference for r in self.workspace.directions.list_directions(data.partnership)}
            if known & {d.reference for d in data.directions}:
                answer = QMessageBox.question(self, self.tr("Import a directions file"), self.tr(
                    "Some of these directions are already in the log. Bring them up to date from the file? "
                    "(An issued direction's content never changes; its delivery issues, updates, milestones met, "
                    "revocation or completion are added.)"))
                if answer != QMessageBox.StandardButton.Yes:
                    return False
            result = self.workspace.directions.import_file(data, replace=answer == QMessageBox.StandardButton.Yes,
                                                           source=str(path))
        except MsgdeskError as exc:
            self._fail(str(exc))
            return False
        self.set_workspace(self.workspace, result.partnership)
        self.message.setText(self.tr("Imported: {added} added, {updated} brought up to date.").format(
            added=len(result.added), updated=len(result.updated)))
        return True

    def export_file(self, path: str | None = None) -> str | None:
        if not self.partnership or self.workspace is None:
            return None
        if path is None:
            path = file_menu.ask_save_path(self, self.tr("Export the directions file"),
                                           f"{self.partnership} directions.json", "json", self.settings)
            if not path:
                return None
        try:
            write_directions_file(path, self.workspace.directions.export(self.partnership))
        except (MsgdeskError, OSError) as exc:
            self._fail(str(exc))
            return None
        self.message.setText(self.tr("Directions file saved to {path}").format(path=path))
        return path

    def save_log(self, kind: str, path: str | None = None) -> str | None:
        """Ask where (unless ``path``) and write the log as at the day, as PDF or Excel."""
        if not self.partnership:
            return None
        as_at = self.as_at()
        if path is None:
            path = file_menu.ask_save_path(self, self.tr("Save the directions log"),
                                           f"{self.partnership} directions log {as_at.isoformat()}.{kind}", kind,
                                           self.settings)
            if not path:
                return None
        try:
            if kind == "pdf":
                # typst/openpyxl load on the first export, not at start-up
                from msgdesk.reports.directions_log_pdf import write_pdf

                write_pdf(self.log(), path)
            else:
                # typst/openpyxl load on the first export, not at start-up
                from msgdesk.reports.directions_log_xlsx import write_xlsx

                write_xlsx(self.log(), path)
        except (MsgdeskError, OSError) as exc:
            self._fail(str(exc))
            return None
        self.message.setText(self.tr("Directions log as at {day} saved to {path}").format(day=long_date(as_at),
                                                                                         path=path))
        return path

    def _fail(self, text: str) -> None:
        self.message.setText(text)
        QMessageBox.warning(self, self.tr("Directions"), text)
