"""Tracking: following up improvement actions after the return, through ``Workspace.tracking``.

Every change of an action's status, lead or hand-set due date, from any screen or command,
goes through ``_change`` here and appends one entry to the action's history, in the same
transaction.  Entries are only ever added (the database refuses to change or remove them).

Tracking stays open after the IJB approves a round: these methods write only
``action.status``, ``action.due_date_override``, ``action.lead`` and new ``action_update``
rows, which the approval guards allow.  An action carried forward into a later round is
followed up there: writes to the earlier copy are refused with a message naming the later
one, so there is one live copy of each action.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from msgdesk.domain.errors import InputError, NotFoundError, ReasonRequiredError
from msgdesk.domain.states import ActionStatus, HistoryKind
from msgdesk.domain.template import Template
from msgdesk.domain.timescales import effective_due_date
from msgdesk.store.models import Action, ActionUpdate, EvaluationRound, Partnership, Response, utcnow
from msgdesk.store.rounds import check_text
from msgdesk.store.session import Transactions
from msgdesk.tracker.rows import ActionRecord, HistoryEntry, RoundRecord, TrackerRow, build_rows

#: The reason recorded for a due date set in the return's own actions table.
SET_ON_RETURN_PAGE = "set on the return page"


def _status(status: str) -> ActionStatus:
    try:
        return ActionStatus(status)
    except ValueError:
        raise InputError(f"unknown action status {status!r}; expected one of "
                         f"{', '.join(s.value for s in ActionStatus)}") from None


def _entry(row: ActionUpdate, round_label: str) -> HistoryEntry:
    return HistoryEntry(
        id=row.id, action_id=row.action_id, round_label=round_label, on_date=row.on_date, author=row.author,
        text=row.text, kind=row.kind, status_after=row.status_after, due_date_before=row.due_date_before,
        due_date_after=row.due_date_after, created_at=row.created_at,
    )


class TrackingRepository:
    def __init__(self, tx: Transactions, template: Template, author: str = ""):
        self._tx = tx
        self.template = template
        #: Who is recording, when a call does not say (the user's name).
        self.author = author

    # --- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _round_of(session: Session, action: Action) -> EvaluationRound:
        response = session.get(Response, action.response_id)
        rnd = session.get(EvaluationRound, response.round_id) if response else None
        assert rnd is not None  # foreign keys
        return rnd

    def _origin_completed_on(self, session: Session, action: Action) -> date | None:
        """The date of completion of the round an action was first written in (durations
        such as "6 months" run from there, also for carried copies)."""
        seen = {action.id}
        while action.carried_from_id is not None and action.carried_from_id not in seen:
            earlier = session.get(Action, action.carried_from_id)
            if earlier is None:
                break
            seen.add(earlier.id)
            action = earlier
        return self._round_of(session, action).completed_on

    def _live_action(self, session: Session, action_id: int) -> Action:
        action = session.get(Action, action_id, with_for_update=True)
        if action is None:
            raise NotFoundError(f"no action with id {action_id}")
        later = session.scalars(select(Action).where(Action.carried_from_id == action.id)).first()
        if later is not None:
            raise InputError(
                f"action {action.reference} was carried forward to round {self._round_of(session, later).label}; "
                "record its progress there"
            )
        return action

    @staticmethod
    def _check_date(on_date: date | None, today: date | None) -> date:
        today = today or date.today()
        on_date = on_date or today
        if on_date > today:
            raise InputError(f"an update cannot be dated in the future ({on_date.isoformat()})")
        return on_date

    def _append(self, session: Session, action: Action, kind: HistoryKind, on_date: date, author: str | None,
                text: str, **values: object) -> HistoryEntry:
        row = ActionUpdate(action_id=action.id, on_date=on_date,
                           author=(author if author is not None else self.author).strip(),
                           text=text, kind=kind.value, status_after=action.status, **values)
        session.add(row)
        action.updated_at = utcnow()
        action.updated_by = row.author
        session.flush()
        return _entry(row, self._round_of(session, action).label)

    # --- the one way tracking fields change --------------------------------------------------

    def record_progress(self, action_id: int, text: str, *, author: str | None = None, on_date: date | None = None,
                        status: str | None = None, today: date | None = None) -> HistoryEntry:
        """Add a dated progress update; with ``status`` the action's status changes in the
        same step.  The entry records the status after it either way."""
        text = (text or "").strip()
        if not text:
            raise InputError("write what progress has been made; the update is empty")
        check_text("evidence", text, "the update's")
        on_date = self._check_date(on_date, today)
        new_status = _status(status) if status is not None else None
        with self._tx() as session:
            action = self._live_action(session, action_id)
            if new_status is not None:
                action.status = new_status.value
            return self._append(session, action, HistoryKind.PROGRESS, on_date, author, text)

    def change_status(self, action_id: int, status: str, *, note: str = "", author: str | None = None,
                      on_date: date | None = None, today: date | None = None) -> HistoryEntry:
        """Change the status; the change is recorded in the history with an optional note."""
        new_status = _status(status)
        on_date = self._check_date(on_date, today)
        with self._tx() as session:
            action = self._live_action(session, action_id)
            if action.status == new_status:
                raise InputError(f"action {action.reference} is already {new_status.label}")
            action.status = new_status.value
            return self._append(session, action, HistoryKind.STATUS, on_date, author, (note or "").strip())

    def set_due_date(self, action_id: int, due_date: date | None, reason: str, *, author: str | None = None,
                     on_date: date | None = None, today: date | None = None) -> HistoryEntry:
        """Set the due date by hand (``None`` goes back to the date read from the timescale).
        The reason is required; the history keeps the effective due date before and after."""
        reason = (reason or "").strip()
        if not reason:
            raise ReasonRequiredError("give the reason for setting the due date; it is recorded in the history")
        on_date = self._check_date(on_date, today)
        with self._tx() as session:
            action = self._live_action(session, action_id)
            completed_on = self._origin_completed_on(session, action)
            if due_date == action.due_date_override:
                raise InputError(
                    f"action {action.reference} already has that due date" if due_date
                    else f"action {action.reference} has no due date set by hand"
                )
            before = effective_due_date(action.timescale, completed_on, action.due_date_override)
            action.due_date_override = due_date
            after = effective_due_date(action.timescale, completed_on, due_date)
            return self._append(session, action, HistoryKind.DUE_DATE, on_date, author, reason,
                                due_date_before=before, due_date_after=after)

    def set_lead(self, action_id: int, lead: str, *, author: str | None = None,
                 on_date: date | None = None, today: date | None = None) -> HistoryEntry | None:
        """Name the lead officer (a tracking field, editable after approval); recorded in the
        history.  None when the lead was already that."""
        lead = (lead or "").strip()
        check_text("lead", lead)
        on_date = self._check_date(on_date, today)
        with self._tx() as session:
            action = self._live_action(session, action_id)
            if action.lead == lead:
                return None
            action.lead = lead
            return self._append(session, action, HistoryKind.LEAD, on_date, author, lead)

    # --- reading -------------------------------------------------------------------------------

    def history(self, action_id: int, *, earlier_rounds: bool = True) -> list[HistoryEntry]:
        """The action's history, oldest first.  For an action carried forward, the entries
        recorded on its earlier copies come first (``earlier_rounds``)."""
        with self._tx() as session:
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
                label = self._round_of(session, link).label
                rows = session.scalars(
                    select(ActionUpdate).where(ActionUpdate.action_id == link.id).order_by(ActionUpdate.id)
                ).all()
                entries.extend(sorted((_entry(row, label) for row in rows), key=lambda e: (e.on_date, e.id)))
            return entries

    def rows(self, round_id: int, *, all_rounds: bool = False, as_at: date | None = None) -> list[TrackerRow]:
        """The actions of round ``round_id`` (with ``all_rounds``, of every round of its
        partnership) as tracker rows, in round, template and position order; a handful of
        queries whatever the number of actions."""
        with self._tx() as session:
            rnd = session.get(EvaluationRound, round_id)
            if rnd is None:
                raise NotFoundError(f"no round with id {round_id}")
            partnership = session.get(Partnership, rnd.partnership_id)
            assert partnership is not None
            rounds = {
                r.id: RoundRecord(r.id, r.label, r.status, r.completed_on)
                for r in session.scalars(
                    select(EvaluationRound).where(EvaluationRound.partnership_id == rnd.partnership_id))
            }
            # Every action of the partnership: links may reach into other rounds.
            actions = {
                a.id: ActionRecord(a.id, round_of, proposal, a.position, a.text, a.delivery, a.timescale, a.lead,
                                   a.status, a.due_date_override, a.reference, a.carried_from_id)
                for a, proposal, round_of in session.execute(
                    select(Action, Response.proposal_id, Response.round_id)
                    .join(Response, Response.id == Action.response_id)
                    .where(Response.round_id.in_(list(rounds)))
                )
            }
            own: dict[int, list[HistoryEntry]] = {}
            for update in session.scalars(
                select(ActionUpdate).join(Action, Action.id == ActionUpdate.action_id)
                .join(Response, Response.id == Action.response_id)
                .where(Response.round_id.in_(list(rounds))).order_by(ActionUpdate.id)
            ):
                label = rounds[actions[update.action_id].round_id].label
                own.setdefault(update.action_id, []).append(_entry(update, label))
            name = partnership.name
        wanted = set(rounds) if all_rounds else {round_id}
        return build_rows(partnership=name, rounds=rounds, actions=actions, own=own, wanted=wanted,
                          template=self.template, as_at=as_at)
