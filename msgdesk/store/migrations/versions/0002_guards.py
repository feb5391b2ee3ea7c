"""Guards for every writer, row versions, a change counter, and the "reopened" status.

* The approved-round lock is closed on every path found by direct SQL: INSERT OR REPLACE /
  UPDATE OR REPLACE onto an approved row, renaming or deleting the partnership of an
  approved return, changing ids, editing an action's reference.
* Round status moves only along ``msgdesk.domain.states.ROUND_MOVES``; every move is recorded in
  ``round_event`` by the database itself, from ``evaluation_round.status_note`` (a reopening
  without a reason is refused), so a writer that bypasses msgdesk still leaves the record.
* ``round_event`` and ``action_update`` are append-only: rows cannot be changed, nor
  deleted while what they describe exists.
* ``response.version`` / ``action.version``: optimistic concurrency for shared databases.
* ``store_meta``: what the database is and (SQLite) a change counter kept by triggers, so
  that backups and the check on opening know cheaply whether anything changed.

Each refusal's message starts with a bracketed code (``[round-locked]``) that the core
turns into a typed error; the words after it are for people.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import time

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: ``PRAGMA application_id`` of an msgdesk SQLite file: "MSGD".
APPLICATION_ID = 0x4D534744

LOCKED = "[round-locked] this round has been approved by the IJB and is read-only; reopen it for amendment first"
RENAME_LOCKED = "[round-locked] the partnership has a return approved by the IJB; its name is part of that record"
DELETE_LOCKED = "[round-locked] the partnership has a return approved by the IJB, which cannot be deleted"
ID_FIXED = "[id-fixed] a row's id never changes"
REFERENCE_FIXED = "[reference-fixed] an action's reference never changes once given"
HISTORY_FIXED = "[history-append-only] an action's history can only be added to, never changed or removed"
EVENTS_FIXED = "[history-append-only] a round's record of events can only be added to, never changed or removed"
MOVE_REFUSED = "[move-not-allowed] that change of the round's status is not allowed"
REASON_NEEDED = "[reason-required] say why the approved round is being reopened; the reason is recorded"

#: (from, to) status pairs allowed: msgdesk.domain.states.ROUND_MOVES, written out because a
#: migration must not change when the code does.
MOVES = (
    ("draft", "ready"),
    ("reopened", "ready"),
    ("ready", "draft"),
    ("ready", "approved"),
    ("draft", "approved"),
    ("reopened", "approved"),
    ("approved", "reopened"),
)
#: The event kind recorded for a move into each status.
EVENT_FOR = {"ready": "marked_ready", "draft": "marked_draft", "approved": "approved", "reopened": "reopened"}
STATUSES = ("draft", "ready", "approved", "reopened")
CONTENT_TABLES = ("partnership", "evaluation_round", "response", "action", "action_update", "round_event")

OLD_TRIGGERS = [
    f"{table}_locked_{name}"
    for table in ("response", "action")
    for name in ("insert", "update", "update_into", "delete")
] + ["evaluation_round_locked", "evaluation_round_locked_delete", "action_update_append_only"]


def _versions_and_meta() -> None:
    """The row versions, two indexes and store_meta: the same on both backends."""
    op.execute("ALTER TABLE response ADD COLUMN version INTEGER DEFAULT 1 NOT NULL")
    op.execute("ALTER TABLE action ADD COLUMN version INTEGER DEFAULT 1 NOT NULL")
    op.execute("CREATE INDEX ix_response_round ON response (round_id)")
    op.execute("CREATE INDEX ix_round_event_round ON round_event (round_id)")
    op.execute(
        "CREATE TABLE store_meta (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), "
        "application VARCHAR DEFAULT 'msgdesk' NOT NULL, changes BIGINT DEFAULT 0 NOT NULL)"
    )
    # The counter starts at the time in milliseconds, not 0, so that it never repeats a
    # value a backup of another life of this file (before a restore) was taken at.
    op.execute(f"INSERT INTO store_meta (id, application, changes) VALUES (1, 'msgdesk', {int(time.time() * 1000)})")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _upgrade_sqlite()
    else:
        _upgrade_postgresql()


def downgrade() -> None:  # pragma: no cover - msgdesk only moves forward
    raise NotImplementedError("msgdesk databases are not downgraded; restore a backup instead")


# --- SQLite ---------------------------------------------------------------------------------


def _sq(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _refuse(message: str) -> str:
    return f"SELECT RAISE(ABORT, {_sq(message)});"


APPROVED_ROUND = "(SELECT status FROM evaluation_round WHERE id = {ref}) = 'approved'"
APPROVED_RESPONSE = (
    "(SELECT r.status FROM evaluation_round r JOIN response p ON p.round_id = r.id WHERE p.id = {ref}) = 'approved'"
)
APPROVED_ACTION = (
    "(SELECT r.status FROM evaluation_round r JOIN response p ON p.round_id = r.id "
    "JOIN action a ON a.response_id = p.id WHERE a.id = {ref}) = 'approved'"
)


# The event's time: the round's own updated_at when the writer set it with the move (msgdesk
# does; an archive's restore gives the original time), else now.
_SQLITE_MOVED_AT = (
    "CASE WHEN NEW.updated_at IS NOT OLD.updated_at THEN NEW.updated_at "
    "ELSE strftime('%Y-%m-%d %H:%M:%S.000000', 'now') END"
)


def _sqlite_guards() -> list[str]:
    s: list[str] = []

    def trigger(name: str, when: str, event: str, table: str, condition: str | None, body: str) -> None:
        where = f" WHEN {condition}" if condition else ""
        s.append(f"CREATE TRIGGER {name} {when} {event} ON {table}{where} BEGIN {body} END")

    # Ids are identities: an UPDATE (OR REPLACE) of an id could delete or re-parent rows.
    for table in CONTENT_TABLES:
        trigger(f"{table}_id_fixed", "BEFORE", "UPDATE OF id", table, "NEW.id IS NOT OLD.id", _refuse(ID_FIXED))

    # partnership: its name is printed on its approved returns.
    has_approved = "EXISTS (SELECT 1 FROM evaluation_round WHERE partnership_id = {ref} AND status = 'approved')"
    trigger("partnership_rename_locked", "BEFORE", "UPDATE OF name", "partnership",
            "NEW.name IS NOT OLD.name AND " + has_approved.format(ref="OLD.id"), _refuse(RENAME_LOCKED))
    trigger("partnership_delete_locked", "BEFORE", "DELETE", "partnership",
            has_approved.format(ref="OLD.id"), _refuse(DELETE_LOCKED))
    # INSERT OR REPLACE deletes the row it replaces without firing delete triggers.
    trigger("partnership_replace_locked", "BEFORE", "INSERT", "partnership",
            "EXISTS (SELECT 1 FROM partnership p JOIN evaluation_round r ON r.partnership_id = p.id "
            "WHERE (p.id = NEW.id OR p.name = NEW.name) AND r.status = 'approved')", _refuse(DELETE_LOCKED))

    # evaluation_round
    trigger("evaluation_round_replace_locked", "BEFORE", "INSERT", "evaluation_round",
            "EXISTS (SELECT 1 FROM evaluation_round x WHERE (x.id = NEW.id OR "
            "(x.partnership_id = NEW.partnership_id AND x.label = NEW.label)) AND x.status = 'approved')",
            _refuse(LOCKED))
    trigger("evaluation_round_locked", "BEFORE", "UPDATE", "evaluation_round",
            "OLD.status = 'approved' AND NEW.status = 'approved'", _refuse(LOCKED))
    trigger("evaluation_round_replace_into_locked", "BEFORE", "UPDATE", "evaluation_round",
            "EXISTS (SELECT 1 FROM evaluation_round x WHERE x.id <> OLD.id AND x.status = 'approved' AND "
            "(x.id = NEW.id OR (x.partnership_id = NEW.partnership_id AND x.label = NEW.label)))",
            _refuse(LOCKED))
    allowed = " OR ".join(f"(OLD.status = '{a}' AND NEW.status = '{b}')" for a, b in MOVES)
    trigger("evaluation_round_move_allowed", "BEFORE", "UPDATE OF status", "evaluation_round",
            f"NEW.status IS NOT OLD.status AND NOT ({allowed})", _refuse(MOVE_REFUSED))
    trigger("evaluation_round_reopen_reason", "BEFORE", "UPDATE OF status", "evaluation_round",
            "OLD.status = 'approved' AND NEW.status IS NOT 'approved' "
            "AND (NEW.status_note IS OLD.status_note OR trim(COALESCE(NEW.status_note, '')) = '')",
            _refuse(REASON_NEEDED))
    kind = "CASE NEW.status " + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in EVENT_FOR.items()) + " END"
    trigger("evaluation_round_record_move", "AFTER", "UPDATE OF status", "evaluation_round",
            "NEW.status IS NOT OLD.status",
            "INSERT INTO round_event (round_id, at, kind, detail) VALUES "
            f"(NEW.id, {_SQLITE_MOVED_AT}, {kind}, COALESCE(NEW.status_note, ''));")
    trigger("evaluation_round_delete_locked", "BEFORE", "DELETE", "evaluation_round",
            "OLD.status = 'approved'", _refuse(LOCKED))

    # response and action: the content of an approved round.
    for table, approved_parent, parent_column, approved_self, locked_columns in (
        ("response", APPROVED_ROUND, "round_id", APPROVED_RESPONSE, ""),
        ("action", APPROVED_RESPONSE, "response_id", APPROVED_ACTION,
         " OF response_id, position, text, delivery, timescale, reference, carried_from_id"),
    ):
        new_parent = approved_parent.format(ref=f"NEW.{parent_column}")
        old_parent = approved_parent.format(ref=f"OLD.{parent_column}")
        trigger(f"{table}_locked_insert", "BEFORE", "INSERT", table, new_parent, _refuse(LOCKED))
        trigger(f"{table}_replace_locked", "BEFORE", "INSERT", table,
                approved_self.format(ref="NEW.id"), _refuse(LOCKED))
        trigger(f"{table}_locked_update", "BEFORE", f"UPDATE{locked_columns}", table, old_parent, _refuse(LOCKED))
        trigger(f"{table}_locked_update_into", "BEFORE", f"UPDATE{locked_columns}", table, new_parent,
                _refuse(LOCKED))
        trigger(f"{table}_locked_delete", "BEFORE", "DELETE", table, old_parent, _refuse(LOCKED))
    trigger("action_reference_fixed", "BEFORE", "UPDATE OF reference", "action",
            "OLD.reference <> '' AND NEW.reference IS NOT OLD.reference", _refuse(REFERENCE_FIXED))

    # Append-only records.  A row may go only with what it describes (a cascade from
    # deleting a draft round or action, which by then is gone).
    for table, parent, parent_column, message in (
        ("action_update", "action", "action_id", HISTORY_FIXED),
        ("round_event", "evaluation_round", "round_id", EVENTS_FIXED),
    ):
        trigger(f"{table}_no_update", "BEFORE", "UPDATE", table, None, _refuse(message))
        trigger(f"{table}_no_delete", "BEFORE", "DELETE", table,
                f"EXISTS (SELECT 1 FROM {parent} WHERE id = OLD.{parent_column})", _refuse(message))
        trigger(f"{table}_no_replace", "BEFORE", "INSERT", table,
                f"EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id)", _refuse(message))

    # The change counter.
    for table in CONTENT_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            trigger(f"{table}_count_{event.lower()}", "AFTER", event, table, None,
                    "UPDATE store_meta SET changes = changes + 1 WHERE id = 1;")
    return s


def _upgrade_sqlite() -> None:
    for name in OLD_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    # A new CHECK on status needs the table rebuilt (SQLite cannot alter a constraint).
    # msgdesk runs this with foreign keys off, so dropping the old table deletes nothing.
    statuses = ", ".join(f"'{s}'" for s in STATUSES)
    op.execute(
        "CREATE TABLE evaluation_round_0002 ("
        "id INTEGER NOT NULL PRIMARY KEY, "
        "partnership_id INTEGER NOT NULL REFERENCES partnership (id) ON DELETE CASCADE, "
        "label VARCHAR NOT NULL, "
        "contact VARCHAR DEFAULT '' NOT NULL, "
        "completed_on DATE, "
        "status VARCHAR DEFAULT 'draft' NOT NULL, "
        "status_note TEXT DEFAULT '' NOT NULL, "
        "ijb_meeting_date DATE, "
        "minute_reference VARCHAR DEFAULT '' NOT NULL, "
        "previous_round_id INTEGER REFERENCES evaluation_round (id) ON DELETE SET NULL, "
        "created_at DATETIME NOT NULL, "
        "updated_at DATETIME NOT NULL, "
        "UNIQUE (partnership_id, label), "
        f"CONSTRAINT round_status_known CHECK (status IN ({statuses})))"
    )
    op.execute(
        "INSERT INTO evaluation_round_0002 (id, partnership_id, label, contact, completed_on, status, "
        "ijb_meeting_date, minute_reference, previous_round_id, created_at, updated_at) "
        "SELECT id, partnership_id, label, contact, completed_on, status, ijb_meeting_date, "
        "minute_reference, previous_round_id, created_at, updated_at FROM evaluation_round"
    )
    op.execute("DROP TABLE evaluation_round")
    op.execute("ALTER TABLE evaluation_round_0002 RENAME TO evaluation_round")
    _versions_and_meta()
    for statement in _sqlite_guards():
        op.execute(statement)
    op.execute(f"PRAGMA application_id = {APPLICATION_ID}")


# --- PostgreSQL -----------------------------------------------------------------------------


def _pq(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _raise(message: str) -> str:
    # SQLSTATE 23514 (check_violation): drivers report it as an integrity error.
    return f"RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = {_pq(message)};"


def _postgresql_guards() -> list[str]:
    allowed = " OR ".join(f"(OLD.status = '{a}' AND NEW.status = '{b}')" for a, b in MOVES)
    kind = "CASE NEW.status " + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in EVENT_FOR.items()) + " END"
    approved_round = "EXISTS (SELECT 1 FROM evaluation_round WHERE id = {ref} AND status = 'approved')"
    approved_response = (
        "EXISTS (SELECT 1 FROM evaluation_round r JOIN response p ON p.round_id = r.id "
        "WHERE p.id = {ref} AND r.status = 'approved')"
    )
    functions = {
        "msgdesk_id_fixed": f"""
            IF NEW.id IS DISTINCT FROM OLD.id THEN {_raise(ID_FIXED)} END IF;
            RETURN NEW;""",
        "msgdesk_partnership_guard": f"""
            IF TG_OP = 'DELETE' THEN
                IF EXISTS (SELECT 1 FROM evaluation_round WHERE partnership_id = OLD.id AND status = 'approved')
                THEN {_raise(DELETE_LOCKED)} END IF;
                RETURN OLD;
            END IF;
            IF NEW.name IS DISTINCT FROM OLD.name AND EXISTS (
                SELECT 1 FROM evaluation_round WHERE partnership_id = OLD.id AND status = 'approved')
            THEN {_raise(RENAME_LOCKED)} END IF;
            RETURN NEW;""",
        "msgdesk_round_guard": f"""
            IF TG_OP = 'DELETE' THEN
                IF OLD.status = 'approved' THEN {_raise(LOCKED)} END IF;
                RETURN OLD;
            END IF;
            IF TG_OP = 'INSERT' THEN RETURN NEW; END IF;
            IF OLD.status = 'approved' AND NEW.status = 'approved' THEN {_raise(LOCKED)} END IF;
            IF NEW.status IS DISTINCT FROM OLD.status THEN
                IF NOT ({allowed}) THEN {_raise(MOVE_REFUSED)} END IF;
                IF OLD.status = 'approved' AND (NEW.status_note IS NOT DISTINCT FROM OLD.status_note
                                                OR btrim(COALESCE(NEW.status_note, '')) = '') THEN
                    {_raise(REASON_NEEDED)}
                END IF;
            END IF;
            RETURN NEW;""",
        "msgdesk_round_record_move": f"""
            IF NEW.status IS DISTINCT FROM OLD.status THEN
                INSERT INTO round_event (round_id, at, kind, detail)
                VALUES (NEW.id,
                        CASE WHEN NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN NEW.updated_at
                             ELSE (now() AT TIME ZONE 'utc') END,
                        {kind}, COALESCE(NEW.status_note, ''));
            END IF;
            RETURN NEW;""",
        "msgdesk_response_guard": f"""
            IF TG_OP IN ('UPDATE', 'DELETE') AND {approved_round.format(ref="OLD.round_id")}
            THEN {_raise(LOCKED)} END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') AND {approved_round.format(ref="NEW.round_id")}
            THEN {_raise(LOCKED)} END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;""",
        "msgdesk_action_guard": f"""
            IF TG_OP = 'UPDATE' THEN
                IF OLD.reference <> '' AND NEW.reference IS DISTINCT FROM OLD.reference
                THEN {_raise(REFERENCE_FIXED)} END IF;
                IF (NEW.response_id, NEW.position, NEW.text, NEW.delivery, NEW.timescale, NEW.carried_from_id)
                   IS NOT DISTINCT FROM
                   (OLD.response_id, OLD.position, OLD.text, OLD.delivery, OLD.timescale, OLD.carried_from_id)
                THEN RETURN NEW; END IF;
            END IF;
            IF TG_OP IN ('UPDATE', 'DELETE') AND {approved_response.format(ref="OLD.response_id")}
            THEN {_raise(LOCKED)} END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') AND {approved_response.format(ref="NEW.response_id")}
            THEN {_raise(LOCKED)} END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;""",
        "msgdesk_history_guard": f"""
            IF TG_OP = 'UPDATE' THEN {_raise(HISTORY_FIXED)} END IF;
            IF EXISTS (SELECT 1 FROM action WHERE id = OLD.action_id) THEN {_raise(HISTORY_FIXED)} END IF;
            RETURN OLD;""",
        "msgdesk_events_guard": f"""
            IF TG_OP = 'UPDATE' THEN {_raise(EVENTS_FIXED)} END IF;
            IF EXISTS (SELECT 1 FROM evaluation_round WHERE id = OLD.round_id) THEN {_raise(EVENTS_FIXED)} END IF;
            RETURN OLD;""",
        # TRUNCATE skips row triggers: refuse it while anything approved exists.
        "msgdesk_truncate_guard": f"""
            IF EXISTS (SELECT 1 FROM evaluation_round WHERE status = 'approved') THEN {_raise(LOCKED)} END IF;
            RETURN NULL;""",
    }
    s = [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
        f"$msgdesk$\nBEGIN{body}\nEND\n$msgdesk$"
        for name, body in functions.items()
    ]
    for table in CONTENT_TABLES:
        s.append(f"CREATE TRIGGER {table}_id_fixed BEFORE UPDATE OF id ON {table} "
                 "FOR EACH ROW EXECUTE FUNCTION msgdesk_id_fixed()")
        s.append(f"CREATE TRIGGER {table}_truncate_guard BEFORE TRUNCATE ON {table} "
                 "FOR EACH STATEMENT EXECUTE FUNCTION msgdesk_truncate_guard()")
    s += [
        "CREATE TRIGGER partnership_guard BEFORE UPDATE OR DELETE ON partnership "
        "FOR EACH ROW EXECUTE FUNCTION msgdesk_partnership_guard()",
        "CREATE TRIGGER evaluation_round_guard BEFORE INSERT OR UPDATE OR DELETE ON evaluation_round "
        "FOR EACH ROW EXECUTE FUNCTION msgdesk_round_guard()",
        "CREATE TRIGGER evaluation_round_record_move AFTER UPDATE OF status ON evaluation_round "
        "FOR EACH ROW EXECUTE FUNCTION msgdesk_round_record_move()",
        "CREATE TRIGGER response_guard BEFORE INSERT OR UPDATE OR DELETE ON response "
        "FOR EACH ROW EXECUTE FUNCTION msgdesk_response_guard()",
        "CREATE TRIGGER action_guard BEFORE INSERT OR UPDATE OR DELETE ON action "
        "FOR EACH ROW EXECUTE FUNCTION msgdesk_action_guard()",
        "CREATE TRIGGER action_update_guard BEFORE UPDATE OR DELETE ON action_update "
        "FOR EACH ROW EXECUTE FUNCTION msgdesk_history_guard()",
        "CREATE TRIGGER round_event_guard BEFORE UPDATE OR DELETE ON round_event "
        "FOR EACH ROW EXECUTE FUNCTION msgdesk_events_guard()",
    ]
    return s


def _upgrade_postgresql() -> None:
    statuses = ", ".join(f"'{s}'" for s in STATUSES)
    op.execute("ALTER TABLE evaluation_round DROP CONSTRAINT IF EXISTS round_status_known")
    op.execute(f"ALTER TABLE evaluation_round ADD CONSTRAINT round_status_known CHECK (status IN ({statuses}))")
    op.execute("ALTER TABLE evaluation_round ADD COLUMN status_note TEXT DEFAULT '' NOT NULL")
    _versions_and_meta()
    for statement in _postgresql_guards():
        op.execute(statement)
