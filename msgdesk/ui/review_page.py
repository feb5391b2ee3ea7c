"""Check before IJB: what is missing or doubtful, with jump-to, and the round's status."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QWidget

from msgdesk.returndata import ROUND_STATUS_LABELS
from msgdesk.states import RoundStatus
from msgdesk.ui.forms.ui_review_page import Ui_ReviewPage
from msgdesk.review import find_problems, summarise

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1


class ReviewPage(QWidget):
    jumpRequested = Signal(str, int)  # proposal, action row (-1: none)

    def __init__(self, template, parent=None):
        super().__init__(parent)
        self.ui = Ui_ReviewPage()
        self.ui.setupUi(self)
        # The partnership's name and reopening reasons are user text, not markup.
        self.ui.summaryLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.ui.historyLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.template = template
        self.session = None
        self.model = QStandardItemModel(self)
        self.ui.problemsView.setModel(self.model)
        self.ui.problemsView.activated.connect(self._jump)
        self.ui.jumpButton.clicked.connect(lambda: self._jump(self.ui.problemsView.currentIndex()))

    def set_session(self, session) -> None:
        self.session = session

    def refresh(self) -> None:
        self.model.clear()
        if self.session is None:
            return
        problems = find_problems(self.template, self.session.snap)
        for problem in problems:
            item = QStandardItem(problem.text)
            item.setEditable(False)
            item.setData(problem, PROBLEM_ROLE)
            item.setData(problem.text, Qt.ItemDataRole.AccessibleTextRole)
            self.model.appendRow(item)
        rated, total = self.session.rated_count()
        snap = self.session.snap
        status = ROUND_STATUS_LABELS.get(snap.status, snap.status)
        if problems:
            summary = (f"{len(problems)} thing{'s' if len(problems) != 1 else ''} to check: {summarise(problems)}. "
                       f"{rated} of {total} rated.")
        else:
            summary = "Nothing missing: every proposal is rated with evidence, and every action has a timescale."
        self.ui.summaryLabel.setText(f"{snap.partnership}, round {snap.label} — status: {status}.\n{summary}")
        if self.model.rowCount():
            self.ui.problemsView.setCurrentIndex(self.model.index(0, 0))
        self.ui.jumpButton.setEnabled(bool(problems))
        self.ui.markReadyButton.setEnabled(snap.status in (RoundStatus.DRAFT, RoundStatus.REOPENED))
        self.ui.markDraftButton.setEnabled(snap.status == RoundStatus.READY)
        self.ui.approveButton.setEnabled(snap.status != RoundStatus.APPROVED)
        self._show_history()

    def problem_count(self) -> int:
        return self.model.rowCount()

    def _show_history(self) -> None:
        if self.session is None or not self.session.workspace.is_open:
            self.ui.historyLabel.setText("")
            return
        lines = [f"{e.at:%d %b %Y %H:%M}  {e.kind.replace('_', ' ')}  {e.detail}".rstrip()
                 for e in self.session.events()]
        self.ui.historyLabel.setText("History:\n" + "\n".join(lines[-6:]) if lines else "")

    def _jump(self, index) -> None:
        if not index.isValid():
            return
        problem = index.data(PROBLEM_ROLE)
        self.jumpRequested.emit(problem.proposal, problem.action_row)
