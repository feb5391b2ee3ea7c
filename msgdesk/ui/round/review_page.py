"""Check before IJB: what is missing or doubtful, under its key features and proposals
(with their titles), with jump-to, the date of completion, and the round's status."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from msgdesk.domain.dates import long_date, short_date_time
from msgdesk.domain.return_values import ROUND_STATUS_LABELS
from msgdesk.domain.states import RoundStatus
from msgdesk.rounds.review import KINDS, find_problems, group_problems
from msgdesk.ui.forms.ui_review_page import Ui_ReviewPage
from msgdesk.ui.i18n import QT_TRANSLATE_NOOP
from msgdesk.ui.session import RoundSession
from msgdesk.ui.widgets.date_edit import NO_DATE, DateEdit

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1

#: The wording of each kind of problem, with the values review.Problem.params holds.
WORDING = {
    "no_completion_date": QT_TRANSLATE_NOOP(
        "ReviewPage", "The round has no date of completion yet: timescales such as “6 months” count from it."),
    "no_rating": QT_TRANSLATE_NOOP("ReviewPage", "No rating"),
    "no_evidence": QT_TRANSLATE_NOOP("ReviewPage", "No evidence"),
    "exemplary_no_evidence": QT_TRANSLATE_NOOP("ReviewPage", "Rated Exemplary without evidence: say what shows it"),
    "empty_action": QT_TRANSLATE_NOOP("ReviewPage", "Action {n}: the action is empty"),
    "no_timescale": QT_TRANSLATE_NOOP("ReviewPage", "Action {n} (“{action}”): no timescale"),
    "unrecognised": QT_TRANSLATE_NOOP(
        "ReviewPage", "Action {n} (“{action}”): timescale “{timescale}” not recognised — set a due date"),
    "due_before_completion": QT_TRANSLATE_NOOP(
        "ReviewPage", "Action {n} (“{action}”): due {due}, before the date of completion ({completed})"),
    "carried_overdue": QT_TRANSLATE_NOOP(
        "ReviewPage", "Action {n} (“{action}”): carried forward from {origin}, due {due} — overdue; "
                      "set a new date or close it"),
    "merge_conflict": QT_TRANSLATE_NOOP(
        "ReviewPage", "{place}: {name}'s reply and the return differ — choose in Round → Resolve merge conflicts"),
    "pack_not_merged": QT_TRANSLATE_NOOP(
        "ReviewPage", "The contribution pack for {name} (proposals {proposals}, sent {sent}) has not been merged "
                      "yet: merge the reply, or withdraw the pack"),
}
COUNTS = {kind: (QT_TRANSLATE_NOOP("ReviewPage", one), QT_TRANSLATE_NOOP("ReviewPage", many))
          for kind, (one, many) in KINDS.items()}


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
        self.session: RoundSession | None = None
        self.problems = []
        self.model = QStandardItemModel(self)
        self.ui.problemsView.setModel(self.model)
        self.ui.problemsView.activated.connect(self._jump)
        self.ui.jumpButton.clicked.connect(lambda: self._jump(self.ui.problemsView.currentIndex()))
        self._build_completion_row()

    def _build_completion_row(self) -> None:
        """The date of completion, which the start page may have left empty."""
        row = QHBoxLayout()
        label = QLabel(self.tr("Date of &completion"), self)
        self.completed_edit = DateEdit(self)
        self.completed_edit.setObjectName("completedEdit")
        self.completed_edit.setAccessibleName(self.tr("Date of completion"))
        self.completed_edit.allow_no_date(self.tr("Not completed yet"))
        label.setBuddy(self.completed_edit)
        self.completed_button = QPushButton(self.tr("&Save the date"), self)
        self.completed_button.setAccessibleName(self.tr("Save the date of completion"))
        self.completed_button.clicked.connect(self.save_completion_date)
        row.addWidget(label)
        row.addWidget(self.completed_edit)
        row.addWidget(self.completed_button)
        row.addStretch(1)
        self.ui.layout.insertLayout(self.ui.layout.indexOf(self.ui.problemsView), row)

    def set_session(self, session: RoundSession | None) -> None:
        self.session = session

    def _wording(self, problem) -> str:
        template = WORDING.get(problem.kind)
        if template is None:
            return problem.detail or problem.text
        return self.tr(template).format(**dict(problem.params))

    def _summary(self, problems) -> str:
        counts: dict[str, int] = {}
        for problem in problems:
            counts[problem.kind] = counts.get(problem.kind, 0) + 1
        parts = []
        for kind, n in counts.items():
            one, many = COUNTS.get(kind, (kind, kind))
            parts.append(f"{n} {self.tr(one) if n == 1 else self.tr(many)}")
        return ", ".join(parts)

    def refresh(self) -> None:
        self.model.clear()
        if self.session is None:
            return
        snap = self.session.snap
        problems = find_problems(self.template, snap)
        self.problems = problems
        bold = QFont()
        bold.setBold(True)
        first_problem = None
        for group in group_problems(self.template, problems):
            kf_text = (self.tr("The round") if group.number == 0
                       else self.tr("Key feature {n}: {title}").format(n=group.number, title=group.title))
            kf_item = QStandardItem(self.tr("{heading} ({n})").format(heading=kf_text, n=group.count()))
            kf_item.setEditable(False)
            kf_item.setFont(bold)
            self.model.appendRow(kf_item)
            for proposal in group.proposals:
                parent = kf_item
                if proposal.proposal:
                    parent = QStandardItem(f"{proposal.proposal}  {proposal.title}")
                    parent.setEditable(False)
                    parent.setToolTip(proposal.title)
                    parent.setData(proposal.problems[0], PROBLEM_ROLE)
                    kf_item.appendRow(parent)
                for problem in proposal.problems:
                    text = self._wording(problem)
                    item = QStandardItem(text)
                    item.setEditable(False)
                    item.setData(problem, PROBLEM_ROLE)
                    item.setData(f"{problem.proposal} {text}".strip(), Qt.ItemDataRole.AccessibleTextRole)
                    parent.appendRow(item)
                    if first_problem is None:
                        first_problem = item
        self.ui.problemsView.expandAll()
        rated, total = self.session.rated_count()
        status = ROUND_STATUS_LABELS.get(snap.status, snap.status)
        if snap.is_approved:
            when = long_date(snap.ijb_meeting_date)
            summary = self.tr("Approved by the IJB {when}: nothing left to check. The approved return is the record; "
                              "its actions are followed up in the Tracker.").format(when=when).replace("  ", " ")
        elif problems:
            summary = self.tr("{n} things to check: {kinds}. {rated} of {total} rated.").format(
                n=len(problems), kinds=self._summary(problems), rated=rated, total=total)
        else:
            summary = self.tr("Nothing missing: every proposal is rated with evidence, and every action has a "
                              "timescale.")
        self.ui.summaryLabel.setText(
            self.tr("{partnership}, round {label} — status: {status}.").format(
                partnership=snap.partnership, label=snap.label, status=status) + "\n" + summary)
        if first_problem is not None:
            self.ui.problemsView.setCurrentIndex(first_problem.index())
        self.ui.problemsView.setVisible(bool(problems))
        self.ui.jumpButton.setEnabled(bool(problems))
        self.ui.markReadyButton.setEnabled(snap.status in (RoundStatus.DRAFT, RoundStatus.REOPENED))
        self.ui.markDraftButton.setEnabled(snap.status == RoundStatus.READY)
        self.ui.approveButton.setEnabled(snap.status != RoundStatus.APPROVED)
        done = snap.completed_on
        self.completed_edit.setDate(NO_DATE if done is None else QDate(done.year, done.month, done.day))
        for widget in (self.completed_edit, self.completed_button):
            widget.setEnabled(not snap.is_approved)
        self._show_history()

    def problem_count(self) -> int:
        return len(self.problems)

    def problem_texts(self) -> list[str]:
        """Each problem's one-line text ("1.2: no evidence"), in the order listed."""
        return [p.text for p in self.problems]

    def select_problem(self, text: str) -> bool:
        """Make the problem whose one-line text is ``text`` the current one (tests, Find)."""
        for item in self._problem_items():
            if item.data(PROBLEM_ROLE).text == text and item.rowCount() == 0:
                self.ui.problemsView.setCurrentIndex(item.index())
                return True
        return False

    def _problem_items(self):
        stack = [self.model.item(r) for r in range(self.model.rowCount())]
        while stack:
            item = stack.pop(0)
            if item.data(PROBLEM_ROLE) is not None:
                yield item
            stack[0:0] = [item.child(r) for r in range(item.rowCount())]

    def save_completion_date(self) -> bool:
        """Write the date of completion typed here (one short transaction), then reread the round."""
        if self.session is None or self.session.read_only or not self.completed_edit.has_date():
            return False
        d = self.completed_edit.date()
        self._update_round(completed_on=date(d.year(), d.month(), d.day()))
        self.session.refresh()
        self.refresh()
        return True

    def _update_round(self, *, completed_on: date) -> None:
        if self.session is None:
            return
        self.session.workspace.rounds.update_round(self.session.round_id, completed_on=completed_on)

    def _show_history(self) -> None:
        if self.session is None or not self.session.workspace.is_open:
            self.ui.historyLabel.setText("")
            return
        lines = [f"{short_date_time(e.at)}  {e.kind.replace('_', ' ')}  {e.detail}".rstrip()
                 for e in self.session.events()]
        self.ui.historyLabel.setText(self.tr("History:") + "\n" + "\n".join(lines[-6:]) if lines else "")

    def _jump(self, index) -> None:
        if not index.isValid():
            return
        problem = index.data(PROBLEM_ROLE)
        if problem is None:
            return
        if not problem.proposal:
            self.completed_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.jumpRequested.emit(problem.proposal, problem.action_row)
