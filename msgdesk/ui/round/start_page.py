"""The start page: create a round (optionally from the previous one), open one,
open the North Ayrshire 2019 example, or import a return file."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QWidget

from msgdesk.domain.return_values import ROUND_STATUS_LABELS
from msgdesk.ui.forms.ui_start_page import Ui_StartPage

ROUND_ROLE = Qt.ItemDataRole.UserRole + 1


class StartPage(QWidget):
    createRequested = Signal(dict)
    openRequested = Signal(int)
    exampleRequested = Signal()
    importRequested = Signal()

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.ui = Ui_StartPage()
        self.ui.setupUi(self)
        self.workspace = workspace
        self.listings = []
        self.model = QStandardItemModel(self)
        self.ui.roundsView.setModel(self.model)
        self.ui.roundsView.setEditTriggers(self.ui.roundsView.EditTrigger.NoEditTriggers)
        # no made-up date: the officer types the date the self-evaluation is completed
        self.ui.completedEdit.allow_no_date(self.tr("Not completed yet"))
        self.ui.completedEdit.setToolTip(self.tr(
            "The date the self-evaluation is completed. Timescales such as \u201c6 months\u201d count from it."))
        self.ui.roundEdit.setText(str(date.today().year))
        partnership_line = self.ui.partnershipCombo.lineEdit()
        assert partnership_line is not None  # the combo is editable (forms/start_page.ui)
        partnership_line.setPlaceholderText(
            self.tr("e.g. North Ayrshire Health and Social Care Partnership"))
        self.ui.partnershipCombo.currentTextChanged.connect(self._fill_previous)
        self.ui.previousCombo.currentIndexChanged.connect(
            lambda _i: self.ui.carryCheck.setEnabled(self.ui.previousCombo.currentData() is not None)
        )
        self.ui.createButton.clicked.connect(self._create)
        for edit in (self.ui.roundEdit, self.ui.contactEdit, partnership_line):
            edit.returnPressed.connect(self._create)  # Enter creates the round
        self.ui.completedEdit.returnPressed.connect(self._create)
        self.ui.openButton.clicked.connect(self._open_selected)
        self.ui.roundsView.activated.connect(lambda index: self.openRequested.emit(index.data(ROUND_ROLE)))
        self.ui.exampleButton.clicked.connect(self.exampleRequested)
        self.ui.importButton.clicked.connect(self.importRequested)

    def refresh(self, partnership: str | None = None) -> None:
        """Reread the rounds; ``partnership`` (the one open in the window) is offered for a new round."""
        self.listings = self.workspace.quick_listings()
        self.model.clear()
        for listing in self.listings:
            status = ROUND_STATUS_LABELS.get(listing.status, listing.status)
            item = QStandardItem(self.tr("{partnership} — {label} ({status})").format(
                partnership=listing.partnership, label=listing.label, status=status))
            item.setData(listing.id, ROUND_ROLE)
            self.model.appendRow(item)
        if self.listings:
            self.ui.roundsView.setCurrentIndex(self.model.index(len(self.listings) - 1, 0))
        self.ui.openButton.setEnabled(bool(self.listings))
        current = self.ui.partnershipCombo.currentText()
        self.ui.partnershipCombo.blockSignals(True)
        self.ui.partnershipCombo.clear()
        self.ui.partnershipCombo.addItems(sorted({listing.partnership for listing in self.listings}))
        self.ui.partnershipCombo.setEditText(
            partnership or current or (self.listings[-1].partnership if self.listings else ""))
        self.ui.partnershipCombo.blockSignals(False)
        self._fill_previous(self.ui.partnershipCombo.currentText())

    def _fill_previous(self, partnership: str) -> None:
        combo = self.ui.previousCombo
        combo.clear()
        combo.addItem(self.tr("A fresh start (no previous round)"), None)
        mine = [item for item in self.listings if item.partnership == partnership.strip()]
        for listing in mine:
            combo.addItem(self.tr("The previous round, {label}: its ratings beside yours").format(label=listing.label),
                          listing.id)
        if mine:
            combo.setCurrentIndex(combo.count() - 1)
        self.ui.carryCheck.setEnabled(combo.currentData() is not None)

    def _create(self) -> None:
        edit = self.ui.completedEdit
        d = edit.date()
        previous = self.ui.previousCombo.currentData()
        self.createRequested.emit({
            "partnership": self.ui.partnershipCombo.currentText().strip(),
            "label": self.ui.roundEdit.text().strip(),
            "contact": self.ui.contactEdit.text().strip(),
            # none until the officer types it (Check before IJB reminds them)
            "completed_on": date(d.year(), d.month(), d.day()) if edit.has_date() else None,
            "previous_round_id": previous,
            "carry_forward": previous is not None and self.ui.carryCheck.isChecked(),
        })

    def _open_selected(self) -> None:
        index = self.ui.roundsView.currentIndex()
        if index.isValid():
            self.openRequested.emit(index.data(ROUND_ROLE))
