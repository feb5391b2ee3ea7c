"""The History panel: who changed what in the proposal on screen, and when — typed here,
imported, merged from a contributor's reply ("from Alan Brown's reply of 12 March 2026"), a
conflict resolved, and its actions' tracking history.  A dock beside the page, shown with
Go → Proposal history (Ctrl+H), following the proposal shown."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from msgdesk.domain.dates import short_date_time
from msgdesk.ui.round.nav_model import PROPOSAL_ROLE, REVIEW
from msgdesk.ui.widgets.screen_fit import fit_to_screen

translate = QCoreApplication.translate

SOURCE_WORDS = {
    "edit": "typed",
    "import": "imported",
    "merge": "merged",
    "resolve": "conflict resolved",
    "start": "new round",
    "tracking": "tracking",
}


def local_time(at) -> str:
    """A stored time (UTC) as the officer's own clock shows it."""
    return short_date_time(at.replace(tzinfo=UTC).astimezone())


class HistoryPanel(QDockWidget):
    def __init__(self, window) -> None:
        super().__init__(translate("HistoryPanel", "History of this proposal"), window)
        self.setObjectName("historyPanel")
        self.window_ = window
        self.proposal: str | None = None
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.heading = QLabel(body)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.list = QListWidget(body)
        self.list.setObjectName("historyList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setAccessibleName(translate("HistoryPanel", "Changes to this proposal, newest first"))
        self.heading.setBuddy(self.list)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self.setWidget(body)
        self.setMinimumWidth(260)
        window.ui.navView.selectionModel().currentChanged.connect(self._nav_changed)
        self.visibilityChanged.connect(lambda shown: self.refresh() if shown else None)

    def setVisible(self, visible: bool) -> None:
        if visible:
            self._float_if_no_room()  # before it is shown: docked, it would widen the window first
        super().setVisible(visible)

    def _float_if_no_room(self) -> None:
        """On a screen too narrow for the window and the panel side by side (1280x720 at 150%:
        853 wide in Qt's units, the tabs need about 750), docking the panel pushed the window
        past the screen's edge: there it floats over the window's right-hand side instead."""
        window = self.window_
        screen = window.screen()
        if self.isFloating() or screen is None:
            return
        area = screen.availableGeometry()
        central = window.centralWidget()
        needed = (central.minimumSizeHint().width() if central is not None else 0) + self.minimumWidth() + 16
        if needed <= area.width():
            return
        self.setFloating(True)
        width = min(max(self.minimumWidth(), 320), area.width())
        height = min(window.frameGeometry().height(), area.height())
        self.setGeometry(area.x() + area.width() - width, area.y() + (area.height() - height) // 2, width, height)
        fit_to_screen(self)  # its frame too

    def _nav_changed(self, current, _previous) -> None:
        proposal = current.data(PROPOSAL_ROLE)
        if proposal:
            self.show_proposal(proposal)

    def watch(self, session) -> None:
        """Refresh when the session saves a change."""
        session.saved.connect(lambda _at: self.refresh())
        session.roundChanged.connect(self.refresh)

    def show_proposal(self, proposal: str) -> None:
        self.proposal = proposal
        self.refresh()

    def refresh(self) -> None:
        session = self.window_.session
        self.list.clear()
        if not self.isVisible() or session is None or not self.proposal or self.proposal == REVIEW:
            self.heading.setText(translate("HistoryPanel", "Open a proposal to see its history."))
            return
        workspace = session.workspace
        if not workspace.is_open:
            workspace.ensure_open()
        items = workspace.contributions.history(session.round_id, self.proposal)
        self.heading.setText(translate("HistoryPanel", "Proposal {id}: {n} changes recorded").format(
            id=self.proposal, n=len(items)))
        for entry in reversed(items):
            how = translate("HistoryPanel", SOURCE_WORDS.get(entry.source, entry.source))
            who = entry.author or translate("HistoryPanel", "someone unnamed")
            text = f"{local_time(entry.at)} · {who} · {how}\n{entry.text}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ". "))
            self.list.addItem(item)

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
