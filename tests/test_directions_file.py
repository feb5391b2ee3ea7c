"""Directions files without a database: the canonical form round-trips, amounts are exact,
and what the file alone can show to be wrong is refused with its place."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msgdesk.directions.file import (
    DirectionsFileError,
    dump_directions,
    parse_directions,
    read_directions_file,
    supersession_cycles,
)
from msgdesk.directions.money import MAX_PENCE, AmountError, parse_pounds, pounds_shown, pounds_text
from tests.conftest import ROOT

EXAMPLE = ROOT / "resources" / "examples" / "directions-example.json"
TODAY = date(2026, 12, 1)


def minimal(**changes) -> dict:
    """One valid direction with only the required keys, changed by ``changes``."""
    direction = {"reference": "NAIJB-2020-04", "title": "Care at home redesign",
                 "functions": ["Care at home services"], "issued_to": ["local_authority"],
                 "issued_on": "2020-03-26", "instruction": "Deliver it."}
    direction.update(changes)
    return direction


def document(*directions: dict, **top) -> str:
    return json.dumps({"format": "msgdesk-directions", "version": 1, "partnership": "North Ayrshire HSCP",
                       "directions": list(directions), **top})


def problems_of(text: str | bytes) -> list[str]:
    with pytest.raises(DirectionsFileError) as caught:
        parse_directions(text, today=TODAY)
    return caught.value.problems


def test_the_example_is_in_canonical_form_and_round_trips():
    text = EXAMPLE.read_text(encoding="utf-8")
    data = read_directions_file(EXAMPLE, today=TODAY)
    assert dump_directions(data) == text
    assert len(data.directions) == 14
    assert sum(1 for d in data.directions if d.supersedes) == 2
    assert sum(1 for d in data.directions if d.revoked_on) == 1
    assert sum(1 for d in data.directions if d.completed_on) >= 2
    assert sum(1 for d in data.directions if d.delivery_issues) >= 3


def test_optional_keys_may_be_left_out_and_are_written_back_in_full():
    data = parse_directions(document(minimal(), minimal(reference="NAIJB-2020-05", issued_on="2020-03-01")),
                            today=TODAY)
    written = json.loads(dump_directions(data))
    assert [d["reference"] for d in written["directions"]] == ["NAIJB-2020-05", "NAIJB-2020-04"]  # by date of issue
    first = written["directions"][0]
    assert first["resource"] is None and first["milestones"] == [] and first["supersedes"] is None
    assert dump_directions(parse_directions(dump_directions(data), today=TODAY)) == dump_directions(data)


@pytest.mark.parametrize("text, pence", [
    ("0", 0), ("0.5", 50), ("0.05", 5), ("1250000", 125_000_000), ("1250000.00", 125_000_000),
    ("1250000.1", 125_000_010), ("999999999999.99", MAX_PENCE), ("0.01", 1),
])
def test_amounts_are_read_to_the_penny(text, pence):
    assert parse_pounds(text) == pence


@pytest.mark.parametrize("text, why", [
    ("", "empty"), (" 5", "without spaces"), ("-5.00", "negative"), ("+5", "digits"), ("1.005", "two decimal"),
    ("1,250,000.00", "commas"), ("£5", "£ sign"), ("1e6", "digits"), ("5.", "digits"), (".5", "digits"),
    ("1000000000000", "too large"), ("05", "leading zeros"), ("NaN", "digits"), ("５", "digits"),
])
def test_what_is_not_an_amount_is_refused_saying_why(text, why):
    with pytest.raises(AmountError, match=why):
        parse_pounds(text)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=MAX_PENCE))
def test_every_amount_in_pence_survives_text_and_back(pence):
    assert parse_pounds(pounds_text(pence)) == pence
    shown = pounds_shown(pence)
    assert shown.startswith("£") and shown.endswith(pounds_text(pence)[-3:])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_no_text_crashes_the_amount_reader(text):
    try:
        pence = parse_pounds(text)
    except AmountError:
        return
    assert 0 <= pence <= MAX_PENCE and pounds_text(pence).startswith(text.split(".")[0])


def test_every_problem_of_a_bad_direction_is_listed_in_the_order_of_its_keys():
    found = problems_of(document({"reference": "A", "functions": [], "issued_to": ["nhs"],
                                  "issued_on": "2020-02-30", "resource": 5}))
    assert found == [
        "directions[0].title: missing",
        "directions[0].functions: must not be empty",
        "directions[0].issued_to[0]: unknown delivery partner 'nhs'; expected 'health_board' or 'local_authority'",
        "directions[0].issued_on: '2020-02-30' is not a real date",
        "directions[0].instruction: missing",
        "directions[0].resource: expected an amount as text such as \"1250000.00\" (never a number, which could "
        "lose pence), found a number",
        "directions[0].resource_basis: missing: say whether the resource is a payment or a sum set aside "
        "('payment', 'set_aside' or 'payment_and_set_aside')",
    ]


def test_cycles_are_found_once_each_from_their_first_reference():
    assert supersession_cycles({"A": "B", "B": "A", "C": None}) == [["A", "B"]]
    assert supersession_cycles({"A": "B", "B": "C", "C": "B"}) == [["B", "C"]]
    assert supersession_cycles({"A": "B", "B": "C", "C": None}) == []
    assert supersession_cycles({"A": "A"}) == [["A"]]
    long_chain = {str(n): str(n + 1) for n in range(2000)}
    assert supersession_cycles(long_chain) == []  # no recursion
    long_chain["1999"] = "0"
    assert len(supersession_cycles(long_chain)[0]) == 2000


def test_a_cycle_in_the_file_is_refused_at_its_first_direction():
    found = problems_of(document(minimal(reference="A", supersedes="C"), minimal(reference="B", supersedes="A"),
                                 minimal(reference="C", supersedes="B")))
    assert "directions[0].supersedes: a cycle of supersession: A → C → B → A" in found


@pytest.mark.parametrize("day", [date(2026, 11, 30), date(2026, 12, 1)])
def test_dates_up_to_today_are_accepted_and_tomorrow_is_not(day):
    parse_directions(document(minimal(issued_on=day.isoformat())), today=TODAY)
    found = problems_of(document(minimal(issued_on="2026-12-02")))
    assert found == ["directions[0].issued_on: 2026-12-02 is in the future (today is 2026-12-01); record what "
                     "has happened, once it has"]


def test_a_review_date_or_a_due_date_may_be_in_the_future():
    data = parse_directions(document(minimal(review_date="2030-01-31", milestones=[
        {"milestone": "Pilot", "timescale": "", "due_date": "2031-03-31"}])), today=TODAY)
    assert data.directions[0].milestones[0].due_date == date(2031, 3, 31)


@pytest.mark.parametrize("month_day", ["02-29", "02-30", "04-31", "13-01", "00-10", "12-32"])
def test_days_that_do_not_exist_are_not_dates_in_any_field(month_day):
    for key, year in (("issued_on", "2021"), ("ijb_meeting", "2019"), ("review_date", "2021"),
                      ("completed_on", "2021")):
        found = problems_of(document(minimal(**{key: f"{year}-{month_day}"})))
        assert f"directions[0].{key}: '{year}-{month_day}' is not a real date" in found, (key, found)
