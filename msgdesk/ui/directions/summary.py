"""On proposal 4.4's page ("Clear directions must be provided by IJBs to Health Boards and
Local Authorities"): the directions log in one line — directions in force, resource
committed, delivery issues open — and a button that adds the log's summary to the
evidence, where the officer can edit it like anything typed (and undo it)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton

from msgdesk.directions import DIRECTIONS_PROPOSAL
from msgdesk.domain.errors import MsgdeskError
from msgdesk.domain.states import DirectionStatus
from msgdesk.ui.widgets.qt_values import set_enum_property

PROPOSAL = DIRECTIONS_PROPOSAL
#: Coming back to 4.4, the line shows what was last read at once and the log is read again
#: this long after, if the page is still on screen: reading it costs ~10 ms, which made
#: every turn onto 4.4 the slowest of all (issue 22), and an officer paging through with
#: Ctrl+PgDown never waits for a log they do not stop to read.
REREAD_AFTER_MS = 150


class DirectionsSummary(QFrame):
    def __init__(self, evidence: QPlainTextEdit, parent=None, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("directionsSummary")
        self.setStyleSheet("QFrame#directionsSummary { background: #eef4fb; border: 1px solid #9fb8d6; }")
        self.evidence = evidence
        self.session = None
        self._today = today
        self._text = ""
        #: the session whose partnership's log the line shows (None: not read yet)
        self._read_for = None
        self._reread = QTimer(self)
        self._reread.setSingleShot(True)
        self._reread.setInterval(REREAD_AFTER_MS)
        self._reread.timeout.connect(self._reread_if_shown)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(self)
        set_enum_property(self.label, "textFormat", "PlainText")
        self.label.setWordWrap(True)
        self.label.setAccessibleName(self.tr("The directions log"))
        self.button = QPushButton(self.tr("Insert the directions log summar&y"), self)
        self.button.setAccessibleName(self.tr("Insert the directions log summary into the evidence"))
        self.button.setToolTip(self.tr("Adds a paragraph on the directions in force, the resource committed and the "
                                       "delivery issues to the end of the evidence"))
        self.button.clicked.connect(self.insert)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)

    def show_for(self, session, proposal_id: str) -> None:
        self.session = session
        was_visible = self.isVisible()
        self.setVisible(proposal_id == PROPOSAL and session is not None)
        if was_visible and self.isVisible():  # on becoming visible, showEvent reads the log (once)
            self.refresh()

    def showEvent(self, event) -> None:  # back from the Directions tab or another page: read the log again
        super().showEvent(event)
        if self.session is not None and self._read_for is self.session:
            # what was last read shows meanwhile; the button follows the round at once
            self.button.setEnabled(bool(self._text) and not self.session.read_only)
            self._reread.start()
        else:
            self.refresh()  # nothing read yet for this round: the line must not show another's

    def _reread_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.session is None:
            return
        self._read_for = self.session
        # the log's reader (its records are dataclasses: costly to define) loads when proposal
        # 4.4 is shown, not with the window's first page
        from msgdesk.directions.log import read_log
        from msgdesk.directions.money import pounds_shown

        try:
            log = read_log(self.session.workspace, self.session.snap.partnership, self._today or date.today())
        except MsgdeskError as exc:
            self.label.setText(str(exc))
            self.button.setEnabled(False)
            return
        if not log.items:
            self._text = ""
            self.label.setText(self.tr("No direction is in the log yet (the Directions tab keeps it)."))
        else:
            self._text = log.evidence_summary()
            self.label.setText(self.tr("Directions log: {n} in force, {money} committed, {issues} delivery issues "
                                       "open.").format(n=log.counts[DirectionStatus.IN_FORCE],
                                                        money=pounds_shown(log.total.pence), issues=log.open_issues))
        self.button.setEnabled(bool(self._text) and not self.session.read_only)

    def insert(self) -> None:
        """Add the summary as a paragraph at the end of the evidence (saved like typing)."""
        if not self._text or self.evidence.isReadOnly():
            return
        cursor = self.evidence.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        before = self.evidence.toPlainText()
        gap = "" if not before.strip() else "\n" if before.endswith("\n") else "\n\n"
        cursor.insertText(gap + self._text)
        self.evidence.setTextCursor(cursor)
        self.evidence.setFocus()  # Qt's OtherFocusReason
