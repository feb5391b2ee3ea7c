"""Several hands, one return: stable action ids, who changed what, contribution packs and
merge conflicts.

* ``action.uid``: every action's stable identity (the return file's ``id``), given to the
  actions already stored (a carried-forward copy shares its original's), unique within its
  response, and never changed once given (a guard).
* ``response.updated_by`` / ``action.updated_by``: who changed it last (``updated_at`` was
  already there).
* ``contribution_pack``: packs cut for contributors, with the base they were cut from, which
  never changes (a guard: a merge compares a reply with it).
* ``merge_conflict``: fields both the lead and a contributor changed, held until resolved.
* ``content_change``: the record of who changed which field of a response or action, when,
  and how (typed, imported, merged from a reply, a conflict resolved).
* No pack is cut and no conflict is held for a round the IJB has approved.

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-01
"""

from alembic import op
from sqlalchemy import text

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None

LOCKED = "[round-locked] this round has been approved by the IJB and is read-only; reopen it for amendment first"
ID_FIXED = "[id-fixed] an action's id never changes once given"
ROW_ID_FIXED = "[id-fixed] a row's id never changes"
PACK_FIXED = ("[pack-fixed] a contribution pack's base, round and id never change: "
              "a reply is merged against what the pack was cut from")

NEW_TABLES = ("contribution_pack", "merge_conflict", "content_change")

#: Carried-forward chains are short (one copy per later round); more than this is a loop.
MAX_CHAIN = 200


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _upgrade_sqlite()
    else:
        _upgrade_postgresql()


def downgrade() -> None:  # pragma: no cover - msgdesk only moves forward
    raise NotImplementedError("msgdesk databases are not downgraded; restore a backup instead")


def _tables(sqlite: bool) -> list[str]:
    pk = "INTEGER NOT NULL PRIMARY KEY" if sqlite else "SERIAL PRIMARY KEY"
    moment = "DATETIME" if sqlite else "TIMESTAMP WITHOUT TIME ZONE"
    return [
        "CREATE TABLE contribution_pack ("
        f"id {pk}, "
        "uid VARCHAR NOT NULL UNIQUE, "
        "round_id INTEGER NOT NULL REFERENCES evaluation_round (id) ON DELETE CASCADE, "
        "direction VARCHAR DEFAULT 'sent' NOT NULL CHECK (direction IN ('sent', 'received')), "
        "for_whom VARCHAR DEFAULT '' NOT NULL, "
        "proposals TEXT DEFAULT '[]' NOT NULL, "
        f"created_at {moment} NOT NULL, "
        "created_by VARCHAR DEFAULT '' NOT NULL, "
        "base TEXT DEFAULT '[]' NOT NULL, "
        "base_digest VARCHAR DEFAULT '' NOT NULL, "
        "merge_base TEXT DEFAULT '[]' NOT NULL, "
        "state VARCHAR DEFAULT 'sent' NOT NULL CHECK (state IN ('sent', 'merged', 'withdrawn')), "
        f"last_reply_at {moment}, "
        "last_reply_digest VARCHAR DEFAULT '' NOT NULL, "
        f"merged_at {moment})",
        "CREATE TABLE merge_conflict ("
        f"id {pk}, "
        "round_id INTEGER NOT NULL REFERENCES evaluation_round (id) ON DELETE CASCADE, "
        "pack_id INTEGER NOT NULL REFERENCES contribution_pack (id) ON DELETE CASCADE, "
        "proposal_id VARCHAR NOT NULL, "
        "action_uid VARCHAR DEFAULT '' NOT NULL, "
        "field VARCHAR NOT NULL, "
        "base TEXT DEFAULT 'null' NOT NULL, "
        "ours TEXT DEFAULT 'null' NOT NULL, "
        "theirs TEXT DEFAULT 'null' NOT NULL, "
        "contributor VARCHAR DEFAULT '' NOT NULL, "
        f"reply_at {moment}, "
        "state VARCHAR DEFAULT 'open' NOT NULL CHECK (state IN ('open', 'resolved')), "
        f"created_at {moment} NOT NULL, "
        f"resolved_at {moment}, "
        "resolved_by VARCHAR DEFAULT '' NOT NULL, "
        "resolution VARCHAR DEFAULT '' NOT NULL)",
        "CREATE TABLE content_change ("
        f"id {pk}, "
        "round_id INTEGER NOT NULL REFERENCES evaluation_round (id) ON DELETE CASCADE, "
        "proposal_id VARCHAR NOT NULL, "
        "action_uid VARCHAR DEFAULT '' NOT NULL, "
        "field VARCHAR NOT NULL, "
        "detail TEXT DEFAULT '' NOT NULL, "
        "source VARCHAR DEFAULT 'edit' NOT NULL, "
        "author VARCHAR DEFAULT '' NOT NULL, "
        f"at {moment} NOT NULL, "
        "pack_id INTEGER REFERENCES contribution_pack (id) ON DELETE SET NULL)",
        "CREATE INDEX ix_contribution_pack_round ON contribution_pack (round_id)",
        "CREATE INDEX ix_merge_conflict_round ON merge_conflict (round_id, state)",
        "CREATE INDEX ix_content_change_round ON content_change (round_id, proposal_id)",
    ]


def _columns() -> list[str]:
    return [
        "ALTER TABLE response ADD COLUMN updated_by VARCHAR DEFAULT '' NOT NULL",
        "ALTER TABLE action ADD COLUMN updated_by VARCHAR DEFAULT '' NOT NULL",
        "ALTER TABLE action ADD COLUMN uid VARCHAR DEFAULT '' NOT NULL",
    ]


def _share_carried_uids() -> None:
    """A carried-forward copy is the same action: it takes its original's id, down each chain."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        statement = text(
            "UPDATE action SET uid = (SELECT p.uid FROM action p WHERE p.id = action.carried_from_id) "
            "WHERE carried_from_id IS NOT NULL "
            "AND uid <> (SELECT p.uid FROM action p WHERE p.id = action.carried_from_id)"
        )
    else:
        statement = text(
            "UPDATE action a SET uid = p.uid FROM action p WHERE a.carried_from_id = p.id AND a.uid <> p.uid"
        )
    for _step in range(MAX_CHAIN):
        if not bind.execute(statement).rowcount:
            return


# --- SQLite ---------------------------------------------------------------------------------


def _sq(message: str) -> str:
    return "'" + message.replace("'", "''") + "'"


def _sqlite_guards() -> list[str]:
    s: list[str] = []

    def trigger(name: str, when: str, event: str, table: str, condition: str | None, body: str) -> None:
        where = f" WHEN {condition}" if condition else ""
        s.append(f"CREATE TRIGGER {name} {when} {event} ON {table}{where} BEGIN {body} END")

    def refuse(message: str) -> str:
        return f"SELECT RAISE(ABORT, {_sq(message)});"

    approved = "(SELECT status FROM evaluation_round WHERE id = NEW.round_id) = 'approved'"
    trigger("action_uid_fixed", "BEFORE", "UPDATE OF uid", "action",
            "OLD.uid <> '' AND NEW.uid IS NOT OLD.uid", refuse(ID_FIXED))
    trigger("contribution_pack_locked_insert", "BEFORE", "INSERT", "contribution_pack", approved, refuse(LOCKED))
    trigger("contribution_pack_fixed", "BEFORE", "UPDATE OF uid, round_id, base, base_digest, proposals, direction",
            "contribution_pack",
            "NEW.uid IS NOT OLD.uid OR NEW.round_id IS NOT OLD.round_id OR NEW.base IS NOT OLD.base "
            "OR NEW.base_digest IS NOT OLD.base_digest OR NEW.proposals IS NOT OLD.proposals "
            "OR NEW.direction IS NOT OLD.direction", refuse(PACK_FIXED))
    trigger("merge_conflict_locked_insert", "BEFORE", "INSERT", "merge_conflict", approved, refuse(LOCKED))
    for table in NEW_TABLES:
        trigger(f"{table}_id_fixed", "BEFORE", "UPDATE OF id", table, "NEW.id IS NOT OLD.id", refuse(ROW_ID_FIXED))
        for event in ("INSERT", "UPDATE", "DELETE"):
            trigger(f"{table}_count_{event.lower()}", "AFTER", event, table, None,
                    "UPDATE store_meta SET changes = changes + 1 WHERE id = 1;")
    return s


def _upgrade_sqlite() -> None:
    for statement in _columns():
        op.execute(statement)
    op.execute("UPDATE action SET uid = lower(hex(randomblob(16))) WHERE uid = ''")
    _share_carried_uids()
    op.execute("CREATE UNIQUE INDEX ux_action_response_uid ON action (response_id, uid)")
    for statement in _tables(sqlite=True):
        op.execute(statement)
    for statement in _sqlite_guards():
        op.execute(statement)


# --- PostgreSQL -----------------------------------------------------------------------------


def _raise(message: str) -> str:
    return f"RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = {_sq(message)};"


def _postgresql_guards() -> list[str]:
    approved = "EXISTS (SELECT 1 FROM evaluation_round WHERE id = NEW.round_id AND status = 'approved')"
    functions = {
        "msgdesk_action_uid_fixed": f"""
            IF OLD.uid <> '' AND NEW.uid IS DISTINCT FROM OLD.uid THEN {_raise(ID_FIXED)} END IF;
            RETURN NEW;""",
        "msgdesk_pack_guard": f"""
            IF TG_OP = 'INSERT' THEN
                IF {approved} THEN {_raise(LOCKED)} END IF;
                RETURN NEW;
            END IF;
            IF (NEW.uid, NEW.round_id, NEW.base, NEW.base_digest, NEW.proposals, NEW.direction)
               IS DISTINCT FROM (OLD.uid, OLD.round_id, OLD.base, OLD.base_digest, OLD.proposals, OLD.direction)
            THEN {_raise(PACK_FIXED)} END IF;
            RETURN NEW;""",
        "msgdesk_conflict_guard": f"""
            IF {approved} THEN {_raise(LOCKED)} END IF;
            RETURN NEW;""",
    }
    s = [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $msgdesk$\n"
        f"BEGIN{body}\nEND\n$msgdesk$"
        for name, body in functions.items()
    ]
    s += [
        "CREATE TRIGGER action_uid_fixed BEFORE UPDATE OF uid ON action "
        "FOR EACH ROW EXECUTE FUNCTION msgdesk_action_uid_fixed()",
        "CREATE TRIGGER contribution_pack_guard BEFORE INSERT OR UPDATE ON contribution_pack "
        "FOR EACH ROW EXECUTE FUNCTION msgdesk_pack_guard()",
        "CREATE TRIGGER merge_conflict_guard BEFORE INSERT ON merge_conflict "
        "FOR EACH ROW EXECUTE FUNCTION msgdesk_conflict_guard()",
    ]
    for table in NEW_TABLES:
        # msgdesk_id_fixed and msgdesk_truncate_guard come from migration 0002.
        s.append(f"CREATE TRIGGER {table}_id_fixed BEFORE UPDATE OF id ON {table} "
                 "FOR EACH ROW EXECUTE FUNCTION msgdesk_id_fixed()")
        s.append(f"CREATE TRIGGER {table}_truncate_guard BEFORE TRUNCATE ON {table} "
                 "FOR EACH STATEMENT EXECUTE FUNCTION msgdesk_truncate_guard()")
    return s


def _upgrade_postgresql() -> None:
    for statement in _columns():
        op.execute(statement)
    op.execute("UPDATE action SET uid = replace(gen_random_uuid()::text, '-', '') WHERE uid = ''")
    _share_carried_uids()
    op.execute("CREATE UNIQUE INDEX ux_action_response_uid ON action (response_id, uid)")
    for statement in _tables(sqlite=False):
        op.execute(statement)
    for statement in _postgresql_guards():
        op.execute(statement)
