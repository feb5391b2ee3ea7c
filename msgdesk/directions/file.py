"""Directions files: a partnership's log of directions, for exchange (USB stick, e-mail).

UTF-8 JSON of exactly this shape::

    {"format": "msgdesk-directions", "version": 1,
     "partnership": "North Ayrshire Health and Social Care Partnership",
     "directions": [
       {"reference": "NAIJB-2020-04", "title": "Care at home redesign",
        "functions": ["Care at home services", "Reablement"],
        "issued_to": ["health_board", "local_authority"],
        "ijb_meeting": "2020-03-19", "ijb_report": "Care at home redesign",
        "minute_reference": "IJB 19/03/2020 item 7",
        "issued_on": "2020-03-26",
        "instruction": "What the delivery partner is to do, in full.",
        "outcomes": "optional text",
        "resource": "1250000.00", "resource_basis": "payment",
        "timescale": "By 31 March 2021", "review_date": "2021-03-31",
        "milestones": [{"milestone": "Pilot in Arran", "timescale": "Q2 2020/21",
                        "due_date": "2020-09-30", "achieved_on": "2020-09-14"}],
        "supersedes": "NAIJB-2019-11",
        "revoked_on": "YYYY-MM-DD", "revoked_reason": "text",
        "completed_on": "YYYY-MM-DD",
        "delivery_issues": [{"date": "2020-09-01", "issue": "text"}],
        "updates": [{"date": "2020-10-01", "text": "text"}]}]}

``reference``, ``title``, ``functions`` (non-empty), ``issued_to`` (non-empty:
``health_board``, ``local_authority``), ``issued_on`` and ``instruction`` are required;
``resource`` is a decimal string with at most two places, given with its
``resource_basis`` (``payment``, ``set_aside`` or ``payment_and_set_aside``); the rest are
optional.  A milestone's ``achieved_on`` (when it was reached) is msgdesk's one addition to
the shape, so that a milestone met on time is not shown overdue after a round trip.

Reading checks everything and reports every problem with its place
(``directions[3].milestones[1].due_date: '2021-02-30' is not a real date``): the shape and
types, real dates none of which is in the future except a due or review date, a
revocation with its reason, never a revocation and a completion together, dates in order
(a direction is issued on or after its IJB meeting; it is revoked, completed, followed up
and its milestones met on or after its issue), and supersession within the file: a
direction cannot supersede itself, one twice superseded, one revoked or completed, one
issued after it, nor form a cycle.  What needs the database (a ``supersedes`` naming a
direction in neither the file nor the log, the content of directions already issued) is
checked when the file is imported (``msgdesk.store.directions``), with the same places.
Strictness of the JSON itself (UTF-8, no NaN, no repeated key, no lone surrogate) is
:mod:`msgdesk.exchange.strict_json`'s, as for return files.

Writing produces a canonical form (directions by date of issue and reference; every key,
empty ones as "" / null / []), so export → import → export is byte-identical.  Drafts are
not written: a directions file is the log of what the IJB has issued.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from msgdesk.directions.money import AmountError, parse_pounds, pounds_text
from msgdesk.directions.values import (
    Direction,
    DirectionsData,
    Entry,
    Milestone,
    Partner,
    ResourceBasis,
    partners_in_order,
)
from msgdesk.domain.errors import InputError
from msgdesk.domain.text import MAX_NAME, MAX_TEXT, text_problems
from msgdesk.exchange.atomic import write_atomically
from msgdesk.exchange.checker import FieldChecker, kind_of
from msgdesk.exchange.files import MAX_FILE_BYTES, read_file_bytes, too_large
from msgdesk.exchange.strict_json import JSONTextError, decode, item, loads, member, shown
from msgdesk.rounds.return_file import ReturnFileError

FORMAT = "msgdesk-directions"
VERSION = 1

TOP_KEYS = ("format", "version", "partnership", "directions")
DIRECTION_KEYS = ("reference", "title", "functions", "issued_to", "ijb_meeting", "ijb_report", "minute_reference",
                  "issued_on", "instruction", "outcomes", "resource", "resource_basis", "timescale", "review_date",
                  "milestones", "supersedes", "revoked_on", "revoked_reason", "completed_on", "delivery_issues",
                  "updates")
MILESTONE_KEYS = ("milestone", "timescale", "due_date", "achieved_on")
ISSUE_KEYS = ("date", "issue")
UPDATE_KEYS = ("date", "text")

#: Limits of the text fields: field -> (characters, single line).  The store's writers
#: hold text to the same rule (``check_text``), so whatever is stored can be written out.
TEXT_LIMITS: dict[str, tuple[int, bool]] = {
    "partnership": (MAX_NAME, True),
    "reference": (40, True),
    "title": (300, True),
    "function": (300, True),
    "ijb_report": (500, True),
    "minute_reference": (MAX_NAME, True),
    "instruction": (MAX_TEXT, False),
    "outcomes": (MAX_TEXT, False),
    "timescale": (1000, False),
    "milestone": (10_000, False),
    "revoked_reason": (10_000, False),
    "issue": (MAX_TEXT, False),
    "update": (MAX_TEXT, False),
    "author": (MAX_NAME, True),
    "body": (MAX_NAME, True),
}
MAX_DIRECTIONS = 10_000
MAX_FUNCTIONS = 100
MAX_MILESTONES = 500
MAX_ENTRIES = 5_000


class DirectionsFileError(ReturnFileError):
    """A directions file that cannot be imported; ``problems`` lists every located problem
    (worded as for a return file: "FILE: not imported, 2 problems: …")."""


def check_text(field: str, value: str | None, where: str = "") -> None:
    """The file's rule for ``field`` (TEXT_LIMITS), for the store's writers: InputError if
    ``value`` could not be written to a directions file and read back."""
    if value is None:
        return
    limit, single_line = TEXT_LIMITS[field]
    problems = text_problems(value, limit=limit, single_line=single_line)
    if problems:
        raise InputError(f"{where + ' ' if where else ''}{field.replace('_', ' ')}: {problems[0]}")


def at(index: int, key: str | None = None) -> str:
    """The place of direction ``index`` (or of its ``key``) in a file: ``directions[3].supersedes``."""
    place = item("directions", index)
    return member(place, key) if key else place


# --- reading --------------------------------------------------------------------------------


class _Checker(FieldChecker):
    """The directions format's fields on top of the shared checks: text held to TEXT_LIMITS by
    field name, and dates that have happened by ``today`` (except a due or review date)."""

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def field(self, obj: dict, key: str, where: str, field: str, *, required: bool = False) -> str:
        """The text at ``key``, held to the limits of ``field``; a one-line field comes stripped."""
        limit, single_line = TEXT_LIMITS[field]
        value = self.text(obj, key, where, required=required, limit=limit, single_line=single_line)
        return value.strip() if single_line else value

    def day(self, obj: dict, key: str, where: str, *, required: bool = False, past: bool = True) -> date | None:
        found = super().day(obj, key, where, required=required)
        if found is not None and past and found > self.today:
            self.problem(member(where, key), f"{found.isoformat()} is in the future (today is "
                         f"{self.today.isoformat()}); record what has happened, once it has")
            return None
        return found

    def items(self, obj: dict, key: str, where: str, limit: int, *, required: bool = False) -> list[tuple[str, Any]]:
        place = member(where, key)
        value = obj.get(key)
        if value is None:
            if required:
                self.problem(place, "missing (a list, not empty)" if key not in obj else "expected a list, found null")
            return []
        if not isinstance(value, list):
            self.problem(place, f"expected a list, found {kind_of(value)}")
            return []
        if required and not value:
            self.problem(place, "must not be empty")
        if len(value) > limit:
            self.problem(place, f"too many entries ({len(value):,}; at most {limit:,})")
            return []
        return [(item(place, i), entry) for i, entry in enumerate(value)]

    # one direction ----------------------------------------------------------------------------

    def direction(self, raw: Any, where: str) -> Direction | None:
        obj = self.object(raw, where, DIRECTION_KEYS)
        if obj is None:
            return None
        # read in the order of the keys, so problems are listed in the order of the file
        reference = self.field(obj, "reference", where, "reference", required=True)
        title = self.field(obj, "title", where, "title", required=True)
        functions: list[str] = []
        for place, entry in self.items(obj, "functions", where, MAX_FUNCTIONS, required=True):
            if not isinstance(entry, str):
                self.problem(place, f"expected the name of a function as text, found {kind_of(entry)}")
                continue
            problems = text_problems(entry, limit=TEXT_LIMITS["function"][0], single_line=True)
            if not entry.strip():
                problems.insert(0, "must not be empty")
            for message in problems:
                self.problem(place, message)
            if entry.strip() in functions:
                self.problem(place, f"the function {shown(entry.strip())} is listed twice")
            functions.append(entry.strip())
        partners: list[Partner] = []
        for place, entry in self.items(obj, "issued_to", where, len(Partner) + 10, required=True):
            try:
                partner = Partner(entry) if isinstance(entry, str) else None
            except ValueError:
                partner = None
            if partner is None:
                found = shown(entry) if isinstance(entry, str) else kind_of(entry)
                self.problem(place, f"unknown delivery partner {found}; expected "
                                    f"{' or '.join(repr(p.value) for p in Partner)}")
            elif partner in partners:
                self.problem(place, f"{partner.value!r} is listed twice")
            else:
                partners.append(partner)
        ijb_meeting = self.day(obj, "ijb_meeting", where)
        ijb_report = self.field(obj, "ijb_report", where, "ijb_report")
        minute_reference = self.field(obj, "minute_reference", where, "minute_reference")
        issued_on = self.day(obj, "issued_on", where, required=True)
        direction = Direction(
            reference=reference,
            title=title,
            functions=functions,
            issued_to=partners_in_order(partners),
            issued_on=issued_on,
            ijb_meeting=ijb_meeting,
            ijb_report=ijb_report,
            minute_reference=minute_reference,
            instruction=self.field(obj, "instruction", where, "instruction", required=True),
            outcomes=self.field(obj, "outcomes", where, "outcomes"),
            timescale=self.field(obj, "timescale", where, "timescale"),
            review_date=self.day(obj, "review_date", where, past=False),
            revoked_on=self.day(obj, "revoked_on", where),
            revoked_reason=self.field(obj, "revoked_reason", where, "revoked_reason"),
            completed_on=self.day(obj, "completed_on", where),
        )
        self.resource(obj, where, direction)
        supersedes = obj.get("supersedes")
        if supersedes is not None:
            if not isinstance(supersedes, str):
                self.problem(member(where, "supersedes"), f"expected the reference of a direction as text, "
                                                          f"found {kind_of(supersedes)}")
            else:
                direction.supersedes = self.field(obj, "supersedes", where, "reference") or None
        for place, entry in self.items(obj, "milestones", where, MAX_MILESTONES):
            milestone = self.object(entry, place, MILESTONE_KEYS)
            if milestone is not None:
                direction.milestones.append(Milestone(
                    milestone=self.field(milestone, "milestone", place, "milestone", required=True),
                    timescale=self.field(milestone, "timescale", place, "timescale"),
                    due_date=self.day(milestone, "due_date", place, past=False),
                    achieved_on=self.day(milestone, "achieved_on", place),
                ))
        for key, keys, text_key, field in (("delivery_issues", ISSUE_KEYS, "issue", "issue"),
                                          ("updates", UPDATE_KEYS, "text", "update")):
            entries = direction.delivery_issues if key == "delivery_issues" else direction.updates
            for place, entry in self.items(obj, key, where, MAX_ENTRIES):
                record = self.object(entry, place, keys)
                if record is not None:
                    on_date = self.day(record, "date", place, required=True)
                    text = self.field(record, text_key, place, field, required=True)
                    if on_date is not None:
                        entries.append(Entry(on_date, text))
        self.dates_in_order(direction, where)
        return direction

    def resource(self, obj: dict, where: str, direction: Direction) -> None:
        amount, basis = obj.get("resource"), obj.get("resource_basis")
        if amount is not None:
            if not isinstance(amount, str):
                self.problem(member(where, "resource"), "expected an amount as text such as \"1250000.00\" (never "
                                                        f"a number, which could lose pence), found {kind_of(amount)}")
            else:
                try:
                    direction.resource_pence = parse_pounds(amount)
                except AmountError as exc:
                    self.problem(member(where, "resource"), str(exc))
        if basis is not None:
            try:
                direction.resource_basis = ResourceBasis(basis) if isinstance(basis, str) else None
            except ValueError:
                direction.resource_basis = None
            if direction.resource_basis is None:
                found = shown(basis) if isinstance(basis, str) else kind_of(basis)
                self.problem(member(where, "resource_basis"), f"unknown basis {found}; expected "
                                                              f"{', '.join(repr(b.value) for b in ResourceBasis)}")
        if amount is not None and basis is None:
            self.problem(member(where, "resource_basis"),
                         "missing: say whether the resource is a payment or a sum set aside "
                         "('payment', 'set_aside' or 'payment_and_set_aside')")
        if basis is not None and amount is None:
            self.problem(member(where, "resource"), "missing: a basis of the resource is given without the amount")

    def dates_in_order(self, d: Direction, where: str) -> None:
        issued = d.issued_on
        if d.revoked_on is not None and d.completed_on is not None:
            self.problem(member(where, "completed_on"), "a direction is either revoked or completed, not both "
                                                        f"(it also has revoked_on {d.revoked_on.isoformat()})")
        if d.revoked_on is not None and not d.revoked_reason.strip():
            self.problem(member(where, "revoked_reason"), "missing: say why the direction was revoked")
        if d.revoked_on is None and d.revoked_reason.strip():
            self.problem(member(where, "revoked_on"), "missing: a reason for revoking is given without the date")
        if issued is None:
            return
        if d.ijb_meeting is not None and d.ijb_meeting > issued:
            self.problem(member(where, "issued_on"), f"{issued.isoformat()} is before the IJB meeting of "
                                                     f"{d.ijb_meeting.isoformat()} that decided it")
        for key, day in (("revoked_on", d.revoked_on), ("completed_on", d.completed_on)):
            if day is not None and day < issued:
                self.problem(member(where, key), f"{day.isoformat()} is before the direction was issued "
                                                 f"({issued.isoformat()})")
        for index, m in enumerate(d.milestones):
            if m.achieved_on is not None and m.achieved_on < issued:
                self.problem(member(item(member(where, "milestones"), index), "achieved_on"),
                             f"{m.achieved_on.isoformat()} is before the direction was issued ({issued.isoformat()})")
        for key, entries in (("delivery_issues", d.delivery_issues), ("updates", d.updates)):
            for index, entry in enumerate(entries):
                if entry.on_date < issued:
                    self.problem(member(item(member(where, key), index), "date"),
                                 f"{entry.on_date.isoformat()} is before the direction was issued "
                                 f"({issued.isoformat()})")

    # the whole file ------------------------------------------------------------------------------

    def whole(self, obj: Any) -> DirectionsData | None:
        if not isinstance(obj, dict):
            self.problem("", f"the file must hold a JSON object, found {kind_of(obj)}")
            return None
        if obj.get("format") != FORMAT:
            found = obj.get("format")
            what = shown(found) if isinstance(found, str) else kind_of(found)
            self.problem("format", f"expected {FORMAT!r}, found {what}" if "format" in obj
                         else f"missing (expected {FORMAT!r})")
            return None  # not a directions file at all: other complaints would be noise
        version = obj.get("version")
        if type(version) is not int or version != VERSION:
            found = str(version) if type(version) is int and abs(version) < 10**12 else kind_of(version)
            self.problem("version", f"this msgdesk reads version {VERSION}, found {found}"
                         if "version" in obj else f"missing (expected {VERSION})")
            return None
        for key in obj:
            if key not in TOP_KEYS:
                self.problem(member("", key), f"unknown key (allowed: {', '.join(TOP_KEYS)})")
        data = DirectionsData(partnership=self.field(obj, "partnership", "", "partnership", required=True))
        listed = self.items(obj, "directions", "", MAX_DIRECTIONS)
        if "directions" not in obj:
            self.problem("directions", "missing (a list, possibly empty)")
        seen: dict[str, int] = {}
        for index, (place, raw) in enumerate(listed):
            direction = self.direction(raw, place)
            if direction is None:
                direction = Direction("", "", [], (), "")  # keeps the places of the others
            elif direction.reference:
                if direction.reference in seen:
                    self.problem(at(index, "reference"), f"{direction.reference} appears twice "
                                                         f"(also {at(seen[direction.reference])})")
                else:
                    seen[direction.reference] = index
            data.directions.append(direction)
        self.supersession(data.directions, seen)
        return data

    def supersession(self, directions: list[Direction], index_of: dict[str, int]) -> None:
        """What the file alone says about supersession (the store checks the rest)."""
        by_target: dict[str, int] = {}
        for index, d in enumerate(directions):
            target = d.supersedes
            if not target:
                continue
            place = at(index, "supersedes")
            if target == d.reference:
                self.problem(place, f"{target} cannot supersede itself")
                continue
            if target in by_target:
                self.problem(place, f"{target} is already superseded by {directions[by_target[target]].reference} "
                                    f"({at(by_target[target])}); a direction is superseded once")
            else:
                by_target[target] = index
            if target not in index_of:
                continue  # in the database, or nowhere: the import says which
            earlier = directions[index_of[target]]
            if earlier.revoked_on is not None or earlier.completed_on is not None:
                closed = (f"revoked on {earlier.revoked_on.isoformat()}" if earlier.revoked_on
                          else f"completed on {earlier.completed_on.isoformat()}" if earlier.completed_on else "")
                self.problem(place, f"{target} was {closed} ({at(index_of[target])}): a direction no longer in "
                                    "force cannot be superseded")
            if earlier.issued_on and d.issued_on and d.issued_on < earlier.issued_on:
                self.problem(place, f"{d.reference} was issued on {d.issued_on.isoformat()}, before {target} "
                                    f"({earlier.issued_on.isoformat()}): a direction is superseded by a later one")
        for cycle in supersession_cycles({d.reference: d.supersedes for d in directions if d.reference}):
            first = cycle[0]
            self.problem(at(index_of[first], "supersedes"),
                         "a cycle of supersession: " + " → ".join([*cycle, first]))


def supersession_cycles(supersedes: dict[str, str | None]) -> list[list[str]]:
    """Each cycle in reference -> reference it supersedes, once, from its first reference in
    ``supersedes``' order."""
    cycles: list[list[str]] = []
    done: set[str] = set()
    for start in supersedes:
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = start
        while current is not None and current in supersedes and current not in done:
            if current in on_path:
                cycle = path[path.index(current):]
                first = min(cycle, key=list(supersedes).index)
                at_first = cycle.index(first)
                cycles.append(cycle[at_first:] + cycle[:at_first])
                break
            path.append(current)
            on_path.add(current)
            current = supersedes[current]
        done.update(path)
    return cycles


def parse_directions(raw: bytes | str, source: str = "", *, today: date | None = None) -> DirectionsData:
    """Validate and read a directions file; DirectionsFileError listing every problem."""
    if isinstance(raw, bytes) and len(raw) > MAX_FILE_BYTES:
        raise DirectionsFileError([too_large(len(raw))], source)
    try:
        text = decode(raw) if isinstance(raw, bytes) else raw
        if not text.strip():
            raise DirectionsFileError(["the file is empty"], source)
        document = loads(text)
    except JSONTextError as exc:
        raise DirectionsFileError(exc.problems, source) from exc
    checker = _Checker(today or date.today())
    data = checker.whole(document)
    if checker.problems or data is None:
        raise DirectionsFileError(checker.problems, source)
    return data


def read_directions_file(path: str | os.PathLike[str], *, today: date | None = None) -> DirectionsData:
    """Read and validate the directions file at ``path``; DirectionsFileError for anything
    else, including a path that is not a readable file."""
    path = Path(path)
    return parse_directions(read_file_bytes(path, "directions", DirectionsFileError), str(path), today=today)


# --- writing -------------------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def canonical_order(directions: list[Direction]) -> list[Direction]:
    """Issued directions by date of issue, then reference: the order files are written in."""
    issued = [d for d in directions if d.issued_on is not None]
    return sorted(issued, key=lambda d: (d.issued_on, d.reference))


def direction_to_json(d: Direction) -> dict[str, Any]:
    milestones = []
    for m in d.milestones:
        entry: dict[str, Any] = {"milestone": m.milestone, "timescale": m.timescale, "due_date": _iso(m.due_date)}
        if m.achieved_on is not None:
            entry["achieved_on"] = m.achieved_on.isoformat()
        milestones.append(entry)
    return {
        "reference": d.reference,
        "title": d.title,
        "functions": list(d.functions),
        "issued_to": [p.value for p in partners_in_order(d.issued_to)],
        "ijb_meeting": _iso(d.ijb_meeting),
        "ijb_report": d.ijb_report,
        "minute_reference": d.minute_reference,
        "issued_on": _iso(d.issued_on),
        "instruction": d.instruction,
        "outcomes": d.outcomes,
        "resource": pounds_text(d.resource_pence) if d.resource_pence is not None else None,
        "resource_basis": d.resource_basis.value if d.resource_basis else None,
        "timescale": d.timescale,
        "review_date": _iso(d.review_date),
        "milestones": milestones,
        "supersedes": d.supersedes,
        "revoked_on": _iso(d.revoked_on),
        "revoked_reason": d.revoked_reason,
        "completed_on": _iso(d.completed_on),
        "delivery_issues": [{"date": e.on_date.isoformat(), "issue": e.text} for e in _dated(d.delivery_issues)],
        "updates": [{"date": e.on_date.isoformat(), "text": e.text} for e in _dated(d.updates)],
    }


def _dated(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: e.on_date)  # stable: same-day entries keep their order


def directions_to_json(data: DirectionsData) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "partnership": data.partnership,
            "directions": [direction_to_json(d) for d in canonical_order(data.directions)]}


def dump_directions(data: DirectionsData) -> str:
    return json.dumps(directions_to_json(data), ensure_ascii=False, indent=2) + "\n"


def write_directions_file(path: str | os.PathLike[str], data: DirectionsData) -> Path:
    return write_atomically(path, dump_directions(data).encode("utf-8"))
