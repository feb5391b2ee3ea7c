"""Directions in a portable archive (``msgdesk.store.archive``): restored through the
database's guards, as an approved round is.  Each direction goes in as a draft with its
milestones, is then issued (superseded ones first, with what they supersede), and then
takes its revocation or completion, the dates its milestones were met, and its delivery
issues and updates, with their original ids, authors and times."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from msgdesk.store.models import Base, DeliveryBody, Direction, DirectionIssue, DirectionMilestone, DirectionUpdate

Insert = Callable[[Session, type[Base], Iterable[dict[str, Any]]], None]
#: What the staged rows leave out until the direction is issued.
_LATER = ("issued_on", "supersedes_id", "revoked_on", "revoked_reason", "completed_on")


def restore_directions(session: Session, tables: dict[str, list[dict[str, Any]]], insert: Insert) -> None:
    """Load the archive's directions; ``insert`` is the archive's own row writer."""
    directions = sorted(tables.get("direction", []), key=lambda r: r["id"])
    milestones = sorted(tables.get("direction_milestone", []), key=lambda r: r["id"])
    insert(session, DeliveryBody, sorted(tables.get("delivery_body", []), key=lambda r: r["id"]))
    insert(session, Direction, [{k: v for k, v in r.items() if k not in _LATER} for r in directions])
    insert(session, DirectionMilestone, [dict(m, achieved_on=None) for m in milestones])
    by_id = {r["id"]: r for r in directions}
    done: set[int] = set()

    def issue(row: dict[str, Any]) -> None:
        if row["id"] in done:
            return
        done.add(row["id"])
        target = row.get("supersedes_id")
        if target in by_id:
            issue(by_id[target])  # what it supersedes is issued (and in force) first
        session.execute(update(Direction).where(Direction.id == row["id"]),
                        {"issued_on": _day(row.get("issued_on")), "supersedes_id": target})

    for row in directions:
        if row.get("issued_on"):
            issue(row)
        elif row.get("supersedes_id") is not None:  # a draft varying another
            session.execute(update(Direction).where(Direction.id == row["id"]), {"supersedes_id": row["supersedes_id"]})
    for row in directions:
        if row.get("revoked_on") or row.get("completed_on"):
            session.execute(update(Direction).where(Direction.id == row["id"]), {
                "revoked_on": _day(row.get("revoked_on")), "revoked_reason": row.get("revoked_reason") or "",
                "completed_on": _day(row.get("completed_on"))})
    for m in milestones:
        if m.get("achieved_on"):
            session.execute(update(DirectionMilestone).where(DirectionMilestone.id == m["id"]),
                            {"achieved_on": _day(m["achieved_on"])})
    insert(session, DirectionIssue, sorted(tables.get("direction_issue", []), key=lambda r: r["id"]))
    insert(session, DirectionUpdate, sorted(tables.get("direction_update", []), key=lambda r: r["id"]))
    for row in directions:  # the times of the original, not of the restore
        session.execute(update(Direction).where(Direction.id == row["id"]),
                        {"updated_at": _time(row["updated_at"]), "version": row.get("version", 1)})


def _day(value: Any) -> Any:
    from datetime import date

    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _time(value: Any) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(value) if isinstance(value, str) else value
