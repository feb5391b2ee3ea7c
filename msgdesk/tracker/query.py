"""Rows for the tracker table and the committee report: every action of a round
(or of all rounds of its partnership) as plain values, with the effective due
date, the latest update and the carried-forward links both ways.

Reading is a handful of queries in one short session, whatever the number of
actions; nothing returned holds a session.  The RAG is not stored in a row: it
depends on the day, so ``TrackerRow.rag(today)`` derives it.

With ``as_at`` the rows are as they stood on that date, for a report: only
updates dated on or before it count, and a status or hand-set due date changed
later is taken back to its value then (from the history, which records the
status after every entry and the due date before and after every change).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from msgdesk.errors import NotFoundError
from msgdesk.store.models import Action, ActionUpdate, EvaluationRound, Partnership, Response
from msgdesk.store.repository import initial_status
from msgdesk.template import Template, load_template
from msgdesk.timescales import interpret
from msgdesk.tracker.history import HistoryEntry
from msgdesk.tracker.rag import Rag, rag_for


@dataclass(frozen=True, slots=True)
class Link:
    """The other end of a carried-forward link."""

    action_id: int
    round_id: int
    round_label: str
    reference: str


@dataclass(frozen=True, slots=True)
class TrackerRow:
    action_id: int
    round_id: int
    round_label: str
    round_status: str
    partnership: str
    reference: str
    proposal_id: str
    #: Position of the proposal in template order, then of the action in it (for sorting).
    order: tuple[int, int]
    key_feature: int
    text: str
    delivery: str
    timescale: str
    #: ``interpret(timescale).kind``: dated, ongoing, in_place, to_be_agreed, unrecognised.
    timescale_kind: str
    lead: str
    status: str
    #: Effective due date: set by hand, else read from the timescale.
    due_date: date | None
    due_set_by_hand: bool
    last_update: HistoryEntry | None
    carried_from: Link | None
    carried_to: tuple[Link, ...] = ()
    #: Every history entry up to the row's date, oldest first, earlier rounds included.
    history: tuple[HistoryEntry, ...] = field(default=(), repr=False)

    def rag(self, today: date) -> Rag:
        return rag_for(self.status, self.due_date, today, self.timescale_kind, bool(self.carried_to))


def _entry(row: ActionUpdate, round_label: str) -> HistoryEntry:
    return HistoryEntry(
        id=row.id, action_id=row.action_id, round_label=round_label, on_date=row.on_date, author=row.author,
        text=row.text, kind=row.kind, status_after=row.status_after, due_date_before=row.due_date_before,
        due_date_after=row.due_date_after, created_at=row.created_at,
    )


def _latest(entries: list[HistoryEntry]) -> HistoryEntry | None:
    """The latest entry, preferring a real update to a "carried forward" note."""
    if not entries:
        return None
    real = [e for e in entries if e.kind != "carried_forward"]
    return max(real or entries, key=lambda e: (e.on_date, e.id))


def tracker_rows(engine: Engine, round_id: int, *, all_rounds: bool = False, as_at: date | None = None,
                 template: Template | None = None) -> list[TrackerRow]:
    """The actions of round ``round_id`` (with ``all_rounds``, of every round of
    its partnership) in round, template and position order."""
    template = template or load_template()
    with Session(engine) as session:
        rnd = session.get(EvaluationRound, round_id)
        if rnd is None:
            raise NotFoundError(f"no round with id {round_id}")
        partnership = session.get(Partnership, rnd.partnership_id).name
        rounds = {
            r.id: r for r in session.exec(
                select(EvaluationRound).where(EvaluationRound.partnership_id == rnd.partnership_id)
            ).all()
        }
        # Every action of the partnership: links may reach into other rounds.
        found = session.exec(
            select(Action, Response.proposal_id, Response.round_id)
            .join(Response, Response.id == Action.response_id)
            .where(Response.round_id.in_(list(rounds)))
        ).all()
        updates = session.exec(
            select(ActionUpdate)
            .join(Action, Action.id == ActionUpdate.action_id)
            .join(Response, Response.id == Action.response_id)
            .where(Response.round_id.in_(list(rounds)))
            .order_by(ActionUpdate.id)
        ).all()
        actions = {a.id: (a, proposal, rid) for a, proposal, rid in found}
        own: dict[int, list[HistoryEntry]] = {}
        for u in updates:
            own.setdefault(u.action_id, []).append(_entry(u, rounds[actions[u.action_id][2]].label))
        session.expunge_all()

    def link(action_id: int) -> Link:
        action, _proposal, rid = actions[action_id]
        return Link(action_id, rid, rounds[rid].label, action.reference)

    successors: dict[int, list[int]] = {}
    for action, _proposal, _rid in actions.values():
        if action.carried_from_id in actions:
            successors.setdefault(action.carried_from_id, []).append(action.id)

    def chain(action: Action) -> list[Action]:
        result = [action]
        while result[-1].carried_from_id in actions and len(result) <= len(actions):
            result.append(actions[result[-1].carried_from_id][0])
        return result[::-1]  # oldest first

    wanted = set(rounds) if all_rounds else {round_id}
    rows = []
    for action, proposal_id, rid in actions.values():
        if rid not in wanted:
            continue
        links = chain(action)
        origin_completed_on = rounds[actions[links[0].id][2]].completed_on
        entries = []
        for item in links:
            entries.extend(sorted(own.get(item.id, ()), key=lambda e: (e.on_date, e.id)))
        status = action.status
        override = action.due_date_override
        later_ids = successors.get(action.id, [])
        if as_at is not None:
            later = [e for e in entries if e.on_date > as_at]
            entries = [e for e in entries if e.on_date <= as_at]
            if any(e.status_after for e in later):
                known = [e.status_after for e in entries if e.status_after]
                status = known[-1] if known else initial_status(action.timescale)
            later_due = [e for e in later if e.kind == "due_date"]
            if later_due:
                first = min(later_due, key=lambda e: (e.on_date, e.id))
                interpreted = interpret(action.timescale, origin_completed_on).due_date
                override = first.due_date_before if first.due_date_before != interpreted else None
            later_ids = [i for i in later_ids if _carried_by(own.get(i, ()), as_at)]
        interpretation = interpret(action.timescale, origin_completed_on)
        due = override if override is not None else interpretation.due_date
        try:
            proposal = template.proposal(proposal_id)
            key_feature = proposal.key_feature
        except KeyError:
            key_feature = 0
        rnd_row = rounds[rid]
        rows.append(TrackerRow(
            action_id=action.id,
            round_id=rid,
            round_label=rnd_row.label,
            round_status=rnd_row.status,
            partnership=partnership,
            reference=action.reference,
            proposal_id=proposal_id,
            order=(template.order(proposal_id), action.position),
            key_feature=key_feature,
            text=action.text,
            delivery=action.delivery,
            timescale=action.timescale,
            timescale_kind=interpretation.kind,
            lead=action.lead,
            status=status,
            due_date=due,
            due_set_by_hand=override is not None,
            last_update=_latest(entries),
            carried_from=link(action.carried_from_id) if action.carried_from_id in actions else None,
            carried_to=tuple(link(i) for i in later_ids),
            history=tuple(entries),
        ))
    rows.sort(key=lambda r: (r.round_label, r.order, r.action_id))
    return rows


def _carried_by(entries, as_at: date) -> bool:
    """Whether a later copy had been carried forward by ``as_at``."""
    carried = [e.on_date for e in entries if e.kind == "carried_forward"]
    return not carried or min(carried) <= as_at
