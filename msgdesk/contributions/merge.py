"""The three-way merge of a contributor's reply, field by field.  Qt-free and storage-free:
plain values in, a plan out (``msgdesk.store.contributions`` applies it in one transaction).

For each proposal of the pack, with *base* what the pack was cut from, *ours* the round as
it is now and *theirs* the reply:

- the rating and the evidence, and each action (matched by its id) field by field
  (action, how we will deliver, timescale, lead, due date): theirs equal to the base means
  the contributor left it (``UNCHANGED``); ours equal to the base means only they changed
  it (``APPLY``); ours equal to theirs means both made the same change (``SAME``);
  otherwise both changed it differently (``CONFLICT``: nothing is overwritten);
- an action only in theirs is new (added after the action it follows in the reply);
- an action of the base missing from theirs was deleted by the contributor: deleted here
  too if we left it as it was, a conflict if we edited it; one we deleted that they edited
  is a conflict too;
- an action the reply moved to another proposal of the pack is moved (its row, with its
  history, goes to the new proposal; its fields merge as above), never deleted in one
  place and skipped as "already there" in the other;
- a new action whose id is that of an action elsewhere in the round (outside the pack, or
  not where the pack had it) is refused with its place (``ReusedActionIdError``): merging it
  would either skip it or overwrite another action;
- the order of the actions both sides still have, the same way as a field.

Values are what a return file holds (text, a rating slug or None, a date as
``YYYY-MM-DD``), an action as a dict (``action_value``), an order as a list of ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from msgdesk.domain.errors import ReusedActionIdError
from msgdesk.domain.return_values import ActionData, ResponseData, rating_label
from msgdesk.domain.states import ACTION_MERGE_FIELDS, ConflictField, FieldMerge
from msgdesk.domain.word_diff import inline, word_diff

#: ActionData's attribute for each action field merged.
ACTION_ATTRIBUTES = {
    ConflictField.ACTION: "action",
    ConflictField.DELIVERY: "delivery",
    ConflictField.TIMESCALE: "timescale",
    ConflictField.LEAD: "lead",
    ConflictField.DUE_DATE: "due_date",
}


def action_field(action: ActionData, which: ConflictField) -> Any:
    value = getattr(action, ACTION_ATTRIBUTES[which])
    if which is ConflictField.DUE_DATE:
        return value.isoformat() if value is not None else None
    return value


def action_value(action: ActionData) -> dict[str, Any]:
    """An action as a merge holds it (and a conflict stores it)."""
    value: dict[str, Any] = {"id": action.uid, "reference": action.reference}
    value.update({f.value: action_field(action, f) for f in ACTION_MERGE_FIELDS})
    return value


@dataclass(frozen=True)
class Change:
    """One field's outcome."""

    proposal: str
    field: ConflictField
    outcome: FieldMerge
    base: Any
    ours: Any
    theirs: Any
    #: The action concerned ("" for the rating, the evidence and the order).
    action_uid: str = ""
    #: The action's reference where it has one ("2019-2.3-1"), for messages.
    reference: str = ""
    #: For a new action: the id of the action it follows in the reply ("" = first).
    after: str = ""
    #: For an action the reply moved here from another proposal of the pack: that proposal.
    moved_from: str = ""

    @property
    def place(self) -> str:
        """"2.3 evidence", "2.3 action 2019-2.3-1 timescale", "2.3 new action"."""
        if self.field in (ConflictField.RATING, ConflictField.EVIDENCE, ConflictField.ORDER):
            return f"{self.proposal} {self.field.label}"
        name = f"action {self.reference}" if self.reference else "new action"
        if self.field is ConflictField.PRESENCE:
            return f"{self.proposal} {name}"
        return f"{self.proposal} {name} {self.field.label}"

    @property
    def is_new_action(self) -> bool:
        return self.field is ConflictField.PRESENCE and self.base is None and self.ours is None

    @property
    def is_move(self) -> bool:
        return self.field is ConflictField.PRESENCE and bool(self.moved_from)

    @property
    def is_deletion(self) -> bool:
        return self.field is ConflictField.PRESENCE and self.theirs is None

    def describe(self) -> str:
        """One line for the command line: what would change, or what waits."""
        if self.field is ConflictField.PRESENCE:
            if self.is_move:
                what = f"moved from {self.moved_from} in the reply"
                if self.outcome is FieldMerge.CONFLICT:
                    what += ", deleted here since"
            elif self.is_new_action:
                what = f"new action {_short(self.theirs['action'])}"
            elif self.is_deletion:
                what = "deleted in the reply" + (", edited here since" if self.outcome is FieldMerge.CONFLICT else "")
            else:
                what = "edited in the reply, deleted here since"
            return f"{self.place}: {what}"
        if self.field is ConflictField.ORDER:
            how = "reordered in the reply" if self.outcome is FieldMerge.APPLY else "reordered on both sides"
            return f"{self.place}: {how}"
        if self.field.is_text:
            # the words themselves follow, in context (``changed_words``): a long text's
            # first 40 characters rarely hold what changed
            return f"{self.place}: " + ("changed on both sides, yours -> theirs:" if self.outcome is FieldMerge.CONFLICT
                                        else "changed in the reply:")
        if self.outcome is FieldMerge.CONFLICT:
            return f"{self.place}: yours {_shown(self.field, self.ours)}, theirs {_shown(self.field, self.theirs)}"
        return f"{self.place}: {_shown(self.field, self.base)} -> {_shown(self.field, self.theirs)}"

    def changed_words(self, context: int = 4) -> list[str]:
        """For a text field, each changed stretch with ``context`` words either side,
        ``… the [-old-]{+new+} words …``: from yours to theirs for a conflict, else from
        the base to theirs.  Empty for other fields (``describe`` says it all)."""
        if not self.field.is_text:
            return []
        old = self.ours if self.outcome is FieldMerge.CONFLICT else self.base
        return inline(word_diff(str(old or ""), str(self.theirs or "")), context=context)


def _short(text: str | None, limit: int = 40) -> str:
    text = " ".join((text or "").split())
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"


def _shown(which: ConflictField, value: Any) -> str:
    if which is ConflictField.RATING:
        return rating_label(value) or "no rating"
    if value in (None, ""):
        return "(empty)"
    return _short(str(value))


@dataclass
class MergePlan:
    changes: list[Change] = field(default_factory=list)

    @property
    def applied(self) -> list[Change]:
        return [c for c in self.changes if c.outcome is FieldMerge.APPLY]

    @property
    def conflicts(self) -> list[Change]:
        return [c for c in self.changes if c.outcome is FieldMerge.CONFLICT]

    @property
    def changes_anything(self) -> bool:
        return bool(self.applied or self.conflicts)


def three_way(base: Any, ours: Any, theirs: Any) -> FieldMerge:
    if theirs == base:
        return FieldMerge.UNCHANGED
    if ours == base:
        return FieldMerge.APPLY
    if ours == theirs:
        return FieldMerge.SAME
    return FieldMerge.CONFLICT


def _field(changes: list[Change], proposal: str, which: ConflictField, base: Any, ours: Any, theirs: Any,
           uid: str = "", reference: str = "") -> None:
    outcome = three_way(base, ours, theirs)
    if outcome is not FieldMerge.UNCHANGED:
        changes.append(Change(proposal, which, outcome, base, ours, theirs, uid, reference))


def _content(action: ActionData) -> tuple[Any, ...]:
    return tuple(action_field(action, f) for f in ACTION_MERGE_FIELDS)


@dataclass(frozen=True)
class Placed:
    """An action and the proposal it is in (a whole round or pack side, by action id)."""

    proposal: str
    action: ActionData


def _placed(side: list[ResponseData]) -> dict[str, Placed]:
    return {a.uid: Placed(r.proposal, a) for r in side for a in r.actions}


def plan_proposal(base: ResponseData, ours: ResponseData, theirs: ResponseData, *,
                  base_all: dict[str, Placed] | None = None, ours_all: dict[str, Placed] | None = None,
                  theirs_all: dict[str, Placed] | None = None) -> list[Change]:
    """The changes for one proposal, in the order they are applied.  ``base_all``,
    ``ours_all`` and ``theirs_all`` place every action of the pack's base, the round and the
    reply (by id), so that an action moved between proposals is seen as moved; without them
    only this proposal is known."""
    pid = base.proposal
    changes: list[Change] = []
    _field(changes, pid, ConflictField.RATING, base.rating, ours.rating, theirs.rating)
    _field(changes, pid, ConflictField.EVIDENCE, base.evidence, ours.evidence, theirs.evidence)
    base_by = {a.uid: a for a in base.actions}
    ours_by = {a.uid: a for a in ours.actions}
    theirs_by = {a.uid: a for a in theirs.actions}
    base_all = base_all if base_all is not None else {uid: Placed(pid, a) for uid, a in base_by.items()}
    ours_all = ours_all if ours_all is not None else {uid: Placed(pid, a) for uid, a in ours_by.items()}
    theirs_all = theirs_all if theirs_all is not None else {uid: Placed(pid, a) for uid, a in theirs_by.items()}
    previous = ""
    for mine in theirs.actions:
        uid = mine.uid
        was_placed = base_all.get(uid)
        now_placed = ours_all.get(uid)
        was = was_placed.action if was_placed is not None else None
        now = now_placed.action if now_placed is not None else None
        reference = (now or was or mine).reference
        moved_from = was_placed.proposal if was_placed is not None and was_placed.proposal != pid else ""
        if was is None and now is not None and now_placed is not None and now_placed.proposal != pid:
            # The reply's "new" action carries the id of an action that is elsewhere in the
            # round: applying it would skip it (the id exists) or overwrite that action.
            raise ReusedActionIdError(
                f"{pid} new action “{_short(mine.action)[1:-1]}”: its id is that of action "
                f"{now.reference or uid} in proposal {now_placed.proposal}"
                f"{'' if now_placed.proposal in {p.proposal for p in base_all.values()} else ', outside this pack'}"
                "; ids are never reused (leave the Reference blank for a new action); nothing was merged")
        if was is None and now is None:
            changes.append(Change(pid, ConflictField.PRESENCE, FieldMerge.APPLY, None, None, action_value(mine),
                                  uid, "", after=previous))
        elif now is None:
            assert was is not None
            if moved_from or _content(mine) != _content(was):
                changes.append(Change(pid, ConflictField.PRESENCE, FieldMerge.CONFLICT, action_value(was), None,
                                      action_value(mine), uid, reference, after=previous, moved_from=moved_from))
        else:
            assert now_placed is not None
            reference = now.reference
            if moved_from and now_placed.proposal != pid:
                changes.append(Change(pid, ConflictField.PRESENCE, FieldMerge.APPLY, action_value(was or now),
                                      action_value(now), action_value(mine), uid, reference, after=previous,
                                      moved_from=moved_from))
            start = was or now  # an id the base lacks but we have: compare with ours
            for which in ACTION_MERGE_FIELDS:
                _field(changes, pid, which, action_field(start, which), action_field(now, which),
                       action_field(mine, which), uid, reference)
        previous = uid
    for uid, was in base_by.items():
        if uid in theirs_by or uid in theirs_all:
            continue  # kept, or moved to another proposal (the move is planned there)
        now = ours_by.get(uid)
        if now is None:
            continue  # deleted on both sides
        outcome = FieldMerge.APPLY if _content(now) == _content(was) else FieldMerge.CONFLICT
        changes.append(Change(pid, ConflictField.PRESENCE, outcome, action_value(was), action_value(now), None,
                              uid, now.reference))
    kept = set(base_by) & set(ours_by) & set(theirs_by)
    was_order, our_order, their_order = ([a.uid for a in side.actions if a.uid in kept]
                                         for side in (base, ours, theirs))
    outcome = three_way(was_order, our_order, their_order)
    if outcome is not FieldMerge.UNCHANGED and len(kept) > 1:
        changes.append(Change(pid, ConflictField.ORDER, outcome, was_order, our_order, their_order))
    return changes


def plan_merge(base: list[ResponseData], ours: dict[str, ResponseData], theirs: list[ResponseData],
               elsewhere: dict[str, Placed] | None = None) -> MergePlan:
    """The plan for a whole reply.  ``base`` and ``theirs`` hold the pack's proposals (the
    reader checked that); ``ours`` the round's responses by proposal (absent: empty);
    ``elsewhere`` the round's actions outside the pack's proposals, by id.  Raises
    ``ReusedActionIdError`` for a new action carrying another action's id."""
    by_proposal = {r.proposal: r for r in theirs}
    ours_all = dict(elsewhere or {})
    ours_all.update(_placed([r for r in ours.values() if r is not None]))
    base_all, theirs_all = _placed(base), _placed(theirs)
    plan = MergePlan()
    for was in base:
        mine = by_proposal.get(was.proposal, ResponseData(was.proposal))
        plan.changes.extend(plan_proposal(was, ours.get(was.proposal) or ResponseData(was.proposal), mine,
                                          base_all=base_all, ours_all=ours_all, theirs_all=theirs_all))
    return plan


def contributor_name(for_whom: str) -> str:
    """"Alan Brown" from "Alan Brown, Chief Finance Officer"."""
    return for_whom.split(",", 1)[0].strip() or for_whom.strip()
