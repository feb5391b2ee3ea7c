"""The database tables (sqlmodel).  The schema itself is owned by the alembic
migrations in ``msgdesk/store/migrations``; these classes must match them
(``tests/test_storage.py`` checks that they do)."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


class Partnership(SQLModel, table=True):
    __tablename__ = "partnership"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    created_at: datetime = Field(default_factory=utcnow)


class EvaluationRound(SQLModel, table=True):
    """A partnership's return for one year ("2019", "2021")."""

    __tablename__ = "evaluation_round"
    __table_args__ = (UniqueConstraint("partnership_id", "label"),)

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(
        sa_column=Column(Integer, ForeignKey("partnership.id", ondelete="CASCADE"), nullable=False)
    )
    label: str
    contact: str = ""
    completed_on: date | None = None
    status: str = "draft"  # draft | ready | approved
    ijb_meeting_date: date | None = None
    minute_reference: str = ""
    previous_round_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("evaluation_round.id", ondelete="SET NULL"), nullable=True),
    )
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Response(SQLModel, table=True):
    """The answer to one proposal in one round."""

    __tablename__ = "response"
    __table_args__ = (UniqueConstraint("round_id", "proposal_id"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(
        sa_column=Column(Integer, ForeignKey("evaluation_round.id", ondelete="CASCADE"), nullable=False)
    )
    proposal_id: str
    rating: str | None = None
    previous_rating: str | None = None
    evidence: str = ""
    updated_at: datetime = Field(default_factory=utcnow)


class Action(SQLModel, table=True):
    """A proposed improvement action, ordered within its response."""

    __tablename__ = "action"

    id: int | None = Field(default=None, primary_key=True)
    response_id: int = Field(
        sa_column=Column(Integer, ForeignKey("response.id", ondelete="CASCADE"), nullable=False)
    )
    position: int = 0
    text: str = ""
    delivery: str = ""
    timescale: str = ""
    due_date_override: date | None = None
    lead: str = ""
    status: str = "not_started"
    reference: str = ""  # stable: "2019-2.3-1"
    carried_from_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("action.id", ondelete="SET NULL"), nullable=True),
    )
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ActionUpdate(SQLModel, table=True):
    """One dated entry in an action's history; never overwritten."""

    __tablename__ = "action_update"

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(
        sa_column=Column(Integer, ForeignKey("action.id", ondelete="CASCADE"), nullable=False)
    )
    on_date: date
    author: str = ""
    text: str = ""
    kind: str = "progress"  # progress | due_date | carried_forward | status
    status_after: str | None = None
    due_date_before: date | None = None
    due_date_after: date | None = None
    created_at: datetime = Field(default_factory=utcnow)


class RoundEvent(SQLModel, table=True):
    """Recorded acts on a round: created, imported, marked ready, approved, reopened."""

    __tablename__ = "round_event"

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(
        sa_column=Column(Integer, ForeignKey("evaluation_round.id", ondelete="CASCADE"), nullable=False)
    )
    at: datetime = Field(default_factory=utcnow)
    kind: str
    detail: str = ""
