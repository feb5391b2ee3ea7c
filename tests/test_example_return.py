"""Checks for the bundled example return: North Ayrshire HSCP, MSG self-evaluation 2019.

The example is a transcription of the completed template in the IJB paper of
16 May 2019 (seed ``001_3f72861613464fe3.txt`` in ``shared/seeds`` beside the
clone; without it the spot checks against the seed skip, saying why).  These
tests use only the standard library's ``json`` and never import Qt.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import EXAMPLE, seed_text

TOP_LEVEL_KEYS = [
    "format",
    "version",
    "partnership",
    "round",
    "contact",
    "completed_on",
    "responses",
]
RESPONSE_KEYS = ["proposal", "rating", "previous_rating", "evidence", "actions"]
ACTION_KEYS = ["action", "delivery", "timescale", "lead", "due_date"]
RATING_SLUGS = {"not_yet_established", "partly_established", "established", "exemplary"}

#: Local proposals in template order (3.2, 3.3 and 5.3 are not for local completion).
LOCAL_PROPOSALS = [
    "1.1", "1.2", "1.3",
    "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
    "3.1", "3.4", "3.5",
    "4.1", "4.2", "4.3", "4.4", "4.5",
    "5.1", "5.2",
    "6.1", "6.2", "6.3",
]

#: Ratings transcribed independently from the seed's summary table ("Appendix 1").
SUMMARY_RATINGS = {
    "1.1": "established",
    "1.2": "established",
    "1.3": "established",
    "2.1": "established",
    "2.2": "established",
    "2.3": "partly_established",
    "2.4": "established",
    "2.5": "exemplary",
    "2.6": "partly_established",
    "3.1": "established",
    "3.4": "partly_established",
    "3.5": "partly_established",
    "4.1": "established",
    "4.2": "established",
    "4.3": "established",
    "4.4": "partly_established",
    "4.5": "established",
    "5.1": "established",
    "5.2": "exemplary",
    "6.1": "exemplary",
    "6.2": "exemplary",
    "6.3": "exemplary",
}

#: Number of proposed improvement actions counted in the seed (one per bullet).
TOTAL_ACTIONS = 52

#: (proposal, snippet) pairs that must appear in that response's evidence and in the seed.
EVIDENCE_SNIPPETS = [
    ("1.1",
     "Senior Partnership Operational Group (SPOG) supports approach to collaborative leadership across Ayrshire"),
    ("2.2", "2019-20 IJB budget set by 31st March 2019, this was the first time the budget was set before the start "
            "of the new financial year"),
    ("2.5", "Social Care Finance Team transferred from the Council corporate finance team to the HSCP under the CFO "
            "in October 2018"),
    ("4.2", "Performance and Audit Committee (PAC) is not a public meeting and therefore papers are not available in "
            "the public domain"),
    ("6.3", "Carers are supported to attend the IJB and reasonable expenses are reimbursed"),
]

#: (proposal, index of action, expected start of the action text).
ACTION_SPOT_CHECKS = [
    ("1.2", 0, "Establishing more routine cross party meetings HB/Council"),
    ("2.2", 2, "Scottish Government finance directorate will be requested to review the methodology"),
    ("3.4", 1, "Engage with the local LIST analysts, performance team"),
    ("4.4", 1, "North Ayrshire HSCP will develop an approach for MH services"),
    ("6.3", 0, "Benchmark NAHSCP against other partnerships"),
]


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def raw_text() -> str:
    if not EXAMPLE.is_file():
        pytest.fail(f"example return missing: {EXAMPLE}")
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data(raw_text: str) -> dict:
    return json.loads(raw_text)


@pytest.fixture(scope="module")
def seed() -> str:
    """Seed 001, normalised; without shared/seeds beside the clone the spot checks skip."""
    return _normalise(seed_text("001"))


@pytest.fixture(scope="module")
def by_id(data: dict) -> dict:
    return {r["proposal"]: r for r in data["responses"]}


def test_file_is_canonical_json(raw_text: str, data: dict) -> None:
    assert raw_text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_top_level_shape(data: dict) -> None:
    assert list(data) == TOP_LEVEL_KEYS
    assert data["format"] == "msgdesk-return"
    assert data["version"] == 1
    assert data["partnership"] == "North Ayrshire Health and Social Care Partnership"
    assert data["round"] == "2019"
    assert data["contact"] == "Caroline Whyte, carolinewhyte@north-ayrshire.gov.uk"
    assert data["completed_on"] == "2019-04-18"
    assert isinstance(data["responses"], list)


def test_responses_in_template_order(data: dict) -> None:
    ids = [r["proposal"] for r in data["responses"]]
    assert len(ids) == 22
    assert ids == LOCAL_PROPOSALS
    for national in ("3.2", "3.3", "5.3"):
        assert national not in ids


def test_response_and_action_shape(data: dict) -> None:
    for response in data["responses"]:
        pid = response["proposal"]
        assert list(response) == RESPONSE_KEYS, pid
        assert response["previous_rating"] is None, pid
        assert isinstance(response["evidence"], str) and response["evidence"].strip(), pid
        assert isinstance(response["actions"], list), pid
        for action in response["actions"]:
            assert list(action) == ACTION_KEYS, pid
            assert isinstance(action["action"], str) and action["action"].strip(), pid
            assert isinstance(action["delivery"], str), pid
            assert isinstance(action["timescale"], str), pid
            assert action["lead"] == "", pid
            assert action["due_date"] is None, pid


def test_every_response_rated_with_valid_slug(data: dict) -> None:
    for response in data["responses"]:
        assert response["rating"] in RATING_SLUGS, response["proposal"]


def test_ratings_match_summary_table(data: dict) -> None:
    ratings = {r["proposal"]: r["rating"] for r in data["responses"]}
    assert ratings == SUMMARY_RATINGS


def test_total_number_of_actions(data: dict) -> None:
    assert sum(len(r["actions"]) for r in data["responses"]) == TOTAL_ACTIONS


@pytest.mark.parametrize("proposal,snippet", EVIDENCE_SNIPPETS)
def test_evidence_snippet_in_example_and_seed(
    by_id: dict, seed: str, proposal: str, snippet: str
) -> None:
    assert snippet in _normalise(by_id[proposal]["evidence"]), (
        f"snippet not in evidence for {proposal}: {snippet!r}"
    )
    assert _normalise(snippet) in seed, f"snippet not found in seed: {snippet!r}"


@pytest.mark.parametrize("proposal,index,start", ACTION_SPOT_CHECKS)
def test_action_text_in_seed(
    by_id: dict, seed: str, proposal: str, index: int, start: str
) -> None:
    action = by_id[proposal]["actions"][index]["action"]
    assert action.startswith(start), f"{proposal} action {index}: {action!r}"
    assert _normalise(action) in seed, (
        f"{proposal} action {index} not found verbatim in seed: {action!r}"
    )
