"""Tests for msgdesk.domain.timescales: free-text "timescale for delivery" -> due date.

Every expected date below is written out by hand (never computed by the code
under test).  The seed phrasings come from

* ``shared/seeds/001_*.txt`` - North Ayrshire IJB's completed 2019 template
  (date of completion 18 April 2019); the timescale follows each proposal in
  brackets, e.g. "(6mths)", "(by 1st April 2019 and each year by end March)";
* ``shared/seeds/002_*.txt`` - the MSG report's proposals, "Timescale: ...".
"""

from __future__ import annotations

import ast
import random
import re
import sys
from dataclasses import FrozenInstanceError
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from msgdesk.domain import timescales  # noqa: E402
from msgdesk.domain.timescales import KINDS, Interpretation, effective_due_date, interpret  # noqa: E402
from msgdesk.domain.vocabulary import TimescaleKind  # noqa: E402
from tests.conftest import seed_text  # noqa: E402

D = date
NA = D(2019, 4, 18)  # North Ayrshire's date of completion (seed 001)

RELATIVE = "relative timescale needs the date of completion"
RECURRING = "recurring timescale needs the date of completion"
EMPTY = "no timescale given"


def case(text, completed_on, kind, due=None, milestones=None, note=None):
    """One table row; milestones default to (due,) for a dated row, () otherwise."""
    if milestones is None:
        milestones = (due,) if due else ()
    return pytest.param(text, completed_on, kind, due, tuple(milestones), note,
                        id=f"{text!r:.60}|{completed_on}")


def dated(text, due, completed_on=None, milestones=None):
    return case(text, completed_on, "dated", due, milestones)


def unrec(text, completed_on=None, note=None):
    return case(text, completed_on, "unrecognised", note=note)


CASES = [
    # ---- month and year -> last day of the month
    dated("December 2021", D(2021, 12, 31)),
    dated("Dec 2021", D(2021, 12, 31)),
    dated("Dec. 2021", D(2021, 12, 31)),
    dated("September 21", D(2021, 9, 30)),
    dated("Sept 2021", D(2021, 9, 30)),
    dated("end of December 2021", D(2021, 12, 31)),
    dated("by March 2020", D(2020, 3, 31)),
    dated("By March 2020", D(2020, 3, 31), NA),
    dated("February 2024", D(2024, 2, 29)),
    dated("Feb 2023", D(2023, 2, 28)),
    dated("Dec-21", D(2021, 12, 31)),
    dated("Mar '22", D(2022, 3, 31)),
    dated("03/2022", D(2022, 3, 31)),
    dated("June 2021.", D(2021, 6, 30)),
    dated("start of December 2021", D(2021, 12, 1)),
    dated("mid-December 2021", D(2021, 12, 31)),
    # ---- full dates (UK day-first)
    dated("30 June 2021", D(2021, 6, 30)),
    dated("30th June 2021", D(2021, 6, 30)),
    dated("30th of June 2021", D(2021, 6, 30)),
    dated("June 30, 2021", D(2021, 6, 30)),
    dated("31/03/2022", D(2022, 3, 31)),
    dated("31.03.2022", D(2022, 3, 31)),
    dated("31-03-2022", D(2022, 3, 31)),
    dated("31/3/22", D(2022, 3, 31)),
    dated("2022-03-31", D(2022, 3, 31)),
    dated("1/4/2021", D(2021, 4, 1)),  # 1 April, not 4 January
    dated("29/02/2024", D(2024, 2, 29)),
    dated("by 15th May 2019", D(2019, 5, 15)),  # seed 001: template submission deadline
    dated("31\u00a0March\u00a02022", D(2022, 3, 31)),  # non-breaking spaces from Word
    unrec("31/02/2022", note="not a valid date"),
    unrec("32 May 2021", note="not a valid date"),
    unrec("29/02/2023", note="not a valid date"),
    unrec("99/99/9999", note="not a valid date"),
    # ---- quarters of a financial year (Q1 Apr-Jun ... Q4 Jan-Mar)
    dated("Q4 20/21", D(2021, 3, 31)),
    dated("Q1 2022/23", D(2022, 6, 30)),
    dated("Q2 21/22", D(2021, 9, 30)),
    dated("Q3 2021-22", D(2021, 12, 31)),
    dated("Quarter 2 2021/22", D(2021, 9, 30)),
    dated("Q4 2020/2021", D(2021, 3, 31)),
    dated("end of Q1 2021/22", D(2021, 6, 30)),
    dated("q3 21/22", D(2021, 12, 31)),
    unrec("Q1 20/23"),
    unrec("Q9 20/21"),
    unrec("Q1 2022"),  # calendar or financial quarter? ambiguous
    unrec("Q4"),
    # ---- financial years -> 31 March of the second year
    dated("2021/22", D(2022, 3, 31)),
    dated("2021-22", D(2022, 3, 31)),
    dated("2021/2022", D(2022, 3, 31)),
    dated("FY 2021/22", D(2022, 3, 31)),
    dated("FY 21/22", D(2022, 3, 31)),
    dated("financial year 2021/22", D(2022, 3, 31)),
    dated("as part of 2021/22 reporting", D(2022, 3, 31)),
    dated("during 2021/22", D(2022, 3, 31)),
    dated("end of 2021/22", D(2022, 3, 31)),
    dated("at the end of 2018-19", D(2019, 3, 31), NA),  # seed 001 (reserves policy)
    dated("start of 2021/22", D(2021, 4, 1)),
    unrec("Medium Term Financial Plan for 2019-22"),  # seed 001: three years, not one
    unrec("2019-2021"),
    unrec("Winter 2019/20"),
    unrec("early 2021/22"),
    # ---- durations from the date of completion
    dated("6 months", D(2019, 10, 18), NA),
    dated("within 6 months", D(2021, 9, 30), D(2021, 3, 31)),
    dated("3 - 6 months", D(2019, 10, 18), NA),
    dated("3-6 months", D(2019, 10, 18), NA),
    dated("3 to 6 months", D(2019, 10, 18), NA),
    dated("12 months", D(2020, 4, 18), NA),
    dated("18 months", D(2020, 10, 18), NA),
    dated("1 year", D(2020, 4, 18), NA),
    dated("2 years", D(2021, 4, 18), NA),
    dated("within a year", D(2020, 4, 18), NA),
    dated("Within one year", D(2020, 4, 18), NA),
    dated("6 weeks", D(2019, 5, 30), NA),
    dated("30 days", D(2019, 5, 18), NA),
    dated("within six months", D(2019, 10, 18), NA),
    dated("6 months", D(2022, 2, 28), D(2021, 8, 31)),  # day clamped
    dated("6 months", D(2024, 2, 29), D(2023, 8, 31)),  # leap year
    dated("1 year", D(2021, 2, 28), D(2020, 2, 29)),
    dated("1 month", D(2021, 2, 28), D(2021, 1, 31)),
    dated("over the next 6 to 12 months", D(2020, 4, 18), NA),  # seed 001 report text
    dated("towards the end of the 12 month period", D(2020, 4, 18), NA),  # seed 001
    unrec("6 months", note=RELATIVE),
    unrec("within a year", note=RELATIVE),
    unrec("3 - 6 months", note=RELATIVE),
    unrec("6 weeks", note=RELATIVE),
    unrec("(12mths)", note=RELATIVE),
    # ---- yearly recurrences
    dated("by end of March each year", D(2020, 3, 31), NA),
    dated("by end of March each year", D(2021, 3, 31), D(2021, 1, 10)),
    dated("by end of March each year", D(2021, 3, 31), D(2021, 3, 31)),  # on the day
    dated("annually by end March", D(2022, 3, 31), D(2021, 4, 1)),
    dated("by 31 March each year", D(2020, 3, 31), D(2019, 4, 1)),  # seed 001 action text
    dated("By end of March 2019 and thereafter each year by end March", D(2019, 3, 31), D(2019, 1, 15)),
    dated("By end of March 2019 and thereafter each year by end March", D(2020, 3, 31), NA,
          milestones=(D(2019, 3, 31), D(2020, 3, 31))),
    dated("By end of March 2019 and thereafter each year by end March", D(2019, 3, 31)),
    dated("By 1 April 2019, then by 31 March 2020 and each year thereafter by end March", D(2019, 4, 1),
          D(2019, 1, 1), milestones=(D(2019, 4, 1), D(2020, 3, 31))),  # the next deadline, not the last
    dated("By 1 April 2019, then by 31 March 2020 and each year thereafter by end March", D(2020, 3, 31),
          NA, milestones=(D(2019, 4, 1), D(2020, 3, 31))),
    unrec("by end of March each year", note=RECURRING),
    unrec("annually by end March", note=RECURRING),
    # ---- status words
    case("Ongoing", None, "ongoing"),
    case("On-going", NA, "ongoing"),
    case("ongoing review", None, "ongoing"),
    case("Continuous", None, "ongoing"),
    case("Ongoing \u2013 annual", None, "ongoing"),
    case("  ONGOING.  ", None, "ongoing"),
    case("(ongoing)", NA, "ongoing"),
    case("Annually", None, "ongoing"),
    case("every 6 months", NA, "ongoing"),  # a frequency, not a duration
    case("6 monthly", NA, "ongoing"),
    case("In place", None, "in_place"),
    case("Already in place", NA, "in_place"),
    case("Complete", None, "in_place"),
    case("Completed", None, "in_place"),
    case("Achieved", None, "in_place"),
    case("Done", None, "in_place"),
    case("Established", None, "in_place"),
    case(" - in place! ", None, "in_place"),
    case("To be agreed", None, "to_be_agreed"),
    case("TBA", None, "to_be_agreed"),
    case("TBC", NA, "to_be_agreed"),
    case("TBD", None, "to_be_agreed"),
    case("tbc.", None, "to_be_agreed"),
    case("to be confirmed", None, "to_be_agreed"),
    case("to be determined", None, "to_be_agreed"),
    case("Date to be agreed", None, "to_be_agreed"),
    # precedence between status words
    case("In place \u2013 ongoing review", None, "in_place"),
    case("Ongoing, established", None, "ongoing"),
    case("Complete \u2013 date TBC", None, "to_be_agreed"),
    unrec("must be put in place"),
    unrec("Not yet established"),
    unrec("Ongoing \u2013 complete within 6 months", note=RELATIVE),
    dated("Ongoing \u2013 complete within 6 months", D(2019, 10, 18), NA),
    # ---- several dates; an explicit date wins over a status word
    dated("Draft report 30 June 2021, final report 30 November 2021", D(2021, 11, 30),
          milestones=(D(2021, 6, 30), D(2021, 11, 30))),
    dated("Final report 30 November 2021 (draft 30 June 2021)", D(2021, 11, 30),
          milestones=(D(2021, 6, 30), D(2021, 11, 30))),
    dated("Interim report September 2021; final report Q4 21/22", D(2022, 3, 31),
          milestones=(D(2021, 9, 30), D(2022, 3, 31))),
    dated("Review within 6 months and report by March 2021", D(2021, 3, 31), NA,
          milestones=(D(2019, 10, 18), D(2021, 3, 31))),
    dated("March 2021 and 31/03/2021", D(2021, 3, 31)),  # duplicates collapse
    dated("Ongoing, with a review by March 2020", D(2020, 3, 31)),
    dated("In place \u2013 review December 2019", D(2019, 12, 31)),
    dated("Completed March 2019", D(2019, 3, 31)),
    dated("TBC - no later than December 2021", D(2021, 12, 31)),
    # ---- calendar years only with an "end" word
    dated("End of 2020", D(2020, 12, 31)),
    dated("by end 2020", D(2020, 12, 31)),
    dated("end of calendar year 2020", D(2020, 12, 31)),
    dated("by the end of 2020", D(2020, 12, 31)),
    dated("year end 2020", D(2020, 12, 31)),
    unrec("2020"),
    unrec("Spring 2020"),
    unrec("Summer 2019"),
    unrec("early 2021"),
    unrec("mid-2020"),
    unrec("next year"),
    unrec("ASAP"),
    unrec("short term"),
    unrec("Year 1"),
    unrec("phase 2"),
    unrec("Phase 2", NA),
    unrec("Implement 3 of 5 priorities", NA),
    unrec("24/7 service", NA),
    unrec("end of year", NA),
    unrec("by end of March"),  # no year and no recurrence
    unrec("31 March", NA),
    unrec("N/A", NA),
    # ---- seed 001: North Ayrshire's completed template (timescales after each proposal)
    dated("(6mths)", D(2019, 10, 18), NA),
    dated("(12mths)_", D(2020, 4, 18), NA),
    dated("(3mths)", D(2019, 7, 18), NA),
    dated("(6-12mths)", D(2020, 4, 18), NA),
    dated("(by 1st April 2019 and each year by end March)", D(2020, 3, 31), NA,
          milestones=(D(2019, 4, 1), D(2020, 3, 31))),
    dated("(by end March 2019 and thereafter each year by end March)", D(2020, 3, 31), NA,
          milestones=(D(2019, 3, 31), D(2020, 3, 31))),
    dated("(from 31 \nMach 2019 onwards)", D(2019, 3, 31), NA),  # "Mach" [sic], line break from the PDF
    dated("(by publication of reports in July 2019)", D(2019, 7, 31), NA),
    case("Timescales to be established to progress development of pan-Ayrshire approach to Directions",
         NA, "to_be_agreed"),
    unrec("Medium Term Financial Plan for 2019-22 to be developed by summer 2019", NA),
    unrec("Updated Medium Term Financial Plan to be presented to IJB by summer 2019", NA),
    unrec("programme during 2019", NA),
    unrec("a follow up report will be presented to the IJB later in 2019", NA),
    # ---- seed 002: the MSG report's "Timescale:" lines
    dated("Timescale: 6 months", D(2019, 10, 18), NA),
    dated("12 months", D(2020, 4, 18), NA),
    dated("3 months", D(2019, 7, 18), NA),
    dated("6 - 12 months", D(2020, 4, 18), NA),
    dated("6 -12 months", D(2020, 4, 18), NA),  # spelling in the bundled template
    dated("By 1st April 2019 and thereafter each year by end March.", D(2020, 3, 31), NA,
          milestones=(D(2019, 4, 1), D(2020, 3, 31))),
    dated("By 1st April 2019 and thereafter each year by end March.", D(2019, 4, 1), D(2019, 3, 1)),
    dated("By 1st April 2019 and thereafter each year by end March.", D(2019, 4, 1)),
    dated("By end of March 2019 and thereafter each year by end March", D(2020, 3, 31), NA,
          milestones=(D(2019, 3, 31), D(2020, 3, 31))),
    dated("from 31st March 2019 onwards.", D(2019, 3, 31), NA),
    dated("By publication of next round of annual reports in July 2019", D(2019, 7, 31), NA),
    unrec("Timescale: 3 - 6 months", note=RELATIVE),
]


def test_table_is_big_enough():
    assert len(CASES) >= 80
    assert sum(1 for p in CASES if p.values[2] == "unrecognised") >= 15
    assert {p.values[2] for p in CASES} == set(KINDS)


@pytest.mark.parametrize("text, completed_on, kind, due, milestones, note", CASES)
def test_interpret(text, completed_on, kind, due, milestones, note):
    result = interpret(text, completed_on)
    assert isinstance(result, Interpretation)
    assert (result.kind, result.due_date, result.milestones) == (kind, due, milestones)
    if note is not None:
        assert result.note == note
    if kind == "unrecognised":
        assert result.note, "an unrecognised timescale must say why"
    else:
        assert result.note == ""


@pytest.mark.parametrize("text", ["", "   ", "\n\t", None, "\x00", "-", "\u2014"])
def test_blank_text_means_no_timescale(text):
    assert interpret(text) == Interpretation("unrecognised", None, (), EMPTY)
    assert interpret(text, NA) == Interpretation("unrecognised", None, (), EMPTY)


def test_default_completed_on_is_none():
    assert interpret("6 months") == interpret("6 months", None)
    assert interpret("6 months").note == RELATIVE


def test_datetime_completion_is_treated_as_its_date():
    assert interpret("6 months", datetime(2019, 4, 18, 15, 30)).due_date == D(2019, 10, 18)


# ---- describe()

@pytest.mark.parametrize("text, completed_on, expected", [
    ("2021/22", None, "due 31 Mar 2022"),
    ("Q2 21/22", None, "due 30 Sep 2021"),
    ("1st April 2019", None, "due 1 Apr 2019"),
    ("6 months", NA, "due 18 Oct 2019"),
    ("Ongoing", None, "ongoing"),
    ("Already in place", None, "in place"),
    ("TBC", None, "to be agreed"),
    ("Spring 2020", None, "not recognised \u2014 set a due date"),
    ("6 months", None, "not recognised \u2014 set a due date"),
    ("", None, "not recognised \u2014 set a due date"),
])
def test_describe(text, completed_on, expected):
    assert interpret(text, completed_on).describe() == expected


def test_describe_on_a_hand_built_interpretation():
    assert Interpretation("dated", D(2022, 12, 5), (D(2022, 12, 5),)).describe() == "due 5 Dec 2022"
    assert Interpretation("unrecognised", None, (), "x").describe() == "not recognised \u2014 set a due date"


def test_interpretation_is_frozen_and_hashable():
    result = interpret("Q4 20/21")
    with pytest.raises(FrozenInstanceError):
        result.kind = "ongoing"  # type: ignore[misc]
    assert hash(result) == hash(Interpretation("dated", D(2021, 3, 31), (D(2021, 3, 31),)))


# ---- effective_due_date

@pytest.mark.parametrize("text, completed_on, override, expected", [
    ("6 months", NA, None, D(2019, 10, 18)),
    ("6 months", NA, D(2019, 12, 1), D(2019, 12, 1)),  # a hand-set date wins
    ("Q4 20/21", None, D(2020, 1, 1), D(2020, 1, 1)),
    ("Q4 20/21", None, None, D(2021, 3, 31)),
    ("Ongoing", NA, None, None),
    ("Ongoing", NA, D(2020, 6, 30), D(2020, 6, 30)),
    ("6 months", None, None, None),
    (None, None, None, None),
    (None, None, D(2021, 1, 1), D(2021, 1, 1)),
    ("Spring 2020", NA, D(2020, 5, 31), D(2020, 5, 31)),
])
def test_effective_due_date(text, completed_on, override, expected):
    assert effective_due_date(text, completed_on, override) == expected


# ---- robustness

def _odd_inputs():
    rng = random.Random(20190418)
    noise = "".join(rng.choice("Q0123456789/-.,: \n\tabcdefghijklmnopqrstuvwxyz\u00e9\u2013\U0001F600\x00")
                    for _ in range(10_000))
    words = " ".join(rng.choice(["Q4", "20/21", "March", "2021", "6", "months", "ongoing", "in", "place",
                                 "31/03/2022", "end", "of", "TBC", "each", "year", "1st", "April"])
                     for _ in range(2_000))
    return [
        "", "   ", None, "\x00", "Q9 20/21", "99/99/9999", "x" * 10_000, noise, words,
        "\U0001F4C5\U0001F389", "\U0001F600 by March 2020 \U0001F600", "\u202e2202/30/13\u202c",
        "\ufeffOngoing", "\uff13\uff11/\uff10\uff13/\uff12\uff10\uff12\uff12", "9999 years", "999 months",
        "0/0/0000", "31/12/9999", "1" * 10_000, "1/" * 5_000, "Q" * 10_000, "end of " * 1_000,
        "\ud800", "month" * 2_000, "2021/" * 2_000, "March " * 2_000, "\u0661\u0662 months",
    ]


@pytest.mark.parametrize("completed_on", [None, NA, D(9999, 12, 31), D(1, 1, 1)])
def test_never_raises_on_odd_input(completed_on):
    for text in _odd_inputs():
        result = interpret(text, completed_on)
        assert isinstance(result, Interpretation), repr(text)[:80]
        assert result.kind in KINDS
        assert isinstance(result.describe(), str)
        assert list(result.milestones) == sorted(set(result.milestones))
        if result.kind == "dated":
            assert result.due_date in result.milestones
        else:
            assert result.due_date is None


def test_odd_inputs_that_must_not_be_dates():
    assert interpret("Q9 20/21").kind == "unrecognised"
    assert interpret("99/99/9999").kind == "unrecognised"
    assert interpret("x" * 10_000).kind == "unrecognised"
    assert interpret("\U0001F4C5\U0001F389").kind == "unrecognised"


def test_non_string_input_does_not_raise():
    assert interpret(12345).kind == "unrecognised"  # type: ignore[arg-type]
    assert interpret(["6 months"], NA).kind in KINDS  # type: ignore[arg-type]
    assert interpret("6 months", "2019-04-18").note == RELATIVE  # type: ignore[arg-type]


@pytest.mark.parametrize("text, completed_on, kind, due, milestones, note", CASES)
def test_table_invariants(text, completed_on, kind, due, milestones, note):
    result = interpret(text, completed_on)
    assert list(result.milestones) == sorted(set(result.milestones))
    assert (result.due_date is not None) == (result.kind == "dated")


# ---- speed and caching

def test_interpret_is_cached():
    assert interpret("Q4 20/21", NA) is interpret("Q4 20/21", NA)


def test_interpret_reads_thousands_of_distinct_actions():
    # (its speed is measured by benchmarks/bench_tracker.py and bench_progress_report.py, beside
    # their floors; a test only checks what it reads: every one of these has dates to go by)
    texts = [f"Review {n} within {n % 24 + 1} months, report Q{n % 4 + 1} 20{n % 10 + 10}/{n % 10 + 11}"
             for n in range(5_000)]
    readings = [interpret(text, NA) for text in texts]
    assert all(r.kind is TimescaleKind.DATED and r.due_date is not None for r in readings)


def test_module_uses_the_standard_library_only():
    """timescales, and the domain modules it shares: the one date writer
    (msgdesk.domain.dates) and the vocabulary's enums (msgdesk.domain.vocabulary, and the
    states it re-exports from msgdesk.domain.core_states)."""
    from msgdesk.domain import core_states, dates, vocabulary

    for module in (timescales, dates, vocabulary, core_states):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
        imported -= {"msgdesk.domain.dates", "msgdesk.domain.vocabulary", "msgdesk.domain.core_states"}
        imported = {name.split(".")[0] for name in imported}
        assert imported <= set(sys.stdlib_module_names), imported - set(sys.stdlib_module_names)


# ---- the seed phrasings really are in the seeds

SEED_001 = [
    "(6mths)", "(12mths)_", "(3mths)", "(6-12mths)",
    "(by 1st April 2019 and each year by end March)",
    "(by end March 2019 and thereafter each year by end March)",
    "(from 31 Mach 2019 onwards)",
    "(by publication of reports in July 2019)",
    "Timescales to be established to progress development of pan-Ayrshire approach to Directions",
    "Medium Term Financial Plan for 2019-22 to be developed by summer 2019",
    "Updated Medium Term Financial Plan to be presented to IJB by summer 2019",
    "by 31 March each year", "at the end of 2018-19", "by 15th May 2019",
    "over the next 6 to 12 months", "later in 2019",
]
SEED_002 = [
    "Timescale: 6 months", "Timescale: 12 months", "Timescale: 3 months", "Timescale: 3 - 6 months",
    "Timescale: 6 - 12 months",
    "Timescale: By 1st April 2019 and thereafter each year by end March.",
    "Timescale: By end of March 2019 and thereafter each year by end March",
    "Timescale: from 31st March 2019 onwards.",
    "Timescale: By publication of next round of annual reports in July 2019",
]


def _seed_text(prefix: str) -> str:
    return re.sub(r"\s+", " ", seed_text(prefix))


@pytest.mark.parametrize("prefix, phrases", [("001", SEED_001), ("002", SEED_002)])
def test_seed_phrasings_are_quoted_faithfully(prefix, phrases):
    text = _seed_text(prefix)
    table = {re.sub(r"\s+", " ", p.values[0]) for p in CASES}
    for phrase in phrases:
        assert phrase in text, phrase
        # each seed phrasing (or its value after "Timescale: ") is part of a table row
        value = phrase.removeprefix("Timescale: ")
        assert any(value in row for row in table), phrase


# ---- history, not a deadline: past dates in a text about something already in place

HISTORY = [
    # (text, the only date in it, the kind when that date is history)
    ("Already in place and under regular review. Last reviewed Q4 20/21", D(2021, 3, 31), "in_place"),
    ("March 2020 In place", D(2020, 3, 31), "in_place"),
    ("In place since 1 April 2019", D(2019, 4, 1), "in_place"),
    ("Ongoing since June 2019", D(2019, 6, 30), "ongoing"),
    ("Under review (report to IJB December 2019)", D(2019, 12, 31), "ongoing"),
    ("Last reviewed 31/01/2020", D(2020, 1, 31), "ongoing"),
    ("Completed March 2019", D(2019, 3, 31), "in_place"),
]


@pytest.mark.parametrize("text, when, kind", HISTORY)
def test_a_date_on_or_before_completion_in_an_in_place_text_is_history(text, when, kind):
    """Sweep the date of completion across the text's date: up to and including that
    day the text reads as a deadline still ahead; from the day after it is history."""
    for offset in range(-40, 41):
        completed_on = when + timedelta(days=offset)
        got = interpret(text, completed_on)
        if completed_on >= when:
            assert (got.kind, got.due_date) == (kind, None), (text, completed_on)
            assert got.milestones == (when,)  # the date is kept, as a milestone
        else:
            assert (got.kind, got.due_date) == ("dated", when), (text, completed_on)
    # without a date of completion nothing can be history: the date is due
    assert interpret(text).due_date == when


@pytest.mark.parametrize("text, completed_on, due", [
    # a date still ahead stays a deadline, whatever the status words
    ("In place - review December 2021", D(2021, 5, 3), D(2021, 12, 31)),
    ("Ongoing, with a review by March 2022", D(2021, 5, 3), D(2022, 3, 31)),
    # one date past, one ahead: the later one is due
    ("In place since April 2019; refresh by March 2022", D(2021, 5, 3), D(2022, 3, 31)),
    # not in place: a past date is overdue, not history
    ("To be put in place by March 2020", D(2021, 5, 3), D(2020, 3, 31)),
    ("Not yet in place - March 2020", D(2021, 5, 3), D(2020, 3, 31)),
    ("Review the policy by March 2020", D(2021, 5, 3), D(2020, 3, 31)),
])
def test_a_deadline_is_still_a_deadline(text, completed_on, due):
    assert interpret(text, completed_on).due_date == due
