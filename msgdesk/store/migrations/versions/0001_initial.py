"""Initial schema: partnerships, rounds, responses, actions, action history,
round events; triggers that make an approved round read-only for every writer
and keep action history append-only.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

LOCKED = "this round has been approved by the IJB and is read-only; reopen it for amendment first"

# An edit to a response or action of an approved round is refused by SQLite
# itself, so no writer (core API, import, GUI, a stray script) can get past it.
_ROUND_OF_RESPONSE = "(SELECT status FROM evaluation_round WHERE id = {ref}.round_id)"
_ROUND_OF_ACTION = (
    "(SELECT r.status FROM evaluation_round r JOIN response p ON p.round_id = r.id "
    "WHERE p.id = {ref}.response_id)"
)

# Columns that are part of the approved return.  An action's tracking fields
# (status, hand-set due date, lead) and its history stay writable after
# approval: that is when the Performance and Audit Committee follows them up.
LOCKED_COLUMNS = {
    "response": "",
    "action": " OF response_id, position, text, delivery, timescale",
}

TRIGGERS = {
    "response": _ROUND_OF_RESPONSE,
    "action": _ROUND_OF_ACTION,
}


def _lock_triggers() -> list[str]:
    statements = []
    for table, round_status in TRIGGERS.items():
        # UPDATE is checked on both sides: editing a row of an approved round,
        # and moving a row into one.
        for name, event, ref in (
            ("insert", "INSERT", "NEW"),
            ("update", "UPDATE", "OLD"),
            ("update_into", "UPDATE", "NEW"),
            ("delete", "DELETE", "OLD"),
        ):
            columns = LOCKED_COLUMNS[table] if event == "UPDATE" else ""
            statements.append(
                f"CREATE TRIGGER {table}_locked_{name} BEFORE {event}{columns} ON {table} "
                f"WHEN {round_status.format(ref=ref)} = 'approved' "
                f"BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END"
            )
    # The round's own details are frozen while it stays approved; moving it
    # out of "approved" (a recorded reopening) is the one change allowed.
    statements.append(
        "CREATE TRIGGER evaluation_round_locked BEFORE UPDATE ON evaluation_round "
        "WHEN OLD.status = 'approved' AND NEW.status = 'approved' "
        f"BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END"
    )
    statements.append(
        "CREATE TRIGGER evaluation_round_locked_delete BEFORE DELETE ON evaluation_round "
        "WHEN OLD.status = 'approved' "
        f"BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END"
    )
    statements.append(
        "CREATE TRIGGER action_update_append_only BEFORE UPDATE ON action_update "
        "BEGIN SELECT RAISE(ABORT, 'an action''s history cannot be changed, only added to'); END"
    )
    return statements


def upgrade() -> None:
    op.create_table(
        "partnership",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "evaluation_round",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("partnership_id", sa.Integer, sa.ForeignKey("partnership.id", ondelete="CASCADE"), nullable=False),
        sa.Column("label", sa.String, nullable=False),
        sa.Column("contact", sa.String, nullable=False, server_default=""),
        sa.Column("completed_on", sa.Date, nullable=True),
        sa.Column("status", sa.String, nullable=False, server_default="draft"),
        sa.Column("ijb_meeting_date", sa.Date, nullable=True),
        sa.Column("minute_reference", sa.String, nullable=False, server_default=""),
        sa.Column(
            "previous_round_id", sa.Integer, sa.ForeignKey("evaluation_round.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("partnership_id", "label"),
        sa.CheckConstraint("status IN ('draft', 'ready', 'approved')", name="round_status_known"),
    )
    op.create_table(
        "response",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("evaluation_round.id", ondelete="CASCADE"), nullable=False),
        sa.Column("proposal_id", sa.String, nullable=False),
        sa.Column("rating", sa.String, nullable=True),
        sa.Column("previous_rating", sa.String, nullable=True),
        sa.Column("evidence", sa.Text, nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("round_id", "proposal_id"),
    )
    op.create_table(
        "action",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("response_id", sa.Integer, sa.ForeignKey("response.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("text", sa.Text, nullable=False, server_default=""),
        sa.Column("delivery", sa.Text, nullable=False, server_default=""),
        sa.Column("timescale", sa.String, nullable=False, server_default=""),
        sa.Column("due_date_override", sa.Date, nullable=True),
        sa.Column("lead", sa.String, nullable=False, server_default=""),
        sa.Column("status", sa.String, nullable=False, server_default="not_started"),
        sa.Column("reference", sa.String, nullable=False, server_default=""),
        sa.Column("carried_from_id", sa.Integer, sa.ForeignKey("action.id", ondelete="SET NULL"), nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_action_response_position", "action", ["response_id", "position"])
    op.create_index("ix_action_carried_from", "action", ["carried_from_id"])
    op.create_table(
        "action_update",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action_id", sa.Integer, sa.ForeignKey("action.id", ondelete="CASCADE"), nullable=False),
        sa.Column("on_date", sa.Date, nullable=False),
        sa.Column("author", sa.String, nullable=False, server_default=""),
        sa.Column("text", sa.Text, nullable=False, server_default=""),
        sa.Column("kind", sa.String, nullable=False, server_default="progress"),
        sa.Column("status_after", sa.String, nullable=True),
        sa.Column("due_date_before", sa.Date, nullable=True),
        sa.Column("due_date_after", sa.Date, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_action_update_action", "action_update", ["action_id"])
    op.create_table(
        "round_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("evaluation_round.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
    )
    if op.get_bind().dialect.name == "sqlite":
        # PostgreSQL gets its guards, written in PL/pgSQL, from migration 0002.
        for statement in _lock_triggers():
            op.execute(statement)


def downgrade() -> None:
    for table in ("round_event", "action_update", "action", "response", "evaluation_round", "partnership"):
        op.drop_table(table)
