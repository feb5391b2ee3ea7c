"""A merge conflict waiting on a proposal, where the officer is: a mark in the side panel
(``nav_model``) and a note on the proposal's page with a button to the conflict view.
Words as well as colour, so a screen reader and a grey-scale screen get it too.

The conflicts come from the round's snapshot (``RoundSnapshot.open_conflicts``), which a
merge, a resolution and its undo read again (``ui/contributions/conflict_view.py``
``reload_quietly``) before telling the views that the proposal changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from msgdesk.ui.widgets.qt_values import set_enum_property

if TYPE_CHECKING:
    from msgdesk.store.snapshot import ConflictNote

translate = QCoreApplication.translate

#: The key that opens the conflict view on the proposal shown (Round → Resolve this proposal's conflicts…).
RESOLVE_HERE_KEY = "Ctrl+Shift+C"


def conflicts_on(session, proposal_id: str) -> list[ConflictNote]:
    """The conflicts waiting on ``proposal_id`` in the session's round (none without a round)."""
    if session is None:
        return []
    return [c for c in getattr(session.snap, "open_conflicts", ()) if c.proposal == proposal_id]


def conflict_words(notes: list[ConflictNote]) -> str:
    """"A merge conflict waits: evidence (Bea Chalmers)."."""
    places = ", ".join(dict.fromkeys(f"{n.place} ({n.contributor})" for n in notes))
    if len(notes) == 1:
        return translate("ConflictMarker", "A merge conflict waits: {places}.").format(places=places)
    return translate("ConflictMarker", "{n} merge conflicts wait: {places}.").format(n=len(notes), places=places)


class ConflictMarker(QFrame):
    """"⚠ Merge conflict: evidence, from Bea Chalmers's reply.  [Resolve the conflict…]"
    on top of a proposal's page, shown only while one waits there."""

    resolveRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictMarker")
        self.setStyleSheet("QFrame#conflictMarker { background: #fff4ce; border: 1px solid #8a4b00; }")
        self.proposal_id = ""
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(self)
        self.label.setObjectName("conflictMarkerText")
        self.label.setWordWrap(True)
        # the places and names are the contributors' and the store's words: data, never markup
        set_enum_property(self.label, "textFormat", "PlainText")
        # made, then given its text: QPushButton(text, parent) has PySide6 weigh the (icon, text)
        # overload, which builds QIcon and QPixmap with their enums before the first frame (issue 22)
        self.button = QPushButton(self)
        self.button.setText(self.tr("Re&solve the conflict…"))
        self.button.setObjectName("resolveHereButton")
        self.button.setAccessibleName(self.tr("Resolve the conflict on this proposal"))
        self.button.setToolTip(self.tr("Open the conflict view on this proposal ({key})").format(key=RESOLVE_HERE_KEY))
        self.button.clicked.connect(lambda: self.resolveRequested.emit(self.proposal_id))
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.hide()

    def show_for(self, session, proposal_id: str) -> None:
        notes = conflicts_on(session, proposal_id)
        self.proposal_id = proposal_id
        if not notes:
            self.hide()
            return
        words = conflict_words(notes)
        text = "⚠ " + words + " " + self.tr("Nothing was overwritten: choose what to keep.")
        self.label.setText(text)
        self.label.setAccessibleName(words)
        self.setAccessibleName(words)
        self.setToolTip(words)
        self.button.setEnabled(not session.read_only if session is not None else False)
        self.show()
