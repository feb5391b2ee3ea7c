"""Return files: the offline exchange format (USB stick, e-mail).

UTF-8 JSON of exactly this shape::

    {"format": "msgdesk-return", "version": 1,
     "partnership": "...", "round": "2019", "contact": "...", "completed_on": "2019-04-18",
     "responses": [{"proposal": "1.1", "rating": "established", "previous_rating": null,
                    "evidence": "...",
                    "actions": [{"action": "...", "delivery": "...", "timescale": "...",
                                 "lead": "...", "due_date": "YYYY-MM-DD"}]}]}

Reading validates everything first and reports every problem with its
location (``responses[3].actions[1].timescale: expected text``); nothing is
stored unless the whole file is good.  Writing produces a canonical form, so
export → import → export is byte-identical.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from msgdesk.errors import InputError
from msgdesk.returndata import RATINGS, ActionData, ResponseData, ReturnData
from msgdesk.template import Template, load_template

FORMAT = "msgdesk-return"
VERSION = 1
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_TEXT = 1_000_000  # characters in one field
MAX_NAME = 200

TOP_KEYS = ("format", "version", "partnership", "round", "contact", "completed_on", "responses")
RESPONSE_KEYS = ("proposal", "rating", "previous_rating", "evidence", "actions")
ACTION_KEYS = ("action", "delivery", "timescale", "lead", "due_date")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ReturnFileError(InputError):
    """A return file that cannot be imported; ``problems`` lists every located problem."""

    def __init__(self, problems: list[str], source: str = "") -> None:
        self.problems = problems
        self.source = source
        where = f"{source}: " if source else ""
        count = f"{len(problems)} problems" if len(problems) != 1 else "1 problem"
        super().__init__(f"{where}not imported, {count}:\n" + "\n".join(f"  {p}" for p in problems))


class _Checker:
    def __init__(self, template: Template) -> None:
        self.template = template
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}" if where else message)

    def keys(self, obj: dict, allowed: tuple[str, ...], where: str) -> None:
        for key in obj:
            if key not in allowed:
                self.problem(f"{where}.{key}" if where else key, f"unknown key (allowed: {', '.join(allowed)})")

    def text(self, obj: dict, key: str, where: str, *, required: bool = False, limit: int = MAX_TEXT,
             single_line: bool = False) -> str:
        at = f"{where}.{key}" if where else key
        if key not in obj or obj[key] is None:
            if required:
                self.problem(at, "missing" if key not in obj else "expected text, found null")
            return ""
        value = obj[key]
        if not isinstance(value, str):
            self.problem(at, f"expected text, found {_kind(value)}")
            return ""
        if required and not value.strip():
            self.problem(at, "must not be empty")
        if len(value) > limit:
            self.problem(at, f"too long ({len(value):,} characters; at most {limit:,})")
        bad = _CONTROL.search(value) or (single_line and re.search(r"[\r\n\t]", value))
        if bad:
            self.problem(at, f"contains a control character (U+{ord(bad.group()[0]):04X}) at position {bad.start()}")
        return value

    def day(self, obj: dict, key: str, where: str) -> date | None:
        at = f"{where}.{key}" if where else key
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(at, f"expected a date as text YYYY-MM-DD, found {_kind(value)}")
            return None
        if not _ISO_DATE.match(value):
            self.problem(at, f"expected a date YYYY-MM-DD, found {value[:40]!r}")
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.problem(at, f"{value!r} is not a real date")
            return None

    def rating(self, obj: dict, key: str, where: str) -> str | None:
        at = f"{where}.{key}"
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or value not in RATINGS:
            shown = repr(value) if isinstance(value, str) else _kind(value)
            self.problem(at, f"unknown rating {shown}; expected null or one of {', '.join(RATINGS)}")
            return None
        return value

    def action(self, obj: Any, where: str) -> ActionData | None:
        if not isinstance(obj, dict):
            self.problem(where, f"expected an object, found {_kind(obj)}")
            return None
        self.keys(obj, ACTION_KEYS, where)
        return ActionData(
            action=self.text(obj, "action", where, required=True),
            delivery=self.text(obj, "delivery", where),
            timescale=self.text(obj, "timescale", where, limit=1000),
            lead=self.text(obj, "lead", where, limit=MAX_NAME, single_line=True),
            due_date=self.day(obj, "due_date", where),
        )

    def response(self, obj: Any, where: str, seen: dict[str, int], index: int) -> ResponseData | None:
        if not isinstance(obj, dict):
            self.problem(where, f"expected an object, found {_kind(obj)}")
            return None
        self.keys(obj, RESPONSE_KEYS, where)
        proposal = obj.get("proposal")
        local = True
        if "proposal" not in obj:
            self.problem(f"{where}.proposal", "missing")
        elif not isinstance(proposal, str):
            self.problem(f"{where}.proposal", f"expected text such as \"2.3\", found {_kind(proposal)}")
        elif not self.template.has_proposal(proposal):
            self.problem(f"{where}.proposal", f"there is no proposal {proposal[:20]!r} in the template")
        else:
            if proposal in seen:
                self.problem(f"{where}.proposal", f"proposal {proposal} appears twice (also responses[{seen[proposal]}])")
            else:
                seen[proposal] = index
            local = self.template.proposal(proposal).local
        rating = self.rating(obj, "rating", where)
        previous = self.rating(obj, "previous_rating", where)
        evidence = self.text(obj, "evidence", where)
        actions: list[ActionData] = []
        raw_actions = obj.get("actions")
        if raw_actions is not None and not isinstance(raw_actions, list):
            self.problem(f"{where}.actions", f"expected a list, found {_kind(raw_actions)}")
        elif raw_actions:
            for i, item in enumerate(raw_actions):
                action = self.action(item, f"{where}.actions[{i}]")
                if action is not None:
                    actions.append(action)
        if not local and isinstance(proposal, str):
            for key in ("rating", "previous_rating", "evidence", "actions"):
                if obj.get(key):
                    self.problem(
                        f"{where}.{key}",
                        f"proposal {proposal} is not for local completion (national bodies responsible); "
                        "it takes no rating, evidence or actions",
                    )
        if not isinstance(proposal, str):
            return None
        return ResponseData(proposal, rating, previous, evidence, actions)

    def whole(self, obj: Any) -> ReturnData | None:
        if not isinstance(obj, dict):
            self.problem("", f"the file must hold a JSON object, found {_kind(obj)}")
            return None
        if obj.get("format") != FORMAT:
            found = obj.get("format")
            self.problem("format", f"expected {FORMAT!r}, found {found!r}" if "format" in obj else f"missing (expected {FORMAT!r})")
            return None  # not a return file at all: other complaints would be noise
        version = obj.get("version")
        if type(version) is not int or version != VERSION:
            self.problem("version", f"this msgdesk reads version {VERSION}, found {version!r}"
                         if "version" in obj else f"missing (expected {VERSION})")
            return None
        self.keys(obj, TOP_KEYS, "")
        data = ReturnData(
            partnership=self.text(obj, "partnership", "", required=True, limit=MAX_NAME, single_line=True).strip(),
            round=self.text(obj, "round", "", required=True, limit=40, single_line=True).strip(),
            contact=self.text(obj, "contact", "", limit=1000),
            completed_on=self.day(obj, "completed_on", ""),
        )
        responses = obj.get("responses")
        if "responses" not in obj:
            self.problem("responses", "missing (a list, possibly empty)")
        elif not isinstance(responses, list):
            self.problem("responses", f"expected a list, found {_kind(responses)}")
        else:
            seen: dict[str, int] = {}
            for i, item in enumerate(responses):
                response = self.response(item, f"responses[{i}]", seen, i)
                if response is not None:
                    data.responses.append(response)
        order = self.template.order
        data.responses.sort(key=lambda r: order(r.proposal))
        return data


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_return(raw: bytes | str, template: Template | None = None, source: str = "") -> ReturnData:
    """Validate and read a return; raises ReturnFileError listing every problem."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            raise ReturnFileError([f"the file is too large ({len(raw):,} bytes; at most {MAX_FILE_BYTES:,})"], source)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ReturnFileError([f"byte {exc.start}: the file is not UTF-8 text"], source) from exc
    else:
        text = raw
    if not text.strip():
        raise ReturnFileError(["the file is empty"], source)
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ReturnFileError([f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"], source) from exc
    except (ValueError, RecursionError) as exc:
        raise ReturnFileError([f"not valid JSON ({exc})"], source) from exc
    checker = _Checker(template or load_template())
    data = checker.whole(obj)
    if checker.problems or data is None:
        raise ReturnFileError(checker.problems, source)
    return data


def read_return_file(path: str | os.PathLike[str], template: Template | None = None) -> ReturnData:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReturnFileError([f"the file is too large ({size:,} bytes; at most {MAX_FILE_BYTES:,})"], str(path))
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise ReturnFileError(["no such file"], str(path)) from exc
    except IsADirectoryError as exc:
        raise ReturnFileError(["this is a folder, not a return file"], str(path)) from exc
    except PermissionError as exc:
        raise ReturnFileError(["permission denied: the file cannot be read"], str(path)) from exc
    return parse_return(raw, template, str(path))


# --- writing -------------------------------------------------------------------


def return_to_json(data: ReturnData, template: Template | None = None) -> dict[str, Any]:
    """The canonical JSON object: responses in template order, empty ones left out."""
    template = template or load_template()
    responses = sorted((r for r in data.responses if not r.is_empty()), key=lambda r: template.order(r.proposal))
    return {
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
                "actions": [
                    {
                        "action": a.action,
                        "delivery": a.delivery,
                        "timescale": a.timescale,
                        "lead": a.lead,
                        "due_date": a.due_date.isoformat() if a.due_date else None,
                    }
                    for a in r.actions
                ],
            }
            for r in responses
        ],
    }


def dump_return(data: ReturnData, template: Template | None = None) -> str:
    return json.dumps(return_to_json(data, template), ensure_ascii=False, indent=2) + "\n"


def _shared_mode(path: Path) -> int:
    """The mode of the file being replaced, else what the user's umask gives a new file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomically(path: str | os.PathLike[str], content: bytes) -> Path:
    """Write ``content`` to ``path`` via a temporary file in the same folder:
    a crash leaves the old file or the new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file readable by its owner only; an export is meant to be
        # shared (a committee paper), so it gets the mode any new file would have
        os.chmod(tmp, _shared_mode(path))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def write_return_file(path: str | os.PathLike[str], data: ReturnData, template: Template | None = None) -> Path:
    return write_atomically(path, dump_return(data, template).encode("utf-8"))
