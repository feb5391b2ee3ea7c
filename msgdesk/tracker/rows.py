"""The tracker's values: an action's history entries and its row in the tracker, as plain
values computed from what storage read (``Workspace.tracking``), with no session held.

The RAG is not stored in a row: it depends on the day, so ``TrackerRow.rag(today)``
derives it.  With ``as_at`` the rows are as they stood on that date, for a report: only
updates dated on or before it count, and a status or hand-set due date changed later is
taken back to its value then (from the history, which records the status after every
entry and the due date before and after every change).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from msgdesk.domain.dates import short_date
from msgdesk.domain.record import NamedTuple
from msgdesk.domain.states import ActionStatus, HistoryKind
from msgdesk.domain.template import Template
from msgdesk.domain.timescales import interpret
from msgdesk.domain.vocabulary import TimescaleKind
from msgdesk.tracker.rag import Rag, rag_for, status_label


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
        if self.kind == HistoryKind.DUE_DATE:
            parts.append(f"Due date {_d(self.due_date_before)} \u2192 {_d(self.due_date_after)}")
        elif self.kind == HistoryKind.STATUS and self.status_after:
            parts.append(f"Status \u2192 {status_label(self.status_after)}")
        elif self.kind == HistoryKind.LEAD:
            return f"Lead \u2192 {self.text or 'nobody named'}"
        elif self.kind == HistoryKind.PROGRESS and self.status_after and not self.text:
            parts.append(f"Status {status_label(self.status_after)}")
        if self.text:
            parts.append(self.text)
        if parts:
            return ": ".join(parts)
        try:
            return HistoryKind(self.kind).label
        except ValueError:
            return self.kind


def _d(value: date | None) -> str:
    return short_date(value, "none")


class Link(NamedTuple):
    """The other end of a carried-forward link."""

    action_id: int
    round_id: int
    round_label: str
    reference: str


class TrackerRow(NamedTuple):
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
    history: tuple[HistoryEntry, ...] = ()
    #: ``interpret(timescale).history_kind``: what an in-place or under-review text read
    #: without a date of completion becomes once all its dates are past.
    timescale_history_kind: TimescaleKind | None = None

    def rag(self, today: date) -> Rag:
        kind, due = self.timescale_kind, self.due_date
        if self.timescale_history_kind and not self.due_set_by_hand and due is not None and due < today:
            # Every date in "In place - last reviewed March 2020" is behind us: history, not
            # a missed deadline (the round has no date of completion to tell them apart).
            kind, due = self.timescale_history_kind, None
        return rag_for(self.status, due, today, kind, bool(self.carried_to))


class RoundRecord(NamedTuple):
    id: int
    label: str
    status: str
    completed_on: date | None


class ActionRecord(NamedTuple):
    """An action as stored, with where it sits."""

    id: int
    round_id: int
    proposal_id: str
    position: int
    text: str
    delivery: str
    timescale: str
    lead: str
    status: str
    due_date_override: date | None
    reference: str
    carried_from_id: int | None


def latest(entries: Iterable[HistoryEntry]) -> HistoryEntry | None:
    """The latest entry, preferring a real update to a "carried forward" note."""
    entries = list(entries)
    if not entries:
        return None
    real = [e for e in entries if e.kind != HistoryKind.CARRIED_FORWARD]
    return max(real or entries, key=lambda e: (e.on_date, e.id))


def _initial_status(timescale: str) -> str:
    kind = interpret(timescale).kind
    return {TimescaleKind.IN_PLACE: ActionStatus.IN_PLACE, TimescaleKind.ONGOING: ActionStatus.ONGOING}.get(
        kind, ActionStatus.NOT_STARTED)


def build_rows(*, partnership: str, rounds: dict[int, RoundRecord], actions: dict[int, ActionRecord],
               own: dict[int, list[HistoryEntry]], wanted: set[int], template: Template,
               as_at: date | None = None) -> list[TrackerRow]:
    """The tracker rows of the actions of the ``wanted`` rounds, in round, template and
    position order.  ``actions`` and ``own`` (each action's own history entries) cover
    every round of the partnership, since carried-forward links reach across rounds."""
    successors: dict[int, list[int]] = {}
    for action in actions.values():
        if action.carried_from_id in actions:
            successors.setdefault(action.carried_from_id, []).append(action.id)

    def link(action_id: int) -> Link:
        action = actions[action_id]
        return Link(action_id, action.round_id, rounds[action.round_id].label, action.reference)

    def chain(action: ActionRecord) -> list[ActionRecord]:
        result = [action]
        while result[-1].carried_from_id in actions and len(result) <= len(actions):
            result.append(actions[result[-1].carried_from_id])
        return result[::-1]  # oldest first

    rows = []
    for action in actions.values():
        if action.round_id not in wanted:
            continue
        links = chain(action)
        origin_completed_on = rounds[links[0].round_id].completed_on
        entries: list[HistoryEntry] = []
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
                status = known[-1] if known else _initial_status(action.timescale)
            later_due = [e for e in later if e.kind == HistoryKind.DUE_DATE]
            if later_due:
                first = min(later_due, key=lambda e: (e.on_date, e.id))
                interpreted = interpret(action.timescale, origin_completed_on).due_date
                override = first.due_date_before if first.due_date_before != interpreted else None
            later_ids = [i for i in later_ids if _carried_by(own.get(i, ()), as_at)]
        interpretation = interpret(action.timescale, origin_completed_on)
        due = override if override is not None else interpretation.due_date
        in_template = template.has_proposal(action.proposal_id)
        key_feature = template.proposal(action.proposal_id).key_feature if in_template else 0
        rnd = rounds[action.round_id]
        rows.append(TrackerRow(
            action_id=action.id, round_id=rnd.id, round_label=rnd.label, round_status=rnd.status,
            partnership=partnership, reference=action.reference, proposal_id=action.proposal_id,
            order=(template.order(action.proposal_id), action.position), key_feature=key_feature,
            text=action.text, delivery=action.delivery, timescale=action.timescale,
            timescale_kind=interpretation.kind, lead=action.lead, status=status, due_date=due,
            due_set_by_hand=override is not None, last_update=latest(entries),
            carried_from=link(action.carried_from_id) if action.carried_from_id in actions else None,
            carried_to=tuple(link(i) for i in later_ids), history=tuple(entries),
            timescale_history_kind=interpretation.history_kind,
        ))
    rows.sort(key=lambda r: (r.round_label, r.order, r.action_id))
    return rows


def _carried_by(entries: Iterable[HistoryEntry], as_at: date) -> bool:
    """Whether a later copy had been carried forward by ``as_at``."""
    carried = [e.on_date for e in entries if e.kind == HistoryKind.CARRIED_FORWARD]
    return not carried or min(carried) <= as_at
