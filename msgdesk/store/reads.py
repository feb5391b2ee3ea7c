"""The reads of rounds that the commands, the window and the repositories share, written
once as SQL and run through whichever connection the workspace has.

``RoundReads(reading, template)``: ``reading()`` is a context manager giving one read
transaction's ``run(sql, params)``.  Two kinds exist:

- ``SqliteReader``: the standard library's ``sqlite3`` on a file the workspace's health
  check has just passed (``Workspace`` opened only to read: ``msgdesk list``, ``export``),
  and the window's fast read before its first paint.  SQLAlchemy costs a reading command
  about a third of a second to import, ten times the read itself.
- ``Transactions.reading`` (``msgdesk.store.session``): the store's own engine, on SQLite and
  PostgreSQL; ``RoundsRepository``'s reads are these same methods.

The SQL uses ``:name`` parameters, which both the standard library's sqlite3 and
SQLAlchemy's ``text()`` take, and only plain columns: each backend returns its dates as it
stores them (text on SQLite, ``date`` on PostgreSQL), and ``_date``/``_moment`` read both.
Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime
from pathlib import Path

from msgdesk.domain.core_errors import DatabaseError, NotFoundError  # not errors' 22 others (issue 22)

# not states' and vocabulary's 19 other enums (issue 22)
from msgdesk.domain.core_states import ActionStatus, Rating, RoundStatus, member
from msgdesk.domain.record import TYPE_CHECKING, NamedTuple, Record
from msgdesk.domain.template import Template
from msgdesk.store.health import ro_uri

if TYPE_CHECKING:
    from typing import Any

    from msgdesk.domain.return_values import ActionData, ReturnData

    # Type aliases for the checker only (typing's Any is not loaded to list rounds).
    #: One read: the SQL and its named parameters, to the rows as tuples.
    Run = Callable[[str, Mapping[str, Any]], Sequence[Sequence[Any]]]
    #: A read transaction: ``with reading() as run: ...``.
    Reading = Callable[[], AbstractContextManager[Run]]


class ResponseSnapshot(Record):
    """One proposal's response as the window holds it (a ``Record``: a dataclass's equality
    and repr without importing ``dataclasses``, which ``export --json`` does without)."""

    __slots__ = ("proposal", "rating", "previous_rating", "evidence", "actions", "version", "updated_at",
                 "updated_by")

    def __init__(self, proposal: str, rating: str | None = None, previous_rating: str | None = None,
                 evidence: str = "", actions: list[tuple[int, ActionData]] | None = None, version: int = 0,
                 updated_at: datetime | None = None, updated_by: str = "") -> None:
        self.proposal = proposal
        self.rating = rating
        self.previous_rating = previous_rating
        self.evidence = evidence
        #: (action id, values) in order
        self.actions: list[tuple[int, ActionData]] = [] if actions is None else actions
        #: The rating and evidence's row version when read (0: no row yet).
        self.version = version
        self.updated_at = updated_at
        self.updated_by = updated_by


# The immutable values of a read are NamedTuples: a frozen dataclass costs ``msgdesk list``
# half a millisecond to create at import (its methods are compiled one by one), a
# NamedTuple a tenth of that.  Each is read by its fields' names.


class ConflictNote(NamedTuple):
    """A merge conflict waiting for someone to choose, as the check before IJB lists it."""

    id: int
    proposal: str
    #: Where in the proposal: "evidence", "action 2019-2.3-1: timescale".
    place: str
    contributor: str


class PackNote(NamedTuple):
    """A contribution pack sent and not merged yet."""

    id: int
    for_whom: str
    proposals: tuple[str, ...]
    created_at: datetime


class RoundSnapshot(Record):
    """A round as the window holds it: its values, responses, row versions and what waits
    (a ``Record``, as ``ResponseSnapshot``)."""

    __slots__ = ("id", "partnership", "label", "contact", "completed_on", "status", "ijb_meeting_date",
                 "minute_reference", "previous_round_id", "previous_label", "responses", "action_versions",
                 "open_conflicts", "packs_out")

    def __init__(self, id: int, partnership: str, label: str, contact: str, completed_on: date | None, status: str,
                 ijb_meeting_date: date | None, minute_reference: str, previous_round_id: int | None,
                 previous_label: str | None, responses: dict[str, ResponseSnapshot] | None = None,
                 action_versions: dict[int, int] | None = None, open_conflicts: list[ConflictNote] | None = None,
                 packs_out: list[PackNote] | None = None) -> None:
        self.id = id
        self.partnership = partnership
        self.label = label
        self.contact = contact
        self.completed_on = completed_on
        self.status = status
        self.ijb_meeting_date = ijb_meeting_date
        self.minute_reference = minute_reference
        self.previous_round_id = previous_round_id
        self.previous_label = previous_label
        self.responses: dict[str, ResponseSnapshot] = {} if responses is None else responses
        #: Each action's content version when read.
        self.action_versions: dict[int, int] = {} if action_versions is None else action_versions
        #: Merge conflicts waiting, and packs sent but not merged yet (the check before IJB).
        self.open_conflicts: list[ConflictNote] = [] if open_conflicts is None else open_conflicts
        self.packs_out: list[PackNote] = [] if packs_out is None else packs_out

    @property
    def is_approved(self) -> bool:
        return self.status == RoundStatus.APPROVED

    def response(self, proposal_id: str) -> ResponseSnapshot:
        found = self.responses.get(proposal_id)
        if found is None:
            found = self.responses[proposal_id] = ResponseSnapshot(proposal_id)
        return found


class RoundInfo(NamedTuple):
    """A round's own values, without its responses."""

    id: int
    partnership_id: int
    partnership: str
    label: str
    contact: str
    completed_on: date | None
    status: RoundStatus
    ijb_meeting_date: date | None
    minute_reference: str
    previous_round_id: int | None

    @property
    def is_approved(self) -> bool:
        return self.status is RoundStatus.APPROVED


class RoundSummary(NamedTuple):
    """A round as ``msgdesk list`` shows it: its values and its progress."""

    round: RoundInfo
    rated: int
    local_total: int
    actions: int


def in_list(prefix: str, values: Iterable[object], params: dict[str, object]) -> str:
    """``(:prefix0, :prefix1, ...)`` for an IN list, its values added to ``params`` (named
    parameters, which both sqlite3 and SQLAlchemy's ``text()`` take).  An empty list is
    ``(NULL)``: true of nothing, where ``()`` is an error on PostgreSQL."""
    names = []
    for index, value in enumerate(values):
        names.append(f":{prefix}{index}")
        params[f"{prefix}{index}"] = value
    return f"({', '.join(names) or 'NULL'})"


def read_date(value: object) -> date | None:
    """A stored date: text on SQLite, a ``date`` on PostgreSQL."""
    if value is None or value == "":
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    return date.fromisoformat(str(value)[:10])


def read_moment(value: object) -> datetime | None:
    """A stored time (msgdesk writes them to the second, in UTC, without a zone)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def conflict_place(field: str, reference: str) -> str:
    """Where a conflict is, in words: "evidence", "action 2019-2.3-1: timescale"."""
    # why: the merge's states load for a round's conflicts, not for list or export --json
    from msgdesk.domain.states import ConflictField

    words = ConflictField(field).label
    if field in ("rating", "evidence", "order"):
        return words
    return f"action {reference or '(deleted)'}: {words}"



_ROUND_COLUMNS = (
    "SELECT r.id, r.partnership_id, p.name, r.label, r.contact, r.completed_on, r.status, r.ijb_meeting_date,"
    " r.minute_reference, r.previous_round_id FROM evaluation_round r JOIN partnership p ON p.id = r.partnership_id"
)


def _info(row: Sequence[Any]) -> RoundInfo:
    return RoundInfo(
        id=row[0], partnership_id=row[1], partnership=row[2], label=row[3], contact=row[4],
        completed_on=read_date(row[5]), status=RoundStatus(row[6]), ijb_meeting_date=read_date(row[7]),
        minute_reference=row[8], previous_round_id=row[9],
    )


def read_round(run: Run, round_id: int) -> RoundInfo:
    rows = run(f"{_ROUND_COLUMNS} WHERE r.id = :id", {"id": round_id})
    if not rows:
        raise NotFoundError(f"no round with id {round_id}")
    return _info(rows[0])


def read_snapshot(run: Run, round_id: int, *, pending: bool = True) -> RoundSnapshot:
    """The round as the window holds it: values, action ids and row versions (NotFoundError
    if there is no such round), in the read transaction ``run``.  ``pending``: also its open
    conflicts and the packs out (not part of a return file: ``load_round_by_id`` goes without)."""
    # why: the return's values (four dataclasses) for a round read whole, not for msgdesk list
    from msgdesk.domain.return_values import ActionData

    info = read_round(run, round_id)
    previous = run("SELECT label FROM evaluation_round WHERE id = :id",
                   {"id": info.previous_round_id}) if info.previous_round_id else []
    snap = RoundSnapshot(
        id=info.id, partnership=info.partnership, label=info.label, contact=info.contact,
        completed_on=info.completed_on, status=info.status, ijb_meeting_date=info.ijb_meeting_date,
        minute_reference=info.minute_reference, previous_round_id=info.previous_round_id,
        previous_label=previous[0][0] if previous else None,
    )
    by_id: dict[int, ResponseSnapshot] = {}
    for rid, proposal, rating, prior, evidence, version, updated_at, updated_by in run(
        "SELECT id, proposal_id, rating, previous_rating, evidence, version, updated_at, updated_by"
        " FROM response WHERE round_id = :id ORDER BY id", {"id": round_id},
    ):
        by_id[rid] = snap.responses[proposal] = ResponseSnapshot(
            proposal, rating, prior, evidence, version=version, updated_at=read_moment(updated_at),
            updated_by=updated_by)
    for values in run(
        "SELECT a.response_id, a.id, a.text, a.delivery, a.timescale, a.lead, a.due_date_override,"
        " a.status, a.reference, a.version, a.uid, a.updated_at, a.updated_by"
        " FROM action a JOIN response r ON r.id = a.response_id"
        " WHERE r.round_id = :id ORDER BY a.response_id, a.position, a.id", {"id": round_id},
    ):
        by_id[values[0]].actions.append((values[1], ActionData(
            action=values[2], delivery=values[3], timescale=values[4], lead=values[5],
            due_date=read_date(values[6]), status=member(ActionStatus, values[7]), reference=values[8],
            uid=values[10], updated_at=read_moment(values[11]), updated_by=values[12])))
        snap.action_versions[values[1]] = values[9]
    if pending:
        snap.open_conflicts, snap.packs_out = _pending(run, round_id)
    return snap


def _pending(run: Run, round_id: int) -> tuple[list[ConflictNote], list[PackNote]]:
    """Open conflicts and packs sent but not merged, for the round's snapshot."""
    import json  # the packs' proposals only; json is cheap but not needed to list rounds

    # why: the contributions' states load for a round's packs and conflicts, not for list or export --json
    from msgdesk.domain.states import ConflictState, PackDirection, PackState

    references = {uid: reference for uid, reference in run(
        "SELECT a.uid, a.reference FROM action a JOIN response r ON r.id = a.response_id"
        " WHERE r.round_id = :id", {"id": round_id})}
    conflicts = [
        ConflictNote(cid, proposal, conflict_place(field, references.get(uid, "")), contributor)
        for cid, proposal, field, uid, contributor in run(
            "SELECT id, proposal_id, field, action_uid, contributor FROM merge_conflict"
            " WHERE round_id = :id AND state = :state ORDER BY id",
            {"id": round_id, "state": ConflictState.OPEN.value})
    ]
    packs = [
        PackNote(pid, for_whom, tuple(json.loads(proposals)), read_moment(created) or datetime.min)
        for pid, for_whom, proposals, created in run(
            "SELECT id, for_whom, proposals, created_at FROM contribution_pack"
            " WHERE round_id = :id AND direction = :direction AND state = :state ORDER BY id",
            {"id": round_id, "direction": PackDirection.SENT.value, "state": PackState.SENT.value})
    ]
    return conflicts, packs


class RoundReads:
    """Rounds read: their list, one found by name, one whole (as the window holds it, or as
    a return file writes it)."""

    def __init__(self, reading: Reading, template: Template):
        self._reading = reading
        self.template = template

    def list_partnerships(self) -> list[str]:
        with self._reading() as run:
            return [row[0] for row in run("SELECT name FROM partnership ORDER BY name", {})]

    def find_round(self, partnership: str, label: str) -> RoundInfo:
        with self._reading() as run:
            rows = run(f"{_ROUND_COLUMNS} WHERE p.name = :partnership AND r.label = :label ORDER BY r.id",
                       {"partnership": partnership, "label": label})
        if not rows:
            raise NotFoundError(f"no round {label!r} for partnership {partnership!r}")
        return _info(rows[0])

    def get_round(self, round_id: int) -> RoundInfo:
        with self._reading() as run:
            return read_round(run, round_id)

    def list_rounds(self) -> list[RoundSummary]:
        """Every round with its progress: proposals rated (of the local ones) and actions."""
        local = [p.id for p in self.template.local_proposals]
        with self._reading() as run:
            rounds = [_info(row) for row in run(f"{_ROUND_COLUMNS} ORDER BY p.name, r.label", {})]
            # Counted by the database: fetching every rated response into Python to count it
            # made list's cost grow with the file (2,200 rows in a 36 MB database of 100 rounds).
            params: dict[str, object] = {}
            rated = {row[0]: row[1] for row in run(
                "SELECT round_id, count(*) FROM response WHERE rating IS NOT NULL AND proposal_id IN"
                f" {in_list('p', local, params)} GROUP BY round_id", params)}
            actions = {row[0]: row[1] for row in run(
                "SELECT r.round_id, count(a.id) FROM response r JOIN action a ON a.response_id = r.id"
                " GROUP BY r.round_id", {})}
        return [RoundSummary(info, rated.get(info.id, 0), len(local), actions.get(info.id, 0)) for info in rounds]

    def snapshot(self, round_id: int) -> RoundSnapshot:
        """The round as the window holds it: values, action ids and row versions."""
        with self._reading() as run:
            return read_snapshot(run, round_id)

    def load_round_by_id(self, round_id: int) -> ReturnData:
        """The whole round as plain values, responses in template order."""
        # why: the return's values (four dataclasses) for a round read whole, not for msgdesk list
        from msgdesk.domain.return_values import ResponseData, ReturnData

        with self._reading() as run:  # a return file holds no conflicts or packs: not read
            snap = read_snapshot(run, round_id, pending=False)
        data = ReturnData(
            partnership=snap.partnership, round=snap.label, contact=snap.contact, completed_on=snap.completed_on,
            status=RoundStatus(snap.status), ijb_meeting_date=snap.ijb_meeting_date,
            minute_reference=snap.minute_reference,
        )
        for pid in sorted(snap.responses, key=self.template.order):
            response = snap.responses[pid]
            data.responses.append(ResponseData(
                proposal=pid, rating=member(Rating, response.rating),
                previous_rating=member(Rating, response.previous_rating),
                evidence=response.evidence, actions=[values for _id, values in response.actions],
                updated_at=response.updated_at, updated_by=response.updated_by,
            ))
        return data

    def load_round(self, partnership: str, label: str) -> ReturnData:
        return self.load_round_by_id(self.find_round(partnership, label).id)


class SqliteReader:
    """A read-only ``sqlite3`` connection on a file the caller has checked (its health and
    its schema): each ``with reader() as run`` is one read transaction."""

    def __init__(self, path: Path, *, immutable: bool = False, connection: sqlite3.Connection | None = None):
        """``connection``: the read-only connection that has just checked the file
        (``msgdesk.store.health.inspect_to_read``), read through instead of a new one."""
        self.path = path
        if connection is not None:
            self._con: sqlite3.Connection | None = connection
            return
        try:
            # isolation_level None: the transactions are the explicit BEGINs below
            self._con = sqlite3.connect(
                ro_uri(path, immutable=immutable), uri=True, isolation_level=None, check_same_thread=False)
            self._con.execute("PRAGMA busy_timeout = 5000")
        except sqlite3.Error as exc:
            raise self._unreadable(exc) from exc

    def _unreadable(self, exc: sqlite3.Error) -> DatabaseError:
        error = DatabaseError(f"{self.path} cannot be read just now ({exc}). It has not been changed.")
        error.path = self.path
        return error

    @contextmanager
    def __call__(self) -> Iterator[Run]:
        con = self._con
        if con is None:
            raise DatabaseError(f"{self.path} is closed")

        def run(sql: str, params: Mapping[str, Any]) -> list[Any]:
            try:
                return con.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise self._unreadable(exc) from exc

        try:
            con.execute("BEGIN")  # one snapshot of the file for all the reads
        except sqlite3.Error as exc:
            raise self._unreadable(exc) from exc
        try:
            yield run
        finally:
            con.execute("ROLLBACK")  # nothing was written

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
