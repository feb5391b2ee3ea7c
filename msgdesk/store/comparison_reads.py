"""The reads that compare partnerships' returns, written once as SQL (``msgdesk.store.reads``'s
way) and run through whichever connection the workspace has: the standard library's sqlite3
for ``msgdesk collate`` on an SQLite file, the store's engine for the window and on
PostgreSQL (``GroupsRepository`` is these reads plus the groups' writes).

``ComparisonReads.comparison`` reads everything a collation needs in a handful of
set-based queries, whatever the number of partnerships, rounds and actions: the rounds, the
ratings, the action counts and, with an "as at" date, each return's actions as tracker rows
(built by ``msgdesk.tracker.rows.build_rows``, the tracker's own rules, so the counts match
the Tracker and the progress report).

Why not the ORM: ``msgdesk collate`` on 31 partnerships' returns is held to 2 s as a whole
process (issue 22), and importing SQLAlchemy's ORM was a third of a second of it.
Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from msgdesk.collation.facts import ComparisonFacts, GroupInfo, ReturnFacts
from msgdesk.domain.core_errors import NotFoundError
from msgdesk.domain.core_states import RoundStatus
from msgdesk.domain.names import match_names, name_key, sort_names
from msgdesk.domain.record import TYPE_CHECKING
from msgdesk.domain.template import Template
from msgdesk.store.reads import in_list, read_date, read_moment
from msgdesk.tracker.rows import ActionRecord, HistoryEntry, RoundRecord, TrackerRow, build_rows

if TYPE_CHECKING:
    from msgdesk.store.reads import Reading, Run


def _day(value: object) -> date:
    """A date that is never empty (an update's date): text on SQLite, a ``date`` on PostgreSQL."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def read_groups(run: Run) -> list[GroupInfo]:
    """Every comparator group with its members, groups and members in name order."""
    members: dict[int, list[str]] = {}
    for group_id, name in run("SELECT m.group_id, p.name FROM comparator_group_member m"
                              " JOIN partnership p ON p.id = m.partnership_id", {}):
        members.setdefault(group_id, []).append(name)
    groups = [GroupInfo(group_id, name, tuple(sort_names(members.get(group_id, ()))))
              for group_id, name in run("SELECT id, name FROM comparator_group", {})]
    return sorted(groups, key=lambda g: (name_key(g.name), g.name))


class ComparisonReads:
    """The partnerships, rounds and comparator groups there are, and the comparison of
    partnerships' returns for a round."""

    def __init__(self, reading: Reading, template: Template):
        self._reading = reading
        self.template = template

    # --- what there is to compare ---------------------------------------------------------------

    def partnerships(self) -> list[str]:
        with self._reading() as run:
            return sort_names(row[0] for row in run("SELECT name FROM partnership", {}))

    def resolve(self, names: Sequence[str]) -> list[str]:
        """The known partnerships ``names`` stand for (see ``match_names``)."""
        return match_names(names, self.partnerships())

    def round_labels(self) -> list[str]:
        """Every round label any partnership has, newest (highest) first."""
        with self._reading() as run:
            labels = {row[0] for row in run("SELECT DISTINCT label FROM evaluation_round", {})}
        return sorted(labels, key=lambda label: (name_key(label), label), reverse=True)

    def list_groups(self) -> list[GroupInfo]:
        with self._reading() as run:
            return read_groups(run)

    def group(self, name: str) -> GroupInfo:
        """The group called ``name`` (case and spacing aside)."""
        groups = self.list_groups()
        key = name_key(name)
        for group in groups:
            if name_key(group.name) == key:
                return group
        known = ", ".join(repr(g.name) for g in groups) or "none yet (msgdesk group set NAME --partnerships ...)"
        raise NotFoundError(f"there is no comparator group {name!r}; the groups are: {known}")

    # --- the comparison -----------------------------------------------------------------------

    def comparison(self, round_label: str, previous_label: str | None = None, *,
                   partnerships: Sequence[str] | None = None, as_at: date | None = None) -> ComparisonFacts:
        """The returns of ``round_label`` (and ``previous_label``) of ``partnerships``
        (exact names; None for every partnership), in a handful of queries."""
        local = [p.id for p in self.template.local_proposals]
        labels = [round_label] + ([previous_label] if previous_label else [])
        with self._reading() as run:
            every: dict[int, str] = {pid: name for pid, name in run("SELECT id, name FROM partnership", {})}
            if partnerships is None:
                scope = dict(every)
            else:
                wanted = set(partnerships)
                scope = {pid: name for pid, name in every.items() if name in wanted}
                missing = wanted - set(scope.values())
                if missing:
                    raise NotFoundError(f"there is no partnership {sort_names(missing)[0]!r}")
            params: dict[str, object] = {}
            rounds = run("SELECT id, partnership_id, label, status, completed_on FROM evaluation_round"
                         f" WHERE label IN {in_list('l', labels, params)}"
                         f" AND partnership_id IN {in_list('p', scope, params)}", params)
            round_ids = [row[0] for row in rounds]
            ratings: dict[int, dict[str, str | None]] = {rid: dict.fromkeys(local) for rid in round_ids}
            actions: dict[int, int] = {}
            if round_ids:
                params = {}
                for round_id, proposal, rating in run(
                        "SELECT round_id, proposal_id, rating FROM response"
                        f" WHERE round_id IN {in_list('r', round_ids, params)}"
                        f" AND proposal_id IN {in_list('q', local, params)}", params):
                    ratings[round_id][proposal] = rating
                params = {}
                actions = {round_id: count for round_id, count in run(
                    "SELECT rs.round_id, count(a.id) FROM response rs JOIN action a ON a.response_id = rs.id"
                    f" WHERE rs.round_id IN {in_list('r', round_ids, params)} GROUP BY rs.round_id", params)}
            facts = {
                rid: ReturnFacts(rid, scope[pid], label, RoundStatus(status), read_date(completed_on), ratings[rid],
                                 actions.get(rid, 0))
                for rid, pid, label, status, completed_on in rounds
            }
            current = {f.partnership: f for f in facts.values() if f.label == round_label}
            earlier = {f.partnership: f for f in facts.values() if previous_label and f.label == previous_label}
            tracker = None
            if as_at is not None:
                with_return = [pid for pid, name in scope.items() if name in current]
                tracker = self._tracker_rows(run, with_return, every, current, as_at)
        return ComparisonFacts(round_label, previous_label, as_at, tuple(sort_names(scope.values())), current,
                               earlier, tracker)

    def _tracker_rows(self, run: Run, partnership_ids: list[int], names: dict[int, str],
                      current: dict[str, ReturnFacts], as_at: date) -> dict[str, list[TrackerRow]]:
        """Each partnership's current return's actions as tracker rows as at ``as_at``.
        Carried-forward links reach into the partnership's other rounds, so those are read
        too: three queries for all of them."""
        rounds: dict[int, RoundRecord] = {}
        owner: dict[int, int] = {}
        params: dict[str, object] = {}
        for rid, pid, label, status, completed_on in run(
                "SELECT id, partnership_id, label, status, completed_on FROM evaluation_round"
                f" WHERE partnership_id IN {in_list('p', partnership_ids, params)}", params):
            rounds[rid] = RoundRecord(rid, label, status, read_date(completed_on))
            owner[rid] = pid
        # The current rounds' actions, and of the other rounds only those in a carried-forward
        # chain (carried from an action, or carried to one): every link of a chain is one of
        # those, and the rest of the other rounds' actions (two thirds of 40,000 when three
        # rounds are held) were read for nothing.
        params = {}
        in_rounds = in_list("r", rounds, params)
        wanted = in_list("w", (facts.round_id for facts in current.values()), params)
        actions: dict[int, ActionRecord] = {}
        for (aid, rid, proposal, position, timescale, lead, status, override, reference,
             carried_from) in run(
                "SELECT a.id, rs.round_id, rs.proposal_id, a.position, a.timescale, a.lead, a.status,"
                " a.due_date_override, a.reference, a.carried_from_id"
                " FROM action a JOIN response rs ON rs.id = a.response_id"
                f" WHERE rs.round_id IN {in_rounds} AND (rs.round_id IN {wanted} OR a.carried_from_id IS NOT NULL"
                " OR a.id IN (SELECT carried_from_id FROM action WHERE carried_from_id IS NOT NULL))", params):
            actions[aid] = ActionRecord(aid, rid, proposal, position, "", "", timescale, lead, status,
                                        read_date(override), reference, carried_from)
        own: dict[int, list[HistoryEntry]] = {}
        params = {}
        for uid, aid, on_date, kind, status_after, before, after, created_at, rid in run(
                "SELECT u.id, u.action_id, u.on_date, u.kind, u.status_after, u.due_date_before, u.due_date_after,"
                " u.created_at, rs.round_id FROM action_update u JOIN action a ON a.id = u.action_id"
                f" JOIN response rs ON rs.id = a.response_id WHERE rs.round_id IN {in_list('r', rounds, params)}"
                " ORDER BY u.id", params):
            own.setdefault(aid, []).append(HistoryEntry(
                uid, aid, rounds[rid].label, _day(on_date), "", "", kind, status_after, read_date(before),
                read_date(after), read_moment(created_at) or datetime.min))
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
