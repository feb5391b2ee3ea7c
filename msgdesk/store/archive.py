"""A portable archive of a whole msgdesk database: every partnership, round, response,
action, its tracking history and every round's events, as one JSON file.

On a shared PostgreSQL database this is what ``msgdesk backup OUT.json`` writes (the
DBA's own backups are theirs); it restores into an empty SQLite or PostgreSQL database.
The restore goes through the database's guards rather than around them: rows keep their
ids, an approved round is stored as "ready" with its responses and actions, then approved
with its original note and time, so its events come out as they were.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from msgdesk.domain.errors import InputError
from msgdesk.domain.ids import new_action_id
from msgdesk.domain.states import Backend, EventKind, RoundStatus
from msgdesk.exchange.atomic import write_atomically
from msgdesk.store.backup import BackupInfo, RestoreResult, RoundContent
from msgdesk.store.directions_archive import restore_directions
from msgdesk.store.models import (
    TABLES_IN_ORDER,
    Action,
    ActionUpdate,
    Base,
    ComparatorGroup,
    ComparatorGroupMember,
    EvaluationRound,
    Partnership,
    Response,
    RoundEvent,
)
from msgdesk.store.schema import KNOWN_REVISIONS, SCHEMA_HEAD

if TYPE_CHECKING:
    from msgdesk.store.workspace import Workspace

FORMAT = "msgdesk-archive"
VERSION = 1


#: The first 16 bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"


def is_archive(path: Path) -> bool:
    """Whether ``path`` is an archive (JSON) rather than an SQLite backup: by what it holds,
    then by its name.  An SQLite file named ``.json`` (what ``msgdesk backup X.json`` writes on
    SQLite) is a backup, not a broken archive."""
    try:
        with open(path, "rb") as fh:
            start = fh.read(len(SQLITE_HEADER))
    except OSError:
        return path.suffix.lower() == ".json"  # the archive's reader says what is wrong with it
    if start == SQLITE_HEADER:
        return False
    return start[:1] == b"{" or path.suffix.lower() == ".json"


def _value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _rows(session: Session, model: type[Base]) -> list[dict[str, Any]]:
    table = model.__table__
    return [{c: _value(v) for c, v in row._mapping.items()}
            for row in session.execute(select(table).order_by(table.c.id))]


def write_archive(workspace: Workspace, out: Path) -> BackupInfo:
    if out.exists():
        raise InputError(f"{out} exists already; choose a new file name")
    engine = workspace.engine
    with Session(engine) as session:
        if workspace.backend is Backend.POSTGRESQL:
            # One consistent picture of every table, while officers keep working.
            session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        tables = {model.__tablename__: _rows(session, model) for model in TABLES_IN_ORDER}
        session.rollback()
    created = datetime.now().replace(microsecond=0)
    document = {"format": FORMAT, "version": VERSION, "schema": SCHEMA_HEAD, "created": created.isoformat(),
                "source": workspace.describe(), "tables": tables}
    write_atomically(out, json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
    return BackupInfo(out, created, "manual", _round_contents(tables))


def _round_contents(tables: dict[str, list[dict[str, Any]]]) -> tuple[RoundContent, ...]:
    names = {p["id"]: p["name"] for p in tables.get("partnership", [])}
    return tuple(sorted(
        (RoundContent(names.get(r["partnership_id"], "?"), r["label"], r["status"],
                      (r.get("ijb_meeting_date") or None), r.get("minute_reference") or "")
         for r in tables.get("evaluation_round", [])),
        key=lambda c: (c.partnership, c.label),
    ))


def read_archive(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{path} cannot be read as an msgdesk archive ({exc})") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError(f"{path} is not an msgdesk archive (\"format\" should be {FORMAT!r})")
    if document.get("version") != VERSION or document.get("schema") not in KNOWN_REVISIONS:
        raise InputError(f"{path} comes from another version of msgdesk (archive {document.get('version')}, "
                         f"schema {document.get('schema')})")
    tables = document.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(tables.get(m.__tablename__, []),
                                                          list) for m in TABLES_IN_ORDER):
        raise InputError(f"{path}: \"tables\" should hold a list of rows for each table")
    return document


def _typed(model: type[Base], row: dict[str, Any]) -> dict[str, Any]:
    """A row read from JSON with dates and times as Python values again."""
    from sqlalchemy import Date, DateTime

    table = model.__table__
    out: dict[str, Any] = {}
    for column in table.columns:
        if column.name not in row:
            continue
        value = row[column.name]
        if value is not None and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, Date):
            value = date.fromisoformat(value[:10])
        out[column.name] = value
    return out


def restore_archive(workspace: Workspace, path: Path, *, force: bool = False) -> RestoreResult:
    """Load the archive into the workspace's database, which must hold no partnership yet."""
    document = read_archive(path)
    tables: dict[str, list[dict[str, Any]]] = document["tables"]
    engine = workspace.engine
    with Session(engine) as check:
        if check.scalar(select(Partnership.id).limit(1)) is not None:
            raise InputError(
                f"{workspace.describe()} already holds returns: an archive is restored into an empty database "
                "(for SQLite: msgdesk --db NEW.db restore ARCHIVE; for PostgreSQL ask IT for a new database)"
            )
    del force  # nothing is overwritten, so there is nothing to confirm
    try:
        with Session(engine) as session, session.begin():
            _load(session, tables)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{path} is not a whole archive ({exc.__class__.__name__}: {exc})") from exc
    if workspace.backend is Backend.POSTGRESQL:
        with engine.begin() as con:
            for model in TABLES_IN_ORDER:
                name = model.__tablename__
                con.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                 f"COALESCE((SELECT max(id) FROM {name}), 0) + 1, false)"))
    return RestoreResult(path, None, None)


def _insert(session: Session, model: type[Base], rows: Iterable[dict[str, Any]]) -> None:
    rows = [_typed(model, r) for r in rows]
    if rows:
        session.execute(insert(model), rows)


def _with_uids(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Actions of an archive from before schema 0004 get their ids, a carried copy its original's."""
    given: dict[int, str] = {}
    out = []
    for row in actions:  # by id: an original comes before its copies
        if not row.get("uid"):
            row = dict(row, uid=given.get(row.get("carried_from_id") or -1) or new_action_id())
        given[row["id"]] = row["uid"]
        out.append(row)
    return out


def _approval_time(round_row: dict[str, Any], approval: dict[str, Any] | None) -> datetime:
    """When the round was (last) approved: its approval event's time, else its updated_at."""
    return datetime.fromisoformat(approval["at"] if approval else round_row["updated_at"])


def _staged(round_row: dict[str, Any], approval: dict[str, Any] | None) -> dict[str, Any]:
    """An approved round as it is first stored: "ready", with an updated_at that is not its
    approval's time.  The database records the approval's event at the round's new
    updated_at only when the move changes it, else at the database's clock (the guards'
    ``_SQLITE_MOVED_AT`` and its PostgreSQL twin).  An approval made in a new second has
    updated_at equal to its event's time, so staging the round with that same updated_at
    made the restored event take the clock of the restore (a CI failure, 1 run in many:
    only when the original approval and the write before it fell in different seconds).
    The staged value is replaced by the approval's update in the same transaction."""
    return dict(round_row, status=RoundStatus.READY.value,
                updated_at=(_approval_time(round_row, approval) - timedelta(seconds=1)).isoformat())


def _load(session: Session, tables: dict[str, list[dict[str, Any]]]) -> None:
    rounds = sorted(tables.get("evaluation_round", []), key=lambda r: r["id"])
    events = sorted(tables.get("round_event", []), key=lambda e: e["id"])
    # An approved round takes its content first: it is stored "ready", then approved by
    # the same move as ever, with the note and time of its last approval.
    final_approval: dict[int, dict[str, Any]] = {}
    for e in events:
        if e["kind"] == EventKind.APPROVED:
            final_approval[e["round_id"]] = e
    approved = {r["id"] for r in rounds if r["status"] == RoundStatus.APPROVED}
    staged = [_staged(r, final_approval.get(r["id"])) if r["id"] in approved else r for r in rounds]
    if session.bind is not None and session.bind.dialect.name == "sqlite":
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
    _insert(session, Partnership, tables.get("partnership", []))
    _insert(session, EvaluationRound, staged)
    _insert(session, Response, sorted(tables.get("response", []), key=lambda r: r["id"]))
    _insert(session, Action, _with_uids(sorted(tables.get("action", []), key=lambda r: r["id"])))
    _insert(session, ActionUpdate, sorted(tables.get("action_update", []), key=lambda r: r["id"]))
    # Contributions (schema 0004) go in before the approvals: their guards refuse a pack or a
    # conflict for a round already approved.
    from msgdesk.store.models import ContentChange, ContributionPack, MergeConflict

    for model in (ContributionPack, MergeConflict, ContentChange):
        _insert(session, model, sorted(tables.get(model.__tablename__, []), key=lambda r: r["id"]))

    def event_row(e: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in e.items() if k != "id"}  # events are referred to by nothing

    before = [e for e in events if e["round_id"] not in approved or e["id"] < final_approval.get(e["round_id"],
                                                                                                 {"id": 0})["id"]]
    after = [e for e in events if e not in before and e is not final_approval.get(e["round_id"])]
    _insert(session, RoundEvent, [event_row(e) for e in before])
    for r in rounds:
        if r["id"] not in approved:
            continue
        approval = final_approval.get(r["id"])
        note = approval["detail"] if approval else r.get("status_note") or "approved (restored from an archive)"
        at = _approval_time(r, approval)
        session.execute(
            update(EvaluationRound).where(EvaluationRound.id == r["id"]),
            {"status": RoundStatus.APPROVED.value, "status_note": note, "updated_at": at},
        )
    _insert(session, RoundEvent, [event_row(e) for e in after])
    _insert(session, ComparatorGroup, tables.get("comparator_group", []))
    _insert(session, ComparatorGroupMember, tables.get("comparator_group_member", []))

    restore_directions(session, tables, _insert)
