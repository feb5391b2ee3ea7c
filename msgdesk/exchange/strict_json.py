"""Strict reading of JSON that someone else wrote (a return file on a USB stick).

Python's ``json`` module is lenient where a file from outside must not be:
it accepts ``NaN`` and ``Infinity``, lets a repeated key silently replace the
first, hands back lone surrogates (``"\\ud800"``) that no database or UTF-8
file can store, and fails on very deep nesting or very long integers with
errors that say nothing about where.  :func:`decode` and :func:`loads` turn
every such case into a :class:`JSONTextError` whose ``problems`` each start
with a place: ``line 3, column 17: ...`` in the text, or a path such as
``responses[3].evidence: ...`` in the document.

Places in a document are written by :func:`member` and :func:`item`, so a
caller validating the document further writes them the same way.
"""

from __future__ import annotations

import json
import re
from typing import Any

from msgdesk.domain.errors import InputError

#: Deeper than any document msgdesk reads (a return file needs 5 levels), far
#: below the depth at which Python's parser runs out of stack.
MAX_DEPTH = 100
#: Lists and objects in one document.  A return file holds a few hundred; a
#: 50 MB file of ``{}`` would hold 17 million and take over a gigabyte of memory.
MAX_CONTAINERS = 100_000
#: Digits in one integer; Python refuses to convert more than 4,300.
MAX_DIGITS = 100

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}\Z")
# A JSON string (possibly unterminated: then it runs to the end), or a bracket.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.S)
_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


class JSONTextError(InputError):
    """JSON text that cannot be read; ``problems`` lists each problem with its place."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class Constant:
    """``NaN``, ``Infinity`` or ``-Infinity`` where the text has one (they are not JSON)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys the text gives more than once."""

    __slots__ = ("repeated",)

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.repeated: list[str] = []
        if len(self) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen and key not in self.repeated:
                    self.repeated.append(key)
                seen.add(key)


_NESTED = (dict, list, Constant)  # what the document check looks inside or reports


def member(where: str, key: str) -> str:
    """The place of ``key`` in the object at ``where``: ``responses[3].evidence``.

    A key that is not a plain name is quoted with JSON escapes (and cut short),
    so a message never carries control characters or lone surrogates.
    """
    if _IDENTIFIER.match(key):
        return f"{where}.{key}" if where else key
    shown = json.dumps(key[:40] + ("…" if len(key) > 40 else ""))
    return f"{where}[{shown}]"


def item(where: str, index: int) -> str:
    return f"{where}[{index}]"


def shown(value: str, limit: int = 40) -> str:
    """A piece of text for a message: quoted, escaped, at most ``limit`` characters."""
    return repr(value[:limit]) + ("…" if len(value) > limit else "")


def decode(raw: bytes) -> str:
    """UTF-8 bytes (a byte-order mark allowed) as text; anything else is refused with its place."""
    for mark, encoding in _BOMS:
        if raw.startswith(mark):
            raise JSONTextError([f"line 1, column 1: the file is {encoding} text; "
                                 "msgdesk reads UTF-8 (save the file again as UTF-8)"])
    if b"\x00" in raw[:4] and len(raw) >= 2:
        # JSON text never holds a NUL byte; one among the first characters is
        # the other half of a UTF-16 or UTF-32 character.
        raise JSONTextError(["line 1, column 1: the file looks like UTF-16 or UTF-32 text; "
                             "msgdesk reads UTF-8 (save the file again as UTF-8)"])
    start = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        return raw[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[start:start + exc.start].decode("utf-8")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise JSONTextError([
            f"line {line}, column {column}: not UTF-8 text (byte 0x{raw[start + exc.start]:02X} "
            f"at offset {start + exc.start:,}); save the file again as UTF-8"
        ]) from exc


def loads(text: str) -> Any:
    """The document in ``text``; :class:`JSONTextError` for text that is not strict JSON."""
    _check_structure(text)
    try:
        document = json.loads(text, object_pairs_hook=_Object, parse_constant=Constant, parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise JSONTextError([f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"]) from exc
    except RecursionError as exc:  # only when called with the stack already deep
        raise JSONTextError([f"the file is nested too deeply (at most {MAX_DEPTH} levels)"]) from exc
    problems = _document_problems(document)
    if problems:
        raise JSONTextError(problems)
    return document


def _integer(digits: str) -> int | float:
    # Longer integers than any field can hold become a float (infinity), so the
    # caller's type checks refuse them with a place instead of a ValueError here.
    return int(digits) if len(digits) <= MAX_DIGITS else float(digits)


def _position(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    return f"line {line}, column {index - (text.rfind(chr(10), 0, index) + 1) + 1}"


def _check_structure(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH or more than MAX_CONTAINERS lists and
    objects before parsing, so neither costs a stack overflow or gigabytes."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return  # cannot be too deep or too many; the usual case, one fast pass
    depth = containers = 0
    for match in _TOKEN.finditer(text):
        char = text[match.start()]
        if char == '"':
            continue
        if char in "]}":
            depth -= 1
            continue
        depth += 1
        containers += 1
        if depth > MAX_DEPTH:
            raise JSONTextError([f"{_position(text, match.start())}: nested more than {MAX_DEPTH} levels deep"])
        if containers > MAX_CONTAINERS:
            raise JSONTextError([f"{_position(text, match.start())}: more than {MAX_CONTAINERS:,} lists "
                                 "and objects in one file"])


def _document_problems(document: Any) -> list[str]:
    """Repeated keys and NaN/Infinity anywhere in the document, in document order."""
    problems: list[str] = []
    stack: list[tuple[Any, str]] = [(document, "")]
    while stack:
        node, where = stack.pop()
        if isinstance(node, Constant):
            problems.append(f"{where or 'the file'}: {node.name} is not valid JSON (write a number or null)")
            continue
        children: list[tuple[Any, str]] = []
        if isinstance(node, _Object):
            for key in node.repeated:
                problems.append(f"{member(where, key)}: given more than once in the same object "
                                "(each key may appear only once)")
            children = [(value, member(where, key)) for key, value in node.items() if isinstance(value, _NESTED)]
        elif isinstance(node, list):
            children = [(value, item(where, i)) for i, value in enumerate(node) if isinstance(value, _NESTED)]
        stack.extend(reversed(children))
    return problems
