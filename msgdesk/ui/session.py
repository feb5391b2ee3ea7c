"""The round being edited: an in-memory snapshot kept in step with the database.

Every change goes through the core API (``msgdesk.store.repository``) first, one
committed transaction each, and only then into the snapshot; views listen to
the signals.  User edits are pushed on the undo stack as commands
(``msgdesk.ui.commands``) that call back into the methods here.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from msgdesk.returndata import ActionData
from msgdesk.store.snapshot import RoundSnapshot, load_snapshot
from msgdesk.template import Template, load_template


class RoundSession(QObject):
    responseChanged = Signal(str)  # a proposal's rating or evidence changed
    actionsReset = Signal(str)  # a proposal's actions were added, removed or moved
    actionChanged = Signal(str, int)  # (proposal, action id): one action's fields changed
    roundChanged = Signal()  # status, approval, contact
    saved = Signal(str)  # "14:03:27"
    reveal = Signal(str)  # undo/redo touched this proposal: show it
    failed = Signal(str)  # a change was refused (message for the user)

    def __init__(self, store, snapshot: RoundSnapshot, template: Template | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.snap = snapshot
        self.template = template or load_template()
        self.undo_stack = QUndoStack(self)
        self._aliases: dict[int, int] = {}
        self.last_saved: datetime | None = None

    # --- reading ----------------------------------------------------------
    @property
    def round_id(self) -> int:
        return self.snap.id

    @property
    def read_only(self) -> bool:
        return self.snap.is_approved

    def response(self, proposal_id: str):
        return self.snap.response(proposal_id)

    def actions(self, proposal_id: str) -> list[tuple[int, ActionData]]:
        return self.snap.response(proposal_id).actions

    def proposal_of_action(self, action_id: int) -> str | None:
        for pid, response in self.snap.responses.items():
            if any(aid == action_id for aid, _ in response.actions):
                return pid
        return None

    def rated_count(self) -> tuple[int, int]:
        local = [p.id for p in self.template.local_proposals]
        return sum(1 for pid in local if self.snap.response(pid).rating), len(local)

    def resolve(self, action_id: int) -> int:
        """An action's current id (undoing a delete brings it back with a new id)."""
        while action_id in self._aliases:
            action_id = self._aliases[action_id]
        return action_id

    def alias(self, old_id: int, new_id: int) -> None:
        if old_id != new_id:
            self._aliases[old_id] = new_id

    # --- writing: each call is one committed transaction --------------------
    def _done(self) -> None:
        self.last_saved = datetime.now()
        self.saved.emit(self.last_saved.strftime("%H:%M:%S"))

    @property
    def _repo(self):
        return self.store.repo

    def write_rating(self, proposal_id: str, rating: str | None) -> None:
        self._repo.set_rating(self.store.engine, self.round_id, proposal_id, rating, self.template)
        self.snap.response(proposal_id).rating = rating
        self.responseChanged.emit(proposal_id)
        self._done()

    def write_evidence(self, proposal_id: str, text: str) -> None:
        self._repo.set_evidence(self.store.engine, self.round_id, proposal_id, text, self.template)
        self.snap.response(proposal_id).evidence = text
        self.responseChanged.emit(proposal_id)
        self._done()

    def _reload_actions(self, proposal_id: str) -> None:
        self.snap.response(proposal_id).actions = self._repo.actions_of(self.store.engine, self.round_id, proposal_id)
        self.actionsReset.emit(proposal_id)
        self._done()

    def write_add_action(self, proposal_id: str, data: ActionData, position: int | None = None) -> int:
        new_id = self._repo.add_action(self.store.engine, self.round_id, proposal_id, data, position, self.template)
        self._reload_actions(proposal_id)
        return new_id

    def write_delete_action(self, action_id: int):
        deleted = self._repo.delete_action(self.store.engine, self.resolve(action_id))
        self._reload_actions(deleted.proposal_id)
        return deleted

    def write_restore_action(self, deleted) -> int:
        new_id = self._repo.restore_action(self.store.engine, deleted)
        self._reload_actions(deleted.proposal_id)
        return new_id

    def write_action_field(self, action_id: int, field: str, value) -> None:
        action_id = self.resolve(action_id)
        data = self._repo.update_action(self.store.engine, action_id, **{field: value})
        pid = self.proposal_of_action(action_id)
        if pid is None:
            return
        rows = self.snap.response(pid).actions
        for index, (aid, _old) in enumerate(rows):
            if aid == action_id:
                rows[index] = (aid, data)
        self.actionChanged.emit(pid, action_id)
        self._done()

    def write_move_action(self, action_id: int, position: int) -> None:
        action_id = self.resolve(action_id)
        pid = self.proposal_of_action(action_id)
        self._repo.move_action(self.store.engine, action_id, position)
        if pid is not None:
            self._reload_actions(pid)

    # --- user edits: write, then record on the undo stack -------------------
    def set_rating(self, proposal_id: str, rating: str | None) -> None:
        from msgdesk.ui.commands import SetRating

        old = self.response(proposal_id).rating
        if old == rating:
            return
        self.write_rating(proposal_id, rating)
        self.undo_stack.push(SetRating(self, proposal_id, old, rating))

    def set_evidence(self, proposal_id: str, text: str) -> None:
        from msgdesk.ui.commands import SetEvidence

        old = self.response(proposal_id).evidence
        if old == text:
            return
        self.write_evidence(proposal_id, text)
        self.undo_stack.push(SetEvidence(self, proposal_id, old, text))

    def add_action(self, proposal_id: str, data: ActionData | None = None, position: int | None = None) -> int:
        from msgdesk.ui.commands import AddAction

        new_id = self.write_add_action(proposal_id, data or ActionData(action=""), position)
        self.undo_stack.push(AddAction(self, proposal_id, new_id))
        return new_id

    def delete_action(self, action_id: int) -> None:
        from msgdesk.ui.commands import DeleteAction

        deleted = self.write_delete_action(action_id)
        self.undo_stack.push(DeleteAction(self, action_id, deleted))

    def set_action_field(self, action_id: int, field: str, value) -> None:
        from msgdesk.ui.commands import SetActionField

        pid = self.proposal_of_action(self.resolve(action_id))
        current = dict(self.actions(pid)).get(self.resolve(action_id)) if pid else None
        old = getattr(current, field) if current is not None else None
        if current is not None and old == value:
            return
        self.write_action_field(action_id, field, value)
        self.undo_stack.push(SetActionField(self, pid, action_id, field, old, value))

    def move_action(self, action_id: int, position: int) -> None:
        from msgdesk.ui.commands import MoveAction

        pid = self.proposal_of_action(self.resolve(action_id))
        ids = [aid for aid, _ in self.actions(pid)]
        old = ids.index(self.resolve(action_id))
        if old == position or not 0 <= position < len(ids):
            return
        self.write_move_action(action_id, position)
        self.undo_stack.push(MoveAction(self, pid, action_id, old, position))

    # --- the round's status: deliberate acts, not undoable -------------------
    def _refresh_info(self, info) -> None:
        self.snap.status = info.status
        self.snap.ijb_meeting_date = info.ijb_meeting_date
        self.snap.minute_reference = info.minute_reference
        self.snap.contact = info.contact
        self.snap.completed_on = info.completed_on
        self.roundChanged.emit()
        self._done()

    def mark_ready(self) -> None:
        self._refresh_info(self._repo.mark_ready(self.store.engine, self.round_id))

    def mark_draft(self) -> None:
        self._refresh_info(self._repo.mark_draft(self.store.engine, self.round_id))

    def approve(self, meeting: date, minute_reference: str) -> None:
        info = self._repo.approve(self.store.engine, self.round_id, meeting, minute_reference)
        self.undo_stack.clear()  # the approved text is the record; nothing to undo into
        self._refresh_info(info)

    def reopen(self, reason: str) -> None:
        info = self._repo.reopen(self.store.engine, self.round_id, reason)
        self.undo_stack.clear()
        self._refresh_info(info)

    def events(self):
        return self._repo.round_events(self.store.engine, self.round_id)

    def refresh(self) -> None:
        """Read the round again after another view (the Tracker) changed it; undo history stays."""
        fresh = load_snapshot(self.store.path, self.round_id)
        if fresh is not None:
            self.snap = fresh
            self.roundChanged.emit()

    def reload(self) -> None:
        """Read the whole round again (after an import replaced it)."""
        fresh = load_snapshot(self.store.path, self.round_id)
        if fresh is not None:
            self.snap = fresh
        self.undo_stack.clear()
        self.roundChanged.emit()
