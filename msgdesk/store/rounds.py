"""Rounds and returns: partnerships, rounds and their status, responses and actions' content.

Reached through ``Workspace.rounds``.  Every method is one short transaction: a user edit
is committed on its own, and nothing returned holds a database session.  Writers refuse
changes to an approved round with RoundLockedError (and the database's triggers refuse
them too, for any writer that bypasses this module).  An action's tracking fields
(status, lead, due date set by hand) are not written here: ``Workspace.tracking`` changes
them, with an entry in the action's history every time.

Every change records who made it (``Workspace.user``) and when, on the row itself
(``updated_by`` / ``updated_at``) and as an entry of the proposal's history
(``msgdesk.store.changes``), in the change's own transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from msgdesk.domain.errors import (
    CheckNotConfirmedError,
    ConcurrentEditError,
    DuplicateRoundError,
    InputError,
    MoveNotAllowedError,
    NotFoundError,
    ReasonRequiredError,
    RoundLockedError,
)
from msgdesk.domain.ids import new_action_id
from msgdesk.domain.return_values import RATINGS, ActionData, ReturnData
from msgdesk.domain.states import (
    APPROVAL_NEEDS_CONFIRMED_CHECK,
    CLOSED_ACTION_STATUSES,
    ActionStatus,
    ChangeField,
    ChangeSource,
    ConflictState,
    EventKind,
    HistoryKind,
    RoundMove,
    RoundStatus,
    round_move_target,
)
from msgdesk.domain.template import Template
from msgdesk.domain.text import TEXT_LIMITS, text_problems
from msgdesk.domain.timescales import interpret
from msgdesk.domain.vocabulary import TimescaleKind, member
from msgdesk.store import changes
from msgdesk.store.models import (
    Action,
    ActionUpdate,
    EvaluationRound,
    MergeConflict,
    Partnership,
    Response,
    RoundEvent,
    utcnow,
)

# RoundInfo and RoundSummary are read in msgdesk.store.reads; importable from here as before
from msgdesk.store.reads import RoundInfo as RoundInfo
from msgdesk.store.reads import RoundReads
from msgdesk.store.reads import RoundSummary as RoundSummary
from msgdesk.store.session import Transactions
from msgdesk.store.snapshot import RoundSnapshot


def check_text(field: str, value: str | None, where: str = "") -> None:
    """The return file's rule for ``field`` (``msgdesk.domain.text.TEXT_LIMITS``): what is stored
    can always be written to a return file and read back."""
    if value is None:
        return
    limit, single_line = TEXT_LIMITS[field]
    problems = text_problems(value, limit=limit, single_line=single_line)
    if problems:
        raise InputError(f"{where + ' ' if where else ''}{field}: {problems[0]}")


LOCKED_MESSAGE = (
    "round {label} of {partnership} has been approved by the IJB and is read-only; "
    "reopen it for amendment first"
)


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str
    detail: str


@dataclass(frozen=True)
class DeletedAction:
    """What ``delete_action`` removed, enough for ``restore_action`` to undo it."""

    round_id: int
    proposal_id: str
    position: int
    data: ActionData


def initial_status(timescale: str) -> ActionStatus:
    """An action's first status follows its timescale: in place, ongoing, else not started."""
    kind = interpret(timescale).kind
    return {TimescaleKind.IN_PLACE: ActionStatus.IN_PLACE, TimescaleKind.ONGOING: ActionStatus.ONGOING}.get(
        kind, ActionStatus.NOT_STARTED)


def _info(session: Session, rnd: EvaluationRound) -> RoundInfo:
    partnership = session.get(Partnership, rnd.partnership_id)
    assert partnership is not None  # a foreign key
    return RoundInfo(
        id=rnd.id, partnership_id=rnd.partnership_id, partnership=partnership.name, label=rnd.label,
        contact=rnd.contact, completed_on=rnd.completed_on, status=RoundStatus(rnd.status),
        ijb_meeting_date=rnd.ijb_meeting_date, minute_reference=rnd.minute_reference,
        previous_round_id=rnd.previous_round_id,
    )


def action_data(action: Action) -> ActionData:
    return ActionData(
        action=action.text, delivery=action.delivery, timescale=action.timescale, lead=action.lead,
        due_date=action.due_date_override, status=member(ActionStatus, action.status), reference=action.reference,
        uid=action.uid,
        updated_at=action.updated_at, updated_by=action.updated_by,
    )


def action_name(action: Action) -> str:
    """"action 2019-2.3-1 (“Review the plan”)", for history entries."""
    text = f" ({changes.quoted(action.text, 40)})" if action.text.strip() else ""
    return f"action {action.reference}{text}"


def has_recorded_progress(session: Session, action_ids: Sequence[int]) -> int:
    """How many of ``action_ids`` have progress updates in their history: the follow-up
    record, which is never thrown away.  (A lead or due date set while drafting is part of
    writing the action and goes with it.)"""
    if not action_ids:
        return 0
    return session.scalar(
        select(func.count(func.distinct(ActionUpdate.action_id))).where(
            ActionUpdate.action_id.in_(list(action_ids)), ActionUpdate.kind == HistoryKind.PROGRESS.value
        )
    ) or 0


class RoundsRepository:
    def __init__(self, tx: Transactions, template: Template, user: Callable[[], str] | None = None):
        self._tx = tx
        self.template = template
        self._user = user or (lambda: "")
        self.reads = RoundReads(tx.reading, template)

    @property
    def author(self) -> str:
        """Who is making the changes: the workspace's user, asked when each change is made."""
        return self._user().strip()

    # --- reading -------------------------------------------------------------------------

    def _find(self, session: Session, partnership: str, label: str) -> EvaluationRound | None:
        return session.scalars(
            select(EvaluationRound)
            .join(Partnership, Partnership.id == EvaluationRound.partnership_id)
            .where(Partnership.name == partnership, EvaluationRound.label == label)
        ).first()

    # The reads of rounds are written once, in msgdesk.store.reads, and run here through the
    # engine: a reading command runs the same ones through the standard library's sqlite3.

    def find_round(self, partnership: str, label: str) -> RoundInfo:
        return self.reads.find_round(partnership, label)

    def get_round(self, round_id: int) -> RoundInfo:
        return self.reads.get_round(round_id)

    def list_partnerships(self) -> list[str]:
        return self.reads.list_partnerships()

    def list_rounds(self) -> list[RoundSummary]:
        """Every round with its progress: proposals rated (of the local ones) and actions."""
        return self.reads.list_rounds()

    def load_round_by_id(self, round_id: int) -> ReturnData:
        """The whole round as plain values, responses in template order."""
        return self.reads.load_round_by_id(round_id)

    def load_round(self, partnership: str, label: str) -> ReturnData:
        return self.reads.load_round(partnership, label)

    def snapshot(self, round_id: int) -> RoundSnapshot:
        """The round as the window holds it: values, action ids and row versions."""
        return self.reads.snapshot(round_id)

    def actions_of(self, round_id: int, proposal_id: str) -> list[tuple[int, ActionData]]:
        """(action id, values) for one proposal's actions, in order."""
        return [(aid, data) for aid, data, _v in self.actions_with_versions(round_id, proposal_id)]

    def actions_with_versions(self, round_id: int, proposal_id: str) -> list[tuple[int, ActionData, int]]:
        with self._tx() as session:
            rows = session.scalars(
                select(Action).join(Response, Response.id == Action.response_id)
                .where(Response.round_id == round_id, Response.proposal_id == proposal_id)
                .order_by(Action.position, Action.id)
            ).all()
            return [(row.id, action_data(row), row.version) for row in rows]

    def round_events(self, round_id: int) -> list[Event]:
        with self._tx() as session:
            return [Event(e.at, e.kind, e.detail) for e in session.scalars(
                select(RoundEvent).where(RoundEvent.round_id == round_id).order_by(RoundEvent.id))]

    # --- guards --------------------------------------------------------------------------

    def _round(self, session: Session, round_id: int) -> EvaluationRound:
        rnd = session.get(EvaluationRound, round_id)
        if rnd is None:
            raise NotFoundError(f"no round with id {round_id}")
        return rnd

    def _writable_round(self, session: Session, round_id: int) -> EvaluationRound:
        rnd = self._round(session, round_id)
        if rnd.status == RoundStatus.APPROVED:
            partnership = session.get(Partnership, rnd.partnership_id)
            raise RoundLockedError(LOCKED_MESSAGE.format(label=rnd.label,
                                                         partnership=partnership.name if partnership else ""))
        return rnd

    def _check_local_proposal(self, proposal_id: str) -> None:
        if not self.template.has_proposal(proposal_id):
            raise NotFoundError(f"there is no proposal {proposal_id} in the template")
        if not self.template.proposal(proposal_id).local:
            raise InputError(f"proposal {proposal_id} is not for local completion (national bodies responsible)")

    @staticmethod
    def _check_rating(rating: str | None) -> None:
        if rating is not None and rating not in RATINGS:
            raise InputError(f"unknown rating {rating!r}; expected one of {', '.join(RATINGS)}")

    @classmethod
    def _response(cls, session: Session, round_id: int, proposal_id: str) -> Response:
        return cls.response_row(session, round_id, proposal_id)[0]

    @staticmethod
    def response_row(session: Session, round_id: int, proposal_id: str) -> tuple[Response, bool]:
        """The response row of a proposal (locked for the transaction), created if there is
        none yet; and whether it was created."""
        # FOR UPDATE: on PostgreSQL two officers saving at once queue here, so the version
        # check below sees the other's save (SQLite's BEGIN IMMEDIATE queues them already).
        response = session.scalars(
            select(Response).where(Response.round_id == round_id, Response.proposal_id == proposal_id)
            .with_for_update()
        ).first()
        if response is None:
            response = Response(round_id=round_id, proposal_id=proposal_id)
            session.add(response)
            session.flush()
            return response, True
        return response, False

    @staticmethod
    def _event(session: Session, round_id: int, kind: EventKind, detail: str = "") -> None:
        session.add(RoundEvent(round_id=round_id, kind=kind.value, detail=detail))

    # --- partnerships and rounds -----------------------------------------------------------

    @staticmethod
    def _partnership(session: Session, name: str) -> Partnership:
        name = name.strip()
        if not name:
            raise InputError("the partnership needs a name")
        found = session.scalars(select(Partnership).where(Partnership.name == name)).first()
        if found is None:
            # A name differing only in case or spacing is the same partnership, never a second
            # one ("North Ayrshire HSCP" typed as "north ayrshire hscp"); there are a few dozen.
            key = " ".join(name.split()).casefold()
            found = next((p for p in session.scalars(select(Partnership))
                          if " ".join(p.name.split()).casefold() == key), None)
        if found is None:
            found = Partnership(name=name)
            session.add(found)
            session.flush()
        return found

    def create_round(self, partnership: str, label: str, contact: str = "", completed_on: date | None = None,
                     previous_round_id: int | None = None, carry_forward: bool = False) -> RoundInfo:
        """Start a round.  With ``previous_round_id`` the previous ratings are copied beside
        the new ones, and with ``carry_forward`` the open actions (not complete, in place or
        superseded) are carried into it, linked to the originals and keeping their references."""
        check_text("partnership", partnership)
        check_text("round", label)
        check_text("contact", contact)
        label = label.strip()
        if not label:
            raise InputError('the round needs a name, e.g. the year "2021"')
        with self._tx() as session:
            owner = self._partnership(session, partnership)
            if self._find(session, owner.name, label) is not None:
                raise DuplicateRoundError(owner.name, label)
            rnd = EvaluationRound(partnership_id=owner.id, label=label, contact=contact, completed_on=completed_on,
                                  previous_round_id=previous_round_id)
            session.add(rnd)
            session.flush()
            self._event(session, rnd.id, EventKind.CREATED)
            if previous_round_id is not None:
                previous = self._round(session, previous_round_id)
                if previous.partnership_id != owner.id:
                    raise InputError("the previous round belongs to another partnership")
                if not contact.strip():
                    rnd.contact = previous.contact  # the same officer, until someone says otherwise
                self._seed_from_previous(session, rnd, previous, carry_forward)
            return _info(session, rnd)

    def _seed_from_previous(self, session: Session, rnd: EvaluationRound, previous: EvaluationRound,
                            carry: bool) -> None:
        for old in session.scalars(select(Response).where(Response.round_id == previous.id)).all():
            new = Response(round_id=rnd.id, proposal_id=old.proposal_id, previous_rating=old.rating,
                           updated_by=self.author)
            session.add(new)
            session.flush()
            if not carry:
                continue
            open_actions = session.scalars(
                select(Action)
                .where(Action.response_id == old.id, Action.status.not_in([s.value for s in CLOSED_ACTION_STATUSES]))
                .order_by(Action.position, Action.id)
            ).all()
            for position, old_action in enumerate(open_actions):
                carried = Action(
                    response_id=new.id, position=position, text=old_action.text, delivery=old_action.delivery,
                    timescale=old_action.timescale, due_date_override=old_action.due_date_override,
                    lead=old_action.lead, status=old_action.status, reference=old_action.reference,
                    carried_from_id=old_action.id, uid=old_action.uid, updated_by=self.author,
                )
                session.add(carried)
                session.flush()
                changes.record(session, rnd.id, new.proposal_id, ChangeField.ACTION_ADDED,
                               f"{action_name(carried)} carried forward from round {previous.label}", self.author,
                               source=ChangeSource.START, action_uid=carried.uid)
                session.add(ActionUpdate(
                    action_id=carried.id, on_date=date.today(), kind=HistoryKind.CARRIED_FORWARD.value,
                    text=f"Carried forward from round {previous.label}", status_after=carried.status,
                ))
        self._event(session, rnd.id, EventKind.STARTED_FROM_PREVIOUS, f"round {previous.label}")

    def update_round(self, round_id: int, *, contact: str | None = None, completed_on: date | None = None,
                     clear_completed_on: bool = False) -> RoundInfo:
        check_text("contact", contact)
        with self._tx() as session:
            rnd = self._writable_round(session, round_id)
            if contact is not None:
                rnd.contact = contact
            if completed_on is not None:
                rnd.completed_on = completed_on
            elif clear_completed_on:
                rnd.completed_on = None
            rnd.updated_at = utcnow()
            return _info(session, rnd)

    def _move(self, session: Session, rnd: EvaluationRound, move: RoundMove, note: str = "") -> None:
        """Change the round's status along ``ROUND_MOVES``; the database records the event
        (with ``note``) whoever the writer is."""
        target = round_move_target(RoundStatus(rnd.status), move)
        if target is None:
            status = RoundStatus(rnd.status)
            raise MoveNotAllowedError(f"round {rnd.label} is {status.phrase}: it cannot be {_MOVE_WORDS[move]}")
        rnd.status = target.value
        rnd.status_note = note
        rnd.updated_at = utcnow()

    def mark_ready(self, round_id: int) -> RoundInfo:
        with self._tx() as session:
            rnd = self._writable_round(session, round_id)
            self._move(session, rnd, RoundMove.MARK_READY)
            return _info(session, rnd)

    def mark_draft(self, round_id: int) -> RoundInfo:
        with self._tx() as session:
            rnd = self._writable_round(session, round_id)
            self._move(session, rnd, RoundMove.BACK_TO_DRAFT)
            return _info(session, rnd)

    def approve(self, round_id: int, meeting_date: date, minute_reference: str, *,
                check_confirmed: bool = False) -> RoundInfo:
        """Record the IJB's approval; the round becomes read-only.  A round that is not
        marked ready for the IJB needs ``check_confirmed``: the check before IJB has been
        shown and its findings accepted."""
        if not minute_reference.strip():
            raise InputError("record the minute reference of the IJB meeting that approved the return")
        check_text("lead", minute_reference, "the minute reference's")
        if meeting_date > date.today():
            raise InputError(f"the IJB meeting of {meeting_date.isoformat()} is in the future: record the approval "
                             "once the IJB has met")
        with self._tx() as session:
            rnd = self._writable_round(session, round_id)
            if RoundStatus(rnd.status) in APPROVAL_NEEDS_CONFIRMED_CHECK and not check_confirmed:
                raise CheckNotConfirmedError(
                    f"round {rnd.label} is {RoundStatus(rnd.status).phrase}: look at "
                    "the check before IJB and mark it ready first (msgdesk ready), or confirm the check's findings"
                )
            waiting = session.scalar(select(func.count(MergeConflict.id)).where(
                MergeConflict.round_id == rnd.id, MergeConflict.state == ConflictState.OPEN.value)) or 0
            if waiting:
                # An approved return cannot take them any more: a contributor's text would be lost.
                raise MoveNotAllowedError(
                    f"{waiting} merge conflict{'s' if waiting != 1 else ''} from contributors' replies "
                    f"{'wait' if waiting != 1 else 'waits'} in round {rnd.label}: resolve "
                    f"{'them' if waiting != 1 else 'it'} first (Round → Resolve merge conflicts…)"
                )
            rnd.ijb_meeting_date = meeting_date
            rnd.minute_reference = minute_reference.strip()
            self._move(session, rnd, RoundMove.APPROVE,
                       f"IJB {meeting_date.isoformat()}, minute {rnd.minute_reference}")
            return _info(session, rnd)

    def reopen(self, round_id: int, reason: str) -> RoundInfo:
        """Reopen an approved round for amendment: a deliberate act, recorded with its reason."""
        if not reason.strip():
            raise ReasonRequiredError("say why the approved round is being reopened; the reason is recorded")
        check_text("contact", reason, "the reason's")
        with self._tx() as session:
            rnd = self._round(session, round_id)
            if rnd.status != RoundStatus.APPROVED:
                raise MoveNotAllowedError(f"round {rnd.label} is not approved; there is nothing to reopen")
            self._move(session, rnd, RoundMove.REOPEN,
                       f"{reason.strip()} (was approved at IJB {rnd.ijb_meeting_date}, minute {rnd.minute_reference})")
            return _info(session, rnd)

    # --- responses -----------------------------------------------------------------------

    def _write_response(self, round_id: int, proposal_id: str, expected_version: int | None, field: str,
                        value: str | None) -> int:
        self._check_local_proposal(proposal_id)
        if field == "evidence":
            check_text("evidence", value, proposal_id)
        with self._tx() as session:
            rnd = self._writable_round(session, round_id)
            response, created = self.response_row(session, round_id, proposal_id)
            # Version 0: the window read the proposal before anyone had written to it.
            seen = 1 if created and expected_version == 0 else expected_version
            if seen is not None and response.version != seen:
                raise ConcurrentEditError(
                    f"someone else saved {_FIELD_WORDS[field]} of {proposal_id} at "
                    f"{response.updated_at:%H:%M} since you opened it; your text was not saved over theirs",
                    current=getattr(response, field), current_version=response.version,
                )
            before = getattr(response, field)
            setattr(response, field, value)
            response.version += 1
            response.updated_at = utcnow()
            response.updated_by = self.author
            rnd.updated_at = utcnow()
            if before != value:
                detail = changes.describe(field, before, value)
                changes.record(session, round_id, proposal_id, ChangeField(field), detail, self.author,
                               at=response.updated_at)
            return response.version

    def set_rating(self, round_id: int, proposal_id: str, rating: str | None, *,
                   expected_version: int | None = None) -> int:
        """Returns the response's new row version."""
        self._check_rating(rating)
        return self._write_response(round_id, proposal_id, expected_version, "rating", rating)

    def set_previous_rating(self, round_id: int, proposal_id: str, rating: str | None) -> int:
        self._check_rating(rating)
        return self._write_response(round_id, proposal_id, None, "previous_rating", rating)

    def set_evidence(self, round_id: int, proposal_id: str, evidence: str, *,
                     expected_version: int | None = None) -> int:
        return self._write_response(round_id, proposal_id, expected_version, "evidence", evidence)

    # --- actions' content ------------------------------------------------------------------

    @staticmethod
    def _next_reference(session: Session, rnd: EvaluationRound, proposal_id: str) -> str:
        prefix = f"{rnd.label}-{proposal_id}-"
        existing = session.scalars(
            select(Action.reference).join(Response, Response.id == Action.response_id)
            .where(Response.round_id == rnd.id, Action.reference.startswith(prefix, autoescape=True))
        ).all()
        numbers = [int(ref[len(prefix):]) for ref in existing if ref[len(prefix):].isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1}"

    @staticmethod
    def new_action_row(response_id: int, position: int, data: ActionData, reference: str) -> Action:
        """A new action row; with no status of its own it starts from its timescale."""
        own = data.status and data.status != ActionStatus.NOT_STARTED
        status = data.status if own else initial_status(data.timescale)
        try:
            status = ActionStatus(status)
        except ValueError:
            raise InputError(f"unknown action status {status!r}; expected one of "
                             f"{', '.join(s.value for s in ActionStatus)}") from None

        return Action(
            response_id=response_id, position=position, text=data.action, delivery=data.delivery,
            timescale=data.timescale, due_date_override=data.due_date, lead=data.lead, status=status.value,
            reference=reference, uid=data.uid or new_action_id(), updated_by=data.updated_by,
            **({"updated_at": data.updated_at} if data.updated_at is not None else {}),
        )

    @classmethod
    def insert_action(cls, session: Session, rnd: EvaluationRound, response: Response, data: ActionData,
                      position: int | None) -> Action:
        """Insert ``data`` among the response's actions at ``position`` (None: at the end),
        moving the others along; the caller's transaction, the caller's record of who."""
        siblings = session.scalars(
            select(Action).where(Action.response_id == response.id).order_by(Action.position, Action.id)
        ).all()
        if position is None or position > len(siblings):
            position = len(siblings)
        position = max(0, position)
        for index, sibling in enumerate(siblings):
            wanted = index if index < position else index + 1
            if sibling.position != wanted:
                sibling.position = wanted
        reference = data.reference or cls._next_reference(session, rnd, response.proposal_id)
        action = cls.new_action_row(response.id, position, data, reference)
        session.add(action)
        session.flush()
        return action

    def add_action(self, round_id: int, proposal_id: str, data: ActionData | None = None,
                   position: int | None = None) -> int:
        """Add an action (at the end, or at ``position``); returns its id."""
        self._check_local_proposal(proposal_id)
        data = data or ActionData(action="")
        for field in ("action", "delivery", "timescale", "lead"):
            check_text(field, getattr(data, field), f"{proposal_id}'s new action")
        with self._tx() as session:
            rnd = self._writable_round(session, round_id)
            response = self._response(session, round_id, proposal_id)
            action = self.insert_action(session, rnd, response, data, position)
            action.updated_by = self.author
            action.updated_at = utcnow()
            changes.record(session, round_id, proposal_id, ChangeField.ACTION_ADDED, f"{action_name(action)} added",
                           self.author, action_uid=action.uid)
            rnd.updated_at = utcnow()
            return action.id

    def _action(self, session: Session, action_id: int) -> tuple[Action, EvaluationRound, Response]:
        action = session.get(Action, action_id, with_for_update=True)
        if action is None:
            raise NotFoundError(f"no action with id {action_id}")
        response = session.get(Response, action.response_id)
        assert response is not None  # a foreign key
        return action, self._round(session, response.round_id), response

    def update_action(self, action_id: int, *, expected_version: int | None = None,
                      **values: str) -> tuple[ActionData, int]:
        """Change the content of an action: ``action``, ``delivery``, ``timescale`` (locked
        once the round is approved).  Returns the new values and row version."""
        unknown = set(values) - set(CONTENT_FIELDS)
        if unknown:
            raise InputError(f"unknown action field(s): {', '.join(sorted(unknown))}; "
                             "status, lead and due date are changed through tracking")
        for field, value in values.items():
            check_text(field, value, "the action's")
        with self._tx() as session:
            action, rnd, response = self._action(session, action_id)
            self._writable_round(session, rnd.id)
            if expected_version is not None and action.version != expected_version:
                raise ConcurrentEditError(
                    f"someone else changed action {action.reference} at {action.updated_at:%H:%M} since you opened "
                    "it; your change was not saved over theirs",
                    current=action_data(action), current_version=action.version,
                )
            for key, value in values.items():
                if getattr(action, CONTENT_FIELDS[key]) != (value or ""):
                    setattr(action, CONTENT_FIELDS[key], value or "")
                    changes.record(session, rnd.id, response.proposal_id, ChangeField(key),
                                   f"{key_words(key)} of action {action.reference}: {changes.text_change(value or '')}",
                                   self.author, action_uid=action.uid)
            action.version += 1
            action.updated_at = utcnow()
            action.updated_by = self.author
            rnd.updated_at = utcnow()
            return action_data(action), action.version

    def delete_action(self, action_id: int) -> DeletedAction:
        with self._tx() as session:
            action, rnd, response = self._action(session, action_id)
            self._writable_round(session, rnd.id)
            if has_recorded_progress(session, [action.id]):
                raise InputError(
                    f"action {action.reference} has progress recorded in its history, which is never thrown "
                    "away: set its status to Superseded instead of deleting it"
                )
            deleted = DeletedAction(rnd.id, response.proposal_id, action.position, action_data(action))
            changes.record(session, rnd.id, response.proposal_id, ChangeField.ACTION_DELETED,
                           f"{action_name(action)} deleted", self.author, action_uid=action.uid)
            session.delete(action)
            session.flush()
            self.renumber(session, response.id)
            rnd.updated_at = utcnow()
            return deleted

    def restore_action(self, deleted: DeletedAction) -> int:
        """Undo a deletion: the action comes back at its place with its reference."""
        with self._tx() as session:
            rnd = self._writable_round(session, deleted.round_id)
            response = self._response(session, rnd.id, deleted.proposal_id)
            action = self.insert_action(session, rnd, response, deleted.data, deleted.position)
            action.updated_by = self.author
            action.updated_at = utcnow()
            changes.record(session, rnd.id, response.proposal_id, ChangeField.ACTION_ADDED,
                           f"{action_name(action)} brought back", self.author, action_uid=action.uid)
            rnd.updated_at = utcnow()
            return action.id

    @staticmethod
    def renumber(session: Session, response_id: int) -> None:
        """Positions 0, 1, 2… in the current order, after a deletion."""
        rows = session.scalars(
            select(Action).where(Action.response_id == response_id).order_by(Action.position, Action.id)
        ).all()
        for index, row in enumerate(rows):
            if row.position != index:
                row.position = index

    def move_action(self, action_id: int, new_position: int) -> None:
        """Move an action to ``new_position`` among its proposal's actions."""
        with self._tx() as session:
            action, rnd, response = self._action(session, action_id)
            self._writable_round(session, rnd.id)
            rows = [row for row in session.scalars(
                select(Action).where(Action.response_id == response.id).order_by(Action.position, Action.id)
            ).all() if row.id != action.id]
            new_position = max(0, min(new_position, len(rows)))
            rows.insert(new_position, action)
            for index, row in enumerate(rows):
                if row.position != index:
                    row.position = index
            action.updated_at = utcnow()
            action.updated_by = self.author
            changes.record(session, rnd.id, response.proposal_id, ChangeField.ACTIONS_ORDER,
                           f"{action_name(action)} moved to place {new_position + 1}", self.author,
                           action_uid=action.uid)
            rnd.updated_at = utcnow()

    # --- whole returns -----------------------------------------------------------------------

    def import_return(self, data: ReturnData, replace: bool = False) -> RoundInfo:
        """Store a whole return in one transaction: all of it or none of it.

        An existing round is refused unless ``replace``; an approved round is never
        replaced, nor one whose actions have progress recorded (that history is kept).
        ``data`` must already be validated (``msgdesk.rounds.return_file``).
        """
        for response in data.responses:
            self._check_local_proposal(response.proposal)
        with self._tx() as session:
            owner = self._partnership(session, data.partnership)
            existing = self._find(session, owner.name, data.round)
            if existing is not None:
                rnd = self._replace_round(session, existing, owner.name, data, replace)
            else:
                rnd = EvaluationRound(partnership_id=owner.id, label=data.round, contact=data.contact,
                                      completed_on=data.completed_on)
                session.add(rnd)
                session.flush()
                self._event(session, rnd.id, EventKind.IMPORTED)
            now, author = utcnow(), self.author
            for item in data.responses:
                # A version 2 file says who changed each response and action last, and when:
                # kept, so that export -> import -> export gives the same file.
                row = Response(round_id=rnd.id, proposal_id=item.proposal, rating=item.rating,
                               previous_rating=item.previous_rating, evidence=item.evidence,
                               updated_at=item.updated_at or now,
                               updated_by=item.updated_by if item.updated_at is not None else author)
                session.add(row)
                session.flush()
                # A fresh response: positions and references follow the file's order.
                for number, action in enumerate(item.actions, start=1):
                    reference = action.reference or f"{rnd.label}-{item.proposal}-{number}"
                    stamped = (action if action.updated_at is not None
                               else action.replace(updated_at=now, updated_by=author))
                    session.add(self.new_action_row(row.id, number - 1, stamped, reference))
                count = len(item.actions)
                changes.record(session, rnd.id, item.proposal, ChangeField.RESPONSE,
                               f"imported from a return file ({count} action{'s' if count != 1 else ''})",
                               author, source=ChangeSource.IMPORT, at=now)
            return _info(session, rnd)

    def _replace_round(self, session: Session, existing: EvaluationRound, owner: str, data: ReturnData,
                       replace: bool) -> EvaluationRound:
        if existing.status == RoundStatus.APPROVED:
            raise RoundLockedError(f"round {data.round} of {owner} has been approved by the IJB and cannot be replaced")
        if not replace:
            raise DuplicateRoundError(owner, data.round, "; use --replace to replace it")
        action_ids = session.scalars(
            select(Action.id).join(Response, Response.id == Action.response_id).where(Response.round_id == existing.id)
        ).all()
        tracked = has_recorded_progress(session, action_ids)
        if tracked:
            raise InputError(
                f"round {data.round} of {owner} has progress recorded on {tracked} action"
                f"{'s' if tracked != 1 else ''}; replacing it would throw that history away. Import it as a new round "
                "instead (change \"round\" in the file)"
            )
        for old in session.scalars(select(Response).where(Response.round_id == existing.id)).all():
            session.delete(old)
        session.flush()
        existing.contact = data.contact
        existing.completed_on = data.completed_on
        if existing.status == RoundStatus.READY:
            self._move(session, existing, RoundMove.BACK_TO_DRAFT, "its content was replaced by an import")
        existing.updated_at = utcnow()
        self._event(session, existing.id, EventKind.REPLACED_BY_IMPORT)
        return existing


CONTENT_FIELDS = {"action": "text", "delivery": "delivery", "timescale": "timescale"}
_KEY_WORDS = {"action": "the text", "delivery": "how we will deliver", "timescale": "the timescale", "lead": "the lead"}


def key_words(key: str) -> str:
    """An action field in words: "the timescale"."""
    return _KEY_WORDS.get(key, key)
_FIELD_WORDS = {"rating": "the rating", "evidence": "the evidence", "previous_rating": "the previous rating"}
_MOVE_WORDS = {
    RoundMove.MARK_READY: "marked ready for the IJB",
    RoundMove.BACK_TO_DRAFT: "put back to draft",
    RoundMove.APPROVE: "approved",
    RoundMove.REOPEN: "reopened",
}
