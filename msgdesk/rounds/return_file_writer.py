"""Writing return files (the format is described in ``msgdesk.rounds.return_file``, which
reads them).

Apart from the reader so that ``msgdesk export --json`` loads what writes the file and
nothing that checks one: the reader's field checker, strict JSON parser and their patterns
are for importing.  Writing produces a canonical form, so export → import → export is
byte-identical.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from msgdesk.domain.return_values import ActionData, PackData, ResponseData, ReturnData
from msgdesk.domain.template import Template, load_template
from msgdesk.exchange.atomic import write_atomically
from msgdesk.exchange.times import format_time

#: ``typing.TYPE_CHECKING`` without importing typing (mypy reads any name TYPE_CHECKING as True).
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

FORMAT = "msgdesk-return"
#: The version msgdesk writes; it reads every version in ``return_file.READ_VERSIONS``.
VERSION = 2


def base_digest(pack_id: str, partnership: str, round_label: str, proposals: tuple[str, ...] | list[str],
                base: list[ResponseData]) -> str:
    """The fingerprint of a pack's base, with what the pack is (its id, round and proposals):
    any change to one of them after the pack was cut shows."""
    document = {"id": pack_id, "partnership": partnership, "round": round_label, "proposals": list(proposals),
                "base": [base_response_json(r) for r in base]}
    canonical = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    import hashlib  # a pack's fingerprint only: export --json does without it

    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _action_json(a: ActionData) -> dict[str, Any]:
    return {
        "id": a.uid or None,
        "action": a.action,
        "delivery": a.delivery,
        "timescale": a.timescale,
        "lead": a.lead,
        "due_date": a.due_date.isoformat() if a.due_date else None,
        "updated_at": format_time(a.updated_at),
        "updated_by": a.updated_by,
    }


def base_response_json(r: ResponseData) -> dict[str, Any]:
    return {
        "proposal": r.proposal,
        "rating": r.rating,
        "evidence": r.evidence,
        "actions": [
            {"id": a.uid, "action": a.action, "delivery": a.delivery, "timescale": a.timescale, "lead": a.lead,
             "due_date": a.due_date.isoformat() if a.due_date else None}
            for a in r.actions
        ],
    }


def pack_to_json(pack: PackData) -> dict[str, Any]:
    return {
        "id": pack.id,
        "for": pack.for_whom,
        "proposals": list(pack.proposals),
        "created_at": format_time(pack.created_at),
        "created_by": pack.created_by,
        "base_digest": pack.base_digest,
        "base": [base_response_json(r) for r in pack.base],
        "reply_by": pack.reply_by or None,
        "reply_at": format_time(pack.reply_at),
    }


def return_to_json(data: ReturnData, template: Template | None = None) -> dict[str, Any]:
    """The canonical JSON object: responses in template order, empty ones left out (but
    a pack keeps one for each of its proposals)."""
    template = template or load_template()
    kept = set(data.pack.proposals) if data.pack is not None else set()
    responses = sorted((r for r in data.responses if not r.is_empty() or r.proposal in kept),
                       key=lambda r: template.order(r.proposal))
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "partnership": data.partnership,
        "round": data.round,
        "contact": data.contact,
        "completed_on": data.completed_on.isoformat() if data.completed_on else None,
        "responses": [
            {
                "proposal": r.proposal,
                "rating": r.rating,
                "previous_rating": r.previous_rating,
                "evidence": r.evidence,
                "updated_at": format_time(r.updated_at),
                "updated_by": r.updated_by,
                "actions": [_action_json(a) for a in r.actions],
            }
            for r in responses
        ],
    }
    if data.pack is not None:
        document["pack"] = pack_to_json(data.pack)
    return document


def dump_return(data: ReturnData, template: Template | None = None) -> str:
    return json.dumps(return_to_json(data, template), ensure_ascii=False, indent=2) + "\n"


def write_return_file(path: str | os.PathLike[str], data: ReturnData, template: Template | None = None) -> Path:
    return write_atomically(path, dump_return(data, template).encode("utf-8"))
