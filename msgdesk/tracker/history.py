"""An action's dated history: progress updates, due dates set by hand (with the
reason), status changes.  Entries are only ever added (SQLite refuses an
UPDATE of ``action_update``); each write is one short transaction that changes
the action's tracking fields and appends the entry that explains the change.

Tracking stays open after the IJB approves a round: these functions write only
``action.status``, ``action.due_date_override``, ``action.lead`` and new
``action_update`` rows, which the approval triggers allow.

An action carried forward into a later round is followed up there: writes to
the earlier copy are refused with a message naming the later one, so there is
one live copy of each action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from msgdesk.errors import InputError, NotFoundError
from msgdesk.returndata import ACTION_STATUSES
from msgdesk.store.models import Action, ActionUpdate, EvaluationRound, Response, utcnow
from msgdesk.store.session import transaction
from msgdesk.timescales import effective_due_date
from msgdesk.tracker.rag import status_label

KINDS = ("progress", "due_date", "carried_forward", "status")
KIND_LABELS = {
    "progress": "Progress",
    "due_date": "Due date",
    "carried_forward": "Carried forward",
    "status": "Status",
}


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    id: int
    action_id: int
    #: The round the entry was recorded in (an earlier one for a carried action).
    round_label: str
    on_date: date
    author: str
    text: str
    kind: str
    status_after: str | None
    due_date_before: date | None
    due_date_after: date | None
    created_at: datetime

    def describe(self) -> str:
        """One line for lists and reports: "Due date 31 Mar 2020 → 30 Sep 2020: reason"."""
        parts = []
        if self.kind == "due_date":
            parts.append(f"Due date {_d(self.due_date_before)} \u2192 {_d(self.due_date_after)}")
        elif self.kind == "status" and self.status_after:
            parts.append(f"Status \u2192 {status_label(self.status_after)}")
        elif self.kind == "progress" and self.status_after and not self.text:
            parts.append(f"Status {status_label(self.status_after)}")
        if self.text:
            parts.append(self.text)
        return ": ".join(parts) if parts else KIND_LABELS.get(self.kind, self.kind)


def _d(value: date | None) -> str:
    return value.strftime("%-d %b %Y") if value else "none"


def _round_of(session: Session, action: Action) -> EvaluationRound:
    response = session.get(Response, action.response_id)
    return session.get(EvaluationRound, response.round_id)


def _origin_completed_on(session: Session, action: Action) -> date | None:
    """The date of completion of the round an action was first written in
    (durations such as "6 months" run from there, also for carried copies)."""
    seen = {action.id}
    while action.carried_from_id is not None and action.carried_from_id not in seen:
        earlier = session.get(Action, action.carried_from_id)
        if earlier is None:
            break
        seen.add(earlier.id)
        action = earlier
    return _round_of(session, action).completed_on


def _live_action(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFoundError(f"no action with id {action_id}")
    later = session.exec(select(Action).where(Action.carried_from_id == action.id)).first()
    if later is not None:
        later_round = _round_of(session, later)
        raise InputError(
            f"action {action.reference} was carried forward to round {later_round.label}; "
            "record its progress there"
        )
    return action


def _entry(session: Session, row: ActionUpdate, round_label: str) -> HistoryEntry:
    return HistoryEntry(
        id=row.id,
        action_id=row.action_id,
        round_label=round_label,
        on_date=row.on_date,
        author=row.author,
        text=row.text,
        kind=row.kind,
        status_after=row.status_after,
        due_date_before=row.due_date_before,
        due_date_after=row.due_date_after,
        created_at=row.created_at,
    )


def _check_date(on_date: date | None, today: date | None) -> date:
    today = today or date.today()
    on_date = on_date or today
    if on_date > today:
        raise InputError(f"an update cannot be dated in the future ({on_date.isoformat()})")
    return on_date


def _check_status(status: str) -> None:
    if status not in ACTION_STATUSES:
        raise InputError(f"unknown action status {status!r}; expected one of {', '.join(ACTION_STATUSES)}")


def _append(session: Session, action: Action, **values) -> HistoryEntry:
    row = ActionUpdate(action_id=action.id, **values)
    session.add(row)
    action.updated_at = utcnow()
    session.add(action)
    session.flush()
    return _entry(session, row, _round_of(session, action).label)


def record_progress(engine: Engine, action_id: int, text: str, *, author: str = "",
                    on_date: date | None = None, status: str | None = None,
                    today: date | None = None) -> HistoryEntry:
    """Add a dated progress update; with ``status`` the action's status changes
    in the same step.  The entry records the status after it either way."""
    text = (text or "").strip()
    if not text:
        raise InputError("write what progress has been made; the update is empty")
    on_date = _check_date(on_date, today)
    if status is not None:
        _check_status(status)
    with transaction(engine) as session:
        action = _live_action(session, action_id)
        if status is not None:
            action.status = status
        return _append(session, action, on_date=on_date, author=author.strip(), text=text,
                       kind="progress", status_after=action.status)


def change_status(engine: Engine, action_id: int, status: str, *, note: str = "", author: str = "",
                  on_date: date | None = None, today: date | None = None) -> HistoryEntry:
    """Change the status; the change is recorded in the history with an optional note."""
    _check_status(status)
    on_date = _check_date(on_date, today)
    with transaction(engine) as session:
        action = _live_action(session, action_id)
        if action.status == status:
            raise InputError(f"action {action.reference} is already {status_label(status)}")
        action.status = status
        return _append(session, action, on_date=on_date, author=author.strip(), text=(note or "").strip(),
                       kind="status", status_after=status)


def set_due_date(engine: Engine, action_id: int, due_date: date | None, reason: str, *, author: str = "",
                 on_date: date | None = None, today: date | None = None) -> HistoryEntry:
    """Set the due date by hand (``None`` goes back to the date read from the
    timescale).  The reason is required; the history keeps the effective due
    date before and after."""
    reason = (reason or "").strip()
    if not reason:
        raise InputError("give the reason for setting the due date; it is recorded in the history")
    on_date = _check_date(on_date, today)
    with transaction(engine) as session:
        action = _live_action(session, action_id)
        completed_on = _origin_completed_on(session, action)
        before = effective_due_date(action.timescale, completed_on, action.due_date_override)
        if due_date == action.due_date_override:
            raise InputError(
                f"action {action.reference} already has that due date" if due_date
                else f"action {action.reference} has no due date set by hand"
            )
        action.due_date_override = due_date
        after = effective_due_date(action.timescale, completed_on, due_date)
        return _append(session, action, on_date=on_date, author=author.strip(), text=reason, kind="due_date",
                       status_after=action.status, due_date_before=before, due_date_after=after)


def set_lead(engine: Engine, action_id: int, lead: str) -> None:
    """Name the lead officer (a tracking field, editable after approval)."""
    with transaction(engine) as session:
        action = _live_action(session, action_id)
        action.lead = (lead or "").strip()
        action.updated_at = utcnow()
        session.add(action)


def history(engine: Engine, action_id: int, *, earlier_rounds: bool = True) -> list[HistoryEntry]:
    """The action's history, oldest first.  For an action carried forward, the
    entries recorded on its earlier copies come first (``earlier_rounds``)."""
    with transaction(engine) as session:
        action = session.get(Action, action_id)
        if action is None:
            raise NotFoundError(f"no action with id {action_id}")
        chain = [action]
        while earlier_rounds and chain[-1].carried_from_id is not None:
            earlier = session.get(Action, chain[-1].carried_from_id)
            if earlier is None or earlier in chain:
                break
            chain.append(earlier)
        entries: list[HistoryEntry] = []
        for link in reversed(chain):
            label = _round_of(session, link).label
            rows = session.exec(
                select(ActionUpdate).where(ActionUpdate.action_id == link.id).order_by(ActionUpdate.id)
            ).all()
            entries.extend(sorted((_entry(session, row, label) for row in rows),
                                  key=lambda e: (e.on_date, e.id)))
        return entries
