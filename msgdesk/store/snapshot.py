"""The round as the window holds it (``RoundSnapshot``), and a fast, read-only way to
read one with the standard library's ``sqlite3`` only.

Importing SQLAlchemy costs about a third of a second; the window paints the last round
from this read (``Workspace.quick_snapshot``) and opens the full store just after.  Only
a file whose schema is exactly ``SCHEMA_HEAD`` is read this way; anything else returns
None and the workspace opens the database properly (which migrates it).  Once the store
is open, ``RoundsRepository.snapshot`` builds the same values through it;
``tests/test_ui_core_additions.py`` checks that the two agree.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from msgdesk.domain.return_values import ActionData
from msgdesk.domain.states import ConflictField, RoundStatus
from msgdesk.store.health import ro_uri
from msgdesk.store.schema import SCHEMA_HEAD


@dataclass
class ResponseSnapshot:
    proposal: str
    rating: str | None = None
    previous_rating: str | None = None
    evidence: str = ""
    #: (action id, values) in order
    actions: list[tuple[int, ActionData]] = field(default_factory=list)
    #: The rating and evidence's row version when read (0: no row yet).
    version: int = 0
    updated_at: datetime | None = None
    updated_by: str = ""


@dataclass(frozen=True)
class ConflictNote:
    """A merge conflict waiting for someone to choose, as the check before IJB lists it."""

    id: int
    proposal: str
    #: Where in the proposal: "evidence", "action 2019-2.3-1: timescale".
    place: str
    contributor: str


@dataclass(frozen=True)
class PackNote:
    """A contribution pack sent and not merged yet."""

    id: int
    for_whom: str
    proposals: tuple[str, ...]
    created_at: datetime


@dataclass
class RoundSnapshot:
    id: int
    partnership: str
    label: str
    contact: str
    completed_on: date | None
    status: str
    ijb_meeting_date: date | None
    minute_reference: str
    previous_round_id: int | None
    previous_label: str | None
    responses: dict[str, ResponseSnapshot] = field(default_factory=dict)
    #: Each action's content version when read.
    action_versions: dict[int, int] = field(default_factory=dict)
    #: Merge conflicts waiting, and packs sent but not merged yet (the check before IJB).
    open_conflicts: list[ConflictNote] = field(default_factory=list)
    packs_out: list[PackNote] = field(default_factory=list)

    @property
    def is_approved(self) -> bool:
        return self.status == RoundStatus.APPROVED

    def response(self, proposal_id: str) -> ResponseSnapshot:
        found = self.responses.get(proposal_id)
        if found is None:
            found = self.responses[proposal_id] = ResponseSnapshot(proposal_id)
        return found


def _date(value: object) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _moment(value: object) -> datetime | None:
    return datetime.fromisoformat(str(value)).replace(microsecond=0) if value else None


def _connect(path: Path) -> sqlite3.Connection | None:
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(ro_uri(path), uri=True)
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    if not row or row[0] != SCHEMA_HEAD:
        con.close()
        return None
    return con


def is_current(path: Path) -> bool:
    """True if ``path`` is an msgdesk database needing no migration."""
    con = _connect(path)
    if con is None:
        return False
    con.close()
    return True


def load_snapshot(path: Path, round_id: int) -> RoundSnapshot | None:
    """Round ``round_id`` read from ``path``; None if the file or round is not there."""
    con = _connect(path)
    if con is None:
        return None
    try:
        row = con.execute(
            "SELECT r.id, p.name, r.label, r.contact, r.completed_on, r.status, r.ijb_meeting_date,"
            " r.minute_reference, r.previous_round_id, prev.label"
            " FROM evaluation_round r JOIN partnership p ON p.id = r.partnership_id"
            " LEFT JOIN evaluation_round prev ON prev.id = r.previous_round_id WHERE r.id = ?",
            (round_id,),
        ).fetchone()
        if row is None:
            return None
        snap = RoundSnapshot(
            id=row[0], partnership=row[1], label=row[2], contact=row[3] or "", completed_on=_date(row[4]),
            status=RoundStatus(row[5]), ijb_meeting_date=_date(row[6]), minute_reference=row[7] or "",
            previous_round_id=row[8], previous_label=row[9],
        )
        by_id: dict[int, ResponseSnapshot] = {}
        for rid, proposal, rating, previous, evidence, version, updated_at, updated_by in con.execute(
            "SELECT id, proposal_id, rating, previous_rating, evidence, version, updated_at, updated_by"
            " FROM response WHERE round_id = ?",
            (round_id,),
        ):
            by_id[rid] = snap.responses[proposal] = ResponseSnapshot(
                proposal, rating, previous, evidence or "", version=version, updated_at=_moment(updated_at),
                updated_by=updated_by or "")
        for values in con.execute(
            "SELECT a.response_id, a.id, a.text, a.delivery, a.timescale, a.lead, a.due_date_override,"
            " a.status, a.reference, a.version, a.uid, a.updated_at, a.updated_by"
            " FROM action a JOIN response r ON r.id = a.response_id"
            " WHERE r.round_id = ? ORDER BY a.response_id, a.position, a.id",
            (round_id,),
        ):
            by_id[values[0]].actions.append(
                (values[1], ActionData(action=values[2], delivery=values[3], timescale=values[4], lead=values[5],
                                       due_date=_date(values[6]), status=values[7], reference=values[8],
                                       uid=values[10], updated_at=_moment(values[11]), updated_by=values[12] or ""))
            )
            snap.action_versions[values[1]] = values[9]
        snap.open_conflicts, snap.packs_out = _pending(con, round_id)
        return snap
    except sqlite3.Error:
        return None
    finally:
        con.close()


def conflict_place(field: str, reference: str) -> str:
    """Where a conflict is, in words: "evidence", "action 2019-2.3-1: timescale"."""
    words = ConflictField(field).label
    if field in ("rating", "evidence", "order"):
        return words
    return f"action {reference or '(deleted)'}: {words}"


def _pending(con: sqlite3.Connection, round_id: int) -> tuple[list[ConflictNote], list[PackNote]]:
    import json

    conflicts = [
        ConflictNote(cid, proposal, conflict_place(field, reference or ""), contributor)
        for cid, proposal, field, reference, contributor in con.execute(
            "SELECT c.id, c.proposal_id, c.field, (SELECT a.reference FROM action a JOIN response r"
            " ON r.id = a.response_id WHERE r.round_id = c.round_id AND a.uid = c.action_uid AND c.action_uid <> ''"
            " LIMIT 1), c.contributor FROM merge_conflict c WHERE c.round_id = ? AND c.state = 'open' ORDER BY c.id",
            (round_id,),
        )
    ]
    packs = [
        PackNote(pid, for_whom, tuple(json.loads(proposals)), _moment(created) or datetime.min)
        for pid, for_whom, proposals, created in con.execute(
            "SELECT id, for_whom, proposals, created_at FROM contribution_pack"
            " WHERE round_id = ? AND direction = 'sent' AND state = 'sent' ORDER BY id",
            (round_id,),
        )
    ]
    return conflicts, packs


@dataclass(frozen=True)
class RoundListing:
    id: int
    partnership: str
    label: str
    status: str


def list_round_listings(path: Path) -> list[RoundListing]:
    """Every round in the file (for the start page), or [] if it cannot be read quickly."""
    con = _connect(path)
    if con is None:
        return []
    try:
        return [
            RoundListing(*row)
            for row in con.execute(
                "SELECT r.id, p.name, r.label, r.status FROM evaluation_round r"
                " JOIN partnership p ON p.id = r.partnership_id ORDER BY p.name, r.label"
            )
        ]
    except sqlite3.Error:
        return []
    finally:
        con.close()
