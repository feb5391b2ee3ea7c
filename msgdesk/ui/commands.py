"""Undo/redo commands.  The change is written before the command is pushed, so
the first ``redo`` (which QUndoStack calls on push) does nothing; later undo and
redo call the session, which calls the core API."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from msgdesk.domain.errors import MsgdeskError
from msgdesk.domain.return_values import rating_label

if TYPE_CHECKING:  # for the annotations only: the session imports this module
    from msgdesk.store.rounds import DeletedAction
    from msgdesk.ui.session import ActionFieldValue, RoundSession

FIELD_NAMES = {"action": "action", "delivery": "how we will deliver", "timescale": "timescale",
               "lead": "lead", "due_date": "due date"}


class _Command(QUndoCommand):
    # proposal_id "": an action edited after it left the snapshot (nothing to reveal)
    def __init__(self, session: RoundSession, proposal_id: str, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.proposal_id = proposal_id
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Callable[[], None]) -> None:
        try:
            step()
        except MsgdeskError as exc:
            self.session.failed.emit(str(exc))
            return
        if self.proposal_id:
            self.session.reveal.emit(self.proposal_id)

    def apply(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class SetRating(_Command):
    def __init__(self, session: RoundSession, proposal_id: str, old: str | None, new: str | None) -> None:
        super().__init__(session, proposal_id, f"rating of {proposal_id} ({rating_label(new) or 'none'})")
        self.old, self.new = old, new

    def apply(self) -> None:
        self.session.write_rating(self.proposal_id, self.new)

    def revert(self) -> None:
        self.session.write_rating(self.proposal_id, self.old)


class SetEvidence(_Command):
    """Typing in one proposal's evidence merges into one step."""

    ID = 1001

    def __init__(self, session: RoundSession, proposal_id: str, old: str, new: str) -> None:
        super().__init__(session, proposal_id, f"evidence of {proposal_id}")
        self.old, self.new = old, new

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetEvidence) or other.proposal_id != self.proposal_id:
            return False
        self.new = other.new
        return True

    def apply(self) -> None:
        self.session.write_evidence(self.proposal_id, self.new)

    def revert(self) -> None:
        self.session.write_evidence(self.proposal_id, self.old)


class AddAction(_Command):
    def __init__(self, session: RoundSession, proposal_id: str, action_id: int) -> None:
        super().__init__(session, proposal_id, f"add action to {proposal_id}")
        self.action_id = action_id
        self.deleted: DeletedAction | None = None

    def apply(self) -> None:
        # redo after an undo: revert() has kept the deleted action to bring back
        assert self.deleted is not None
        new_id = self.session.write_restore_action(self.deleted)
        self.session.alias(self.session.resolve(self.action_id), new_id)

    def revert(self) -> None:
        self.deleted = self.session.write_delete_action(self.action_id)


class DeleteAction(_Command):
    def __init__(self, session: RoundSession, action_id: int, deleted: DeletedAction) -> None:
        super().__init__(session, deleted.proposal_id, f"delete action from {deleted.proposal_id}")
        self.action_id = action_id
        self.deleted = deleted

    def apply(self) -> None:
        self.deleted = self.session.write_delete_action(self.action_id)

    def revert(self) -> None:
        new_id = self.session.write_restore_action(self.deleted)
        self.session.alias(self.session.resolve(self.action_id), new_id)


class SetActionField(_Command):
    ID = 1002

    def __init__(self, session: RoundSession, proposal_id: str, action_id: int, field: str,
                 old: ActionFieldValue, new: ActionFieldValue) -> None:
        super().__init__(session, proposal_id, f"edit {FIELD_NAMES.get(field, field)} of an action in {proposal_id}")
        self.action_id, self.field, self.old, self.new = action_id, field, old, new

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        # typing in one cell is saved in bursts; one undo step per cell edit
        if (
            not isinstance(other, SetActionField)
            or self.session.resolve(other.action_id) != self.session.resolve(self.action_id)
            or other.field != self.field
        ):
            return False
        self.new = other.new
        return True

    def apply(self) -> None:
        self.session.write_action_field(self.action_id, self.field, self.new)

    def revert(self) -> None:
        self.session.write_action_field(self.action_id, self.field, self.old)


class MoveAction(_Command):
    def __init__(self, session: RoundSession, proposal_id: str, action_id: int, old: int, new: int) -> None:
        super().__init__(session, proposal_id, f"move action in {proposal_id}")
        self.action_id, self.old, self.new = action_id, old, new

    def apply(self) -> None:
        self.session.write_move_action(self.action_id, self.new)

    def revert(self) -> None:
        self.session.write_move_action(self.action_id, self.old)
