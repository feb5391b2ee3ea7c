"""The round being edited: an in-memory snapshot kept in step with the database.

Every change goes through the workspace first (``Workspace.rounds`` for the return's
content, ``Workspace.tracking`` for an action's status, lead and due date, which records
each change in the action's history), one committed transaction each, and only then into
the snapshot; views listen to the signals.  User edits are pushed on the undo stack as
commands (``msgdesk.ui.commands``) that call back into the methods here.

Each save names the row version it was based on: on a shared database, a save over
someone else's newer text is refused (``conflict``), never made silently.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from msgdesk.domain.errors import ConcurrentEditError, MsgdeskError
from msgdesk.domain.return_values import ActionData
from msgdesk.domain.text import TEXT_LIMITS, clean_text
from msgdesk.store.snapshot import ResponseSnapshot, RoundSnapshot

if TYPE_CHECKING:  # named in annotations only: SQLAlchemy stays out of the first paint
    from msgdesk.store.live import ChangeNotice
    from msgdesk.store.rounds import DeletedAction, Event, RoundInfo
    from msgdesk.store.workspace import Workspace

#: Action fields that are the return's content; the rest are tracking.
CONTENT_FIELDS = ("action", "delivery", "timescale")

#: One action field's value as the window edits it: text, or a due date (None: cleared).
ActionFieldValue = str | date | None


class RoundSession(QObject):
    responseChanged = Signal(str)  # a proposal's rating or evidence changed
    actionsReset = Signal(str)  # a proposal's actions were added, removed or moved
    actionChanged = Signal(str, int)  # (proposal, action id): one action's fields changed
    roundChanged = Signal()  # status, approval, contact
    saved = Signal(str)  # "14:03:27"
    reveal = Signal(str)  # undo/redo touched this proposal: show it
    failed = Signal(str)  # a change was refused (message for the user)
    #: (proposal, field, your text, the text now saved, its version): someone else saved first.
    conflict = Signal(str, str, object, object, int)
    #: (proposal, field, "Changed by NAME at 14:03"): another officer's edit arrived (shared database).
    remoteChanged = Signal(str, str, str)

    def __init__(self, workspace: Workspace, snapshot: RoundSnapshot, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.snap = snapshot
        self.template = workspace.template
        self.undo_stack = QUndoStack(self)
        self._aliases: dict[int, int] = {}
        self.last_saved: datetime | None = None
        #: A contributor's pack: only these proposals may be edited (None: all of them).
        self.editable: frozenset[str] | None = None
        #: The proposal the window shows (set before its page is drawn).
        self.viewing: str | None = None
        #: (proposal, field) -> True while that field holds typing not yet saved; the
        #: proposal page sets it.  Another officer's edit never replaces such a field.
        self.is_editing: Callable[[str, str], bool] = lambda _proposal, _field: False
        #: Proposals whose actions changed elsewhere while one was being edited here.
        self._held_actions: set[str] = set()
        # listening to a shared database: loaded when a round opens, not before the first paint
        from msgdesk.ui.live import LiveUpdates

        self.live = live = LiveUpdates(self, self)
        self.destroyed.connect(lambda *_: live.stop())  # give the listening connection back

    # --- other officers' edits (a shared database) -----------------------------------

    def apply_remote(self, notice: ChangeNotice) -> None:
        """Show an edit another officer committed: re-read what it touched, unless this
        window is typing in that very field (then the save to come meets the newer row
        version, and keep-mine / take-theirs decides)."""
        # loaded with LiveUpdates when the round opened
        from msgdesk.ui.live import changed_by

        if notice.round_id != self.round_id or notice.proposal_id not in self.snap.responses:
            return
        pid, note = notice.proposal_id, changed_by(notice.author, notice.at)
        if notice.field in ("rating", "evidence", "previous_rating", "response"):
            fresh = self.workspace.rounds.snapshot(self.round_id).response(pid)
            mine = self.snap.response(pid)
            if self.is_editing(pid, "evidence") and fresh.evidence != mine.evidence:
                self.remoteChanged.emit(pid, "evidence", note)
                return
            mine.rating, mine.previous_rating = fresh.rating, fresh.previous_rating
            mine.evidence, mine.version = fresh.evidence, fresh.version
            self.responseChanged.emit(pid)
            self.remoteChanged.emit(pid, "rating" if notice.field == "previous_rating" else notice.field, note)
        elif notice.field != "conflict":
            self.remoteChanged.emit(pid, "actions", note)
            self._held_actions.add(pid)
            self.retry_held()

    def retry_held(self) -> None:
        """Reload the actions that changed elsewhere, once no action cell is being edited."""
        for pid in sorted(self._held_actions):
            if self.is_editing(pid, "actions"):
                continue
            self._held_actions.discard(pid)
            rows = self.workspace.rounds.actions_with_versions(self.round_id, pid)
            self.snap.response(pid).actions = [(aid, data) for aid, data, _v in rows]
            self.snap.action_versions.update({aid: version for aid, _d, version in rows})
            self.actionsReset.emit(pid)

    # --- reading ----------------------------------------------------------
    @property
    def round_id(self) -> int:
        return self.snap.id

    @property
    def read_only(self) -> bool:
        """Nothing can be changed: an approved round, or a proposal outside a contributor's pack."""
        if self.snap.is_approved or self.workspace.read_only:  # approved, or a reader's login
            return True
        return self.editable is not None and self.viewing not in self.editable

    def response(self, proposal_id: str) -> ResponseSnapshot:
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

    def write_rating(self, proposal_id: str, rating: str | None, *, over_version: int | None = None) -> None:
        response = self.snap.response(proposal_id)
        version = over_version if over_version is not None else response.version
        response.version = self.workspace.rounds.set_rating(self.round_id, proposal_id, rating,
                                                            expected_version=version)
        response.rating = rating
        self.responseChanged.emit(proposal_id)
        self._done()

    def write_evidence(self, proposal_id: str, text: str, *, over_version: int | None = None) -> None:
        response = self.snap.response(proposal_id)
        version = over_version if over_version is not None else response.version
        response.version = self.workspace.rounds.set_evidence(self.round_id, proposal_id, text,
                                                              expected_version=version)
        response.evidence = text
        self.responseChanged.emit(proposal_id)
        self._done()

    def _reload_actions(self, proposal_id: str) -> None:
        rows = self.workspace.rounds.actions_with_versions(self.round_id, proposal_id)
        self.snap.response(proposal_id).actions = [(aid, data) for aid, data, _v in rows]
        self.snap.action_versions.update({aid: version for aid, _d, version in rows})
        self.actionsReset.emit(proposal_id)
        self._done()

    def write_add_action(self, proposal_id: str, data: ActionData, position: int | None = None) -> int:
        new_id = self.workspace.rounds.add_action(self.round_id, proposal_id, data, position)
        self._reload_actions(proposal_id)
        return new_id

    def write_delete_action(self, action_id: int) -> DeletedAction:
        deleted = self.workspace.rounds.delete_action(self.resolve(action_id))
        self._reload_actions(deleted.proposal_id)
        return deleted

    def write_restore_action(self, deleted: DeletedAction) -> int:
        new_id = self.workspace.rounds.restore_action(deleted)
        self._reload_actions(deleted.proposal_id)
        return new_id

    def write_action_field(self, action_id: int, field: str, value: ActionFieldValue) -> None:
        action_id = self.resolve(action_id)
        pid = self.proposal_of_action(action_id)
        if field in CONTENT_FIELDS:
            # the content fields are text; the window never gives them a date
            assert not isinstance(value, date), field
            data, version = self.workspace.rounds.update_action(
                action_id, expected_version=self.snap.action_versions.get(action_id), **{field: value or ""})
            self.snap.action_versions[action_id] = version
        else:
            current = dict(self.actions(pid)).get(action_id) if pid else None
            self._write_tracking(action_id, field, value)
            if current is None:
                return
            # Any: the field is named at run time (lead, due date or status), each with its own type
            change: dict[str, Any] = {field: value if value is not None or field == "due_date" else ""}
            data = current.replace(**change)
        if pid is None:
            return
        rows = self.snap.response(pid).actions
        for index, (aid, _old) in enumerate(rows):
            if aid == action_id:
                rows[index] = (aid, data)
        self.actionChanged.emit(pid, action_id)
        self._done()

    def _write_tracking(self, action_id: int, field: str, value: ActionFieldValue) -> None:
        """Status, lead and due date go through tracking, which records each change."""
        # the store (SQLAlchemy) loads on first use, off the window's first paint
        from msgdesk.store.tracking import SET_ON_RETURN_PAGE

        tracking = self.workspace.tracking
        # lead and status are text, the due date a date (None: back to the timescale's)
        if field == "lead":
            tracking.set_lead(action_id, value if isinstance(value, str) else "")
        elif field == "due_date":
            tracking.set_due_date(action_id, value if isinstance(value, date) else None, SET_ON_RETURN_PAGE)
        elif field == "status":
            tracking.change_status(action_id, value if isinstance(value, str) else "", note=SET_ON_RETURN_PAGE)
        else:
            raise ValueError(f"unknown action field {field!r}")

    def write_move_action(self, action_id: int, position: int) -> None:
        action_id = self.resolve(action_id)
        pid = self.proposal_of_action(action_id)
        self.workspace.rounds.move_action(action_id, position)
        if pid is not None:
            self._reload_actions(pid)

    def _refused(self, proposal_id: str, field: str, mine: str | None, exc: MsgdeskError) -> None:
        if isinstance(exc, ConcurrentEditError):
            self.conflict.emit(proposal_id, field, mine, exc.current, exc.current_version or 0)
        else:
            self.failed.emit(str(exc))

    # --- user edits: write, then record on the undo stack -------------------
    def set_rating(self, proposal_id: str, rating: str | None) -> None:
        # why: the undo commands (QUndoCommand and its enums) load with the first edit, not the first frame
        from msgdesk.ui.commands import SetRating

        old = self.response(proposal_id).rating
        if old == rating:
            return
        try:
            self.write_rating(proposal_id, rating)
        except MsgdeskError as exc:
            self._refused(proposal_id, "rating", rating, exc)
            return
        self.undo_stack.push(SetRating(self, proposal_id, old, rating))

    def set_evidence(self, proposal_id: str, text: str) -> None:
        # why: the undo commands (QUndoCommand and its enums) load with the first edit, not the first frame
        from msgdesk.ui.commands import SetEvidence

        text = clean_text(text)
        old = self.response(proposal_id).evidence
        if old == text:
            return
        try:
            self.write_evidence(proposal_id, text)
        except MsgdeskError as exc:
            self._refused(proposal_id, "evidence", text, exc)
            return
        self.undo_stack.push(SetEvidence(self, proposal_id, old, text))

    def keep_mine(self, proposal_id: str, field: str, mine: str | None, theirs: str | None,
                  over_version: int) -> None:
        """After a conflict the user chose their own text: save it over the newer one,
        knowingly (undo brings the other officer's text back)."""
        # why: the undo commands (QUndoCommand and its enums) load with the first edit, not the first frame
        from msgdesk.ui.commands import SetEvidence, SetRating

        if field == "evidence":
            # evidence is text ("" when empty); only a rating is ever None
            self.write_evidence(proposal_id, mine or "", over_version=over_version)
            self.undo_stack.push(SetEvidence(self, proposal_id, theirs or "", mine or ""))
        else:
            self.write_rating(proposal_id, mine, over_version=over_version)
            self.undo_stack.push(SetRating(self, proposal_id, theirs, mine))

    def take_theirs(self, proposal_id: str, field: str, theirs: str | None, version: int) -> None:
        """After a conflict the user took the saved text: show it (theirs is in the database)."""
        response = self.response(proposal_id)
        setattr(response, field, theirs)
        response.version = version
        self.responseChanged.emit(proposal_id)

    def add_action(self, proposal_id: str, data: ActionData | None = None, position: int | None = None) -> int:
        # why: the undo commands (QUndoCommand and its enums) load with the first edit, not the first frame
        from msgdesk.ui.commands import AddAction

        new_id = self.write_add_action(proposal_id, data or ActionData(action=""), position)
        self.undo_stack.push(AddAction(self, proposal_id, new_id))
        return new_id

    def delete_action(self, action_id: int) -> None:
        # why: the undo commands (QUndoCommand and its enums) load with the first edit, not the first frame
        from msgdesk.ui.commands import DeleteAction

        deleted = self.write_delete_action(action_id)
        self.undo_stack.push(DeleteAction(self, action_id, deleted))

    def set_action_field(self, action_id: int, field: str, value: ActionFieldValue) -> None:
        # why: the undo commands (QUndoCommand and its enums) load with the first edit, not the first frame
        from msgdesk.ui.commands import SetActionField

        if isinstance(value, str) and field in TEXT_LIMITS:
            value = clean_text(value, single_line=TEXT_LIMITS[field][1])
        pid = self.proposal_of_action(self.resolve(action_id))
        current = dict(self.actions(pid)).get(self.resolve(action_id)) if pid else None
        old = getattr(current, field) if current is not None else None
        if current is not None and old == value:
            return
        try:
            self.write_action_field(action_id, field, value)
        except MsgdeskError as exc:
            self.failed.emit(str(exc))
            if pid is not None:
                self.actionChanged.emit(pid, self.resolve(action_id))  # show what is saved
            return
        self.undo_stack.push(SetActionField(self, pid or "", action_id, field, old, value))

    def move_action(self, action_id: int, position: int) -> None:
        # why: the undo commands (QUndoCommand and its enums) load with the first edit, not the first frame
        from msgdesk.ui.commands import MoveAction

        pid = self.proposal_of_action(self.resolve(action_id))
        if pid is None:  # no longer in the snapshot: nothing to move
            return
        ids = [aid for aid, _ in self.actions(pid)]
        old = ids.index(self.resolve(action_id))
        if old == position or not 0 <= position < len(ids):
            return
        self.write_move_action(action_id, position)
        self.undo_stack.push(MoveAction(self, pid, action_id, old, position))

    # --- the round's status: deliberate acts, not undoable -------------------
    def _refresh_info(self, info: RoundInfo) -> None:
        self.snap.status = info.status
        self.snap.ijb_meeting_date = info.ijb_meeting_date
        self.snap.minute_reference = info.minute_reference
        self.snap.contact = info.contact
        self.snap.completed_on = info.completed_on
        self.roundChanged.emit()
        self._done()

    def mark_ready(self) -> None:
        self._refresh_info(self.workspace.rounds.mark_ready(self.round_id))

    def mark_draft(self) -> None:
        self._refresh_info(self.workspace.rounds.mark_draft(self.round_id))

    def approve(self, meeting: date, minute_reference: str, *, check_confirmed: bool = False) -> None:
        info = self.workspace.rounds.approve(self.round_id, meeting, minute_reference, check_confirmed=check_confirmed)
        self.undo_stack.clear()  # the approved text is the record; nothing to undo into
        self._refresh_info(info)

    def reopen(self, reason: str) -> None:
        info = self.workspace.rounds.reopen(self.round_id, reason)
        self.undo_stack.clear()
        self._refresh_info(info)

    def events(self) -> list[Event]:
        return self.workspace.rounds.round_events(self.round_id)

    def refresh(self) -> None:
        """Read the round again after another view (the Tracker) changed it; undo history stays."""
        fresh = self.workspace.quick_snapshot(self.round_id)
        if fresh is not None:
            self.snap = fresh
            self.roundChanged.emit()

    def reload(self) -> None:
        """Read the whole round again (after an import replaced it)."""
        fresh = self.workspace.quick_snapshot(self.round_id)
        if fresh is not None:
            self.snap = fresh
        self.undo_stack.clear()
        self.roundChanged.emit()
