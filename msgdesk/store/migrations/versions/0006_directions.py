"""Directions from the IJB to the Health Board and the Local Authority, and their log.

Tables: ``direction`` (a draft until ``issued_on`` is set), ``direction_milestone``,
``direction_issue`` (delivery issues) and ``direction_update`` (progress updates), and
``delivery_body`` (a partnership's names for its Health Board and Local Authority).

Guards, for every writer (SQLite triggers and PL/pgSQL, as in 0002):

* An issued direction's content is locked, like an approved return: its columns, and
  its milestones (added, changed, moved or removed), cannot change, and it cannot be
  deleted (nor replaced by SQLite's INSERT OR REPLACE).  ``[direction-issued]``
* A revocation (with a reason) or a completion is recorded once, on an issued direction
  that has not been superseded, never both, and never changed afterwards.
  ``[direction-closed]``, ``[not-issued]``, ``[reason-required]``
* A direction issued to vary another must name an issued direction of the same
  partnership that is still in force and not yet superseded.  ``[supersedes-not-in-force]``
* A milestone's date of achievement is recorded once, on an issued direction.
  ``[record-final]``
* Delivery issues and progress updates are append-only, and only for an issued
  direction.  ``[history-append-only]``
* The partnership of an issued direction is not deleted (nor replaced on SQLite).
* Ids never change; on SQLite the change counter counts every write to the new tables.

(Numbered 0006: the branches that added 0004 and 0005 reached main first; 0003 was never
released.)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ISSUED = ("[direction-issued] this direction has been issued by the IJB and its content is locked; "
          "vary it by issuing a new direction that supersedes it")
DELETE_ISSUED = "[direction-issued] an issued direction is part of the log and is never deleted"
CLOSED_FINAL = "[direction-closed] a direction's revocation or completion is recorded once and never changed"
CLOSED_BOTH = "[direction-closed] a direction is either revoked or completed, not both"
CLOSED_SUPERSEDED = ("[direction-closed] this direction has been superseded by a later direction; "
                     "it can no longer be revoked or completed")
NOT_ISSUED = "[not-issued] only an issued direction can be revoked, completed or followed up"
REASON = "[reason-required] say why the direction is revoked; the reason is recorded"
SUPERSEDES = ("[supersedes-not-in-force] a direction can only vary (supersede) an issued direction of the "
              "same partnership that is in force and not already superseded")
ACHIEVED_FINAL = "[record-final] a milestone's date of achievement is recorded once and never changed"
ID_FIXED = "[id-fixed] a row's id never changes"
PARTNERSHIP_KEPT = "[direction-issued] the partnership has issued directions, which are never deleted"
ISSUES_FIXED = "[history-append-only] a direction's delivery issues can only be added to, never changed or removed"
UPDATES_FIXED = "[history-append-only] a direction's progress updates can only be added to, never changed or removed"

PARTNERS = ("health_board", "local_authority")
BASES = ("payment", "set_aside", "payment_and_set_aside")
#: The columns of a direction that are its content (locked once issued).
CONTENT = ("partnership_id", "reference", "title", "functions", "to_health_board", "to_local_authority",
           "ijb_meeting", "ijb_report", "minute_reference", "issued_on", "instruction", "outcomes",
           "resource_pence", "resource_basis", "timescale", "review_date", "supersedes_id")
MILESTONE_CONTENT = ("direction_id", "position", "milestone", "timescale", "due_date")
NEW_TABLES = ("delivery_body", "direction", "direction_milestone", "direction_issue", "direction_update")


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _tables() -> None:
    text_default = sa.text("''")
    op.create_table(
        "delivery_body",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("partnership_id", sa.Integer, sa.ForeignKey("partnership.id", ondelete="CASCADE"), nullable=False),
        sa.Column("partner", sa.String, nullable=False),
        sa.Column("name", sa.String, nullable=False, server_default=text_default),
        sa.UniqueConstraint("partnership_id", "partner"),
        sa.CheckConstraint(f"partner IN ({_quoted(PARTNERS)})", name="delivery_body_partner_known"),
    )
    op.create_table(
        "direction",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("partnership_id", sa.Integer, sa.ForeignKey("partnership.id", ondelete="CASCADE"), nullable=False),
        sa.Column("reference", sa.String, nullable=False),
        sa.Column("title", sa.String, nullable=False, server_default=text_default),
        sa.Column("functions", sa.Text, nullable=False, server_default=text_default),
        sa.Column("to_health_board", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("to_local_authority", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("ijb_meeting", sa.Date, nullable=True),
        sa.Column("ijb_report", sa.String, nullable=False, server_default=text_default),
        sa.Column("minute_reference", sa.String, nullable=False, server_default=text_default),
        sa.Column("issued_on", sa.Date, nullable=True),
        sa.Column("instruction", sa.Text, nullable=False, server_default=text_default),
        sa.Column("outcomes", sa.Text, nullable=False, server_default=text_default),
        sa.Column("resource_pence", sa.BigInteger, nullable=True),
        sa.Column("resource_basis", sa.String, nullable=True),
        sa.Column("timescale", sa.String, nullable=False, server_default=text_default),
        sa.Column("review_date", sa.Date, nullable=True),
        sa.Column("supersedes_id", sa.Integer, sa.ForeignKey("direction.id"), nullable=True),
        sa.Column("revoked_on", sa.Date, nullable=True),
        sa.Column("revoked_reason", sa.Text, nullable=False, server_default=text_default),
        sa.Column("completed_on", sa.Date, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.UniqueConstraint("partnership_id", "reference"),
        # Backstops behind the guards below (whose refusals say why in words).
        sa.CheckConstraint("resource_pence IS NULL OR resource_pence >= 0", name="direction_resource_not_negative"),
        sa.CheckConstraint(f"resource_basis IS NULL OR resource_basis IN ({_quoted(BASES)})",
                           name="direction_basis_known"),
        sa.CheckConstraint("issued_on IS NULL OR to_health_board OR to_local_authority",
                           name="direction_issued_to_someone"),
        sa.CheckConstraint("revoked_on IS NULL OR completed_on IS NULL", name="direction_revoked_or_completed"),
        sa.CheckConstraint("(revoked_on IS NULL AND completed_on IS NULL) OR issued_on IS NOT NULL",
                           name="direction_closed_after_issue"),
    )
    op.create_index("ix_direction_partnership", "direction", ["partnership_id"])
    # One issued direction supersedes a given direction (drafts varying it may be several).
    op.create_index("ux_direction_superseded_once", "direction", ["supersedes_id"], unique=True,
                    sqlite_where=sa.text("issued_on IS NOT NULL AND supersedes_id IS NOT NULL"),
                    postgresql_where=sa.text("issued_on IS NOT NULL AND supersedes_id IS NOT NULL"))
    op.create_table(
        "direction_milestone",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("direction_id", sa.Integer, sa.ForeignKey("direction.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("milestone", sa.Text, nullable=False, server_default=text_default),
        sa.Column("timescale", sa.String, nullable=False, server_default=text_default),
        sa.Column("due_date", sa.Date, nullable=True),
        sa.Column("achieved_on", sa.Date, nullable=True),
    )
    op.create_index("ix_direction_milestone_direction", "direction_milestone", ["direction_id"])
    for table in ("direction_issue", "direction_update"):
        op.create_table(
            table,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("direction_id", sa.Integer, sa.ForeignKey("direction.id", ondelete="CASCADE"), nullable=False),
            sa.Column("on_date", sa.Date, nullable=False),
            sa.Column("text", sa.Text, nullable=False, server_default=text_default),
            sa.Column("author", sa.String, nullable=False, server_default=text_default),
            sa.Column("created_at", sa.DateTime, nullable=False),
        )
        op.create_index(f"ix_{table}_direction", table, ["direction_id"])


def upgrade() -> None:
    _tables()
    if op.get_bind().dialect.name == "sqlite":
        statements = _sqlite_guards()
    else:
        statements = _postgresql_guards()
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:  # pragma: no cover - msgdesk only moves forward
    raise NotImplementedError("msgdesk databases are not downgraded; restore a backup instead")


# --- SQLite ---------------------------------------------------------------------------------


def _sq(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _refuse(message: str) -> str:
    return f"SELECT RAISE(ABORT, {_sq(message)});"


def _changed(columns: tuple[str, ...]) -> str:
    return "(" + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns) + ")"


def _sqlite_guards() -> list[str]:
    s: list[str] = []

    def trigger(name: str, when: str, event: str, table: str, condition: str | None, body: str) -> None:
        where = f" WHEN {condition}" if condition else ""
        s.append(f"CREATE TRIGGER {name} {when} {event} ON {table}{where} BEGIN {body} END")

    for table in NEW_TABLES:
        trigger(f"{table}_id_fixed", "BEFORE", "UPDATE OF id", table, "NEW.id IS NOT OLD.id", _refuse(ID_FIXED))

    # direction: the content lock
    content = ", ".join(CONTENT)
    trigger("direction_issued_locked", "BEFORE", f"UPDATE OF {content}", "direction",
            f"OLD.issued_on IS NOT NULL AND {_changed(CONTENT)}", _refuse(ISSUED))
    trigger("direction_issued_delete", "BEFORE", "DELETE", "direction", "OLD.issued_on IS NOT NULL",
            _refuse(DELETE_ISSUED))
    # INSERT OR REPLACE deletes the row it replaces without firing delete triggers.
    trigger("direction_issued_replace", "BEFORE", "INSERT", "direction",
            "EXISTS (SELECT 1 FROM direction x WHERE x.issued_on IS NOT NULL AND (x.id = NEW.id OR "
            "(x.partnership_id = NEW.partnership_id AND x.reference = NEW.reference)))", _refuse(DELETE_ISSUED))
    trigger("direction_replace_into_issued", "BEFORE", "UPDATE", "direction",
            "EXISTS (SELECT 1 FROM direction x WHERE x.id <> OLD.id AND x.issued_on IS NOT NULL AND "
            "(x.id = NEW.id OR (x.partnership_id = NEW.partnership_id AND x.reference = NEW.reference)))",
            _refuse(DELETE_ISSUED))

    # the partnership of an issued direction stays (with foreign keys off too, and through REPLACE)
    trigger("partnership_directions_delete", "BEFORE", "DELETE", "partnership",
            "EXISTS (SELECT 1 FROM direction WHERE partnership_id = OLD.id AND issued_on IS NOT NULL)",
            _refuse(PARTNERSHIP_KEPT))
    trigger("partnership_directions_replace", "BEFORE", "INSERT", "partnership",
            "EXISTS (SELECT 1 FROM partnership p JOIN direction d ON d.partnership_id = p.id "
            "WHERE (p.id = NEW.id OR p.name = NEW.name) AND d.issued_on IS NOT NULL)", _refuse(PARTNERSHIP_KEPT))

    # revocation and completion: once, after issue, not both, never changed, not once superseded
    for event, old_closed in (("INSERT", "0"), ("UPDATE", "1")):
        suffix = event.lower()
        final = ("(OLD.revoked_on IS NOT NULL AND (NEW.revoked_on IS NOT OLD.revoked_on OR "
                 "NEW.revoked_reason IS NOT OLD.revoked_reason)) OR "
                 "(OLD.completed_on IS NOT NULL AND NEW.completed_on IS NOT OLD.completed_on)")
        if old_closed == "1":
            trigger("direction_closed_final", "BEFORE", "UPDATE", "direction", final, _refuse(CLOSED_FINAL))
        trigger(f"direction_closed_both_{suffix}", "BEFORE", event, "direction",
                "NEW.revoked_on IS NOT NULL AND NEW.completed_on IS NOT NULL", _refuse(CLOSED_BOTH))
        trigger(f"direction_closed_issued_{suffix}", "BEFORE", event, "direction",
                "(NEW.revoked_on IS NOT NULL OR NEW.completed_on IS NOT NULL) AND NEW.issued_on IS NULL",
                _refuse(NOT_ISSUED))
        trigger(f"direction_revoked_reason_{suffix}", "BEFORE", event, "direction",
                "NEW.revoked_on IS NOT NULL AND trim(COALESCE(NEW.revoked_reason, '')) = ''", _refuse(REASON))
    newly_closed = ("((NEW.revoked_on IS NOT NULL AND OLD.revoked_on IS NULL) OR "
                    "(NEW.completed_on IS NOT NULL AND OLD.completed_on IS NULL))")
    trigger("direction_closed_superseded", "BEFORE", "UPDATE", "direction",
            f"{newly_closed} AND EXISTS (SELECT 1 FROM direction x WHERE x.supersedes_id = NEW.id "
            "AND x.issued_on IS NOT NULL AND x.id <> NEW.id)", _refuse(CLOSED_SUPERSEDED))

    # supersession: checked when a direction naming another is issued (or arrives issued)
    target_bad = (
        "NOT EXISTS (SELECT 1 FROM direction t WHERE t.id = NEW.supersedes_id AND t.id <> NEW.id "
        "AND t.partnership_id = NEW.partnership_id AND t.issued_on IS NOT NULL "
        "AND t.revoked_on IS NULL AND t.completed_on IS NULL) "
        "OR EXISTS (SELECT 1 FROM direction o WHERE o.supersedes_id = NEW.supersedes_id "
        "AND o.issued_on IS NOT NULL AND o.id <> NEW.id)"
    )
    trigger("direction_supersedes_insert", "BEFORE", "INSERT", "direction",
            f"NEW.issued_on IS NOT NULL AND NEW.supersedes_id IS NOT NULL AND ({target_bad})", _refuse(SUPERSEDES))
    trigger("direction_supersedes_issue", "BEFORE", "UPDATE OF issued_on, supersedes_id", "direction",
            f"OLD.issued_on IS NULL AND NEW.issued_on IS NOT NULL AND NEW.supersedes_id IS NOT NULL "
            f"AND ({target_bad})", _refuse(SUPERSEDES))

    # milestones: part of the content
    issued_parent = "(SELECT issued_on FROM direction WHERE id = {ref}) IS NOT NULL"
    trigger("direction_milestone_locked_insert", "BEFORE", "INSERT", "direction_milestone",
            issued_parent.format(ref="NEW.direction_id"), _refuse(ISSUED))
    trigger("direction_milestone_replace", "BEFORE", "INSERT", "direction_milestone",
            "EXISTS (SELECT 1 FROM direction_milestone m JOIN direction d ON d.id = m.direction_id "
            "WHERE m.id = NEW.id AND d.issued_on IS NOT NULL)", _refuse(ISSUED))
    changed = _changed(MILESTONE_CONTENT)
    columns = ", ".join(MILESTONE_CONTENT)
    for name, ref in (("update", "OLD.direction_id"), ("update_into", "NEW.direction_id")):
        trigger(f"direction_milestone_locked_{name}", "BEFORE", f"UPDATE OF {columns}", "direction_milestone",
                f"{changed} AND {issued_parent.format(ref=ref)}", _refuse(ISSUED))
    trigger("direction_milestone_locked_delete", "BEFORE", "DELETE", "direction_milestone",
            issued_parent.format(ref="OLD.direction_id"), _refuse(ISSUED))
    trigger("direction_milestone_achieved_final", "BEFORE", "UPDATE OF achieved_on", "direction_milestone",
            "OLD.achieved_on IS NOT NULL AND NEW.achieved_on IS NOT OLD.achieved_on", _refuse(ACHIEVED_FINAL))
    trigger("direction_milestone_achieved_issued", "BEFORE", "UPDATE OF achieved_on", "direction_milestone",
            "NEW.achieved_on IS NOT NULL AND NOT " + issued_parent.format(ref="NEW.direction_id"),
            _refuse(NOT_ISSUED))

    # delivery issues and progress updates: append-only, on issued directions
    for table, message in (("direction_issue", ISSUES_FIXED), ("direction_update", UPDATES_FIXED)):
        trigger(f"{table}_no_update", "BEFORE", "UPDATE", table, None, _refuse(message))
        trigger(f"{table}_no_delete", "BEFORE", "DELETE", table,
                "EXISTS (SELECT 1 FROM direction WHERE id = OLD.direction_id)", _refuse(message))
        trigger(f"{table}_no_replace", "BEFORE", "INSERT", table,
                f"EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id)", _refuse(message))
        trigger(f"{table}_issued_only", "BEFORE", "INSERT", table,
                "NOT " + issued_parent.format(ref="NEW.direction_id"), _refuse(NOT_ISSUED))

    # the change counter
    for table in NEW_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            trigger(f"{table}_count_{event.lower()}", "AFTER", event, table, None,
                    "UPDATE store_meta SET changes = changes + 1 WHERE id = 1;")
    return s


# --- PostgreSQL -----------------------------------------------------------------------------


def _raise(message: str) -> str:
    return f"RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = {_sq(message)};"


def _tuple(prefix: str, columns: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"{prefix}.{c}" for c in columns) + ")"


def _postgresql_guards() -> list[str]:
    target_bad = (
        "NOT EXISTS (SELECT 1 FROM direction t WHERE t.id = NEW.supersedes_id AND t.id <> NEW.id "
        "AND t.partnership_id = NEW.partnership_id AND t.issued_on IS NOT NULL "
        "AND t.revoked_on IS NULL AND t.completed_on IS NULL) "
        "OR EXISTS (SELECT 1 FROM direction o WHERE o.supersedes_id = NEW.supersedes_id "
        "AND o.issued_on IS NOT NULL AND o.id <> NEW.id)"
    )
    issued_parent = "EXISTS (SELECT 1 FROM direction WHERE id = {ref} AND issued_on IS NOT NULL)"
    functions = {
        "msgdesk_direction_guard": f"""
            IF TG_OP = 'DELETE' THEN
                IF OLD.issued_on IS NOT NULL THEN {_raise(DELETE_ISSUED)} END IF;
                RETURN OLD;
            END IF;
            IF TG_OP = 'UPDATE' THEN
                IF OLD.issued_on IS NOT NULL AND {_tuple('NEW', CONTENT)} IS DISTINCT FROM {_tuple('OLD', CONTENT)}
                THEN {_raise(ISSUED)} END IF;
                IF (OLD.revoked_on IS NOT NULL AND (NEW.revoked_on, NEW.revoked_reason)
                        IS DISTINCT FROM (OLD.revoked_on, OLD.revoked_reason))
                   OR (OLD.completed_on IS NOT NULL AND NEW.completed_on IS DISTINCT FROM OLD.completed_on)
                THEN {_raise(CLOSED_FINAL)} END IF;
            END IF;
            IF NEW.revoked_on IS NOT NULL AND NEW.completed_on IS NOT NULL THEN {_raise(CLOSED_BOTH)} END IF;
            IF (NEW.revoked_on IS NOT NULL OR NEW.completed_on IS NOT NULL) AND NEW.issued_on IS NULL
            THEN {_raise(NOT_ISSUED)} END IF;
            IF NEW.revoked_on IS NOT NULL AND btrim(COALESCE(NEW.revoked_reason, '')) = ''
            THEN {_raise(REASON)} END IF;
            IF TG_OP = 'UPDATE' AND ((NEW.revoked_on IS NOT NULL AND OLD.revoked_on IS NULL)
                                     OR (NEW.completed_on IS NOT NULL AND OLD.completed_on IS NULL))
               AND EXISTS (SELECT 1 FROM direction x WHERE x.supersedes_id = NEW.id
                           AND x.issued_on IS NOT NULL AND x.id <> NEW.id)
            THEN {_raise(CLOSED_SUPERSEDED)} END IF;
            IF NEW.issued_on IS NOT NULL AND NEW.supersedes_id IS NOT NULL
               AND (TG_OP = 'INSERT' OR OLD.issued_on IS NULL) AND ({target_bad})
            THEN {_raise(SUPERSEDES)} END IF;
            RETURN NEW;""",
        "msgdesk_direction_milestone_guard": f"""
            IF TG_OP = 'UPDATE' THEN
                IF OLD.achieved_on IS NOT NULL AND NEW.achieved_on IS DISTINCT FROM OLD.achieved_on
                THEN {_raise(ACHIEVED_FINAL)} END IF;
                IF NEW.achieved_on IS NOT NULL AND NOT {issued_parent.format(ref='NEW.direction_id')}
                THEN {_raise(NOT_ISSUED)} END IF;
                IF {_tuple('NEW', MILESTONE_CONTENT)} IS NOT DISTINCT FROM {_tuple('OLD', MILESTONE_CONTENT)}
                THEN RETURN NEW; END IF;
            END IF;
            IF TG_OP IN ('UPDATE', 'DELETE') AND {issued_parent.format(ref='OLD.direction_id')}
            THEN {_raise(ISSUED)} END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') AND {issued_parent.format(ref='NEW.direction_id')}
            THEN {_raise(ISSUED)} END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;""",
        "msgdesk_partnership_directions_guard": f"""
            IF EXISTS (SELECT 1 FROM direction WHERE partnership_id = OLD.id AND issued_on IS NOT NULL)
            THEN {_raise(PARTNERSHIP_KEPT)} END IF;
            RETURN OLD;""",
        # TRUNCATE skips row triggers: refuse it while any direction has been issued.
        "msgdesk_direction_truncate_guard": f"""
            IF EXISTS (SELECT 1 FROM direction WHERE issued_on IS NOT NULL) THEN {_raise(DELETE_ISSUED)} END IF;
            RETURN NULL;""",
    }
    for table, message in (("direction_issue", ISSUES_FIXED), ("direction_update", UPDATES_FIXED)):
        functions[f"msgdesk_{table}_guard"] = f"""
            IF TG_OP = 'INSERT' THEN
                IF NOT {issued_parent.format(ref='NEW.direction_id')} THEN {_raise(NOT_ISSUED)} END IF;
                RETURN NEW;
            END IF;
            IF TG_OP = 'UPDATE' THEN {_raise(message)} END IF;
            IF EXISTS (SELECT 1 FROM direction WHERE id = OLD.direction_id) THEN {_raise(message)} END IF;
            RETURN OLD;"""
    s = [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $msgdesk$\n"
        f"BEGIN{body}\nEND\n$msgdesk$"
        for name, body in functions.items()
    ]
    for table in NEW_TABLES:
        # msgdesk_id_fixed() comes from migration 0002
        s.append(f"CREATE TRIGGER {table}_id_fixed BEFORE UPDATE OF id ON {table} "
                 "FOR EACH ROW EXECUTE FUNCTION msgdesk_id_fixed()")
        if table != "delivery_body":
            s.append(f"CREATE TRIGGER {table}_truncate_guard BEFORE TRUNCATE ON {table} "
                     "FOR EACH STATEMENT EXECUTE FUNCTION msgdesk_direction_truncate_guard()")
    s += [
        "CREATE TRIGGER partnership_directions_guard BEFORE DELETE ON partnership "
        "FOR EACH ROW EXECUTE FUNCTION msgdesk_partnership_directions_guard()",
        "CREATE TRIGGER direction_guard BEFORE INSERT OR UPDATE OR DELETE ON direction "
        "FOR EACH ROW EXECUTE FUNCTION msgdesk_direction_guard()",
        "CREATE TRIGGER direction_milestone_guard BEFORE INSERT OR UPDATE OR DELETE ON direction_milestone "
        "FOR EACH ROW EXECUTE FUNCTION msgdesk_direction_milestone_guard()",
        "CREATE TRIGGER direction_issue_guard BEFORE INSERT OR UPDATE OR DELETE ON direction_issue "
        "FOR EACH ROW EXECUTE FUNCTION msgdesk_direction_issue_guard()",
        "CREATE TRIGGER direction_update_guard BEFORE INSERT OR UPDATE OR DELETE ON direction_update "
        "FOR EACH ROW EXECUTE FUNCTION msgdesk_direction_update_guard()",
    ]
    return s
