"""Comparator groups, and the reads that compare partnerships' returns, through
``Workspace.groups``.

A comparator group is a named set of partnerships ("Island authorities": Orkney,
Shetland, Western Isles) kept in the database, so that the collator, the window and the
appendix's "Where we stand" page all mean the same set.  Members are partnerships the
database knows (one of their returns has been imported); a name may be given in part
("Orkney") when only one partnership's name contains it.

``comparison`` reads everything a collation needs in a handful of set-based queries,
whatever the number of partnerships, rounds and actions: the rounds, the ratings, the
action counts and, with an "as at" date, each return's actions as tracker rows (built by
``msgdesk.tracker.rows.build_rows``, the tracker's own rules, so the counts match the
Tracker and the progress report).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from msgdesk.collation.facts import ComparisonFacts, GroupInfo, ReturnFacts
from msgdesk.domain.errors import InputError, NotFoundError
from msgdesk.domain.names import match_names, name_key, sort_names
from msgdesk.domain.states import RoundStatus
from msgdesk.domain.template import Template
from msgdesk.domain.text import MAX_NAME, text_problems
from msgdesk.store.models import (
    Action,
    ActionUpdate,
    ComparatorGroup,
    ComparatorGroupMember,
    EvaluationRound,
    Partnership,
    Response,
    utcnow,
)
from msgdesk.store.session import Transactions
from msgdesk.tracker.rows import ActionRecord, HistoryEntry, RoundRecord, TrackerRow, build_rows


def _check_group_name(name: str) -> str:
    problems = text_problems(name, limit=MAX_NAME, single_line=True)
    if problems:
        raise InputError(f"the group's name: {problems[0]}")
    name = " ".join(name.split())
    if not name:
        raise InputError('the group needs a name, e.g. "Island authorities"')
    return name


class GroupsRepository:
    def __init__(self, tx: Transactions, template: Template):
        self._tx = tx
        self.template = template

    # --- groups ------------------------------------------------------------------------------

    @staticmethod
    def _groups(session: Session) -> list[GroupInfo]:
        members: dict[int, list[str]] = {}
        for group_id, name in session.execute(
            select(ComparatorGroupMember.group_id, Partnership.name)
            .join(Partnership, Partnership.id == ComparatorGroupMember.partnership_id)
        ):
            members.setdefault(group_id, []).append(name)
        groups = [GroupInfo(g.id, g.name, tuple(sort_names(members.get(g.id, ()))))
                  for g in session.scalars(select(ComparatorGroup))]
        return sorted(groups, key=lambda g: (name_key(g.name), g.name))

    @staticmethod
    def _find_group(session: Session, name: str) -> ComparatorGroup | None:
        key = name_key(name)
        return next((g for g in session.scalars(select(ComparatorGroup)) if name_key(g.name) == key), None)

    def list_groups(self) -> list[GroupInfo]:
        with self._tx() as session:
            return self._groups(session)

    def group(self, name: str) -> GroupInfo:
        """The group called ``name`` (case and spacing aside)."""
        with self._tx() as session:
            groups = self._groups(session)
        key = name_key(name)
        for group in groups:
            if name_key(group.name) == key:
                return group
        known = ", ".join(repr(g.name) for g in groups) or "none yet (msgdesk group set NAME --partnerships ...)"
        raise NotFoundError(f"there is no comparator group {name!r}; the groups are: {known}")

    def set_group(self, name: str, partnerships: Sequence[str], *, was: str | None = None) -> GroupInfo:
        """Create the group ``name``, or give it exactly these members; with ``was``, the
        group of that name is renamed ``name`` in the same step."""
        name = _check_group_name(name)
        with self._tx() as session:
            known = list(session.scalars(select(Partnership.name)))
            members = match_names(partnerships, known)
            if not members:
                raise InputError(f"say which partnerships are in {name!r} (--partnerships NAME ...)")
            group = self._find_group(session, name)
            if was is not None:
                renamed = self._find_group(session, was)
                if renamed is None:
                    raise NotFoundError(f"there is no comparator group {was!r}")
                if group is not None and group.id != renamed.id:
                    raise InputError(f"there is a group called {group.name!r} already")
                group = renamed
            if group is None:
                group = ComparatorGroup(name=name)
                session.add(group)
                session.flush()
            else:
                group.name = name
                group.updated_at = utcnow()
                session.execute(delete(ComparatorGroupMember).where(ComparatorGroupMember.group_id == group.id))
            ids = dict(session.execute(select(Partnership.name, Partnership.id).where(Partnership.name.in_(members)))
                       .all())
            session.add_all(ComparatorGroupMember(group_id=group.id, partnership_id=ids[m]) for m in members)
            session.flush()
            return GroupInfo(group.id, group.name, tuple(sort_names(members)))

    def rename_group(self, old: str, new: str) -> GroupInfo:
        new = _check_group_name(new)
        with self._tx() as session:
            group = self._find_group(session, old)
            if group is None:
                raise NotFoundError(f"there is no comparator group {old!r}")
            other = self._find_group(session, new)
            if other is not None and other.id != group.id:
                raise InputError(f"there is a group called {other.name!r} already")
            group.name = new
            group.updated_at = utcnow()
            session.flush()
            return next(g for g in self._groups(session) if g.id == group.id)

    def delete_group(self, name: str) -> str:
        """Delete the group (its partnerships stay); returns its name as it was kept."""
        with self._tx() as session:
            group = self._find_group(session, name)
            if group is None:
                raise NotFoundError(f"there is no comparator group {name!r}")
            kept = group.name
            session.delete(group)
            return kept

    # --- what there is to compare -------------------------------------------------------------

    def partnerships(self) -> list[str]:
        with self._tx() as session:
            return sort_names(session.scalars(select(Partnership.name)))

    def resolve(self, names: Sequence[str]) -> list[str]:
        """The known partnerships ``names`` stand for (see ``match_names``)."""
        return match_names(names, self.partnerships())

    def round_labels(self) -> list[str]:
        """Every round label any partnership has, newest (highest) first."""
        with self._tx() as session:
            labels = set(session.scalars(select(EvaluationRound.label).distinct()))
        return sorted(labels, key=lambda label: (name_key(label), label), reverse=True)

    # --- the comparison ---------------------------------------------------------------------

    def comparison(self, round_label: str, previous_label: str | None = None, *,
                   partnerships: Sequence[str] | None = None, as_at: date | None = None) -> ComparisonFacts:
        """The returns of ``round_label`` (and ``previous_label``) of ``partnerships``
        (exact names; None for every partnership), in a handful of queries."""
        local = [p.id for p in self.template.local_proposals]
        labels = [round_label] + ([previous_label] if previous_label else [])
        with self._tx() as session:
            every = dict(session.execute(select(Partnership.id, Partnership.name)).all())
            if partnerships is None:
                scope = dict(every)
            else:
                wanted = set(partnerships)
                scope = {pid: name for pid, name in every.items() if name in wanted}
                missing = wanted - set(scope.values())
                if missing:
                    raise NotFoundError(f"there is no partnership {sort_names(missing)[0]!r}")
            rounds = session.execute(
                select(EvaluationRound.id, EvaluationRound.partnership_id, EvaluationRound.label,
                       EvaluationRound.status, EvaluationRound.completed_on)
                .where(EvaluationRound.label.in_(labels), EvaluationRound.partnership_id.in_(list(scope)))
            ).all()
            round_ids = [r[0] for r in rounds]
            ratings: dict[int, dict[str, str | None]] = {rid: dict.fromkeys(local) for rid in round_ids}
            for round_id, proposal, rating in session.execute(
                select(Response.round_id, Response.proposal_id, Response.rating)
                .where(Response.round_id.in_(round_ids), Response.proposal_id.in_(local))
            ):
                ratings[round_id][proposal] = rating
            actions = dict(session.execute(
                select(Response.round_id, func.count(Action.id))
                .join(Action, Action.response_id == Response.id)
                .where(Response.round_id.in_(round_ids))
                .group_by(Response.round_id)
            ).all())
            facts = {
                rid: ReturnFacts(rid, scope[pid], label, RoundStatus(status), completed_on, ratings[rid],
                                 actions.get(rid, 0))
                for rid, pid, label, status, completed_on in rounds
            }
            current = {f.partnership: f for f in facts.values() if f.label == round_label}
            earlier = {f.partnership: f for f in facts.values() if previous_label and f.label == previous_label}
            tracker = None
            if as_at is not None:
                with_return = [pid for pid, name in scope.items() if name in current]
                tracker = self._tracker_rows(session, with_return, every, current, as_at)
        return ComparisonFacts(round_label, previous_label, as_at, tuple(sort_names(scope.values())), current,
                               earlier, tracker)

    def _tracker_rows(self, session: Session, partnership_ids: list[int], names: dict[int, str],
                      current: dict[str, ReturnFacts], as_at: date) -> dict[str, list[TrackerRow]]:
        """Each partnership's current return's actions as tracker rows as at ``as_at``.
        Carried-forward links reach into the partnership's other rounds, so those are read
        too: three queries for all of them.  Run on the session's connection, not through
        the ORM: these are plain columns, and the ORM's row loading cost 'msgdesk collate'
        a fifth of a second over 40,000 actions."""
        connection = session.connection()
        rounds: dict[int, RoundRecord] = {}
        owner: dict[int, int] = {}
        for rid, pid, label, status, completed_on in connection.execute(
            select(EvaluationRound.id, EvaluationRound.partnership_id, EvaluationRound.label, EvaluationRound.status,
                   EvaluationRound.completed_on).where(EvaluationRound.partnership_id.in_(partnership_ids))
        ):
            rounds[rid] = RoundRecord(rid, label, status, completed_on)
            owner[rid] = pid
        # The current rounds' actions, and of the other rounds only those in a carried-forward
        # chain (carried from an action, or carried to one): every link of a chain is one of
        # those, and the rest of the other rounds' actions (two thirds of 40,000 when three
        # rounds are held) were read for nothing.
        wanted = [facts.round_id for facts in current.values()]
        carried = select(Action.carried_from_id).where(Action.carried_from_id.is_not(None))
        actions: dict[int, ActionRecord] = {}
        for (aid, rid, proposal, position, timescale, lead, status, override, reference,
             carried_from) in connection.execute(
            select(Action.id, Response.round_id, Response.proposal_id, Action.position, Action.timescale,
                   Action.lead, Action.status, Action.due_date_override, Action.reference, Action.carried_from_id)
            .join(Response, Response.id == Action.response_id)
            .where(Response.round_id.in_(list(rounds)))
            .where(Response.round_id.in_(wanted) | Action.carried_from_id.is_not(None) | Action.id.in_(carried))
        ):
            actions[aid] = ActionRecord(aid, rid, proposal, position, "", "", timescale, lead, status, override,
                                        reference, carried_from)
        own: dict[int, list[HistoryEntry]] = {}
        for row in connection.execute(
            select(ActionUpdate.id, ActionUpdate.action_id, ActionUpdate.on_date, ActionUpdate.kind,
                   ActionUpdate.status_after, ActionUpdate.due_date_before, ActionUpdate.due_date_after,
                   ActionUpdate.created_at, Response.round_id)
            .join(Action, Action.id == ActionUpdate.action_id)
            .join(Response, Response.id == Action.response_id)
            .where(Response.round_id.in_(list(rounds))).order_by(ActionUpdate.id)
        ):
            uid, aid, on_date, kind, status_after, before, after, created_at, rid = row
            own.setdefault(aid, []).append(HistoryEntry(uid, aid, rounds[rid].label, on_date, "", "", kind,
                                                        status_after, before, after, created_at))
        by_partnership: dict[int, tuple[dict[int, RoundRecord], dict[int, ActionRecord]]] = {
            pid: ({}, {}) for pid in partnership_ids}
        for rid, record in rounds.items():
            by_partnership[owner[rid]][0][rid] = record
        for aid, action in actions.items():
            by_partnership[owner[action.round_id]][1][aid] = action
        result: dict[str, list[TrackerRow]] = {}
        for pid, (its_rounds, its_actions) in by_partnership.items():
            name = names[pid]
            its_own = {aid: own[aid] for aid in its_actions if aid in own}
            result[name] = build_rows(partnership=name, rounds=its_rounds, actions=its_actions, own=its_own,
                                      wanted={current[name].round_id}, template=self.template, as_at=as_at)
        return result
