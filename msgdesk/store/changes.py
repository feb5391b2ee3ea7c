"""Who changed what in a return, and when: one ``content_change`` row per change, written in
the same transaction as the change by every writer of responses and actions (the rounds
repository, imports, merges, conflict resolutions).

Typing is saved in bursts (the evidence every second or so), so consecutive edits of the
same field by the same person within ``COALESCE_WINDOW`` are one entry whose time moves on:
the History panel reads "evidence edited by Caroline Whyte, 14:45", not a hundred lines.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from msgdesk.domain.return_values import rating_label
from msgdesk.domain.states import ChangeField, ChangeSource
from msgdesk.store.models import ContentChange, utcnow

COALESCE_WINDOW = timedelta(minutes=10)

#: Edits that come in bursts while someone types.
_TYPED = frozenset({ChangeField.EVIDENCE, ChangeField.ACTION, ChangeField.DELIVERY, ChangeField.TIMESCALE,
                    ChangeField.LEAD})


def quoted(text: str, limit: int = 60) -> str:
    """“The start of a text…” on one line, for a history entry."""
    text = " ".join((text or "").split())
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"


def rating_change(before: str | None, after: str | None) -> str:
    if after is None:
        return f"cleared (was {rating_label(before)})" if before else "cleared"
    return f"{rating_label(after)} (was {rating_label(before)})" if before else rating_label(after)


def text_change(after: str) -> str:
    if not after.strip():
        return "emptied"
    return f"now {len(after):,} characters: {quoted(after)}"


def describe(field: str, before: str | None, after: str | None) -> str:
    """"rating: Established (was Partly established)", "evidence: now 1,234 characters: “…”"."""
    if field in ("rating", "previous_rating"):
        return f"{field.replace('_', ' ')}: {rating_change(before, after)}"
    return f"{field}: {text_change(after or '')}"


def record(session: Session, round_id: int, proposal_id: str, field: ChangeField, detail: str, author: str, *,
           source: ChangeSource = ChangeSource.EDIT, action_uid: str = "", pack_id: int | None = None,
           at: datetime | None = None) -> None:
    """Add the entry (or extend the last one, for a burst of typing by the same person)."""
    at = at or utcnow()
    if source is ChangeSource.EDIT and field in _TYPED:
        last = session.scalars(
            select(ContentChange).where(ContentChange.round_id == round_id, ContentChange.proposal_id == proposal_id)
            .order_by(ContentChange.id.desc()).limit(1)
        ).first()
        if (last is not None and last.field == field.value and last.action_uid == action_uid
                and last.author == author and last.source == source.value and at - last.at <= COALESCE_WINDOW):
            last.at = at
            last.detail = detail
            return
    session.add(ContentChange(round_id=round_id, proposal_id=proposal_id, action_uid=action_uid, field=field.value,
                              detail=detail, source=source.value, author=author, at=at, pack_id=pack_id))
