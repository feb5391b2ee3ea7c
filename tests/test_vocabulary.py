"""Every vocabulary is an enum, carried by the value types, never compared as a string
(issue 17 item 4); files and the database keep their readable values."""

from __future__ import annotations

import ast
import json
from datetime import date
from pathlib import Path

import pytest

from msgdesk.domain.return_values import RATINGS, ActionData, ResponseData, ReturnData
from msgdesk.domain.states import ActionStatus, RoundStatus
from msgdesk.domain.timescales import KINDS, interpret
from msgdesk.domain.vocabulary import RagState, Rating, TimescaleKind, member
from msgdesk.tracker.rag import RAGS, rag_for

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "north-ayrshire-2019.json"
VOCABULARIES = (RoundStatus, ActionStatus, Rating, RagState, TimescaleKind)


def test_the_value_types_carry_the_enums():
    response = ResponseData("1.1", "established", "partly_established")
    assert response.rating is Rating.ESTABLISHED and response.previous_rating is Rating.PARTLY_ESTABLISHED
    assert ResponseData("1.1").rating is None
    for status in ActionStatus:
        assert ActionData("x", status=status.value).status is status
    assert ActionData("x").status is ActionStatus.NOT_STARTED
    assert ReturnData("P", "2019").status is RoundStatus.DRAFT
    assert ReturnData("P", "2019", status="approved").status is RoundStatus.APPROVED


def test_an_unknown_value_is_left_for_its_reader_to_report():
    assert member(Rating, "brilliant") == "brilliant"
    assert ResponseData("1.1", "brilliant").rating == "brilliant"


@pytest.mark.parametrize("text, kind", [("Ongoing", TimescaleKind.ONGOING), ("In place", TimescaleKind.IN_PLACE),
                                        ("TBC", TimescaleKind.TO_BE_AGREED), ("31/03/2022", TimescaleKind.DATED),
                                        ("soon", TimescaleKind.UNRECOGNISED), (None, TimescaleKind.UNRECOGNISED)])
def test_timescale_kinds_are_members(text, kind):
    assert interpret(text, date(2021, 5, 3)).kind is kind


def test_every_rag_is_a_member():
    today = date(2021, 1, 1)
    seen = set()
    for status in ActionStatus:
        for due in (None, date(2020, 12, 1), date(2021, 1, 10), date(2021, 6, 1)):
            for kind in TimescaleKind:
                for carried in (False, True):
                    rag = rag_for(status, due, today, kind, carried).rag
                    assert isinstance(rag, RagState)
                    seen.add(rag)
    assert seen == set(RagState)


def test_the_plain_views_follow_the_enums():
    assert RATINGS == tuple(r.value for r in Rating)
    assert KINDS == tuple(k.value for k in TimescaleKind)
    assert RAGS == tuple(RagState)


def test_a_return_read_stored_and_written_keeps_its_values(workspace, template, tmp_path):
    from msgdesk.rounds.return_file import read_return_file, write_return_file

    data = read_return_file(EXAMPLE, template)
    assert all(r.rating is None or isinstance(r.rating, Rating) for r in data.responses)
    assert all(isinstance(a.status, ActionStatus) for r in data.responses for a in r.actions)
    info = workspace.rounds.import_return(data)
    loaded = workspace.rounds.load_round_by_id(info.id)
    assert isinstance(loaded.status, RoundStatus)
    assert all(r.rating is None or isinstance(r.rating, Rating) for r in loaded.responses)
    assert all(isinstance(a.status, ActionStatus) for r in loaded.responses for a in r.actions)
    out = tmp_path / "out.json"
    write_return_file(out, loaded, template)
    written = json.loads(out.read_text(encoding="utf-8"))
    original = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert [r["rating"] for r in written["responses"]] == [r["rating"] for r in original["responses"]]


def _string_comparisons() -> list[str]:
    """``x == "approved"``, ``x in ("complete", "in_place")`` and the like in msgdesk."""
    words = {m.value for enum in VOCABULARIES for m in enum}

    def constants(node: ast.AST):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            for element in node.elts:
                yield from constants(element)

    found = []
    for path in sorted((ROOT / "msgdesk").rglob("*.py")):
        if "forms" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                for side in (node.left, *node.comparators):
                    if any(word in words for word in constants(side)):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_status_rating_rag_or_kind_is_compared_as_a_string():
    assert _string_comparisons() == []
