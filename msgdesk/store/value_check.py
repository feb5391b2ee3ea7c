"""Where a stored value is one this msgdesk cannot read: a status it does not know, a date
that is not a date.

Migration 0008 refuses such values from then on, but a row written before it (by another
SQLite tool, or by hand) stays.  Reading it fails deep inside SQLAlchemy or an enum with a
``ValueError``; ``odd_values`` then finds the rows, so that the user is told "the database
is damaged: action 12's status is 'x'" instead of a traceback.  The checks follow the enums
this msgdesk reads with (``msgdesk.domain.states``), not the frozen lists of the migration.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from msgdesk.directions.values import Partner, ResourceBasis
from msgdesk.domain.errors import DamagedDatabaseError
from msgdesk.domain.return_values import RATINGS
from msgdesk.domain.states import (
    ActionStatus,
    ChangeField,
    ChangeSource,
    ConflictField,
    ConflictResolution,
    ConflictState,
    EventKind,
    HistoryKind,
    PackDirection,
    PackState,
    RoundStatus,
)

#: (table, column): the values read, and whether NULL / '' are allowed.
ENUM_COLUMNS: dict[tuple[str, str], tuple[tuple[str, ...], bool, bool]] = {
    ("evaluation_round", "status"): (tuple(RoundStatus), False, False),
    ("response", "rating"): (RATINGS, True, False),
    ("response", "previous_rating"): (RATINGS, True, False),
    ("action", "status"): (tuple(ActionStatus), False, False),
    ("action_update", "kind"): (tuple(HistoryKind), False, False),
    ("action_update", "status_after"): (tuple(ActionStatus), True, False),
    ("round_event", "kind"): (tuple(EventKind), False, False),
    ("contribution_pack", "direction"): (tuple(PackDirection), False, False),
    ("contribution_pack", "state"): (tuple(PackState), False, False),
    ("merge_conflict", "field"): (tuple(ConflictField), False, False),
    ("merge_conflict", "state"): (tuple(ConflictState), False, False),
    ("merge_conflict", "resolution"): (tuple(ConflictResolution), False, True),
    ("content_change", "field"): (tuple(ChangeField), False, False),
    ("content_change", "source"): (tuple(ChangeSource), False, False),
    ("delivery_body", "partner"): (tuple(Partner), False, False),
    ("direction", "resource_basis"): (tuple(ResourceBasis), True, False),
}
#: Date and moment columns (checked on SQLite; PostgreSQL's types hold only real ones).
DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "evaluation_round": ("completed_on", "ijb_meeting_date"),
    "action": ("due_date_override",),
    "action_update": ("on_date", "due_date_before", "due_date_after"),
    "direction": ("ijb_meeting", "issued_on", "review_date", "revoked_on", "completed_on"),
    "direction_milestone": ("due_date", "achieved_on"),
    "direction_issue": ("on_date",),
    "direction_update": ("on_date",),
}
MOMENT_COLUMNS: dict[str, tuple[str, ...]] = {
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
_DAY = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"


def _values(values: tuple[str, ...] | tuple[StrEnum, ...]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def _bad_enum(column: str, values: tuple[str, ...], nullable: bool, empty: bool) -> str:
    allowed = ", ".join("'" + v.replace("'", "''") + "'" for v in values + (("",) if empty else ()))
    bad = f"{column} NOT IN ({allowed})"
    return bad if nullable else f"({column} IS NULL OR {bad})"


def _bad_day(column: str) -> str:
    return (f"{column} IS NOT NULL AND NOT (typeof({column}) = 'text' AND {column} GLOB '{_DAY}' "
            f"AND date(julianday({column})) = {column})")


def _bad_moment(column: str) -> str:
    return (f"{column} IS NOT NULL AND NOT (typeof({column}) = 'text' AND {column} GLOB '{_DAY}*' "
            f"AND (length({column}) = 10 OR substr({column}, 11, 1) IN (' ', 'T')) "
            f"AND julianday({column}) IS NOT NULL "
            f"AND date(julianday(substr({column}, 1, 10))) = substr({column}, 1, 10))")


def odd_values(connection: Connection, limit: int = 10) -> list[str]:
    """Up to ``limit`` places ("action 12: status is 'x'") holding a value msgdesk cannot read."""
    sqlite = connection.dialect.name == "sqlite"
    inspector = inspect(connection)
    present = {t: {c["name"] for c in inspector.get_columns(t)} for t in inspector.get_table_names()}
    checks: list[tuple[str, str, str]] = []
    for (table, column), (values, nullable, empty) in ENUM_COLUMNS.items():
        checks.append((table, column, _bad_enum(column, _values(values), nullable, empty)))
    if sqlite:
        for table, columns in DATE_COLUMNS.items():
            checks += [(table, column, _bad_day(column)) for column in columns]
        for table, columns in MOMENT_COLUMNS.items():
            checks += [(table, column, _bad_moment(column)) for column in columns]
    found: list[str] = []
    for table, column, bad in checks:
        if column not in present.get(table, ()):
            continue  # an older schema without it
        rows = connection.execute(text(
            f"SELECT id, CAST({column} AS TEXT) FROM {table} WHERE {bad} ORDER BY id LIMIT :n"), {"n": limit})
        for row_id, value in rows:
            found.append(f"{table.replace('_', ' ')} {row_id}: its {column.replace('_', ' ')} is {value!r}")
            if len(found) >= limit:
                return found
    return found


def damaged_by_odd_values(engine: Engine, where: str) -> DamagedDatabaseError | None:
    """The plain "damaged" error naming the odd values' places, or None if there are none."""
    try:
        with engine.connect() as connection:
            places = odd_values(connection)
    except Exception:  # the look was only to explain: the caller reports the original error
        return None
    if not places:
        return None
    return DamagedDatabaseError(
        f"{where} is damaged: it holds values msgdesk cannot read ({'; '.join(places)}). "
        "They were written by another program or by hand. msgdesk has not changed anything; go back to "
        "a backup (msgdesk backup --list, msgdesk restore FILE) or correct these rows.")
