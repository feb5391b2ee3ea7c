"""Return files: the offline exchange format (USB stick, e-mail).

UTF-8 JSON of exactly this shape (version 2; msgdesk writes version 2 and reads 1 and 2)::

    {"format": "msgdesk-return", "version": 2,
     "partnership": "...", "round": "2019", "contact": "...", "completed_on": "2019-04-18",
     "responses": [{"proposal": "1.1", "rating": "established", "previous_rating": null,
                    "evidence": "...",
                    "updated_at": "2026-03-12T14:03:27Z", "updated_by": "Caroline Whyte",
                    "actions": [{"id": "5f0c…", "action": "...", "delivery": "...", "timescale": "...",
                                 "lead": "...", "due_date": "YYYY-MM-DD",
                                 "updated_at": "...", "updated_by": "..."}]}],
     "pack": {...}}

Version 2 adds a stable ``id`` on every action (kept across export, import, carry-forward
and merge), who last changed each response and action and when (UTC), and the optional
``pack`` object of a contribution pack or of the reply to one::

    "pack": {"id": "…", "for": "Name, role", "proposals": ["2.1", "4.4"],
             "created_at": "…Z", "created_by": "…", "base_digest": "sha256:…",
             "base": [{"proposal": "2.1", "rating": …, "evidence": …,
                       "actions": [{"id": …, "action": …, "delivery": …, "timescale": …,
                                    "lead": …, "due_date": …}]}],
             "reply_by": null, "reply_at": null}

``base`` is what each field of the pack's proposals held when the pack was cut, and
``base_digest`` its fingerprint (with the pack's identity): a base changed afterwards is
refused.  A pack (or reply) holds a response for each of its proposals and no other.
Version 1 files (no ids, no who/when, no pack) are read as they always were.

Reading validates everything first and reports every problem with its
location (``responses[3].actions[1].timescale: expected text``); nothing is
stored unless the whole file is good.  Beyond the shape, a file is refused
when it is not UTF-8, is not strict JSON (``NaN``, a key given twice in one
object, see :mod:`msgdesk.exchange.strict_json`), or holds text no database can keep
(control characters, lone surrogate escapes such as ``"\\ud800"``).  An
entry for a proposal not for local completion (3.2, 3.3, 5.3) is accepted
when it has no content and then ignored: there is nothing to keep.

Writing produces a canonical form, so export → import → export is
byte-identical.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from msgdesk.domain.errors import ExchangeFileError
from msgdesk.domain.return_values import RATINGS, ActionData, PackData, ResponseData, ReturnData
from msgdesk.domain.template import Template, load_template
from msgdesk.domain.text import MAX_NAME
from msgdesk.domain.vocabulary import Rating
from msgdesk.exchange.checker import FieldChecker, kind_of, value_shown
from msgdesk.exchange.files import MAX_FILE_BYTES, read_file_bytes, too_large
from msgdesk.exchange.strict_json import JSONTextError, decode, item, loads, member, shown

# The writing half lives in return_file_writer (``msgdesk export --json`` loads it without
# this reader's checker, strict JSON parser and patterns); its names are importable from
# here too, where every caller has found them.
from msgdesk.rounds.return_file_writer import FORMAT as FORMAT
from msgdesk.rounds.return_file_writer import VERSION as VERSION
from msgdesk.rounds.return_file_writer import base_digest as base_digest
from msgdesk.rounds.return_file_writer import base_response_json as base_response_json
from msgdesk.rounds.return_file_writer import dump_return as dump_return
from msgdesk.rounds.return_file_writer import pack_to_json as pack_to_json
from msgdesk.rounds.return_file_writer import return_to_json as return_to_json
from msgdesk.rounds.return_file_writer import write_atomically as write_atomically
from msgdesk.rounds.return_file_writer import write_return_file as write_return_file

#: The versions msgdesk reads (it writes ``VERSION``, ``msgdesk.rounds.return_file_writer``).
READ_VERSIONS = (1, 2)

#: The keys of version 1; version 2 allows the ``*_V2`` sets.
TOP_KEYS = ("format", "version", "partnership", "round", "contact", "completed_on", "responses")
RESPONSE_KEYS = ("proposal", "rating", "previous_rating", "evidence", "actions")
ACTION_KEYS = ("action", "delivery", "timescale", "lead", "due_date")
TOP_KEYS_V2 = (*TOP_KEYS, "pack")
RESPONSE_KEYS_V2 = (*RESPONSE_KEYS, "updated_at", "updated_by")
ACTION_KEYS_V2 = ("id", *ACTION_KEYS, "updated_at", "updated_by")
PACK_KEYS = ("id", "for", "proposals", "created_at", "created_by", "base_digest", "base", "reply_by", "reply_at")
BASE_RESPONSE_KEYS = ("proposal", "rating", "evidence", "actions")
BASE_ACTION_KEYS = ("id", *ACTION_KEYS)

_DIGEST = re.compile(r"sha256:[0-9a-f]{64}\Z")


class ReturnFileError(ExchangeFileError):
    """A return file that cannot be imported; ``problems`` lists every located problem."""


class _Checker(FieldChecker):
    """The return format's fields on top of the shared checks (text, dates, times, ids)."""

    def __init__(self, template: Template) -> None:
        super().__init__()
        self.template = template
        self.version = VERSION
        #: Action ids seen in the file's responses: id -> where.
        self.action_ids: dict[str, str] = {}

    def rating(self, obj: dict[str, Any], key: str, where: str) -> Rating | None:
        at = member(where, key)
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or value not in RATINGS:
            found = shown(value) if isinstance(value, str) else kind_of(value)
            self.problem(at, f"unknown rating {found}; expected null or one of {', '.join(RATINGS)}")
            return None
        return Rating(value)

    def action(self, obj: Any, where: str, *, base: bool = False) -> ActionData | None:
        if not isinstance(obj, dict):
            self.problem(where, f"expected an object, found {kind_of(obj)}")
            return None
        v2 = self.version >= 2
        self.keys(obj, BASE_ACTION_KEYS if base else ACTION_KEYS_V2 if v2 else ACTION_KEYS, where)
        data = ActionData(
            action=self.text(obj, "action", where, required=True),
            delivery=self.text(obj, "delivery", where),
            timescale=self.text(obj, "timescale", where, limit=1000),
            lead=self.text(obj, "lead", where, limit=MAX_NAME, single_line=True),
            due_date=self.day(obj, "due_date", where),
        )
        if base:
            data.uid = self.identifier(obj, "id", where, required=True)
        elif v2:
            # A missing id is a new action (a contributor's, written by hand).
            data.uid = self.identifier(obj, "id", where)
            data.updated_at = self.moment(obj, "updated_at", where)
            data.updated_by = self.text(obj, "updated_by", where, limit=MAX_NAME, single_line=True)
            if data.uid:
                if data.uid in self.action_ids:
                    self.problem(member(where, "id"),
                                 f"the id {data.uid} is given twice (also {self.action_ids[data.uid]})")
                else:
                    self.action_ids[data.uid] = where
        return data

    def _actions(self, obj: dict, where: str, *, base: bool = False) -> list[ActionData]:
        actions: list[ActionData] = []
        raw_actions = obj.get("actions")
        if raw_actions is not None and not isinstance(raw_actions, list):
            self.problem(member(where, "actions"), f"expected a list, found {kind_of(raw_actions)}")
        elif raw_actions:
            for i, entry in enumerate(raw_actions):
                action = self.action(entry, item(member(where, "actions"), i), base=base)
                if action is not None:
                    actions.append(action)
        return actions

    def proposal(self, obj: dict, where: str, seen: dict[str, int], index: int, listed: str) -> str | None:
        """The entry's proposal id, if it is one of the template's (None otherwise)."""
        proposal = obj.get("proposal")
        at = member(where, "proposal")
        if "proposal" not in obj:
            self.problem(at, "missing")
        elif not isinstance(proposal, str):
            self.problem(at, f"expected text such as \"2.3\", found {kind_of(proposal)}")
        elif not self.template.has_proposal(proposal):
            self.problem(at, f"there is no proposal {shown(proposal, 20)} in the template")
        else:
            if proposal in seen:
                self.problem(at, f"proposal {proposal} appears twice (also {item(listed, seen[proposal])})")
            else:
                seen[proposal] = index
            return proposal
        return None

    def response(self, obj: Any, where: str, seen: dict[str, int], index: int) -> ResponseData | None:
        if not isinstance(obj, dict):
            self.problem(where, f"expected an object, found {kind_of(obj)}")
            return None
        v2 = self.version >= 2
        self.keys(obj, RESPONSE_KEYS_V2 if v2 else RESPONSE_KEYS, where)
        proposal = self.proposal(obj, where, seen, index, "responses")
        local = proposal is None or self.template.proposal(proposal).local
        rating = self.rating(obj, "rating", where)
        previous = self.rating(obj, "previous_rating", where)
        evidence = self.text(obj, "evidence", where)
        updated_at = self.moment(obj, "updated_at", where) if v2 else None
        updated_by = self.text(obj, "updated_by", where, limit=MAX_NAME, single_line=True) if v2 else ""
        actions = self._actions(obj, where)
        if proposal is None:
            return None
        if not local:
            for key in ("rating", "previous_rating", "evidence", "actions"):
                if obj.get(key):
                    self.problem(
                        member(where, key),
                        f"proposal {proposal} is not for local completion (national bodies responsible); "
                        "it takes no rating, evidence or actions",
                    )
            return None  # nothing to keep: an empty entry is accepted and left out
        return ResponseData(proposal, rating, previous, evidence, actions, updated_at=updated_at,
                            updated_by=updated_by)

    def base_response(self, obj: Any, where: str, seen: dict[str, int], index: int) -> ResponseData | None:
        if not isinstance(obj, dict):
            self.problem(where, f"expected an object, found {kind_of(obj)}")
            return None
        self.keys(obj, BASE_RESPONSE_KEYS, where)
        proposal = self.proposal(obj, where, seen, index, "pack.base")
        rating = self.rating(obj, "rating", where)
        evidence = self.text(obj, "evidence", where)
        actions = self._actions(obj, where, base=True)
        ids: dict[str, int] = {}
        for i, action in enumerate(actions):
            if action.uid in ids:
                self.problem(item(member(where, "actions"), i) + ".id",
                             f"the id {action.uid} is given twice in the base")
            ids[action.uid] = i
        if proposal is None:
            return None
        return ResponseData(proposal, rating, None, evidence, actions)

    def pack(self, obj: Any, data: ReturnData) -> PackData | None:
        where = "pack"
        if not isinstance(obj, dict):
            self.problem(where, f"expected an object, found {kind_of(obj)}")
            return None
        self.keys(obj, PACK_KEYS, where)
        before = len(self.problems)
        pack_id = self.identifier(obj, "id", where, required=True)
        for_whom = self.text(obj, "for", where, required=True, limit=MAX_NAME, single_line=True).strip()
        created_at = self.moment(obj, "created_at", where, required=True)
        created_by = self.text(obj, "created_by", where, limit=MAX_NAME, single_line=True)
        reply_by = self.text(obj, "reply_by", where, limit=MAX_NAME, single_line=True).strip()
        reply_at = self.moment(obj, "reply_at", where)
        proposals: list[str] = []
        raw = obj.get("proposals")
        at = member(where, "proposals")
        if not isinstance(raw, list) or not raw:
            self.problem(at, "missing (a list of proposals such as [\"2.1\", \"4.4\"])" if "proposals" not in obj
                         else f"expected a list of one or more proposals, found {kind_of(raw)}"
                         if not isinstance(raw, list) else "the pack must hold at least one proposal")
        else:
            for i, entry in enumerate(raw):
                if not isinstance(entry, str) or not self.template.has_proposal(entry):
                    found = shown(entry, 20) if isinstance(entry, str) else kind_of(entry)
                    self.problem(item(at, i), f"there is no proposal {found} in the template")
                elif not self.template.proposal(entry).local:
                    self.problem(item(at, i), f"proposal {entry} is not for local completion")
                elif entry in proposals:
                    self.problem(item(at, i), f"proposal {entry} is listed twice")
                else:
                    proposals.append(entry)
        base: list[ResponseData] = []
        raw_base = obj.get("base")
        at = member(where, "base")
        if not isinstance(raw_base, list):
            self.problem(at, "missing (what the pack's proposals held when it was cut)" if "base" not in obj
                         else f"expected a list, found {kind_of(raw_base)}")
        else:
            seen: dict[str, int] = {}
            for i, entry in enumerate(raw_base):
                response = self.base_response(entry, item(at, i), seen, i)
                if response is not None:
                    base.append(response)
            if proposals and len(self.problems) == before:
                if [r.proposal for r in base] != proposals:
                    self.problem(at, "must hold one entry for each of the pack's proposals, in the same order")
        digest = obj.get("base_digest")
        at = member(where, "base_digest")
        if not isinstance(digest, str) or not _DIGEST.match(digest):
            self.problem(at, "missing" if "base_digest" not in obj
                         else "expected the fingerprint \"sha256:\" followed by 64 hex digits")
        elif len(self.problems) == before and digest != base_digest(
                pack_id, data.partnership, data.round, proposals, base):
            self.problem(at, "does not match the pack: its base, proposals or round were changed after the pack "
                         "was made (a pack is merged only as it was sent)")
        if reply_at is None and reply_by:
            self.problem(member(where, "reply_at"), "missing: a reply says when it was sent back")
        if len(self.problems) != before:
            return None
        return PackData(pack_id, for_whom, tuple(proposals), created_at or datetime.min, created_by.strip(), base,
                        str(digest), reply_by, reply_at)

    def whole(self, obj: Any) -> ReturnData | None:
        if not isinstance(obj, dict):
            self.problem("", f"the file must hold a JSON object, found {kind_of(obj)}")
            return None
        if obj.get("format") != FORMAT:
            found = obj.get("format")
            self.problem("format", f"expected {FORMAT!r}, found {value_shown(found)}" if "format" in obj
                         else f"missing (expected {FORMAT!r})")
            return None  # not a return file at all: other complaints would be noise
        version = obj.get("version")
        if type(version) is not int or version not in READ_VERSIONS:
            readable = " or ".join(str(v) for v in READ_VERSIONS)
            self.problem("version", f"this msgdesk reads version {readable}, found {value_shown(version)}"
                         if "version" in obj else f"missing (expected {VERSION})")
            return None
        self.version = version
        self.keys(obj, TOP_KEYS_V2 if version >= 2 else TOP_KEYS, "")
        data = ReturnData(
            partnership=self.text(obj, "partnership", "", required=True, limit=MAX_NAME, single_line=True).strip(),
            round=self.text(obj, "round", "", required=True, limit=40, single_line=True).strip(),
            contact=self.text(obj, "contact", "", limit=1000),
            completed_on=self.day(obj, "completed_on", ""),
        )
        responses = obj.get("responses")
        placed: dict[str, int] = {}
        if "responses" not in obj:
            self.problem("responses", "missing (a list, possibly empty)")
        elif not isinstance(responses, list):
            self.problem("responses", f"expected a list, found {kind_of(responses)}")
        else:
            for i, entry in enumerate(responses):
                response = self.response(entry, item("responses", i), placed, i)
                if response is not None:
                    data.responses.append(response)
        if version >= 2 and obj.get("pack") is not None:
            data.pack = self.pack(obj["pack"], data)
            if data.pack is not None:
                self._within_pack(data.pack, placed)
        order = self.template.order
        data.responses.sort(key=lambda r: order(r.proposal))
        return data

    def _within_pack(self, pack: PackData, placed: dict[str, int]) -> None:
        """A pack's responses are its proposals', every one of them and no other."""
        wanted = set(pack.proposals)
        for proposal, index in placed.items():
            if proposal not in wanted:
                self.problem(item("responses", index) + ".proposal",
                             f"proposal {proposal} is not in this pack (it holds {', '.join(pack.proposals)})")
        for proposal in pack.proposals:
            if proposal not in placed:
                self.problem("responses", f"the pack's proposal {proposal} is missing (a pack holds a response "
                             "for each of its proposals, possibly empty)")


def parse_return(raw: bytes | str, template: Template | None = None, source: str = "") -> ReturnData:
    """Validate and read a return; raises ReturnFileError listing every problem."""
    if isinstance(raw, bytes) and len(raw) > MAX_FILE_BYTES:
        raise ReturnFileError([too_large(len(raw))], source)
    try:
        text = decode(raw) if isinstance(raw, bytes) else raw
        if not text.strip():
            raise ReturnFileError(["the file is empty"], source)
        obj = loads(text)
    except JSONTextError as exc:
        raise ReturnFileError(exc.problems, source) from exc
    checker = _Checker(template or load_template())
    data = checker.whole(obj)
    if checker.problems or data is None:
        raise ReturnFileError(checker.problems, source)
    return data


def read_return_file(path: str | os.PathLike[str], template: Template | None = None) -> ReturnData:
    """Read and validate the return file at ``path``; ReturnFileError for anything else,
    including a path that is not a readable file."""
    path = Path(path)
    return parse_return(read_file_bytes(path, "return", ReturnFileError), template, str(path))
