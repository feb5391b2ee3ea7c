"""Comparator groups: named sets of partnerships to compare with ("Island authorities").

* ``comparator_group``: a name (given, unique) and when it was made and last changed;
* ``comparator_group_member``: one partnership in one group, at most once; a member goes
  with its group or its partnership (ON DELETE CASCADE).

Groups are the collator's working set, not part of any return: an approved round does not
freeze them.  The guards are the ones every table has: ids never change, and on SQLite the
change counter in ``store_meta`` counts every write (backups and the check on opening rely
on it).  Self-contained on top of 0002, whatever other migrations come beside it.

Revision ID: 0005
Revises: 0004
Create Date: 2027-01-10
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("comparator_group", "comparator_group_member")
ID_FIXED = "[id-fixed] a row's id never changes"


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    trim = "trim" if sqlite else "btrim"
    op.create_table(
        "comparator_group",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.CheckConstraint(f"{trim}(name) <> ''", name="group_name_given"),
    )
    op.create_table(
        "comparator_group_member",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("group_id", sa.Integer, sa.ForeignKey("comparator_group.id", ondelete="CASCADE"), nullable=False),
        sa.Column("partnership_id", sa.Integer, sa.ForeignKey("partnership.id", ondelete="CASCADE"),
                  nullable=False),
        sa.UniqueConstraint("group_id", "partnership_id"),
    )
    op.create_index("ix_group_member_partnership", "comparator_group_member", ["partnership_id"])
    if sqlite:
        _upgrade_sqlite()
    else:
        _upgrade_postgresql()


def downgrade() -> None:  # pragma: no cover - msgdesk only moves forward
    raise NotImplementedError("msgdesk databases are not downgraded; restore a backup instead")


def _sq(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _upgrade_sqlite() -> None:
    for table in TABLES:
        op.execute(f"CREATE TRIGGER {table}_id_fixed BEFORE UPDATE OF id ON {table} WHEN NEW.id IS NOT OLD.id "
                   f"BEGIN SELECT RAISE(ABORT, {_sq(ID_FIXED)}); END")
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {table}_count_{event.lower()} AFTER {event} ON {table} "
                       "BEGIN UPDATE store_meta SET changes = changes + 1 WHERE id = 1; END")


def _upgrade_postgresql() -> None:
    # msgdesk_id_fixed() is 0002's: RAISE ... ERRCODE 'check_violation', '[id-fixed] ...'.
    for table in TABLES:
        op.execute(f"CREATE TRIGGER {table}_id_fixed BEFORE UPDATE OF id ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION msgdesk_id_fixed()")
