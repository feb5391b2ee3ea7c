"""The Directions tab and its menu (the menu is in the menu bar only while the tab is
current); the view (``ui/directions/view.py``) is imported and built the first time the
tab is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QWidget

from msgdesk.ui.tab import Host, WindowTab

if TYPE_CHECKING:
    from msgdesk.ui.directions.view import DirectionsView


class DirectionsTab(WindowTab):
    title = "&Directions"
    object_name = "directionsTab"

    def __init__(self, window: Host) -> None:
        super().__init__(window)
        self.widget: DirectionsView | None = None

    def install(self) -> None:
        window = self.window
        menu = QMenu(QCoreApplication.translate("MainWindow", "D&irections"), window.as_window())
        menu.setObjectName("menuDirections")
        window.ui.menubar.insertMenu(window.ui.menuHelp.menuAction(), menu)
        menu.menuAction().setVisible(False)  # with the tab only
        self.menu = menu

    def build(self) -> QWidget:
        # the tab's view loads when the tab is first shown, not at start-up
        from msgdesk.ui.directions.view import DirectionsView

        view = DirectionsView(self.page)
        view.settings = self.window.settings  # declared None until hosted
        assert self.layout is not None and self.menu is not None
        self.layout.addWidget(view)
        view.fill_menu(self.menu)
        view.resolve_mnemonics(self.window.reserved_letters())
        return view

    def shown(self) -> None:
        if self.widget is None:
            return
        session = self.window.session
        self.widget.set_workspace(self.window.workspace, session.snap.partnership if session is not None else None)
        self.widget.table.setFocus()  # Qt's OtherFocusReason
