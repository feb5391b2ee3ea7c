"""Contributions: packs cut for contributors, their replies merged three ways, the conflicts
held until someone chooses, and each proposal's history of who changed what.

Reached through ``Workspace.contributions``.  Every public method is one short transaction.
A merge applies everything only the contributor changed, records it as theirs, and holds
every field both sides changed as a ``merge_conflict`` row, all in one transaction: a reply
that is refused (another round's pack, a base changed since it was cut, an approved round)
leaves the database as it was.  A pack's base never changes (a guard); what the next reply
of the same pack is compared with (``merge_base``) moves on to each reply merged, so the
same reply merged twice changes nothing the second time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from msgdesk.contributions.merge import (
    ACTION_ATTRIBUTES,
    Change,
    MergePlan,
    Placed,
    action_field,
    action_value,
    contributor_name,
    plan_merge,
)
from msgdesk.domain.dates import long_date
from msgdesk.domain.errors import (
    ConflictClosedError,
    ForeignPackError,
    InputError,
    NotFoundError,
    RoundLockedError,
    StaleReplyError,
)
from msgdesk.domain.ids import new_action_id
from msgdesk.domain.return_values import ActionData, PackData, ResponseData, ReturnData
from msgdesk.domain.states import (
    ChangeField,
    ChangeSource,
    ConflictField,
    ConflictMove,
    ConflictResolution,
    ConflictState,
    FieldMerge,
    HistoryKind,
    PackDirection,
    PackMove,
    PackState,
    RoundStatus,
    conflict_move_target,
    pack_move_target,
)
from msgdesk.domain.template import Template
from msgdesk.domain.timescales import effective_due_date
from msgdesk.domain.vocabulary import Rating, member
from msgdesk.rounds.return_file import base_digest, base_response_json, return_to_json
from msgdesk.store import changes
from msgdesk.store.models import (
    Action,
    ActionUpdate,
    ContentChange,
    ContributionPack,
    EvaluationRound,
    MergeConflict,
    Partnership,
    Response,
    utcnow,
)
from msgdesk.store.rounds import (
    LOCKED_MESSAGE,
    RoundsRepository,
    action_data,
    action_name,
    check_text,
    has_recorded_progress,
)
from msgdesk.store.session import Transactions
from msgdesk.store.snapshot import conflict_place


@dataclass(frozen=True)
class PackInfo:
    id: int
    uid: str
    round_id: int
    direction: PackDirection
    for_whom: str
    proposals: tuple[str, ...]
    created_at: datetime
    created_by: str
    state: PackState
    last_reply_at: datetime | None
    merged_at: datetime | None

    @property
    def contributor(self) -> str:
        return contributor_name(self.for_whom)


@dataclass(frozen=True)
class ConflictInfo:
    id: int
    round_id: int
    pack_uid: str
    proposal: str
    field: ConflictField
    action_uid: str
    #: The action's reference ("2019-2.3-1"), "" for the rating, evidence and order.
    reference: str
    base: Any
    #: Ours when the reply was merged, and ours now (the lead may have edited since).
    ours_then: Any
    ours: Any
    theirs: Any
    contributor: str
    reply_at: datetime | None
    state: ConflictState
    resolution: str

    @property
    def place(self) -> str:
        return conflict_place(self.field.value, self.reference)

    @property
    def is_open(self) -> bool:
        return self.state is ConflictState.OPEN


@dataclass(frozen=True)
class MergeResult:
    pack: PackInfo
    plan: MergePlan
    contributor: str
    reply_at: datetime | None
    #: Open conflicts of this pack after the merge (those just held and earlier ones).
    conflicts: list[ConflictInfo]
    #: False when nothing was written (the same reply again, or a dry run).
    written: bool


@dataclass(frozen=True)
class Resolution:
    """What resolving a conflict did, enough to undo it in the window."""

    conflict_id: int
    proposal: str
    previous: Any
    value: Any


@dataclass(frozen=True)
class HistoryItem:
    at: datetime
    author: str
    text: str
    source: str  # a ChangeSource, or "tracking" for an action's tracking history


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def when(value: datetime | None) -> str:
    """"12 March 2026" for messages."""
    return long_date(value, "an unknown date")


def base_to_json(base: list[ResponseData]) -> str:
    return json.dumps([base_response_json(r) for r in base], ensure_ascii=False, sort_keys=True)


def base_from_json(text: str) -> list[ResponseData]:
    """A base written by ``base_to_json`` (our own record: trusted)."""
    out = []
    for entry in json.loads(text):
        actions = [ActionData(action=a["action"], delivery=a["delivery"], timescale=a["timescale"], lead=a["lead"],
                              due_date=_day(a["due_date"]), uid=a["id"]) for a in entry["actions"]]
        out.append(ResponseData(entry["proposal"], entry["rating"], None, entry["evidence"], actions))
    return out


def reply_digest(reply: ReturnData) -> str:
    """The fingerprint of what a reply says (its responses), to tell the same reply again."""
    body = return_to_json(reply)["responses"]
    for response in body:  # who/when does not change what the reply says
        response.pop("updated_at", None)
        response.pop("updated_by", None)
        for action in response["actions"]:
            action.pop("updated_at", None)
            action.pop("updated_by", None)
    return "sha256:" + hashlib.sha256(_dumps(body).encode("utf-8")).hexdigest()


def _pack_info(row: ContributionPack) -> PackInfo:
    return PackInfo(row.id, row.uid, row.round_id, PackDirection(row.direction), row.for_whom,
                    tuple(json.loads(row.proposals)), row.created_at, row.created_by, PackState(row.state),
                    row.last_reply_at, row.merged_at)


def _round_actions(session: Session, round_id: int) -> dict[str, Action]:
    return {a.uid: a for a in session.scalars(
        select(Action).join(Response, Response.id == Action.response_id).where(Response.round_id == round_id))}


class ContributionsRepository:
    def __init__(self, tx: Transactions, template: Template, user: Callable[[], str] | None = None):
        self._tx = tx
        self.template = template
        self._user = user or (lambda: "")

    @property
    def author(self) -> str:
        return self._user().strip()

    # --- helpers ------------------------------------------------------------------------------

    def _round(self, session: Session, round_id: int, *, writable: bool = True) -> EvaluationRound:
        rnd = session.get(EvaluationRound, round_id)
        if rnd is None:
            raise NotFoundError(f"no round with id {round_id}")
        if writable and rnd.status == RoundStatus.APPROVED:
            partnership = session.get(Partnership, rnd.partnership_id)
            name = partnership.name if partnership else ""
            raise RoundLockedError(LOCKED_MESSAGE.format(label=rnd.label, partnership=name))
        return rnd

    def _ours(self, session: Session, round_id: int, proposals: tuple[str, ...] | list[str]) -> dict[str, ResponseData]:
        ours: dict[str, ResponseData] = {}
        for row in session.scalars(select(Response).where(Response.round_id == round_id,
                                                          Response.proposal_id.in_(list(proposals)))):
            actions = session.scalars(select(Action).where(Action.response_id == row.id)
                                      .order_by(Action.position, Action.id)).all()
            ours[row.proposal_id] = ResponseData(row.proposal_id, member(Rating, row.rating),
                                                 member(Rating, row.previous_rating), row.evidence,
                                                 [action_data(a) for a in actions], updated_at=row.updated_at,
                                                 updated_by=row.updated_by)
        return ours

    def _check_proposals(self, proposals: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        if not proposals:
            raise InputError("choose at least one proposal for the pack")
        for pid in proposals:
            if not self.template.has_proposal(pid):
                raise NotFoundError(f"there is no proposal {pid} in the template")
            if not self.template.proposal(pid).local:
                raise InputError(f"proposal {pid} is not for local completion (national bodies responsible)")
        return tuple(sorted(set(proposals), key=self.template.order))

    # --- packs, the lead's side -------------------------------------------------------------------

    def cut_pack(self, round_id: int, proposals: list[str] | tuple[str, ...], for_whom: str) -> ReturnData:
        """Record a pack of ``proposals`` for ``for_whom`` ("Name, role") and return it as a
        return file's data, with the base it was cut from."""
        for_whom = for_whom.strip()
        if not for_whom:
            raise InputError('say whom the pack is for: --for "Name, role"')
        check_text("author", for_whom, "the pack's --for")
        chosen = self._check_proposals(proposals)
        with self._tx() as session:
            rnd = self._round(session, round_id)
            partnership = session.get(Partnership, rnd.partnership_id)
            assert partnership is not None
            ours = self._ours(session, round_id, chosen)
            responses, base = [], []
            for pid in chosen:
                mine = ours.get(pid) or ResponseData(pid)
                # An action still without text is not sent: it is the lead's unfinished row.
                actions = [a for a in mine.actions if a.action.strip()]
                responses.append(ResponseData(pid, mine.rating, mine.previous_rating, mine.evidence, actions,
                                              updated_at=mine.updated_at, updated_by=mine.updated_by))
                base.append(ResponseData(pid, mine.rating, None, mine.evidence,
                                         [ActionData(a.action, a.delivery, a.timescale, a.lead, a.due_date, uid=a.uid)
                                          for a in actions]))
            uid, now = new_action_id(), utcnow()
            digest = base_digest(uid, partnership.name, rnd.label, chosen, base)
            stored = base_to_json(base)
            session.add(ContributionPack(uid=uid, round_id=round_id, direction=PackDirection.SENT.value,
                                         for_whom=for_whom, proposals=json.dumps(list(chosen)), created_at=now,
                                         created_by=self.author, base=stored, base_digest=digest, merge_base=stored,
                                         state=PackState.SENT.value))
            return ReturnData(partnership=partnership.name, round=rnd.label, contact=rnd.contact,
                              completed_on=rnd.completed_on, status=member(RoundStatus, rnd.status),
                              responses=responses,
                              pack=PackData(uid, for_whom, chosen, now, self.author, base, digest))

    def packs(self, round_id: int) -> list[PackInfo]:
        with self._tx() as session:
            return [_pack_info(row) for row in session.scalars(
                select(ContributionPack).where(ContributionPack.round_id == round_id).order_by(ContributionPack.id))]

    def find_pack(self, pack_uid: str) -> PackInfo:
        with self._tx() as session:
            row = session.scalars(select(ContributionPack).where(ContributionPack.uid == pack_uid)).first()
            if row is None:
                raise NotFoundError(f"no pack {pack_uid} in this database")
            return _pack_info(row)

    def withdraw(self, pack_uid: str) -> PackInfo:
        """No reply is expected any more (the check before IJB stops listing the pack)."""
        with self._tx() as session:
            row = session.scalars(select(ContributionPack).where(ContributionPack.uid == pack_uid)).first()
            if row is None or row.direction != PackDirection.SENT:
                raise NotFoundError(f"no pack {pack_uid} was sent from this database")
            target = pack_move_target(PackState(row.state), PackMove.WITHDRAW)
            if target is None:
                raise InputError(f"the pack for {row.for_whom} is {PackState(row.state).label.lower()}: "
                                 "only a pack still waiting for its reply can be withdrawn")
            row.state = target.value
            return _pack_info(row)

    # --- packs, the contributor's side -----------------------------------------------------------

    def receive_pack(self, data: ReturnData) -> int:
        """Take in a pack (or a reply, to go on with it) opened by its contributor: the round
        is stored here with the pack's proposals; returns the round's id.  Opening the same
        pack again returns the round already there, with the contributor's work in it."""
        pack = data.pack
        if pack is None:
            raise ForeignPackError("this is a return file, not a contribution pack (import it with File → Import)")
        with self._tx() as session:
            row = session.scalars(select(ContributionPack).where(ContributionPack.uid == pack.id)).first()
            if row is not None:
                return row.round_id
        rounds = RoundsRepository(self._tx, self.template, self._user)
        try:
            info = rounds.import_return(ReturnData(data.partnership, data.round, data.contact, data.completed_on,
                                                   responses=data.responses))
            round_id = info.id
        except InputError:
            round_id = rounds.find_round(data.partnership, data.round).id
        with self._tx() as session:
            stored = base_to_json(pack.base)
            session.add(ContributionPack(uid=pack.id, round_id=round_id, direction=PackDirection.RECEIVED.value,
                                         for_whom=pack.for_whom, proposals=json.dumps(list(pack.proposals)),
                                         created_at=pack.created_at, created_by=pack.created_by, base=stored,
                                         base_digest=pack.base_digest, merge_base=stored, state=PackState.SENT.value))
        return round_id

    def received_pack(self, round_id: int) -> PackInfo | None:
        with self._tx() as session:
            row = session.scalars(select(ContributionPack).where(
                ContributionPack.round_id == round_id,
                ContributionPack.direction == PackDirection.RECEIVED.value)).first()
            return _pack_info(row) if row is not None else None

    def reply(self, round_id: int) -> ReturnData:
        """The contributor's reply: the pack's proposals as they are now, with the pack."""
        with self._tx() as session:
            rnd = self._round(session, round_id, writable=False)
            row = session.scalars(select(ContributionPack).where(
                ContributionPack.round_id == round_id,
                ContributionPack.direction == PackDirection.RECEIVED.value)).first()
            if row is None:
                raise ForeignPackError("this round was not opened from a contribution pack: "
                                       "there is nothing to send back")
            partnership = session.get(Partnership, rnd.partnership_id)
            assert partnership is not None
            proposals = tuple(json.loads(row.proposals))
            ours = self._ours(session, round_id, proposals)
            responses = []
            for pid in proposals:
                mine = ours.get(pid) or ResponseData(pid)
                mine.actions = [a for a in mine.actions if a.action.strip()]
                responses.append(mine)
            pack = PackData(row.uid, row.for_whom, proposals, row.created_at, row.created_by,
                            base_from_json(row.base), row.base_digest, self.author or row.for_whom, utcnow())
            return ReturnData(partnership.name, rnd.label, rnd.contact, rnd.completed_on, responses=responses,
                              pack=pack)

    # --- merging a reply ------------------------------------------------------------------------

    def _sent_pack(self, session: Session, rnd: EvaluationRound, reply: ReturnData) -> ContributionPack:
        pack = reply.pack
        if pack is None:
            raise ForeignPackError("this is a return file, not a reply to a contribution pack "
                                   "(a whole return is imported with msgdesk import)")
        partnership = session.get(Partnership, rnd.partnership_id)
        assert partnership is not None
        row = session.scalars(select(ContributionPack).where(ContributionPack.uid == pack.id)).first()
        if row is None or row.direction != PackDirection.SENT:
            raise ForeignPackError(
                f"pack: this pack (for {pack.for_whom}, round {reply.round} of {reply.partnership}) was not sent "
                f"from {'this database' if row is None else 'here: it was received here from its lead'}; "
                "merge it into the database it was cut from")
        if row.round_id != rnd.id:
            other = session.get(EvaluationRound, row.round_id)
            raise ForeignPackError(
                f"pack: this is a pack of round {other.label if other else '?'}, not of round {rnd.label} of "
                f"{partnership.name}; merge it into its own round")
        if (reply.partnership, reply.round) != (partnership.name, rnd.label) or pack.base_digest != row.base_digest:
            raise ForeignPackError(
                "pack.base_digest: the pack's base is not the one this pack was cut from here (it was changed "
                "after the pack was sent); nothing was merged")
        if not pack.is_reply:
            raise ForeignPackError("pack.reply_at: this is the pack as it was sent, not a reply; the contributor "
                                   "fills it in and sends it back (File → Send back… in msgdesk)")
        if tuple(json.loads(row.proposals)) != pack.proposals:
            raise ForeignPackError("pack.proposals: not the proposals this pack was sent with; nothing was merged")
        return row

    def plan(self, round_id: int, reply: ReturnData) -> MergeResult:
        """What merging ``reply`` would do; nothing is written (``--dry-run``)."""
        return self.merge_reply(round_id, reply, dry_run=True)

    def merge_reply(self, round_id: int, reply: ReturnData, *, dry_run: bool = False) -> MergeResult:
        """Merge a contributor's reply into round ``round_id``, in one transaction."""
        with self._tx() as session:
            rnd = self._round(session, round_id)
            row = self._sent_pack(session, rnd, reply)
            pack = reply.pack
            assert pack is not None
            if (row.last_reply_at is not None and pack.reply_at is not None
                    and _naive(pack.reply_at) < _naive(row.last_reply_at)):
                # Merging an older reply after a newer one would put the older text back over
                # the newer: the contributor's latest word is the one that counts.
                raise StaleReplyError(
                    f"pack.reply_at: this reply of {when(pack.reply_at)} is older than "
                    f"{contributor_name(row.for_whom)}'s reply of {when(row.last_reply_at)}, already merged; "
                    "the newer reply stands and nothing was merged")
            _identify_new_actions(reply, row.uid)
            proposals = tuple(json.loads(row.proposals))
            elsewhere = {uid: Placed(session.get(Response, a.response_id).proposal_id, action_data(a))  # type: ignore[union-attr]
                         for uid, a in _round_actions(session, round_id).items()}
            plan = plan_merge(base_from_json(row.merge_base), self._ours(session, round_id, proposals),
                              reply.responses, elsewhere)
            contributor = contributor_name(row.for_whom)
            digest = reply_digest(reply)
            state = PackState(row.state)
            target = pack_move_target(state, PackMove.MERGE_REPLY)
            fresh = digest != row.last_reply_digest or state is not target
            written = not dry_run and (plan.changes_anything or fresh)
            if written:
                self._apply(session, rnd, row, plan, contributor, pack.reply_at)
                row.merge_base = base_to_json(_merge_base(reply, proposals))
                row.state = (target or state).value
                row.last_reply_at = pack.reply_at
                row.last_reply_digest = digest
                row.merged_at = utcnow()
                rnd.updated_at = utcnow()
                session.flush()
            conflicts = self._conflicts(session, round_id, pack_id=row.id)
            return MergeResult(_pack_info(row), plan, contributor, pack.reply_at, conflicts, written)

    def _apply(self, session: Session, rnd: EvaluationRound, row: ContributionPack, plan: MergePlan,
               contributor: str, reply_at: datetime | None) -> None:
        now = utcnow()
        origin = f"from {contributor}'s reply of {when(reply_at)}"
        merged_by = f", merged by {self.author}" if self.author else ""
        for change in plan.changes:
            if change.outcome is FieldMerge.APPLY and change.is_move:
                self._move(session, rnd, change, contributor, row.id, f"{origin}{merged_by}", now)
            elif change.outcome is FieldMerge.APPLY and not self._undeletable(session, rnd, change):
                self._put(session, rnd, change.proposal, change.field, change.action_uid, change.theirs,
                          contributor, ChangeSource.MERGE, row.id, f"{origin}{merged_by}", now, after=change.after)
            elif change.outcome is FieldMerge.CONFLICT or change.outcome is FieldMerge.APPLY:
                self._hold(session, rnd, row, change, contributor, reply_at, now)

    def _undeletable(self, session: Session, rnd: EvaluationRound, change: Change) -> bool:
        """A deletion of an action with progress in its history is held as a conflict instead
        (the follow-up record is never thrown away)."""
        if not change.is_deletion:
            return False
        action = _round_actions(session, rnd.id).get(change.action_uid)
        return action is not None and bool(has_recorded_progress(session, [action.id]))

    def _hold(self, session: Session, rnd: EvaluationRound, row: ContributionPack, change: Change,
              contributor: str, reply_at: datetime | None, now: datetime) -> None:
        for earlier in session.scalars(select(MergeConflict).where(
                MergeConflict.pack_id == row.id, MergeConflict.proposal_id == change.proposal,
                MergeConflict.field == change.field.value, MergeConflict.action_uid == change.action_uid,
                MergeConflict.state == ConflictState.OPEN.value)):
            earlier.state = _conflict_move(earlier, ConflictMove.SUPERSEDE)
            earlier.resolution = ConflictResolution.SUPERSEDED.value
            earlier.resolved_at = now
        session.add(MergeConflict(round_id=rnd.id, pack_id=row.id, proposal_id=change.proposal,
                                  action_uid=change.action_uid, field=change.field.value, base=_dumps(change.base),
                                  ours=_dumps(change.ours), theirs=_dumps(change.theirs), contributor=contributor,
                                  reply_at=reply_at, state=ConflictState.OPEN.value, created_at=now))
        changes.record(session, rnd.id, change.proposal, ChangeField.CONFLICT,
                       f"{change.place}: {contributor}'s reply of {when(reply_at)} differs from what is here; "
                       "held as a conflict, nothing overwritten", contributor, source=ChangeSource.MERGE,
                       action_uid=change.action_uid, pack_id=row.id, at=now)

    # --- writing one field (merges and resolutions) ------------------------------------------------

    def _put(self, session: Session, rnd: EvaluationRound, proposal: str, which: ConflictField, uid: str, value: Any,
             author: str, source: ChangeSource, pack_id: int | None, origin: str, now: datetime,
             after: str = "") -> None:
        """Set one field (or add, delete, reorder actions) as ``author``, recorded with ``origin``."""
        if which in (ConflictField.RATING, ConflictField.EVIDENCE):
            response, _created = RoundsRepository.response_row(session, rnd.id, proposal)
            before = getattr(response, which.value)
            if which is ConflictField.EVIDENCE:
                check_text("evidence", value, proposal)
                value = value or ""
            setattr(response, which.value, value)
            response.version += 1
            response.updated_at, response.updated_by = now, author
            detail = changes.describe(which.value, before, value)
            changes.record(session, rnd.id, proposal, ChangeField(which.value), f"{detail} — {origin}", author,
                           source=source, pack_id=pack_id, at=now)
            return
        if which is ConflictField.ORDER:
            self._reorder(session, rnd, proposal, list(value), author, source, pack_id, origin, now)
            return
        actions = _round_actions(session, rnd.id)
        if which is ConflictField.PRESENCE:
            if value is None:
                action = actions.get(uid)
                if action is None:
                    return
                response_id = action.response_id
                changes.record(session, rnd.id, proposal, ChangeField.ACTION_DELETED,
                               f"{action_name(action)} deleted — {origin}", author, source=source, action_uid=uid,
                               pack_id=pack_id, at=now)
                session.delete(action)
                session.flush()
                RoundsRepository.renumber(session, response_id)
            elif uid not in actions:
                self._add(session, rnd, proposal, value, author, source, pack_id, origin, now, after)
            return
        action = actions.get(uid)
        if action is None:
            return  # deleted since: the conflict view says so
        attribute = {"action": "text"}.get(ACTION_ATTRIBUTES[which], ACTION_ATTRIBUTES[which])
        if which is ConflictField.DUE_DATE:
            before = action.due_date_override
            completed_on = rnd.completed_on
            new = _day(value)
            action.due_date_override = new
            session.add(ActionUpdate(
                action_id=action.id, on_date=date.today(), author=author, text=origin,
                kind=HistoryKind.DUE_DATE.value, status_after=action.status,
                due_date_before=effective_due_date(action.timescale, completed_on, before),
                due_date_after=effective_due_date(action.timescale, completed_on, new)))
        else:
            limit_field = "lead" if which is ConflictField.LEAD else which.value
            check_text(limit_field, value, f"{proposal}'s action {action.reference}")
            setattr(action, attribute, value or "")
            if which is ConflictField.LEAD:
                session.add(ActionUpdate(action_id=action.id, on_date=date.today(), author=author,
                                         text=value or "", kind=HistoryKind.LEAD.value, status_after=action.status))
            else:
                action.version += 1
        action.updated_at, action.updated_by = now, author
        words = which.label
        shown = value if which is ConflictField.DUE_DATE else changes.text_change(value or "")
        changes.record(session, rnd.id, proposal, ChangeField(which.value),
                       f"{words} of action {action.reference}: {shown or 'cleared'} — {origin}", author, source=source,
                       action_uid=uid, pack_id=pack_id, at=now)

    def _add(self, session: Session, rnd: EvaluationRound, proposal: str, value: dict[str, Any], author: str,
             source: ChangeSource, pack_id: int | None, origin: str, now: datetime, after: str) -> None:
        for field_name in ("action", "delivery", "timescale", "lead"):
            check_text(field_name, value.get(field_name) or "", f"{proposal}'s new action")
        response, _created = RoundsRepository.response_row(session, rnd.id, proposal)
        siblings = session.scalars(select(Action).where(Action.response_id == response.id)
                                   .order_by(Action.position, Action.id)).all()
        position = 0
        for index, sibling in enumerate(siblings):
            if sibling.uid == after:
                position = index + 1
        if after and not any(s.uid == after for s in siblings):
            position = len(siblings)
        data = ActionData(action=value["action"], delivery=value.get("delivery") or "",
                          timescale=value.get("timescale") or "", lead=value.get("lead") or "",
                          due_date=_day(value.get("due_date")), uid=value["id"] or "", updated_at=now,
                          updated_by=author)
        action = RoundsRepository.insert_action(session, rnd, response, data, position)
        changes.record(session, rnd.id, proposal, ChangeField.ACTION_ADDED, f"{action_name(action)} added — {origin}",
                       author, source=source, action_uid=action.uid, pack_id=pack_id, at=now)

    def _move(self, session: Session, rnd: EvaluationRound, change: Change, author: str, pack_id: int,
              origin: str, now: datetime) -> None:
        """Move an action the reply moved to another proposal: the same row (its id, reference
        and follow-up history go with it), placed after the action it follows in the reply."""
        action = _round_actions(session, rnd.id).get(change.action_uid)
        if action is None:
            return  # deleted since the plan: nothing to move (the plan held that as a conflict)
        old_response_id = action.response_id
        old = session.get(Response, old_response_id)
        response, _created = RoundsRepository.response_row(session, rnd.id, change.proposal)
        if old is not None and old.id == response.id:
            return
        siblings = [s for s in session.scalars(select(Action).where(Action.response_id == response.id)
                                               .order_by(Action.position, Action.id)).all()]
        position = len(siblings)
        if not change.after:
            position = 0
        for index, sibling in enumerate(siblings):
            if sibling.uid == change.after:
                position = index + 1
        for index, sibling in enumerate(siblings):
            wanted = index if index < position else index + 1
            if sibling.position != wanted:
                sibling.position = wanted
        action.response_id = response.id
        action.position = position
        action.updated_at, action.updated_by = now, author
        session.flush()
        RoundsRepository.renumber(session, old_response_id)
        source_proposal = old.proposal_id if old is not None else change.moved_from
        changes.record(session, rnd.id, change.proposal, ChangeField.ACTION_ADDED,
                       f"{action_name(action)} moved here from {source_proposal} — {origin}", author,
                       source=ChangeSource.MERGE, action_uid=action.uid, pack_id=pack_id, at=now)
        changes.record(session, rnd.id, source_proposal, ChangeField.ACTION_DELETED,
                       f"{action_name(action)} moved to {change.proposal} — {origin}", author,
                       source=ChangeSource.MERGE, action_uid=action.uid, pack_id=pack_id, at=now)

    def _reorder(self, session: Session, rnd: EvaluationRound, proposal: str, order: list[str], author: str,
                 source: ChangeSource, pack_id: int | None, origin: str, now: datetime) -> None:
        """The actions named in ``order`` take that order, in the places they hold between them;
        the others stay where they are."""
        response, _created = RoundsRepository.response_row(session, rnd.id, proposal)
        rows = list(session.scalars(select(Action).where(Action.response_id == response.id)
                                    .order_by(Action.position, Action.id)))
        named = [r for r in rows if r.uid in order]
        slots = [i for i, r in enumerate(rows) if r.uid in order]
        ranked = sorted(named, key=lambda r: order.index(r.uid))
        for slot, row in zip(slots, ranked, strict=True):
            rows[slot] = row
        for index, row in enumerate(rows):
            if row.position != index:
                row.position = index
                row.updated_at, row.updated_by = now, author
        changes.record(session, rnd.id, proposal, ChangeField.ACTIONS_ORDER,
                       f"the actions reordered — {origin}", author, source=source, pack_id=pack_id, at=now)

    def _current(self, session: Session, round_id: int, conflict: MergeConflict) -> Any:
        which = ConflictField(conflict.field)
        if which in (ConflictField.RATING, ConflictField.EVIDENCE):
            response = session.scalars(select(Response).where(Response.round_id == round_id,
                                                              Response.proposal_id == conflict.proposal_id)).first()
            if response is None:
                return None if which is ConflictField.RATING else ""
            return getattr(response, which.value)
        if which is ConflictField.ORDER:
            response = session.scalars(select(Response).where(Response.round_id == round_id,
                                                              Response.proposal_id == conflict.proposal_id)).first()
            if response is None:
                return []
            wanted = set(json.loads(conflict.theirs) or [])
            return [a.uid for a in session.scalars(select(Action).where(Action.response_id == response.id)
                                                   .order_by(Action.position, Action.id)) if a.uid in wanted]

        action = _round_actions(session, round_id).get(conflict.action_uid)
        if which is ConflictField.PRESENCE:
            return action_value(action_data(action)) if action is not None else None
        return action_field(action_data(action), which) if action is not None else None

    # --- conflicts ---------------------------------------------------------------------------------

    def _conflicts(self, session: Session, round_id: int, *, pack_id: int | None = None,
                   open_only: bool = True) -> list[ConflictInfo]:
        query = select(MergeConflict, ContributionPack.uid).join(
            ContributionPack, ContributionPack.id == MergeConflict.pack_id).where(MergeConflict.round_id == round_id)
        if pack_id is not None:
            query = query.where(MergeConflict.pack_id == pack_id)
        if open_only:
            query = query.where(MergeConflict.state == ConflictState.OPEN.value)
        references = {uid: a.reference for uid, a in _round_actions(session, round_id).items()}
        out = []
        for conflict, pack_uid in session.execute(query.order_by(MergeConflict.id)).all():
            theirs, ours_then = json.loads(conflict.theirs), json.loads(conflict.ours)
            reference = references.get(conflict.action_uid, "")
            if not reference:
                for side in (theirs, ours_then, json.loads(conflict.base)):
                    if isinstance(side, dict) and side.get("reference"):
                        reference = side["reference"]
                        break
            out.append(ConflictInfo(
                conflict.id, round_id, pack_uid, conflict.proposal_id, ConflictField(conflict.field),
                conflict.action_uid, reference, json.loads(conflict.base), ours_then,
                self._current(session, round_id, conflict), theirs, conflict.contributor, conflict.reply_at,
                ConflictState(conflict.state), conflict.resolution))
        order = self.template.order
        return sorted(out, key=lambda c: (order(c.proposal), c.id))

    def conflicts(self, round_id: int, *, open_only: bool = True) -> list[ConflictInfo]:
        with self._tx() as session:
            return self._conflicts(session, round_id, open_only=open_only)

    def resolve(self, conflict_id: int, resolution: ConflictResolution, value: Any = None) -> Resolution:
        """Take ours, theirs, or (for a text) a combined ``value``: the field is written in the
        same transaction as the conflict is closed, as the current user."""
        resolution = ConflictResolution(resolution)
        with self._tx() as session:
            conflict = self._open_conflict(session, conflict_id)
            rnd = self._round(session, conflict.round_id)
            which = ConflictField(conflict.field)
            previous = self._current(session, rnd.id, conflict)
            if resolution is ConflictResolution.OURS:
                chosen = previous
            elif resolution is ConflictResolution.THEIRS:
                chosen = json.loads(conflict.theirs)
            elif resolution is ConflictResolution.COMBINED:
                if not which.is_text:
                    raise InputError(f"the {which.label} cannot be combined: take one side")
                chosen = value or ""
            else:
                raise InputError("a conflict is resolved by taking ours, theirs or a combined text")
            if chosen != previous:
                if which is ConflictField.PRESENCE and previous is not None and chosen is not None:
                    chosen = previous  # the action is there: nothing to bring back
                else:
                    words = {ConflictResolution.THEIRS: f"{conflict.contributor}'s version taken",
                             ConflictResolution.COMBINED: f"combined from yours and {conflict.contributor}'s"}
                    self._put(session, rnd, conflict.proposal_id, which, conflict.action_uid, chosen, self.author,
                              ChangeSource.RESOLVE, conflict.pack_id,
                              f"conflict resolved: {words.get(resolution, 'kept')}", utcnow())
            conflict.state = _conflict_move(conflict, ConflictMove.RESOLVE)
            conflict.resolution = resolution.value
            conflict.resolved_at = utcnow()
            conflict.resolved_by = self.author
            rnd.updated_at = utcnow()
            return Resolution(conflict.id, conflict.proposal_id, previous, chosen)

    def undo_resolution(self, done: Resolution) -> None:
        """The window's undo: the field goes back and the conflict waits again."""
        with self._tx() as session:
            conflict = session.get(MergeConflict, done.conflict_id)
            if conflict is None:
                raise NotFoundError(f"no conflict {done.conflict_id}")
            rnd = self._round(session, conflict.round_id)
            which = ConflictField(conflict.field)
            if which in (ConflictField.PRESENCE, ConflictField.ORDER) and done.previous != done.value:
                raise InputError(f"taking a side on the {which.label} cannot be undone here; change it on the "
                                 "proposal's page")
            if self._current(session, rnd.id, conflict) != done.previous:
                self._put(session, rnd, conflict.proposal_id, which, conflict.action_uid, done.previous, self.author,
                          ChangeSource.RESOLVE, conflict.pack_id, "conflict resolution undone", utcnow())
            conflict.state = _conflict_move(conflict, ConflictMove.UNDO)
            conflict.resolution = ""
            conflict.resolved_at = None
            conflict.resolved_by = ""

    def _open_conflict(self, session: Session, conflict_id: int) -> MergeConflict:
        conflict = session.get(MergeConflict, conflict_id, with_for_update=True)
        if conflict is None:
            raise NotFoundError(f"no conflict {conflict_id}")
        if conflict.state != ConflictState.OPEN:
            how = ("replaced by a later reply" if conflict.resolution == ConflictResolution.SUPERSEDED
                   else f"resolved by {conflict.resolved_by or 'someone'}")
            raise ConflictClosedError(f"that conflict has already been {how}")
        return conflict

    # --- history -----------------------------------------------------------------------------------

    def history(self, round_id: int, proposal_id: str) -> list[HistoryItem]:
        """Who changed what in a proposal, oldest first: its content changes and its actions'
        tracking history (status, lead, due date, progress)."""
        with self._tx() as session:
            items = [HistoryItem(c.at, c.author, c.detail, c.source)
                     for c in session.scalars(select(ContentChange).where(
                         ContentChange.round_id == round_id, ContentChange.proposal_id == proposal_id))]
            for update, reference in session.execute(
                select(ActionUpdate, Action.reference).join(Action, Action.id == ActionUpdate.action_id)
                .join(Response, Response.id == Action.response_id)
                .where(Response.round_id == round_id, Response.proposal_id == proposal_id)
            ).all():
                kind = HistoryKind(update.kind).label
                text = f"action {reference}: {kind.lower()}" + (f" — {update.text}" if update.text else "")
                items.append(HistoryItem(update.created_at, update.author, text, "tracking"))
            return sorted(items, key=lambda i: i.at)


def _naive(moment: datetime) -> datetime:
    """A moment comparable with another whether or not either carries its zone (UTC)."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo is not None else moment


def _conflict_move(conflict: MergeConflict, move: ConflictMove) -> str:
    target = conflict_move_target(ConflictState(conflict.state), move)
    if target is None:
        raise ConflictClosedError(f"that conflict is {conflict.state}: it cannot be {move.value}d")
    return target.value


def _identify_new_actions(reply: ReturnData, pack_uid: str) -> None:
    """Give the reply's new actions (no id: a blank Reference in the workbook, or written by
    hand) an id made from what they are, so the same reply merged again finds them."""
    for response in reply.responses:
        count = 0
        for action in response.actions:
            if not action.uid:
                count += 1
                seed = _dumps([pack_uid, response.proposal, count, action.action, action.delivery])
                action.uid = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32]


def _merge_base(reply: ReturnData, proposals: tuple[str, ...]) -> list[ResponseData]:
    """What the next reply of the pack is compared with: this reply."""
    by_proposal = {r.proposal: r for r in reply.responses}
    base = []
    for pid in proposals:
        mine = by_proposal.get(pid) or ResponseData(pid)
        base.append(ResponseData(pid, mine.rating, None, mine.evidence,
                                 [ActionData(a.action, a.delivery, a.timescale, a.lead, a.due_date, uid=a.uid)
                                  for a in mine.actions]))
    return base
