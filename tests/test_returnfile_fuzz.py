"""Fuzzing the return-file reader: whatever bytes a file holds, ``read_return_file``
either returns data msgdesk can store and write back unchanged, or raises
ReturnFileError whose every problem names its place.  Never anything else.

Inputs: random JSON documents, and the shipped North Ayrshire example mutated
(keys deleted, added and repeated, values of the wrong type, huge numbers,
NaN/Infinity, deep nesting, lone surrogates and control characters in text),
then written out as UTF-8, with a byte-order mark, as UTF-16/32, or with bytes
inserted, replaced or cut off.
"""

from __future__ import annotations

import copy
import json
import os
import re
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from msgdesk.cli.main import main
from msgdesk.domain.return_values import RATINGS, ReturnData
from msgdesk.domain.template import load_template
from msgdesk.rounds.return_file import (
    ACTION_KEYS,
    RESPONSE_KEYS,
    TOP_KEYS,
    ReturnFileError,
    dump_return,
    read_return_file,
)
from tests.conftest import EXAMPLE

TEMPLATE = load_template()
LOCAL = [p.id for p in TEMPLATE.local_proposals]

# CI runs the same examples every time (a failure there is reproducible);
# a developer's run explores new ones, MSGDESK_FUZZ_SCALE=50 fifty times as many.
IN_CI = os.environ.get("CI") == "true"
SCALE = int(os.environ.get("MSGDESK_FUZZ_SCALE", "1"))


def fuzz_settings(examples: int) -> settings:
    return settings(max_examples=examples * SCALE, deadline=None, derandomize=IN_CI, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])


# --- writing JSON that json.dumps would refuse to write ---------------------------------


class Obj(list):
    """A JSON object as its list of (key, value) pairs: a key may come twice."""


class Raw(str):
    """Text written into the JSON as it is: NaN, a 5,000-digit number, deep brackets."""


def emit(node: Any, ascii_only: bool) -> str:
    if isinstance(node, Raw):
        return str(node)
    if isinstance(node, Obj):
        pairs = (f"{json.dumps(k, ensure_ascii=ascii_only)}: {emit(v, ascii_only)}" for k, v in node)
        return "{" + ", ".join(pairs) + "}"
    if isinstance(node, list):
        return "[" + ", ".join(emit(v, ascii_only) for v in node) + "]"
    return json.dumps(node, ensure_ascii=ascii_only)


def as_obj(text: str) -> Any:
    return json.loads(text, object_pairs_hook=Obj)


EXAMPLE_TREE = as_obj(EXAMPLE.read_text(encoding="utf-8"))

# --- strategies ---------------------------------------------------------------------------

NASTY_CHARS = ["\ud800", "\udbff", "\udc00", "\udfff", "\x00", "\x01", "\x1b", "\x7f", "\x85", "\u2028",
               "\u2029", "\ufeff", "\ufffe", "\uffff", "\r", "\n", "\t", "\"", "\\", "\u202e", "🙂", "é", "e\u0301"]
texts = st.lists(st.one_of(st.characters(), st.sampled_from(NASTY_CHARS)), max_size=12).map("".join)
specials = st.sampled_from(["NaN", "Infinity", "-Infinity", "1" * 5000, "-" + "9" * 400, "1e999", "-1e999",
                            "-0", "1E-400", "0.0", "1.0", "01", "1.", ".5", "+1", "0x10", "true", "null"]).map(Raw)
known_values = st.sampled_from(["msgdesk-return", "2019", "1.1", "3.2", "5.3", "2.6", "established",
                                "exemplary", "2019-04-18", "2021-02-29", "", " ", *RATINGS])
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                    texts, specials, known_values, st.just(1))
keys = st.one_of(st.sampled_from(TOP_KEYS + RESPONSE_KEYS + ACTION_KEYS), texts)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.lists(st.tuples(keys, inner), max_size=6).map(Obj)),
    max_leaves=25,
)


clean_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=[
    chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]]), max_size=40)
one_line = clean_text.map(lambda t: re.sub(r"[\r\n\t]", " ", t).strip())

def deep(node: Any, depth: int) -> Raw:
    return Raw("[" * depth + emit(node, True) + "]" * depth)


def _places(node: Any) -> list[tuple[list, int]]:
    """(container, index) for every value in the tree; an Obj's index is its pair's."""
    found: list[tuple[list, int]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Obj):
            for i, (_, value) in enumerate(current):
                found.append((current, i))
                stack.append(value)
        elif isinstance(current, list) and not isinstance(current, Raw):
            for i, value in enumerate(current):
                found.append((current, i))
                stack.append(value)
    return found


def _get(container: list, index: int) -> Any:
    return container[index][1] if isinstance(container, Obj) else container[index]


def _put(container: list, index: int, value: Any) -> None:
    if isinstance(container, Obj):
        container[index] = (container[index][0], value)
    else:
        container[index] = value


@st.composite
def mutated_example(draw) -> Any:
    """The example with one to four random changes to its document."""
    tree = copy.deepcopy(EXAMPLE_TREE)
    for _ in range(draw(st.integers(1, 4))):
        places = _places(tree)
        container, index = places[draw(st.integers(0, len(places) - 1))]
        current = _get(container, index)
        objects = [tree] + [_get(c, i) for c, i in places if isinstance(_get(c, i), Obj)]
        kind = draw(st.sampled_from(["delete", "replace", "add key", "repeat key", "edit text",
                                     "nest", "huge", "empty"]))
        if kind == "delete":
            del container[index]
        elif kind == "replace":
            _put(container, index, draw(documents))
        elif kind in ("add key", "repeat key"):
            target = objects[draw(st.integers(0, len(objects) - 1))]
            key = draw(st.sampled_from([k for k, _ in target])) if kind == "repeat key" and target else draw(keys)
            target.insert(draw(st.integers(0, len(target))), (key, draw(documents)))
        elif kind == "edit text" and isinstance(current, str):
            at = draw(st.integers(0, len(current)))
            _put(container, index, current[:at] + draw(texts) + current[at:])
        elif kind == "nest":
            _put(container, index, deep(current, draw(st.sampled_from([1, 2, 50, 99, 100, 101, 5000]))))
        elif kind == "huge":
            _put(container, index, draw(st.sampled_from([Raw("9" * 5000), 10**18, -1, 2**63, 1.5e308])))
        elif kind == "empty":
            _put(container, index, draw(st.sampled_from(["", [], Obj(), None, 0, False])))
    return tree


BOMS = [b"", b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]


@st.composite
def file_bytes(draw, trees) -> bytes:
    """A document written as a file, sometimes damaged on the way."""
    tree = draw(trees)
    text = emit(tree, draw(st.booleans()))
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"]))
    raw = text.encode(encoding, "surrogatepass")  # a lone surrogate written raw is invalid UTF-8
    if draw(st.integers(0, 3)) == 0:
        raw = draw(st.sampled_from(BOMS)) + raw
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(raw)))
        damage = draw(st.sampled_from(["insert", "replace", "cut"]))
        byte = bytes([draw(st.integers(0, 255))])
        if damage == "insert":
            raw = raw[:at] + byte + raw[at:]
        elif damage == "replace":
            raw = raw[:at] + byte + raw[at + 1:]
        else:
            raw = raw[:at]
    return raw


# --- what counts as an outcome ----------------------------------------------------------

_QUOTED = r'\["(?:[^"\\]|\\.)*"\]'
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_PLACE = rf"(?:{_NAME}|\[\d+\]|{_QUOTED})(?:\.{_NAME}|\[\d+\]|{_QUOTED})*"
LOCATED = re.compile(
    rf"(?:line \d+, column \d+|{_PLACE}|the file): \S|the file |this is |no such file|permission denied")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def assert_clean(text: str, *, single_line: bool = False) -> None:
    assert isinstance(text, str)
    assert not _CONTROL.search(text), repr(text)
    text.encode("utf-8")  # strict: storable in SQLite and in a UTF-8 file
    if single_line:
        assert not re.search(r"[\r\n\t]", text), repr(text)


def assert_valid(data: ReturnData) -> None:
    """Data the store can keep and the writer writes back as it came."""
    assert data.partnership and data.partnership == data.partnership.strip()
    assert data.round and data.round == data.round.strip()
    assert_clean(data.partnership, single_line=True)
    assert_clean(data.round, single_line=True)
    assert_clean(data.contact)
    assert data.completed_on is None or isinstance(data.completed_on, date)
    proposals = [r.proposal for r in data.responses]
    assert len(set(proposals)) == len(proposals)
    assert set(proposals) <= set(LOCAL)
    assert proposals == sorted(proposals, key=TEMPLATE.order)
    for response in data.responses:
        assert response.rating in (None, *RATINGS)
        assert response.previous_rating in (None, *RATINGS)
        assert_clean(response.evidence)
        for action in response.actions:
            assert action.action.strip()
            for text in (action.action, action.delivery, action.timescale):
                assert_clean(text)
            assert_clean(action.lead, single_line=True)
            assert action.due_date is None or isinstance(action.due_date, date)
    written = dump_return(data, TEMPLATE)
    again = read_return_file_from_bytes(written.encode("utf-8"))
    assert isinstance(again, ReturnData)
    assert dump_return(again, TEMPLATE) == written


def assert_refused_with_places(exc: ReturnFileError) -> None:
    assert exc.problems
    for problem in exc.problems:
        assert LOCATED.match(problem), problem
    message = str(exc)
    assert all(line.isprintable() for line in message.splitlines()), message
    assert len(message) < 25_000


_SCRATCH: dict[str, Any] = {}  # the scratch file, and the last refusal for a failing test's message


def read_return_file_from_bytes(raw: bytes) -> ReturnData | None:
    """Write ``raw`` to a scratch file and read it with the real reader."""
    path = _SCRATCH["file"]
    path.write_bytes(raw)
    try:
        data = read_return_file(path, TEMPLATE)
    except ReturnFileError as exc:
        assert_refused_with_places(exc)
        _SCRATCH["refusal"] = exc
        return None
    return data


@pytest.fixture(autouse=True)
def _scratch(tmp_path):
    _SCRATCH["file"] = tmp_path / "fuzz.json"
    yield
    _SCRATCH.clear()


def check(raw: bytes) -> ReturnData | None:
    """Whatever the bytes: valid data or a located ReturnFileError, nothing else."""
    data = read_return_file_from_bytes(raw)
    if currently_in_test_context():
        event("accepted" if data is not None else "refused")  # see --hypothesis-show-statistics
    if data is not None:
        assert_valid(data)
    return data


# --- the properties ---------------------------------------------------------------------


def test_the_unchanged_example_is_accepted():
    assert check(EXAMPLE.read_bytes()) is not None


@fuzz_settings(400)
@given(file_bytes(mutated_example()))
def test_a_mutated_example_is_read_or_refused_with_places(raw):
    check(raw)


@fuzz_settings(300)
@given(file_bytes(documents))
def test_a_random_json_document_is_read_or_refused_with_places(raw):
    check(raw)


@fuzz_settings(300)
@given(st.binary(max_size=300))
def test_random_bytes_are_refused_with_places(raw):
    assert check(raw) is None


@st.composite
def valid_edits(draw) -> dict:
    """The example with one to six changes the format allows: optional keys left out
    or null, responses removed, reordered or added empty for 3.2/3.3/5.3, keys in
    another order, any storable text added, due dates set."""
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["drop top", "drop response key", "drop action key", "null",
                                     "remove response", "shuffle", "national", "reorder keys", "text", "due"]))
        rs = doc["responses"]
        local = [r for r in rs if r["proposal"] in LOCAL]  # 3.2, 3.3 and 5.3 must stay empty
        response = draw(st.sampled_from(local)) if local else None
        action = draw(st.sampled_from(response["actions"])) if response and response.get("actions") else None
        if kind == "drop top":
            doc.pop(draw(st.sampled_from(["contact", "completed_on"])), None)
        elif kind == "drop response key" and response:
            response.pop(draw(st.sampled_from(["rating", "previous_rating", "evidence", "actions"])), None)
        elif kind == "drop action key" and action:
            action.pop(draw(st.sampled_from(["delivery", "timescale", "lead", "due_date"])), None)
        elif kind == "null":
            target, key = draw(st.sampled_from(
                [(doc, "contact"), (doc, "completed_on")]
                + ([(response, k) for k in ("rating", "previous_rating", "evidence", "actions")] if response else [])
                + ([(action, k) for k in ("delivery", "timescale", "lead", "due_date")] if action else [])))
            target[key] = None
        elif kind == "remove response" and rs:
            rs.remove(response)
        elif kind == "shuffle":
            doc["responses"] = draw(st.permutations(rs))
        elif kind == "national":
            present = {r.get("proposal") for r in rs}
            missing = [n for n in ("3.2", "3.3", "5.3") if n not in present]
            if missing:
                empty = draw(st.sampled_from([{}, {"rating": None}, {"evidence": ""}, {"actions": []}]))
                rs.insert(draw(st.integers(0, len(rs))), {"proposal": draw(st.sampled_from(missing)), **empty})
        elif kind == "reorder keys":
            target = draw(st.sampled_from([doc] + ([response] if response else []) + ([action] if action else [])))
            items = draw(st.permutations(list(target.items())))
            target.clear()
            target.update(items)
        elif kind == "text":
            fields = [(doc, "contact", clean_text)]
            if response:
                fields.append((response, "evidence", clean_text))
            if action:
                fields += [(action, "delivery", clean_text), (action, "timescale", clean_text),
                           (action, "lead", one_line)]
            target, key, strategy = draw(st.sampled_from(fields))
            text = target.get(key) or ""
            at = draw(st.integers(0, len(text)))
            target[key] = (text[:at] + draw(strategy) + text[at:]).strip() if key == "lead" else (
                text[:at] + draw(strategy) + text[at:])
        elif kind == "due" and action:
            action["due_date"] = draw(st.dates(date(1900, 1, 1), date(2200, 12, 31))).isoformat()
    return doc


@fuzz_settings(200)
@given(valid_edits(), st.booleans())
def test_an_edit_the_format_allows_is_read_as_the_file_says(document, ascii_only):
    """Accepted, and what was read is what the file says: nothing dropped, nothing invented."""
    data = check(json.dumps(document, ensure_ascii=ascii_only).encode("utf-8"))
    assert data is not None, f"a valid file was refused: {_SCRATCH['refusal']}"
    local = [r for r in document["responses"] if r["proposal"] in LOCAL]
    assert [r.proposal for r in data.responses] == sorted((r["proposal"] for r in local), key=TEMPLATE.order)
    for stated in local:
        read = data.response(stated["proposal"])
        assert read.rating == stated.get("rating")
        assert read.previous_rating == stated.get("previous_rating")
        assert read.evidence == (stated.get("evidence") or "")
        assert [a.action for a in read.actions] == [a["action"] for a in stated.get("actions") or []]
        for got, want in zip(read.actions, stated.get("actions") or [], strict=True):
            wanted = tuple(want.get(k) or "" for k in ("delivery", "timescale", "lead"))
            assert (got.delivery, got.timescale, got.lead) == wanted
            assert got.due_date == (date.fromisoformat(want["due_date"]) if want.get("due_date") else None)
    assert data.contact == (document.get("contact") or "")
    assert data.completed_on == (date.fromisoformat(document["completed_on"]) if document.get("completed_on") else None)


# --- valid returns with any text survive import and export byte for byte -------------------

actions = st.fixed_dictionaries({
    "action": one_line.filter(bool), "delivery": clean_text, "timescale": clean_text, "lead": one_line,
    "due_date": st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2200, 12, 31)).map(date.isoformat)),
})
responses = st.fixed_dictionaries({
    "rating": st.one_of(st.none(), st.sampled_from(RATINGS)),
    "previous_rating": st.one_of(st.none(), st.sampled_from(RATINGS)),
    "evidence": clean_text, "actions": st.lists(actions, max_size=3),
})
valid_returns = st.fixed_dictionaries({
    "format": st.just("msgdesk-return"), "version": st.just(1),
    "partnership": one_line.filter(bool), "round": one_line.map(lambda t: t[:40].strip()).filter(bool),
    "contact": clean_text,
    "completed_on": st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2100, 1, 1)).map(date.isoformat)),
    "responses": st.lists(st.sampled_from(LOCAL), unique=True, max_size=6).flatmap(
        lambda ids: st.tuples(*[responses.map(lambda r, i=i: {"proposal": i, **r}) for i in ids]).map(list)),
})


@fuzz_settings(40)
@given(valid_returns)
def test_any_valid_return_survives_import_and_export_byte_for_byte(tmp_path, capsys, document):
    """Through the command line into a real SQLite file and out again: export →
    import → export gives the same bytes, whatever the text."""
    source, first, second = tmp_path / "source.json", tmp_path / "first.json", tmp_path / "second.json"
    db, other = tmp_path / "fuzz.db", tmp_path / "other.db"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    data = check(source.read_bytes())
    assert data is not None, f"a valid return was refused: {_SCRATCH['refusal']}"
    names = [f"--partnership={data.partnership}", f"--round={data.round}"]  # a name may start with "-"
    assert main(["import", str(source), "--db", str(db), "--replace"]) == 0, capsys.readouterr().err
    assert main(["export", *names, "--json", str(first), "--db", str(db)]) == 0, capsys.readouterr().err
    from tests.test_returnfile import as_version_1

    # what the file said comes out again (with version 2's ids and who/when added)
    assert as_version_1(first.read_text(encoding="utf-8")) == as_version_1(dump_return(data, TEMPLATE))
    assert main(["import", str(first), "--db", str(other), "--replace"]) == 0, capsys.readouterr().err
    assert main(["export", *names, "--json", str(second), "--db", str(other)]) == 0, capsys.readouterr().err
    assert second.read_bytes() == first.read_bytes()
    capsys.readouterr()
