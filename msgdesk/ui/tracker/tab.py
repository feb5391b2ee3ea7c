"""The Tracker tab: the round's improvement actions followed up (``ui/tracker/view.py``,
imported and built the first time the tab is shown)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from msgdesk.ui.tab import Host, WindowTab

if TYPE_CHECKING:
    from msgdesk.ui.session import RoundSession
    from msgdesk.ui.tracker.view import TrackerView


class TrackerTab(WindowTab):
    title = "&Tracker"  # the page and its text come from the Designer form
    object_name = "trackerTab"

    def __init__(self, window: Host) -> None:
        super().__init__(window, window.ui.trackerTab)
        self.widget: TrackerView | None = None

    def build(self) -> QWidget:
        # the tab's view loads when the tab is first shown, not at start-up
        from msgdesk.ui.tracker.view import TrackerView
        from msgdesk.ui.widgets.mnemonics import resolve

        window = self.window
        view = TrackerView(self.page)
        view.setObjectName("tracker")
        view.settings = window.settings  # the view reads its settings from here
        resolve([view], window.reserved_letters())
        window.ui.trackerPlaceholder.hide()
        window.ui.trackerLayout.addWidget(view)
        return view

    def shown(self) -> None:
        session = self.window.session
        if self.widget is not None and session is not None:
            self.widget.set_round(self.window.workspace, session.round_id)

    def open_round(self, session: RoundSession) -> None:
        if self.widget is not None:
            self.widget.set_round(self.window.workspace, session.round_id)
