"""Checks on every enumeration and date, and two more records made append-only.

Another SQLite tool (or a hand-written UPDATE) could store a ``status`` of ``x`` or a
``created_at`` of ``x``; msgdesk then stopped with a traceback on every later read.  Now:

* Each enumeration column takes only the values msgdesk knows (the values below are frozen
  here as they were at this revision; ``tests/test_slips_storage.py`` checks them against
  the enums).  ``[invalid-value]``
* On SQLite each date column takes only a real ``YYYY-MM-DD`` day and each moment column a
  real ``YYYY-MM-DD HH:MM:SS…``; PostgreSQL's ``date``/``timestamp`` types do that already.
* ``content_change`` (who wrote what, per answer) is append-only: a row goes only with its
  round; who, where, what field and from where never change.  Two updates stay allowed: the
  database's own ``ON DELETE SET NULL`` of its pack, and a burst of typing extending the
  newest entry of its proposal (``changes.record`` moves its ``at`` and ``detail``); an entry
  with a later one after it is final.
  ``store_meta`` (what the database is) is never deleted, and only its change counter moves.
  ``[history-append-only]``

How: PostgreSQL gets real ``CHECK`` constraints, ``NOT VALID`` so that a database holding an
old odd row still opens (such a row is reported as damaged, with its place, when read).
SQLite cannot add a CHECK to an existing table without rebuilding the table, which would
drop and need re-creating every guard trigger of 0002, 0004 and 0006; a ``BEFORE INSERT`` /
``BEFORE UPDATE OF`` trigger refusing the row is the same check without the rebuild.

Nothing here assumes which revision comes before it: it only adds constraints and triggers
with names of its own.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

INVALID = "[invalid-value] {table}.{column} takes only the values msgdesk knows"
INVALID_DATE = "[invalid-value] {table}.{column} takes only a date (YYYY-MM-DD)"
INVALID_MOMENT = "[invalid-value] {table}.{column} takes only a date and time (YYYY-MM-DD[ HH:MM:SS])"
CHANGES_FIXED = ("[history-append-only] the record of who changed what can only be added to, "
                 "never changed or removed")
META_FIXED = "[history-append-only] the database's own record of what it is is never removed or rewritten"

RATINGS = ("not_yet_established", "partly_established", "established", "exemplary")
ACTION_STATUSES = ("not_started", "on_track", "at_risk", "off_track", "complete", "ongoing", "in_place",
                   "superseded")
#: (table, column): (the values, whether NULL is allowed, whether '' is allowed).
ENUMS: dict[tuple[str, str], tuple[tuple[str, ...], bool, bool]] = {
    ("evaluation_round", "status"): (("draft", "ready", "approved", "reopened"), False, False),
    ("response", "rating"): (RATINGS, True, False),
    ("response", "previous_rating"): (RATINGS, True, False),
    ("action", "status"): (ACTION_STATUSES, False, False),
    ("action_update", "kind"): (("progress", "status", "due_date", "lead", "carried_forward"), False, False),
    ("action_update", "status_after"): (ACTION_STATUSES, True, False),
    ("round_event", "kind"): (("created", "imported", "started_from_previous", "replaced_by_import", "marked_ready",
                               "marked_draft", "approved", "reopened", "restored"), False, False),
    ("contribution_pack", "direction"): (("sent", "received"), False, False),
    ("contribution_pack", "state"): (("sent", "merged", "withdrawn"), False, False),
    ("merge_conflict", "field"): (("rating", "evidence", "action", "delivery", "timescale", "lead", "due_date",
                                   "presence", "order"), False, False),
    ("merge_conflict", "state"): (("open", "resolved"), False, False),
    ("merge_conflict", "resolution"): (("ours", "theirs", "combined", "superseded"), False, True),
    ("content_change", "field"): (("rating", "previous_rating", "evidence", "action", "delivery", "timescale",
                                   "lead", "due_date", "action_added", "action_deleted", "actions_order",
                                   "response", "conflict"), False, False),
    ("content_change", "source"): (("edit", "import", "merge", "resolve", "start"), False, False),
}
#: Date columns (``YYYY-MM-DD``), by table.
DATES: dict[str, tuple[str, ...]] = {
    "evaluation_round": ("completed_on", "ijb_meeting_date"),
    "action": ("due_date_override",),
    "action_update": ("on_date", "due_date_before", "due_date_after"),
    "direction": ("ijb_meeting", "issued_on", "review_date", "revoked_on", "completed_on"),
    "direction_milestone": ("due_date", "achieved_on"),
    "direction_issue": ("on_date",),
    "direction_update": ("on_date",),
}
#: Moment columns (``YYYY-MM-DD HH:MM:SS[.ffffff]``), by table.
MOMENTS: dict[str, tuple[str, ...]] = {
    "partnership": ("created_at",),
    "evaluation_round": ("created_at", "updated_at"),
    "response": ("updated_at",),
    "action": ("created_at", "updated_at"),
    "action_update": ("created_at",),
    "round_event": ("at",),
    "contribution_pack": ("created_at", "last_reply_at", "merged_at"),
    "merge_conflict": ("reply_at", "created_at", "resolved_at"),
    "content_change": ("at",),
    "comparator_group": ("created_at", "updated_at"),
    "direction": ("created_at", "updated_at"),
    "direction_issue": ("created_at",),
    "direction_update": ("created_at",),
}
#: content_change's columns that never change (its pack is set to NULL by the database; its
#: detail and moment are extended while it is the newest entry of its proposal).
CHANGE_COLUMNS = ("id", "round_id", "proposal_id", "action_uid", "field", "source", "author")
CHANGE_EXTENDED = ("detail", "at")
#: The entry being updated is not the newest of its proposal (SQL over OLD).
LATER_ENTRY = ("EXISTS (SELECT 1 FROM content_change later WHERE later.round_id = OLD.round_id "
               "AND later.proposal_id = OLD.proposal_id AND later.id > OLD.id)")

DAY_PATTERN = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"


def _sq(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _enum_condition(column: str, values: tuple[str, ...], nullable: bool, empty: bool) -> str:
    """True for a good value (as SQL, over ``column``)."""
    allowed = ", ".join(_sq(v) for v in values + (("",) if empty else ()))
    condition = f"{column} IN ({allowed})"
    return f"({column} IS NULL OR {condition})" if nullable else f"({column} IS NOT NULL AND {condition})"


def _sqlite_day(column: str) -> str:
    # date(julianday(x)) = x: a real day (2022-02-31 becomes 2022-03-03 and fails).
    return (f"({column} IS NULL OR (typeof({column}) = 'text' AND {column} GLOB '{DAY_PATTERN}' "
            f"AND date(julianday({column})) = {column}))")


def _sqlite_moment(column: str) -> str:
    # A day alone reads as its midnight, so it is allowed too.
    return (f"({column} IS NULL OR (typeof({column}) = 'text' AND {column} GLOB '{DAY_PATTERN}*' "
            f"AND (length({column}) = 10 OR substr({column}, 11, 1) IN (' ', 'T')) "
            f"AND julianday({column}) IS NOT NULL "
            f"AND date(julianday(substr({column}, 1, 10))) = substr({column}, 1, 10)))")


def sqlite_rules() -> list[tuple[str, str, str, str]]:
    """(table, column, SQL true for a good value over ``NEW.column``, message)."""
    rules = []
    for (table, column), (values, nullable, empty) in ENUMS.items():
        rules.append((table, column, _enum_condition(f"NEW.{column}", values, nullable, empty),
                      INVALID.format(table=table, column=column)))
    for table, columns in DATES.items():
        for column in columns:
            rules.append((table, column, _sqlite_day(f"NEW.{column}"), INVALID_DATE.format(table=table, column=column)))
    for table, columns in MOMENTS.items():
        for column in columns:
            rules.append((table, column, _sqlite_moment(f"NEW.{column}"),
                          INVALID_MOMENT.format(table=table, column=column)))
    return rules


def _upgrade_sqlite() -> None:
    for table, column, good, message in sqlite_rules():
        refuse = f"SELECT RAISE(ABORT, {_sq(message)});"
        for event, suffix in (("INSERT", "insert"), (f"UPDATE OF {column}", "update")):
            op.execute(f"CREATE TRIGGER check_{table}_{column}_{suffix} BEFORE {event} ON {table} "
                       f"WHEN NOT {good} BEGIN {refuse} END")
    fixed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in CHANGE_COLUMNS)
    extended = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in CHANGE_EXTENDED)
    op.execute(f"CREATE TRIGGER content_change_no_update BEFORE UPDATE ON content_change "
               f"WHEN {fixed} OR (({extended}) AND {LATER_ENTRY}) "
               f"BEGIN SELECT RAISE(ABORT, {_sq(CHANGES_FIXED)}); END")
    op.execute("CREATE TRIGGER content_change_no_delete BEFORE DELETE ON content_change "
               "WHEN EXISTS (SELECT 1 FROM evaluation_round WHERE id = OLD.round_id) "
               f"BEGIN SELECT RAISE(ABORT, {_sq(CHANGES_FIXED)}); END")
    op.execute("CREATE TRIGGER content_change_no_replace BEFORE INSERT ON content_change "
               "WHEN EXISTS (SELECT 1 FROM content_change WHERE id = NEW.id) "
               f"BEGIN SELECT RAISE(ABORT, {_sq(CHANGES_FIXED)}); END")
    op.execute("CREATE TRIGGER store_meta_no_delete BEFORE DELETE ON store_meta "
               f"BEGIN SELECT RAISE(ABORT, {_sq(META_FIXED)}); END")
    op.execute("CREATE TRIGGER store_meta_fixed BEFORE UPDATE OF id, application ON store_meta "
               "WHEN NEW.id IS NOT OLD.id OR NEW.application IS NOT OLD.application "
               f"BEGIN SELECT RAISE(ABORT, {_sq(META_FIXED)}); END")
    op.execute("CREATE TRIGGER store_meta_no_replace BEFORE INSERT ON store_meta "
               "WHEN EXISTS (SELECT 1 FROM store_meta) "
               f"BEGIN SELECT RAISE(ABORT, {_sq(META_FIXED)}); END")


def _raise(message: str) -> str:
    return f"RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = {_sq(message)};"


def _upgrade_postgresql() -> None:
    for (table, column), (values, nullable, empty) in ENUMS.items():
        # NOT VALID: new and changed rows are checked; an old odd row does not stop the
        # database opening (it is reported, with its place, when read).
        # dropped first, as the triggers below: the step can run again on a database whose
        # upgrade stopped part-way (or that another msgdesk upgraded at the same moment)
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {table}_{column}_known")
        op.execute(f"ALTER TABLE {table} ADD CONSTRAINT {table}_{column}_known "
                   f"CHECK {_enum_condition(column, values, nullable, empty)} NOT VALID")
    changed = ", ".join(f"NEW.{c}" for c in CHANGE_COLUMNS)
    was = ", ".join(f"OLD.{c}" for c in CHANGE_COLUMNS)
    extended = ", ".join(f"NEW.{c}" for c in CHANGE_EXTENDED)
    extended_was = ", ".join(f"OLD.{c}" for c in CHANGE_EXTENDED)
    functions = {
        "msgdesk_changes_guard": f"""
            IF TG_OP = 'UPDATE' THEN
                IF ({changed}) IS DISTINCT FROM ({was}) THEN {_raise(CHANGES_FIXED)} END IF;
                IF ({extended}) IS DISTINCT FROM ({extended_was}) AND {LATER_ENTRY}
                THEN {_raise(CHANGES_FIXED)} END IF;
                RETURN NEW;
            END IF;
            IF EXISTS (SELECT 1 FROM evaluation_round WHERE id = OLD.round_id) THEN {_raise(CHANGES_FIXED)} END IF;
            RETURN OLD;""",
        "msgdesk_meta_guard": f"""
            IF TG_OP = 'DELETE' THEN {_raise(META_FIXED)} END IF;
            IF TG_OP = 'INSERT' THEN
                IF EXISTS (SELECT 1 FROM store_meta) THEN {_raise(META_FIXED)} END IF;
                RETURN NEW;
            END IF;
            IF (NEW.id, NEW.application) IS DISTINCT FROM (OLD.id, OLD.application) THEN {_raise(META_FIXED)} END IF;
            RETURN NEW;""",
        "msgdesk_meta_truncate_guard": f"""
            {_raise(META_FIXED)}
            RETURN NULL;""",
    }
    for name, body in functions.items():
        op.execute(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
                   f"$msgdesk$\nBEGIN{body}\nEND\n$msgdesk$")
        # pinned as 0007 pins every guard: a session's temporary table cannot shadow store_meta
        op.execute(f"DO $pin$ BEGIN EXECUTE format('ALTER FUNCTION {name}() SET search_path = %I, pg_temp', "
                   f"current_schema()); END $pin$")
    op.execute("DROP TRIGGER IF EXISTS content_change_guard ON content_change")
    op.execute("CREATE TRIGGER content_change_guard BEFORE UPDATE OR DELETE ON content_change "
               "FOR EACH ROW EXECUTE FUNCTION msgdesk_changes_guard()")
    op.execute("DROP TRIGGER IF EXISTS store_meta_guard ON store_meta")
    op.execute("CREATE TRIGGER store_meta_guard BEFORE INSERT OR UPDATE OR DELETE ON store_meta "
               "FOR EACH ROW EXECUTE FUNCTION msgdesk_meta_guard()")
    op.execute("DROP TRIGGER IF EXISTS store_meta_truncate_guard ON store_meta")
    op.execute("CREATE TRIGGER store_meta_truncate_guard BEFORE TRUNCATE ON store_meta "
               "FOR EACH STATEMENT EXECUTE FUNCTION msgdesk_meta_truncate_guard()")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _upgrade_sqlite()
    else:
        _upgrade_postgresql()


def downgrade() -> None:  # pragma: no cover - msgdesk only moves forward
    raise NotImplementedError("msgdesk databases are not downgraded; restore a backup instead")
