"""Directions from the IJB, through ``Workspace.directions``.

A direction is written as a draft (``create_draft``, ``update_draft``), then issued once
(``issue``): from then on its content is locked, here and by the database's guards
(migration 0006), like an approved return.  It is varied by drafting a new direction
that supersedes it (``draft_variation``) and issuing that.  What stays open after issue:
its revocation (with a reason) or its completion, each recorded once; the dates its
milestones are met; delivery issues and progress updates, which are only ever added to.

Every method is one short transaction and returns plain values
(``msgdesk.directions.values``).  A whole directions file is imported in one transaction,
all of it or none of it, with every problem located as the file's reader locates them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from msgdesk.directions.file import TEXT_LIMITS, DirectionsFileError, at, check_text, supersession_cycles
from msgdesk.directions.values import (
    Bodies,
    Direction,
    DirectionRecord,
    DirectionsData,
    Entry,
    Link,
    Milestone,
    Partner,
    ResourceBasis,
)
from msgdesk.domain.errors import (
    ConcurrentEditError,
    DirectionClosedError,
    DirectionLockedError,
    InputError,
    MoveNotAllowedError,
    NotFoundError,
    ReasonRequiredError,
)
from msgdesk.exchange.strict_json import item, member
from msgdesk.store.models import (
    DeliveryBody,
    DirectionIssue,
    DirectionMilestone,
    DirectionUpdate,
    Partnership,
    utcnow,
)
from msgdesk.store.models import Direction as DirectionRow
from msgdesk.store.session import Transactions


@dataclass(frozen=True)
class ImportResult:
    partnership: str
    added: tuple[str, ...] = ()
    #: Issued directions already in the log whose revocation, completion, milestones met,
    #: delivery issues or updates the file brought up to date.
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()


@dataclass
class _Plan:
    """What an import will write for one direction of the file."""

    index: int
    data: Direction
    existing: DirectionRow | None = None
    new_issues: list[Entry] = field(default_factory=list)
    new_updates: list[Entry] = field(default_factory=list)
    achieved: dict[int, date] = field(default_factory=dict)  # milestone id -> date
    close: bool = False


#: Content compared between a file and an issued direction: (field, label in messages).
_CONTENT_FIELDS = (
    ("title", "title"), ("functions", "functions"), ("issued_to", "issued_to"), ("ijb_meeting", "ijb_meeting"),
    ("ijb_report", "ijb_report"), ("minute_reference", "minute_reference"), ("issued_on", "issued_on"),
    ("instruction", "instruction"), ("outcomes", "outcomes"), ("resource_pence", "resource"),
    ("resource_basis", "resource_basis"), ("timescale", "timescale"), ("review_date", "review_date"),
    ("supersedes", "supersedes"),
)


def _partners(row: DirectionRow) -> tuple[Partner, ...]:
    found = []
    if row.to_health_board:
        found.append(Partner.HEALTH_BOARD)
    if row.to_local_authority:
        found.append(Partner.LOCAL_AUTHORITY)
    return tuple(found)


def _check_date(on_date: date | None, today: date | None, what: str) -> date:
    today = today or date.today()
    on_date = on_date or today
    if on_date > today:
        raise InputError(f"{what} cannot be dated in the future ({on_date.isoformat()})")
    return on_date


def _check_draft_text(data: Direction) -> None:
    for name in ("reference", "title", "ijb_report", "minute_reference", "instruction", "outcomes", "timescale"):
        check_text(name, getattr(data, name), "the direction's")
    for function in data.functions:
        check_text("function", function, "a")
    for number, milestone in enumerate(data.milestones, 1):
        check_text("milestone", milestone.milestone, f"milestone {number}:")
        check_text("timescale", milestone.timescale, f"milestone {number}:")
    if data.resource_pence is not None and data.resource_pence < 0:
        raise InputError("an amount of resource cannot be negative")


def variation_of(old: Direction, reference: str) -> Direction:
    """A draft that varies ``old``: its content, to change before issuing; nothing of
    what happened under ``old`` (its IJB decision, follow-up, closing) comes with it."""
    return replace(old, reference=reference, issued_on=None, supersedes=old.reference, ijb_meeting=None,
                   ijb_report="", minute_reference="", revoked_on=None, revoked_reason="", completed_on=None,
                   delivery_issues=[], updates=[],
                   milestones=[Milestone(m.milestone, m.timescale, m.due_date) for m in old.milestones])


class DirectionsRepository:
    def __init__(self, tx: Transactions, author: str = ""):
        self._tx = tx
        #: Who is recording, when a call does not say (the user's name).
        self.author = author

    # --- partnerships and the names of their delivery partners --------------------------------

    @staticmethod
    def _partnership(session: Session, name: str, *, create: bool) -> Partnership | None:
        name = name.strip()
        if not name:
            raise InputError("the partnership needs a name")
        found = session.scalars(select(Partnership).where(Partnership.name == name)).first()
        if found is None and create:
            check_text("partnership", name)
            found = Partnership(name=name)
            session.add(found)
            session.flush()
        return found

    def _owner(self, session: Session, name: str) -> Partnership:
        found = self._partnership(session, name, create=False)
        if found is None:
            raise NotFoundError(f"there is no partnership {name!r}")
        return found

    def partnerships(self) -> list[str]:
        """Every partnership, by name (directions can be kept for any of them)."""
        with self._tx() as session:
            return list(session.scalars(select(Partnership.name).order_by(Partnership.name)))

    def bodies(self, partnership: str) -> Bodies:
        with self._tx() as session:
            owner = self._partnership(session, partnership, create=False)
            return self._bodies(session, owner.id) if owner else Bodies()

    @staticmethod
    def _bodies(session: Session, partnership_id: int) -> Bodies:
        names = {b.partner: b.name for b in session.scalars(
            select(DeliveryBody).where(DeliveryBody.partnership_id == partnership_id))}
        return Bodies(health_board=names.get(Partner.HEALTH_BOARD.value, ""),
                      local_authority=names.get(Partner.LOCAL_AUTHORITY.value, ""))

    def set_bodies(self, partnership: str, *, health_board: str | None = None,
                   local_authority: str | None = None) -> Bodies:
        """Name the partnership's Health Board and/or Local Authority ("" forgets a name)."""
        with self._tx() as session:
            owner = self._partnership(session, partnership, create=True)
            assert owner is not None
            for partner, name in ((Partner.HEALTH_BOARD, health_board), (Partner.LOCAL_AUTHORITY, local_authority)):
                if name is None:
                    continue
                name = name.strip()
                check_text("body", name, f"the {partner.label}'s name:")
                row = session.scalars(select(DeliveryBody).where(
                    DeliveryBody.partnership_id == owner.id, DeliveryBody.partner == partner.value)).first()
                if row is None:
                    session.add(DeliveryBody(partnership_id=owner.id, partner=partner.value, name=name))
                elif row.name != name:
                    row.name = name
            session.flush()
            return self._bodies(session, owner.id)

    # --- reading -------------------------------------------------------------------------------

    def list_directions(self, partnership: str) -> list[DirectionRecord]:
        """Every direction of ``partnership`` (drafts too), by date of issue (drafts last),
        then reference; a handful of queries whatever their number."""
        with self._tx() as session:
            owner = self._partnership(session, partnership, create=False)
            if owner is None:
                return []
            rows = list(session.scalars(select(DirectionRow).where(DirectionRow.partnership_id == owner.id)))
            records = self._records(session, rows, owner.name)
        return sorted(records, key=lambda r: (r.data.issued_on is None, r.data.issued_on or date.max, r.reference))

    def get(self, direction_id: int) -> DirectionRecord:
        with self._tx() as session:
            row = self._row(session, direction_id)
            return self._record(session, row)

    def find(self, partnership: str, reference: str) -> DirectionRecord:
        with self._tx() as session:
            owner = self._owner(session, partnership)
            row = self._by_reference(session, owner.id, reference)
            if row is None:
                raise NotFoundError(f"there is no direction {reference!r} in the log of {owner.name}")
            return self._record(session, row)

    def export(self, partnership: str) -> DirectionsData:
        """The partnership's directions as a directions file holds them (issued ones)."""
        records = self.list_directions(partnership)
        if not records and partnership.strip() not in self.partnerships():
            raise NotFoundError(f"there is no partnership {partnership!r}")
        return DirectionsData(partnership.strip(), [r.data for r in records if r.data.issued_on is not None])

    @staticmethod
    def _row(session: Session, direction_id: int, *, lock: bool = False) -> DirectionRow:
        row = session.get(DirectionRow, direction_id, with_for_update=lock)
        if row is None:
            raise NotFoundError(f"there is no direction with id {direction_id}")
        return row

    @staticmethod
    def _by_reference(session: Session, partnership_id: int, reference: str) -> DirectionRow | None:
        return session.scalars(select(DirectionRow).where(
            DirectionRow.partnership_id == partnership_id, DirectionRow.reference == reference.strip())).first()

    def _record(self, session: Session, row: DirectionRow) -> DirectionRecord:
        owner = session.get(Partnership, row.partnership_id)
        assert owner is not None  # a foreign key
        related = [row]
        ids = {row.id}
        if row.supersedes_id is not None:
            target = session.get(DirectionRow, row.supersedes_id)
            if target is not None:
                related.append(target)
        for later in session.scalars(select(DirectionRow).where(DirectionRow.supersedes_id == row.id)):
            if later.id not in ids:
                related.append(later)
                ids.add(later.id)
        records = self._records(session, related, owner.name, wanted={row.id})
        return records[0]

    def _records(self, session: Session, rows: Sequence[DirectionRow], partnership: str,
                 wanted: set[int] | None = None) -> list[DirectionRecord]:
        by_id = {r.id: r for r in rows}
        wanted_ids = [r.id for r in rows if wanted is None or r.id in wanted]
        milestones: dict[int, list[DirectionMilestone]] = {}
        for m in session.scalars(select(DirectionMilestone).where(DirectionMilestone.direction_id.in_(wanted_ids))
                                 .order_by(DirectionMilestone.position, DirectionMilestone.id)):
            milestones.setdefault(m.direction_id, []).append(m)
        entries: dict[type, dict[int, list[Entry]]] = {DirectionIssue: {}, DirectionUpdate: {}}
        issue_rows = session.scalars(select(DirectionIssue).where(DirectionIssue.direction_id.in_(wanted_ids))
                                     .order_by(DirectionIssue.on_date, DirectionIssue.id))
        update_rows = session.scalars(select(DirectionUpdate).where(DirectionUpdate.direction_id.in_(wanted_ids))
                                      .order_by(DirectionUpdate.on_date, DirectionUpdate.id))
        for model, found in ((DirectionIssue, issue_rows), (DirectionUpdate, update_rows)):
            for e in found:
                entries[model].setdefault(e.direction_id, []).append(Entry(e.on_date, e.text, e.author))
        later_issued: dict[int, DirectionRow] = {}
        later_drafts: dict[int, list[DirectionRow]] = {}
        for r in rows:
            if r.supersedes_id is None:
                continue
            if r.issued_on is not None:
                later_issued[r.supersedes_id] = r
            else:
                later_drafts.setdefault(r.supersedes_id, []).append(r)

        def link(r: DirectionRow) -> Link:
            return Link(r.id, r.reference, r.issued_on)

        records = []
        for direction_id in wanted_ids:
            row = by_id[direction_id]
            target = by_id.get(row.supersedes_id) if row.supersedes_id is not None else None
            own = milestones.get(row.id, [])
            data = Direction(
                reference=row.reference, title=row.title,
                functions=[f for f in row.functions.split("\n") if f],
                issued_to=_partners(row), instruction=row.instruction, issued_on=row.issued_on,
                ijb_meeting=row.ijb_meeting, ijb_report=row.ijb_report, minute_reference=row.minute_reference,
                outcomes=row.outcomes, resource_pence=row.resource_pence,
                resource_basis=ResourceBasis(row.resource_basis) if row.resource_basis else None,
                timescale=row.timescale, review_date=row.review_date,
                milestones=[Milestone(m.milestone, m.timescale, m.due_date, m.achieved_on) for m in own],
                supersedes=target.reference if target is not None else None,
                revoked_on=row.revoked_on, revoked_reason=row.revoked_reason, completed_on=row.completed_on,
                delivery_issues=entries[DirectionIssue].get(row.id, []),
                updates=entries[DirectionUpdate].get(row.id, []),
            )
            later = later_issued.get(row.id)
            records.append(DirectionRecord(
                id=row.id, partnership=partnership, data=data, version=row.version,
                milestone_ids=tuple(m.id for m in own),
                supersedes=link(target) if target is not None else None,
                superseded_by=link(later) if later is not None else None,
                varied_by_drafts=tuple(link(d) for d in sorted(later_drafts.get(row.id, []), key=lambda d: d.id)),
            ))
        return records

    # --- drafts ---------------------------------------------------------------------------------

    def _resolve_supersedes(self, session: Session, owner: Partnership, reference: str | None,
                            own_id: int | None = None) -> int | None:
        if not reference:
            return None
        target = self._by_reference(session, owner.id, reference)
        if target is None:
            raise NotFoundError(f"there is no direction {reference!r} in the log of {owner.name} to vary")
        if target.id == own_id:
            raise InputError(f"{reference} cannot supersede itself")
        if target.issued_on is None:
            raise MoveNotAllowedError(f"{reference} is a draft: change it directly rather than varying it")
        self._check_variable(self._record(session, target))
        return target.id

    @staticmethod
    def _write_content(row: DirectionRow, data: Direction) -> None:
        row.reference = data.reference.strip()
        row.title = data.title.strip()
        row.functions = "\n".join(f.strip() for f in data.functions if f.strip())
        row.to_health_board = Partner.HEALTH_BOARD in data.issued_to
        row.to_local_authority = Partner.LOCAL_AUTHORITY in data.issued_to
        row.ijb_meeting = data.ijb_meeting
        row.ijb_report = data.ijb_report.strip()
        row.minute_reference = data.minute_reference.strip()
        row.instruction = data.instruction
        row.outcomes = data.outcomes
        row.resource_pence = data.resource_pence
        row.resource_basis = data.resource_basis.value if data.resource_basis else None
        row.timescale = data.timescale
        row.review_date = data.review_date

    @staticmethod
    def _write_milestones(session: Session, row: DirectionRow, milestones: Iterable[Milestone]) -> None:
        session.execute(delete(DirectionMilestone).where(DirectionMilestone.direction_id == row.id))
        for position, m in enumerate(milestones):
            if m.milestone.strip() or m.timescale.strip() or m.due_date:
                session.add(DirectionMilestone(direction_id=row.id, position=position, milestone=m.milestone,
                                               timescale=m.timescale, due_date=m.due_date))
        session.flush()

    def _unique_reference(self, session: Session, owner: Partnership, reference: str, own_id: int | None) -> None:
        reference = reference.strip()
        if not reference:
            raise InputError("give the direction its reference in the log (a log number such as NAIJB-2021-04)")
        other = self._by_reference(session, owner.id, reference)
        if other is not None and other.id != own_id:
            state = "issued" if other.issued_on else "a draft"
            raise InputError(f"{owner.name} already has a direction {reference} ({state}); give this one another "
                             "reference")

    def create_draft(self, partnership: str, data: Direction) -> DirectionRecord:
        """Start a direction as a draft (nothing is issued until ``issue``)."""
        _check_draft_text(data)
        with self._tx() as session:
            owner = self._partnership(session, partnership, create=True)
            assert owner is not None
            self._unique_reference(session, owner, data.reference, None)
            row = DirectionRow(partnership_id=owner.id)
            self._write_content(row, data)
            row.supersedes_id = self._resolve_supersedes(session, owner, data.supersedes)
            session.add(row)
            session.flush()
            self._write_milestones(session, row, data.milestones)
            return self._record(session, row)

    def _draft_row(self, session: Session, direction_id: int) -> DirectionRow:
        row = self._row(session, direction_id, lock=True)
        if row.issued_on is not None:
            raise DirectionLockedError(
                f"{row.reference} was issued on {row.issued_on.isoformat()} and its content is locked; "
                "vary it by issuing a new direction that supersedes it (Vary…)"
            )
        return row

    def update_draft(self, direction_id: int, data: Direction, *,
                     expected_version: int | None = None) -> DirectionRecord:
        """Replace a draft's content (refused once it is issued)."""
        _check_draft_text(data)
        with self._tx() as session:
            row = self._draft_row(session, direction_id)
            if expected_version is not None and row.version != expected_version:
                raise ConcurrentEditError(
                    f"someone else changed the draft {row.reference} at {row.updated_at:%H:%M} since you opened it; "
                    "your changes were not saved over theirs", current_version=row.version)
            owner = session.get(Partnership, row.partnership_id)
            assert owner is not None
            self._unique_reference(session, owner, data.reference, row.id)
            self._write_content(row, data)
            row.supersedes_id = self._resolve_supersedes(session, owner, data.supersedes, row.id)
            row.version += 1
            row.updated_at = utcnow()
            self._write_milestones(session, row, data.milestones)
            return self._record(session, row)

    def delete_draft(self, direction_id: int) -> None:
        with self._tx() as session:
            row = self._draft_row(session, direction_id)
            session.delete(row)

    def draft_variation(self, direction_id: int, reference: str) -> DirectionRecord:
        """A new draft that varies (supersedes) the issued direction ``direction_id``,
        pre-filled with its content, under the new ``reference``."""
        record = self.get(direction_id)
        return self.create_draft(record.partnership, variation_of(record.data, reference))

    @staticmethod
    def _check_variable(record: DirectionRecord) -> None:
        old = record.data
        if record.superseded_by is not None:
            raise DirectionClosedError(f"{old.reference} has already been superseded by "
                                       f"{record.superseded_by.reference}; vary that one instead")
        if old.revoked_on is not None:
            raise DirectionClosedError(f"{old.reference} was revoked on {old.revoked_on.isoformat()}; "
                                       "a revoked direction is not varied")
        if old.completed_on is not None:
            raise DirectionClosedError(f"{old.reference} was completed on {old.completed_on.isoformat()}; "
                                       "a completed direction is not varied")

    # --- issuing, revoking, completing -------------------------------------------------------------

    def issue(self, direction_id: int, issued_on: date, *, today: date | None = None) -> DirectionRecord:
        """Issue a draft on ``issued_on``: from then on its content is locked.  Refused,
        saying what is missing, if it lacks what the log must hold."""
        issued_on = _check_date(issued_on, today, "a direction")
        with self._tx() as session:
            row = self._draft_row(session, direction_id)
            missing = [what for what, ok in (
                ("a title", bool(row.title.strip())), ("the function(s) covered", bool(row.functions.strip())),
                ("the delivery partner(s) it is issued to", row.to_health_board or row.to_local_authority),
                ("what is to be delivered", bool(row.instruction.strip())),
            ) if not ok]
            if (row.resource_pence is None) != (row.resource_basis is None):
                missing.append("the resource's amount with its basis (a payment or a sum set aside)"
                               if row.resource_pence is None
                               else "the basis of the resource (a payment or a sum set aside)")
            if missing:
                raise InputError(f"{row.reference} cannot be issued yet: give it {', '.join(missing)}")
            if row.ijb_meeting is not None and row.ijb_meeting > issued_on:
                raise InputError(f"{row.reference} cannot be issued on {issued_on.isoformat()}, before the IJB "
                                 f"meeting of {row.ijb_meeting.isoformat()} that decided it")
            if row.supersedes_id is not None:
                target = self._record(session, self._row(session, row.supersedes_id))
                self._check_variable(target)
                if target.data.issued_on is None:
                    raise DirectionClosedError(f"{target.reference} is a draft; only an issued direction is varied")
                if target.data.issued_on > issued_on:
                    raise InputError(f"{row.reference} would be issued on {issued_on.isoformat()}, before "
                                     f"{target.reference} which it varies ({target.data.issued_on.isoformat()})")
            row.issued_on = issued_on
            row.version += 1
            row.updated_at = utcnow()
            session.flush()
            return self._record(session, row)

    def _issued_row(self, session: Session, direction_id: int, on_date: date) -> DirectionRow:
        row = self._row(session, direction_id, lock=True)
        if row.issued_on is None:
            raise MoveNotAllowedError(f"{row.reference} is a draft: only an issued direction is revoked, "
                                      "completed or followed up")
        if on_date < row.issued_on:
            raise InputError(f"{on_date.isoformat()} is before {row.reference} was issued "
                             f"({row.issued_on.isoformat()})")
        return row

    def _closable_row(self, session: Session, direction_id: int, on_date: date) -> DirectionRow:
        row = self._issued_row(session, direction_id, on_date)
        self._check_variable(self._record(session, row))
        return row

    def revoke(self, direction_id: int, on_date: date, reason: str, *, today: date | None = None) -> DirectionRecord:
        """Record the direction's revocation, with the reason (final)."""
        reason = (reason or "").strip()
        if not reason:
            raise ReasonRequiredError("say why the direction is revoked; the reason is recorded in the log")
        check_text("revoked_reason", reason, "the")
        on_date = _check_date(on_date, today, "a revocation")
        with self._tx() as session:
            row = self._closable_row(session, direction_id, on_date)
            row.revoked_on, row.revoked_reason = on_date, reason
            row.version += 1
            row.updated_at = utcnow()
            session.flush()
            return self._record(session, row)

    def complete(self, direction_id: int, on_date: date, *, today: date | None = None) -> DirectionRecord:
        """Record that the direction has been completed (final)."""
        on_date = _check_date(on_date, today, "a completion")
        with self._tx() as session:
            row = self._closable_row(session, direction_id, on_date)
            row.completed_on = on_date
            row.version += 1
            row.updated_at = utcnow()
            session.flush()
            return self._record(session, row)

    # --- following up ---------------------------------------------------------------------------

    def _entry(self, model: type[DirectionIssue] | type[DirectionUpdate], field_name: str, direction_id: int,
               on_date: date | None, text: str, author: str | None, today: date | None) -> DirectionRecord:
        text = (text or "").strip()
        what = "delivery issue" if model is DirectionIssue else "update"
        if not text:
            raise InputError(f"write the {what}; it is empty")
        check_text(field_name, text, "the")
        who = (author if author is not None else self.author).strip()
        check_text("author", who, "the name of who recorded it:")
        day = _check_date(on_date, today, f"a {what}")
        with self._tx() as session:
            row = self._issued_row(session, direction_id, day)
            session.add(model(direction_id=row.id, on_date=day, text=text, author=who))
            row.updated_at = utcnow()
            session.flush()
            return self._record(session, row)

    def record_issue(self, direction_id: int, text: str, *, on_date: date | None = None, author: str | None = None,
                     today: date | None = None) -> DirectionRecord:
        """Add a dated delivery issue (never changed or removed afterwards)."""
        return self._entry(DirectionIssue, "issue", direction_id, on_date, text, author, today)

    def record_update(self, direction_id: int, text: str, *, on_date: date | None = None, author: str | None = None,
                      today: date | None = None) -> DirectionRecord:
        """Add a dated progress update (never changed or removed afterwards)."""
        return self._entry(DirectionUpdate, "update", direction_id, on_date, text, author, today)

    def milestone_achieved(self, direction_id: int, index: int, on_date: date, *,
                           today: date | None = None) -> DirectionRecord:
        """Record the day milestone ``index`` (0-based, in the direction's order) was met."""
        on_date = _check_date(on_date, today, "a milestone")
        with self._tx() as session:
            row = self._issued_row(session, direction_id, on_date)
            milestones = list(session.scalars(
                select(DirectionMilestone).where(DirectionMilestone.direction_id == row.id)
                .order_by(DirectionMilestone.position, DirectionMilestone.id)))
            if not 0 <= index < len(milestones):
                raise NotFoundError(f"{row.reference} has no milestone {index + 1}")
            milestone = milestones[index]
            if milestone.achieved_on is not None:
                raise InputError(f"milestone {index + 1} of {row.reference} was already met on "
                                 f"{milestone.achieved_on.isoformat()}")
            milestone.achieved_on = on_date
            row.updated_at = utcnow()
            session.flush()
            return self._record(session, row)

    # --- whole files -------------------------------------------------------------------------------

    def import_file(self, data: DirectionsData, *, replace: bool = False, source: str = "") -> ImportResult:
        """Store a directions file (``msgdesk.directions.file``, already read) in one
        transaction: all of it or none of it.  A reference already in the log is refused
        unless ``replace``; then a draft is replaced, and an issued direction, whose
        content must be the file's, takes the file's revocation or completion, milestones
        met, and new delivery issues and updates (none the log holds may be missing)."""
        with self._tx() as session:
            owner = self._partnership(session, data.partnership, create=True)
            assert owner is not None
            existing = {r.reference: r for r in session.scalars(
                select(DirectionRow).where(DirectionRow.partnership_id == owner.id))}
            records = {r.reference: r for r in self._records(session, list(existing.values()), owner.name)}
            problems: list[str] = []
            plans = [self._plan(index, d, existing, records, replace, owner.name, problems)
                     for index, d in enumerate(data.directions)]
            self._check_supersession(plans, records, owner.name, problems)
            if problems:
                raise DirectionsFileError(problems, source)
            return self._apply(session, owner, plans, existing)

    def _plan(self, index: int, d: Direction, existing: dict[str, DirectionRow], records: dict[str, DirectionRecord],
              replace: bool, partnership: str, problems: list[str]) -> _Plan:
        plan = _Plan(index, d)
        row = existing.get(d.reference)
        if row is None:
            return plan
        if not replace:
            problems.append(f"{at(index, 'reference')}: {d.reference} is already in the log of {partnership}; "
                            "import with --replace to bring it up to date")
            return plan
        plan.existing = row
        if row.issued_on is None:
            return plan  # a draft: replaced by the issued direction of the file
        old = records[d.reference].data
        differ = [label for name, label in _CONTENT_FIELDS if getattr(old, name) != getattr(d, name)]
        if [(m.milestone, m.timescale, m.due_date) for m in old.milestones] != \
                [(m.milestone, m.timescale, m.due_date) for m in d.milestones]:
            differ.append("milestones")
        if differ:
            problems.append(f"{at(index)}: {d.reference} was issued on {old.issued_on} and its content is locked, "
                            f"but the file's differs ({', '.join(differ)}); vary it by issuing a new direction "
                            "that supersedes it")
            return plan
        if old.revoked_on is not None and (old.revoked_on, old.revoked_reason) != (d.revoked_on, d.revoked_reason):
            problems.append(f"{at(index, 'revoked_on')}: the log records {d.reference} as revoked on {old.revoked_on} "
                            f"({old.revoked_reason}), which is final; the file says otherwise")
        if old.completed_on is not None and old.completed_on != d.completed_on:
            problems.append(f"{at(index, 'completed_on')}: the log records {d.reference} as completed on "
                            f"{old.completed_on}, which is final; the file says otherwise")
        plan.close = (old.revoked_on is None and d.revoked_on is not None) or \
                     (old.completed_on is None and d.completed_on is not None)
        ids = records[d.reference].milestone_ids
        for number, (was_m, now_m) in enumerate(zip(old.milestones, d.milestones, strict=True)):
            if was_m.achieved_on is not None and was_m.achieved_on != now_m.achieved_on:
                problems.append(f"{member(item(at(index, 'milestones'), number), 'achieved_on')}: the log records "
                                f"this milestone as met on {was_m.achieved_on}, which is final")
            elif was_m.achieved_on is None and now_m.achieved_on is not None:
                plan.achieved[ids[number]] = now_m.achieved_on
        for key, held, given, new in (("delivery_issues", old.delivery_issues, d.delivery_issues, plan.new_issues),
                                      ("updates", old.updates, d.updates, plan.new_updates)):
            remaining = [(e.on_date, e.text) for e in given]
            for entry in held:
                if (entry.on_date, entry.text) in remaining:
                    remaining.remove((entry.on_date, entry.text))
                else:
                    problems.append(f"{at(index, key)}: the log holds an entry of {entry.on_date} that the file "
                                    f"lacks ({entry.text[:60]!r}); {key.replace('_', ' ')} are never removed")
            new.extend(Entry(day, text) for day, text in remaining)
        return plan

    @staticmethod
    def _check_supersession(plans: list[_Plan], records: dict[str, DirectionRecord], partnership: str,
                            problems: list[str]) -> None:
        in_file = {p.data.reference: p for p in plans if p.data.reference}
        for plan in plans:
            d = plan.data
            target = d.supersedes
            if not target or target in in_file or target == d.reference:
                continue  # the file's own supersession was checked when it was read
            place = at(plan.index, "supersedes")
            record = records.get(target)
            if record is None:
                problems.append(f"{place}: there is no direction {target} in the file or in the log of {partnership}")
                continue
            old = record.data
            if old.issued_on is None:
                problems.append(f"{place}: {target} is a draft in the log; only an issued direction can be superseded")
            elif old.revoked_on is not None or old.completed_on is not None:
                closed = f"revoked on {old.revoked_on}" if old.revoked_on else f"completed on {old.completed_on}"
                problems.append(f"{place}: {target} was {closed} in the log: a direction no longer in force cannot "
                                "be superseded")
            elif record.superseded_by is not None and record.superseded_by.reference != d.reference:
                problems.append(f"{place}: {target} is already superseded by {record.superseded_by.reference} in the "
                                "log; a direction is superseded once")
            elif d.issued_on is not None and d.issued_on < old.issued_on:
                problems.append(f"{place}: {d.reference} was issued on {d.issued_on}, before {target} "
                                f"({old.issued_on}): a direction is superseded by a later one")
        graph: dict[str, str | None] = {ref: r.data.supersedes for ref, r in records.items()
                                        if r.data.issued_on is not None}
        graph.update({ref: p.data.supersedes for ref, p in in_file.items()})
        for cycle in supersession_cycles(graph):
            inside = [ref for ref in cycle if ref in in_file]
            if inside and any(ref not in in_file for ref in cycle):  # cycles within the file alone are the reader's
                first = inside[0]
                start = cycle.index(first)
                shown = cycle[start:] + cycle[:start] + [first]
                problems.append(f"{at(in_file[first].index, 'supersedes')}: a cycle of supersession through the log: "
                                + " → ".join(shown))

    def _apply(self, session: Session, owner: Partnership, plans: list[_Plan],
               existing: dict[str, DirectionRow]) -> ImportResult:
        ids = {ref: row.id for ref, row in existing.items() if row.issued_on is not None}
        fresh = [p for p in plans if p.existing is None or p.existing.issued_on is None]
        for plan in fresh:
            if plan.existing is not None:
                session.delete(plan.existing)
        session.flush()
        pending = {p.data.reference: p for p in fresh}
        added: list[str] = []
        while pending:  # those whose target is written (or none) first: the graph has no cycle
            ready = [p for p in pending.values() if not p.data.supersedes or p.data.supersedes in ids]
            assert ready, "supersession cycle after checking"
            for plan in sorted(ready, key=lambda p: p.index):
                ids[plan.data.reference] = self._insert_issued(session, owner, plan.data, ids)
                added.append(plan.data.reference)
                del pending[plan.data.reference]
        updated: list[str] = []
        unchanged: list[str] = []
        for plan in plans:
            if plan.existing is None or plan.existing.issued_on is None:
                continue
            row = plan.existing
            if not (plan.close or plan.achieved or plan.new_issues or plan.new_updates):
                unchanged.append(row.reference)
                continue
            self._follow_up(session, row, plan.data if plan.close else None, plan.achieved,
                            plan.new_issues, plan.new_updates)
            updated.append(row.reference)
        return ImportResult(owner.name, tuple(added), tuple(updated), tuple(unchanged))

    def _insert_issued(self, session: Session, owner: Partnership, d: Direction, ids: dict[str, int]) -> int:
        # The only way into the log: a draft with its milestones, then issued.
        row = DirectionRow(partnership_id=owner.id)
        self._write_content(row, d)
        session.add(row)
        session.flush()
        self._write_milestones(session, row, d.milestones)
        row.supersedes_id = ids[d.supersedes] if d.supersedes else None
        row.issued_on = d.issued_on
        session.flush()
        milestone_ids = [m.id for m in session.scalars(select(DirectionMilestone).where(
            DirectionMilestone.direction_id == row.id).order_by(DirectionMilestone.position))]
        achieved = {mid: m.achieved_on for mid, m in zip(milestone_ids, d.milestones, strict=True) if m.achieved_on}
        self._follow_up(session, row, d, achieved, d.delivery_issues, d.updates)
        return row.id

    def _follow_up(self, session: Session, row: DirectionRow, closing: Direction | None, achieved: dict[int, date],
                   issues: list[Entry], updates: list[Entry]) -> None:
        if closing is not None:
            if closing.revoked_on is not None:
                row.revoked_on, row.revoked_reason = closing.revoked_on, closing.revoked_reason.strip()
            if closing.completed_on is not None:
                row.completed_on = closing.completed_on
        for milestone_id, day in achieved.items():
            milestone = session.get(DirectionMilestone, milestone_id)
            assert milestone is not None
            milestone.achieved_on = day
        for model, entries in ((DirectionIssue, issues), (DirectionUpdate, updates)):
            for e in entries:
                session.add(model(direction_id=row.id, on_date=e.on_date, text=e.text, author=e.author))
        row.updated_at = utcnow()
        session.flush()


#: The text limits the window's fields use (the same as the file's and the store's).
FIELD_LIMITS = {name: limit for name, (limit, _single) in TEXT_LIMITS.items()}
