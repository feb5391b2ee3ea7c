"""The side panel: key features, their proposals with their state, and the review page."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex
from PySide6.QtGui import QColor

from msgdesk.ui.i18n import QT_TRANSLATE_NOOP
from msgdesk.ui.round.conflict_marker import RESOLVE_HERE_KEY, conflict_words, conflicts_on
from msgdesk.ui.widgets.qt_values import Role

REVIEW = "review"
PROPOSAL_ROLE = Role.USER + 1
STATE_ROLE = Role.USER + 2
#: How many merge conflicts wait on the proposal (0 for none).
CONFLICTS_ROLE = Role.USER + 3
# The roles a proposal's row answers (``data``); any other is None.
_PROPOSAL_ROLES = frozenset({Role.DISPLAY, Role.ACCESSIBLE_TEXT, Role.TOOL_TIP, PROPOSAL_ROLE, STATE_ROLE,
                             CONFLICTS_ROLE, Role.FOREGROUND})

STATE_LABELS = {
    "national": QT_TRANSLATE_NOOP("NavigationModel", "not for local completion"),
    "not_started": QT_TRANSLATE_NOOP("NavigationModel", "not started"),
    "started": QT_TRANSLATE_NOOP("NavigationModel", "started, not rated"),
    "rated": QT_TRANSLATE_NOOP("NavigationModel", "rated"),
    "complete": QT_TRANSLATE_NOOP("NavigationModel", "rated with evidence and actions"),
}
STATE_MARKS = {"national": "–", "not_started": "○", "started": "◔", "rated": "◑", "complete": "●"}


def proposal_state(session, proposal) -> str:
    if not proposal.local:
        return "national"
    if session is None:
        return "not_started"
    response = session.response(proposal.id)
    if response.rating and response.evidence.strip() and response.actions:
        return "complete"
    if response.rating:
        return "rated"
    if response.evidence.strip() or response.actions:
        return "started"
    return "not_started"


class NavigationModel(QAbstractItemModel):
    """Top level: the six key features and "Check before IJB"; children: proposals."""

    def __init__(self, template, parent=None):
        super().__init__(parent)
        self.template = template
        self.session = None
        self._features = template.key_features

    def set_session(self, session) -> None:
        self.beginResetModel()
        self.session = session
        self.endResetModel()

    # --- structure ---------------------------------------------------------------
    def index(self, row, column=0, parent=QModelIndex()):
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row <= len(self._features) else QModelIndex()
        if parent.internalId() != 0 or parent.row() >= len(self._features):
            return QModelIndex()
        if row >= len(self._features[parent.row()].proposals):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index=QModelIndex()):
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent=QModelIndex()):
        if not parent.isValid():
            return len(self._features) + 1
        if parent.internalId() == 0 and parent.row() < len(self._features):
            return len(self._features[parent.row()].proposals)
        return 0

    def columnCount(self, parent=QModelIndex()):
        return 1

    # No flags() here: QAbstractItemModel's own answers the same (none for an invalid index,
    # enabled and selectable otherwise), in C++.  One written in Python built PySide6's Qt
    # namespace at the first paint, converting what it returned (ui/widgets/qt_values.py).

    # --- content -------------------------------------------------------------------
    def _proposal(self, index):
        if index.isValid() and index.internalId() != 0:
            return self._features[index.internalId() - 1].proposals[index.row()]
        return None

    def data(self, index, role=Role.DISPLAY):
        if not index.isValid():
            return None
        proposal = self._proposal(index)
        if proposal is None:
            if index.row() == len(self._features):
                return {Role.DISPLAY: "✔  " + self.tr("Check before IJB"), PROPOSAL_ROLE: REVIEW,
                        Role.ACCESSIBLE_TEXT: self.tr("Check before IJB"),
                        Role.TOOL_TIP:
                            self.tr("What is missing or doubtful; mark ready; record approval"),
                        }.get(role)
            kf = self._features[index.row()]
            if role in (Role.DISPLAY, Role.ACCESSIBLE_TEXT):
                return f"{kf.number}  {kf.title}"
            if role == Role.TOOL_TIP:
                return self.tr("Key feature {n}: {title}").format(n=kf.number, title=kf.title)
            return None
        if role not in _PROPOSAL_ROLES:
            # the view asks each row for roles this model leaves to Qt (font, alignment,
            # decoration, check state...) at every paint: answered before the row's state and
            # conflicts are worked out (the first paint's rows, issue 22)
            return None
        state = proposal_state(self.session, proposal)
        # a conflict is said in words before the title (which the panel may cut), in the
        # screen reader's name and in the tooltip, not by colour alone
        conflicts = conflicts_on(self.session, proposal.id)
        if role == Role.DISPLAY:
            flag = "⚠ " + self.tr("conflict") + "  " if conflicts else ""
            return f"{STATE_MARKS[state]}  {proposal.id}  {flag}{proposal.text}"
        if role == Role.ACCESSIBLE_TEXT:
            text = self.tr("Proposal {id}, {state}").format(id=proposal.id, state=self.tr(STATE_LABELS[state]))
            return f"{text}. {conflict_words(conflicts)}" if conflicts else text
        if role == Role.TOOL_TIP:
            tip = f"{proposal.id} {proposal.text}\n({self.tr(STATE_LABELS[state])})"
            if conflicts:
                tip += "\n" + conflict_words(conflicts) + " " + self.tr("{key} opens it.").format(key=RESOLVE_HERE_KEY)
            return tip
        if role == PROPOSAL_ROLE:
            return proposal.id
        if role == STATE_ROLE:
            return state
        if role == CONFLICTS_ROLE:
            return len(conflicts)
        if role == Role.FOREGROUND:
            if conflicts:
                return QColor("#8a4b00")
            if state == "national":
                return QColor("#777777")
        return None

    # --- lookups ----------------------------------------------------------------------
    def index_of(self, proposal_id: str) -> QModelIndex:
        if proposal_id == REVIEW:
            return self.index(len(self._features), 0)
        for row, kf in enumerate(self._features):
            for child, proposal in enumerate(kf.proposals):
                if proposal.id == proposal_id:
                    return self.index(child, 0, self.index(row, 0))
        return QModelIndex()

    def refresh(self, proposal_id: str) -> None:
        index = self.index_of(proposal_id)
        if index.isValid():
            self.dataChanged.emit(index, index)
