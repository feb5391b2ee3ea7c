"""The one field checker every exchange file's reader builds on (return, directions, pack).

A checker collects every problem with its place (``responses[3].actions[1].due_date: …``)
instead of stopping at the first, so the user fixes a file in one go.  Each format's
checker inherits this and adds its own fields; the words of the shared checks are the
same in every format.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from msgdesk.domain.ids import ID_PATTERN
from msgdesk.domain.text import MAX_TEXT, text_problems
from msgdesk.exchange.strict_json import member, shown
from msgdesk.exchange.times import TIME_FORMAT

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_ISO_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\Z")


def kind_of(value: Any) -> str:
    """What a JSON value is, in words, for a message ("text", "a list")."""
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


def value_shown(value: Any) -> str:
    """A found value for a message: short text or a number as written, else its kind."""
    if isinstance(value, str):
        return shown(value)
    if type(value) is int and abs(value) < 10**12:
        return str(value)
    return kind_of(value)


class FieldChecker:
    """Checks fields of decoded JSON objects, collecting every problem in ``problems``."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}" if where else message)

    def keys(self, obj: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
        for key in obj:
            if key not in allowed:
                self.problem(member(where, key), f"unknown key (allowed: {', '.join(allowed)})")

    def object(self, value: Any, where: str, allowed: tuple[str, ...]) -> dict[str, Any] | None:
        """``value`` if it is an object (its unknown keys reported), else None."""
        if not isinstance(value, dict):
            self.problem(where, f"expected an object, found {kind_of(value)}")
            return None
        self.keys(value, allowed, where)
        return value

    def text(self, obj: dict[str, Any], key: str, where: str, *, required: bool = False, limit: int = MAX_TEXT,
             single_line: bool = False) -> str:
        at = member(where, key)
        if key not in obj or obj[key] is None:
            if required:
                self.problem(at, "missing" if key not in obj else "expected text, found null")
            return ""
        value = obj[key]
        if not isinstance(value, str):
            self.problem(at, f"expected text, found {kind_of(value)}")
            return ""
        if required and not value.strip():
            self.problem(at, "must not be empty")
        for message in text_problems(value, limit=limit, single_line=single_line):
            self.problem(at, message)
        return value

    def day(self, obj: dict[str, Any], key: str, where: str, *, required: bool = False) -> date | None:
        at = member(where, key)
        value = obj.get(key)
        if value is None:
            if required:
                self.problem(at, "missing (a date YYYY-MM-DD)" if key not in obj else "expected a date, found null")
            return None
        if not isinstance(value, str):
            self.problem(at, f"expected a date as text YYYY-MM-DD, found {kind_of(value)}")
            return None
        if not _ISO_DATE.match(value):
            self.problem(at, f"expected a date YYYY-MM-DD, found {shown(value)}")
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.problem(at, f"{value!r} is not a real date")
            return None

    def moment(self, obj: dict[str, Any], key: str, where: str, *, required: bool = False) -> datetime | None:
        """A time in UTC written ``YYYY-MM-DDTHH:MM:SSZ``."""
        at = member(where, key)
        value = obj.get(key)
        if value is None:
            if required:
                self.problem(at, "missing (a time such as 2026-03-12T14:03:27Z)" if key not in obj
                             else "expected a time such as 2026-03-12T14:03:27Z, found null")
            return None
        if not isinstance(value, str):
            self.problem(at, f"expected a time as text such as 2026-03-12T14:03:27Z, found {kind_of(value)}")
            return None
        if not _ISO_TIME.match(value):
            self.problem(at, f"expected a time YYYY-MM-DDTHH:MM:SSZ (UTC), found {shown(value)}")
            return None
        try:
            return datetime.strptime(value, TIME_FORMAT)
        except ValueError:
            self.problem(at, f"{value!r} is not a real time")
            return None

    def identifier(self, obj: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
        at = member(where, key)
        value = obj.get(key)
        if value is None:
            if required:
                self.problem(at, "missing" if key not in obj else "expected an id, found null")
            return ""
        if not isinstance(value, str):
            self.problem(at, f"expected an id as text, found {kind_of(value)}")
            return ""
        if not ID_PATTERN.match(value):
            self.problem(at, f"expected an id of 1 to 64 letters, digits, '-' or '_', found {shown(value)}")
            return ""
        return value
