"""The database tables, as SQLAlchemy 2 typed declarative classes.

The schema itself is owned by the alembic migrations in ``msgdesk/store/migrations``;
these classes must match them (``tests/test_storage.py`` checks that they do).  Plain
SQLAlchemy rather than sqlmodel: the tables need nothing from pydantic, which costs a
fifth of a second at every start and several megabytes in the bundle.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import BigInteger, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from msgdesk.domain.states import ActionStatus


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0, tzinfo=None)


class Base(DeclarativeBase):
    pass


class Partnership(Base):
    __tablename__ = "partnership"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class EvaluationRound(Base):
    """A partnership's return for one year ("2019", "2021")."""

    __tablename__ = "evaluation_round"
    __table_args__ = (UniqueConstraint("partnership_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String)
    contact: Mapped[str] = mapped_column(String, default="")
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    #: A ``RoundStatus``; changed only through the moves in ``msgdesk.domain.states.ROUND_MOVES``.
    status: Mapped[str] = mapped_column(String, default="draft")
    #: Written with every status change: the database's trigger records it in round_event
    #: (the reason for a reopening, the IJB meeting for an approval).
    status_note: Mapped[str] = mapped_column(Text, default="")
    ijb_meeting_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    minute_reference: Mapped[str] = mapped_column(String, default="")
    previous_round_id: Mapped[int | None] = mapped_column(
        ForeignKey("evaluation_round.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Response(Base):
    """The answer to one proposal in one round."""

    __tablename__ = "response"
    __table_args__ = (UniqueConstraint("round_id", "proposal_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("evaluation_round.id", ondelete="CASCADE"))
    proposal_id: Mapped[str] = mapped_column(String)
    rating: Mapped[str | None] = mapped_column(String, nullable=True)
    previous_rating: Mapped[str | None] = mapped_column(String, nullable=True)
    evidence: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: Who changed the rating or evidence last (``Workspace.user``, or a contributor whose
    #: reply was merged).
    updated_by: Mapped[str] = mapped_column(String, default="")
    #: Version of the rating and evidence, for optimistic concurrency: a save names the
    #: version it was based on (``RoundsRepository``), and each save adds one.
    version: Mapped[int] = mapped_column(Integer, default=1)


class Action(Base):
    """A proposed improvement action, ordered within its response."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    delivery: Mapped[str] = mapped_column(Text, default="")
    timescale: Mapped[str] = mapped_column(String, default="")
    due_date_override: Mapped[date | None] = mapped_column(Date, nullable=True)
    lead: Mapped[str] = mapped_column(String, default="")
    #: An ``ActionStatus``.
    status: Mapped[str] = mapped_column(String, default=ActionStatus.NOT_STARTED.value)
    reference: Mapped[str] = mapped_column(String, default="")  # stable: "2019-2.3-1"
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("action.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: Who changed the action last (its content or, through tracking, its lead, status or due date).
    updated_by: Mapped[str] = mapped_column(String, default="")
    #: The action's stable identity (the return file's ``id``): kept by export, import,
    #: carry-forward and merge; never changed once given.  Unique within its response.
    uid: Mapped[str] = mapped_column(String, default="")
    #: Version of the content (action, delivery, timescale); tracking does not change it.
    version: Mapped[int] = mapped_column(Integer, default=1)


class ActionUpdate(Base):
    """One dated entry in an action's history; never changed or removed."""

    __tablename__ = "action_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"))
    on_date: Mapped[date] = mapped_column(Date)
    author: Mapped[str] = mapped_column(String, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    #: A ``HistoryKind``.
    kind: Mapped[str] = mapped_column(String, default="progress")
    status_after: Mapped[str | None] = mapped_column(String, nullable=True)
    due_date_before: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_date_after: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class RoundEvent(Base):
    """Recorded acts on a round: created, imported, marked ready, approved, reopened."""

    __tablename__ = "round_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("evaluation_round.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: An ``EventKind``.
    kind: Mapped[str] = mapped_column(String)
    detail: Mapped[str] = mapped_column(Text, default="")


class StoreMeta(Base):
    """One row: what this database is, and how many changes it has seen (for backups and
    the integrity check on opening, which need to know cheaply whether anything changed)."""

    __tablename__ = "store_meta"

    id: Mapped[int] = mapped_column(primary_key=True)
    application: Mapped[str] = mapped_column(String, default="msgdesk")
    changes: Mapped[int] = mapped_column(BigInteger, default=0)


class ContributionPack(Base):
    """Proposals sent to a contributor (``direction`` "sent"), or received from the lead in a
    contributor's own database ("received"), with the base they were cut from."""

    __tablename__ = "contribution_pack"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The pack's id in its files.
    uid: Mapped[str] = mapped_column(String, unique=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("evaluation_round.id", ondelete="CASCADE"))
    #: A ``PackDirection``.
    direction: Mapped[str] = mapped_column(String, default="sent")
    for_whom: Mapped[str] = mapped_column(String, default="")
    #: The pack's proposals, in template order, as a JSON list.
    proposals: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String, default="")
    #: The base as cut (JSON, the return file's ``pack.base``): never changed (a guard).
    base: Mapped[str] = mapped_column(Text, default="[]")
    base_digest: Mapped[str] = mapped_column(String, default="")
    #: What the next reply is compared with: the base, with each field a reply of this pack
    #: already brought in (applied, the same, or held as a conflict) at the reply's value.
    merge_base: Mapped[str] = mapped_column(Text, default="[]")
    #: A ``PackState``.
    state: Mapped[str] = mapped_column(String, default="sent")
    #: When the last reply merged was sent back, and its fingerprint.
    last_reply_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_reply_digest: Mapped[str] = mapped_column(String, default="")
    merged_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class MergeConflict(Base):
    """A field both the lead and a contributor changed since the pack's base: held here,
    nothing overwritten, until someone takes one side or combines them."""

    __tablename__ = "merge_conflict"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("evaluation_round.id", ondelete="CASCADE"))
    pack_id: Mapped[int] = mapped_column(ForeignKey("contribution_pack.id", ondelete="CASCADE"))
    proposal_id: Mapped[str] = mapped_column(String)
    #: The action concerned ("" for the rating, the evidence or the order of the actions).
    action_uid: Mapped[str] = mapped_column(String, default="")
    #: A ``ConflictField``.
    field: Mapped[str] = mapped_column(String)
    #: The three values as JSON (text, a rating, a date, an action, a list of action ids; null).
    base: Mapped[str] = mapped_column(Text, default="null")
    ours: Mapped[str] = mapped_column(Text, default="null")
    theirs: Mapped[str] = mapped_column(Text, default="null")
    contributor: Mapped[str] = mapped_column(String, default="")
    reply_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    #: A ``ConflictState``.
    state: Mapped[str] = mapped_column(String, default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    resolved_by: Mapped[str] = mapped_column(String, default="")
    #: A ``ConflictResolution`` once resolved.
    resolution: Mapped[str] = mapped_column(String, default="")


class ContentChange(Base):
    """Who changed what in a round's return, and when: the History panel of a proposal.
    (An action's tracking changes are in ``action_update``.)"""

    __tablename__ = "content_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("evaluation_round.id", ondelete="CASCADE"))
    proposal_id: Mapped[str] = mapped_column(String)
    action_uid: Mapped[str] = mapped_column(String, default="")
    #: A ``ChangeField``.
    field: Mapped[str] = mapped_column(String)
    detail: Mapped[str] = mapped_column(Text, default="")
    #: A ``ChangeSource``.
    source: Mapped[str] = mapped_column(String, default="edit")
    author: Mapped[str] = mapped_column(String, default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    pack_id: Mapped[int | None] = mapped_column(
        ForeignKey("contribution_pack.id", ondelete="SET NULL"), nullable=True
    )


class ComparatorGroup(Base):
    """A named set of partnerships to compare with ("Island authorities")."""

    __tablename__ = "comparator_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ComparatorGroupMember(Base):
    """One partnership in a comparator group; goes with the group or the partnership."""

    __tablename__ = "comparator_group_member"
    __table_args__ = (UniqueConstraint("group_id", "partnership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("comparator_group.id", ondelete="CASCADE"))
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id", ondelete="CASCADE"))


class DeliveryBody(Base):
    """The name a partnership gives one of its delivery partners ("NHS Ayrshire & Arran")."""

    __tablename__ = "delivery_body"
    __table_args__ = (UniqueConstraint("partnership_id", "partner"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id", ondelete="CASCADE"))
    #: A ``msgdesk.directions.values.Partner``.
    partner: Mapped[str] = mapped_column(String)
    name: Mapped[str] = mapped_column(String, default="")


class Direction(Base):
    """A direction from the IJB to the Health Board and/or the Local Authority.  A draft
    until ``issued_on`` is set; from then on its content is locked by the database
    (migration 0006) and it is varied only by issuing another that supersedes it."""

    __tablename__ = "direction"
    __table_args__ = (UniqueConstraint("partnership_id", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id", ondelete="CASCADE"))
    reference: Mapped[str] = mapped_column(String)
    title: Mapped[str] = mapped_column(String, default="")
    #: The function(s) covered, one per line.
    functions: Mapped[str] = mapped_column(Text, default="")
    to_health_board: Mapped[bool] = mapped_column(Boolean, default=False)
    to_local_authority: Mapped[bool] = mapped_column(Boolean, default=False)
    ijb_meeting: Mapped[date | None] = mapped_column(Date, nullable=True)
    ijb_report: Mapped[str] = mapped_column(String, default="")
    minute_reference: Mapped[str] = mapped_column(String, default="")
    issued_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    instruction: Mapped[str] = mapped_column(Text, default="")
    outcomes: Mapped[str] = mapped_column(Text, default="")
    #: The total resource committed, in pence (exact; never a float).
    resource_pence: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    #: A ``msgdesk.directions.values.ResourceBasis``.
    resource_basis: Mapped[str | None] = mapped_column(String, nullable=True)
    timescale: Mapped[str] = mapped_column(String, default="")
    review_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("direction.id"), nullable=True)
    revoked_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    revoked_reason: Mapped[str] = mapped_column(Text, default="")
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)


class DirectionMilestone(Base):
    __tablename__ = "direction_milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    direction_id: Mapped[int] = mapped_column(ForeignKey("direction.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    milestone: Mapped[str] = mapped_column(Text, default="")
    timescale: Mapped[str] = mapped_column(String, default="")
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    #: Recorded after issue, once; never changed.
    achieved_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class DirectionIssue(Base):
    """A dated delivery issue on an issued direction; never changed or removed."""

    __tablename__ = "direction_issue"

    id: Mapped[int] = mapped_column(primary_key=True)
    direction_id: Mapped[int] = mapped_column(ForeignKey("direction.id", ondelete="CASCADE"))
    on_date: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DirectionUpdate(Base):
    """A dated progress update on an issued direction; never changed or removed."""

    __tablename__ = "direction_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    direction_id: Mapped[int] = mapped_column(ForeignKey("direction.id", ondelete="CASCADE"))
    on_date: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


#: Tables in the order their rows can be inserted (parents first), for archives.
TABLES_IN_ORDER = (Partnership, EvaluationRound, Response, Action, ActionUpdate, RoundEvent, ContributionPack,
                   MergeConflict, ContentChange, ComparatorGroup, ComparatorGroupMember,
                   DeliveryBody, Direction, DirectionMilestone, DirectionIssue, DirectionUpdate)
