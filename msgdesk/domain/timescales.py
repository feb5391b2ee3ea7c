"""Turn a free-text "timescale for delivery" into a due date.

Improvement actions in the MSG self-evaluation carry a free-text timescale
("6 months", "Q4 20/21", "By end of March 2019 and thereafter each year by end
March", "Ongoing", "TBC", ...).  :func:`interpret` reads one and says what kind
of timescale it is and, when it names one, the date the action is due.
Standard library only; no Qt.

What is read
------------
* Full dates, UK day-first: "30 June 2021", "30th of June 2021", "June 30, 2021",
  "31/03/2022", "31.03.2022", "31-03-2022", "31/3/22", ISO "2022-03-31".
  Dates that do not exist ("31/02/2022", "32 May 2021") are not dates.
* Months: "December 2021", "Dec. 2021", "Sept 2021", "September 21", "Dec-21",
  "03/2022" -> the last day of the month.  Two-digit years mean 20YY.
* Quarters of a financial year (April-March): "Q4 20/21", "Quarter 2 2021/22",
  "Q3 2021-22" -> the quarter's last day.  A quarter outside 1-4, or a year
  span whose halves are not consecutive ("Q1 20/23"), is not recognised.
* Financial years: "2021/22", "2021-22", "2021/2022", "FY 21/22",
  "financial year 2021/22" -> 31 March of the second year.
* Calendar years only with an "end" word: "end of 2020", "by end 2020",
  "end of calendar year 2020", "year end 2020" -> 31 December.
* "start of" / "beginning of" before a month, quarter, financial year or year
  gives that period's first day instead of its last.
* Durations from the round's date of completion: "6 months", "within 6 months",
  "6mths", "3 - 6 months" (the later end), "1 year", "within a year",
  "6 weeks", "30 days".  Months are added calendar-wise, clamping the day
  (31 Aug + 6 months = 28/29 Feb).  "every 6 months", "once a year",
  "6-monthly" are frequencies, not durations.
* Yearly recurrences: a month (optionally a day) without a year plus "each
  year", "every year", "annually", "yearly", "per annum", "thereafter" or
  "every March", e.g. "by end of March each year", "annually by end March",
  "By end of March 2019 and thereafter each year by end March".
* Status words: ongoing ("Ongoing", "On-going", "Continuous", "business as
  usual"), in place ("In place", "Complete(d)", "Achieved", "Done",
  "Established", "Implemented" - not after "to be", "will", "not", ...), to be
  agreed ("To be agreed/confirmed/determined/established", "TBA", "TBC", "TBD").

Nothing vague is ever turned into a date: a bare year ("2020"), a season
("Spring 2020", "Winter 2019/20"), "early 2021", "mid-2020", "late 2021/22",
"next year", "ASAP", "short term", "Year 1", "Phase 2", "end of year", a month
or day without a year and no recurrence, a quarter without a financial year
("Q1 2022"), or a span of years that is not one financial year ("2019-22")
give "unrecognised".  (A month stays precise enough with such a word:
"mid-December 2021" is due 31 Dec 2021.)  Numbers that are not dates
("Implement 3 of 5 priorities", "24/7 service") give nothing.

Known liberties: "Mach" (a typo in a real return) is read as March; a month
followed by two digits is always month-and-year, so "June 30" is June 2030;
"from 31 March 2019 onwards" is due 31 March 2019.

Precedence (first rule that applies wins)
-----------------------------------------
1. A yearly recurrence with an anchor month -> "dated".  The due date is the
   earliest explicit date in the text that is on or after ``completed_on``;
   failing that, the first anchor date (e.g. 31 March) on or after
   ``completed_on``.  Without ``completed_on`` the earliest explicit date is
   due; with no explicit date either -> "unrecognised" (needs the date of
   completion).
2. History, not a deadline: with ``completed_on``, when every date found lies on
   or before it and the text says the action is in place, ongoing, under review
   or was last reviewed, the dates say when something already happened.  The
   kind is "in_place" or "ongoing" (whichever word comes first; "under review" /
   "last reviewed" alone are "ongoing"), with no due date; the dates stay as
   milestones.  "Already in place and under regular review. Last reviewed Q4
   20/21" in a return completed in May 2021 is in place, not overdue since
   31 March 2021; "March 2020 In place" likewise.  Without ``completed_on`` the
   text stays "dated" (nothing here knows the day), but ``history_kind`` says what
   it becomes once all its dates are past: the tracker judges that against its own
   day, so such an action is not overdue whether or not the round has a date of
   completion (issue 21, item 15).
3. Any date found (explicit, or a duration resolved against ``completed_on``)
   -> "dated", due on the *latest* date; every date found is a milestone.
   An explicit date wins over any status word otherwise: "Ongoing, with a
   review by March 2020" and "In place - review December 2019" are dated (when
   the date is still ahead of the date of completion, or there is none).
4. A timing that was meant but cannot be resolved -> "unrecognised" with a
   note: a duration without ``completed_on``, a date that does not exist, an
   impossible quarter.  This beats status words so that a deadline is not
   silently dropped ("Ongoing - complete within 6 months" without a date of
   completion asks for a due date).
5. "to be agreed" words -> "to_be_agreed" (a date is still expected, so this
   beats "ongoing"/"in place").
6. "ongoing" or "in place" words -> whichever is mentioned first
   ("In place - ongoing review" is in place; "Ongoing, established" is ongoing).
7. A bare frequency ("annually", "quarterly", "Ongoing - annual",
   "reviewed every 6 months") -> "ongoing".
8. Otherwise "unrecognised": vague wording, or no timescale at all.

``milestones`` holds every date found in ascending order without duplicates;
for a recurrence it also holds the computed due date; a range of durations
("3 - 6 months") contributes only its later end.

:func:`interpret` never raises: any input, including ``None``, huge or odd
text, gives an :class:`Interpretation`.  It is cached with
:func:`functools.lru_cache`, since tracker tables call it for every row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, cast

from msgdesk.domain.dates import short_date
from msgdesk.domain.vocabulary import TimescaleKind, member

__all__ = ["KINDS", "Interpretation", "interpret", "effective_due_date"]

#: The kinds' values (``TimescaleKind`` is the source).
KINDS: tuple[str, ...] = tuple(k.value for k in TimescaleKind)

NOTE_EMPTY = "no timescale given"
NOTE_RELATIVE = "relative timescale needs the date of completion"
NOTE_RECURRING = "recurring timescale needs the date of completion"
NOTE_INVALID_DATE = "not a valid date"
NOTE_INVALID_QUARTER = "not a valid quarter of a financial year"
NOTE_VAGUE = "too vague to give a date"
NOTE_NONE = "no date found"
NOTE_ERROR = "could not interpret the timescale"



@dataclass(frozen=True)
class Interpretation:
    """What a timescale means for the action tracker."""

    kind: TimescaleKind
    due_date: date | None  # set only when kind == "dated"
    milestones: tuple[date, ...]  # every date found, ascending, no duplicates
    note: str = ""  # short reason when unrecognised
    #: Read without a date of completion, a dated text that says the action is in place,
    #: ongoing or under review has nothing to tell its dates from history (rule 2): this is
    #: the kind it takes once every date in it is past ("in_place" or "ongoing"), so that the
    #: tracker, which knows the day, does not call it overdue.  Empty otherwise.
    history_kind: TimescaleKind | None = None

    def __post_init__(self) -> None:
        # The enum, also when built by hand from a stored value ("dated").
        object.__setattr__(self, "kind", member(TimescaleKind, self.kind))

    def describe(self) -> str:
        """Short text for the UI, e.g. "due 31 Mar 2022"."""
        if self.kind is TimescaleKind.DATED and self.due_date is not None:
            return f"due {short_date(self.due_date)}"
        if self.kind is TimescaleKind.ONGOING:
            return "ongoing"
        if self.kind is TimescaleKind.IN_PLACE:
            return "in place"
        if self.kind is TimescaleKind.TO_BE_AGREED:
            return "to be agreed"
        return "not recognised \u2014 set a due date"


# --------------------------------------------------------------------------
# Patterns (compiled once, each on its first use; ASCII classes after NFKC normalisation)

_F = re.IGNORECASE | re.ASCII


class _Lazy:
    """A pattern compiled the first time it is used, then its methods are the compiled ones.

    Python compiles a regex in Python (sre_parse/sre_compile): the 25 below cost ~55M
    instructions, a tenth of the window's imports, when the module loaded; the tracker's Due
    column needs this module before the window's first frame, but only the patterns that the
    texts on show reach (a text without a date stops before most of them)."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # only until the first use: the methods set here are found before __getattr__ is asked
        compiled = re.compile(*self._source)
        self.search = compiled.search
        self.finditer = compiled.finditer
        return getattr(compiled, name)


def _lazy(pattern: str, flags: int) -> re.Pattern[str]:
    # typed as the pattern it stands for: only search and finditer are used on these
    return cast("re.Pattern[str]", _Lazy(pattern, flags))


_MON = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|mach|apr(?:il)?|may|june?|july?"
        r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])")
_Y4 = r"(?:19|20)\d\d"
# a number ends here: no letters/digits, and no further date part (".5", "/22")
_END = r"(?!\w)(?![./-]\d)"
_START = r"(?<![\w./-])"

_ISO = _lazy(rf"{_START}(?P<y>\d{{4}})(?P<s>[-/.])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}}){_END}", _F)
_NUMERIC_DMY = _lazy(
    rf"{_START}(?P<d>\d{{1,2}})(?P<s>[-/.])(?P<m>\d{{1,2}})(?P=s)(?P<y>\d{{4}}|\d{{2}}){_END}", _F)
_FYSPAN = rf"(?P<a>{_Y4}|\d\d)\s*[/-]\s*(?P<b>\d{{4}}|\d\d){_END}"
_FYPREFIX = r"(?:(?:fy|f/y)\s*|(?:the\s+)?financial\s+year\s+|fin(?:ancial)?\.?\s*yr\.?\s*)?"
_QUARTER = _lazy(
    rf"(?<![\w])(?:q|qtr\.?\s*|quarter\s*)(?P<q>\d{{1,2}})(?!\w)\s*(?:,|-|of|in)?\s*{_FYPREFIX}{_FYSPAN}"
    rf"|{_START}{_FYPREFIX}(?P<a2>{_Y4}|\d\d)\s*[/-]\s*(?P<b2>\d{{4}}|\d\d)(?!\w)\s*,?-?\s*"
    rf"(?:q|qtr\.?\s*|quarter\s*)(?P<q2>\d{{1,2}})(?!\w)", _F)
_DAY_MONTH_YEAR = _lazy(
    rf"{_START}(?P<d>\d{{1,2}})\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?P<mon>{_MON})\.?\s*,?\s*"
    rf"(?P<y>{_Y4}|\d\d){_END}", _F)
_MONTH_DAY_YEAR = _lazy(
    rf"\b(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y>{_Y4}){_END}", _F)
_MONTH_YEAR = _lazy(
    rf"\b(?P<mon>{_MON})\.?[\s,'/-]*(?:(?P<y4>{_Y4})|(?P<y2>\d\d)(?!\s*(?:each|every)\b)){_END}", _F)
_NUMERIC_MONTH_YEAR = _lazy(rf"{_START}(?P<m>0?[1-9]|1[0-2])[/.-](?P<y>{_Y4}){_END}", _F)
_FINANCIAL_YEAR = _lazy(
    rf"(?:\b(?:fy|f/y)\s*|\b(?:the\s+)?financial\s+year\s+|\bfin(?:ancial)?\.?\s*yr\.?\s*)"
    rf"(?P<a>{_Y4}|\d\d)\s*[/-]\s*(?P<b>\d{{4}}|\d\d){_END}"
    rf"|{_START}(?P<a2>{_Y4})\s*[/-]\s*(?P<b2>\d{{4}}|\d\d){_END}", _F)
_END_OF_YEAR = _lazy(
    rf"\b(?:(?P<q>end|close|start|beginning)[\s-]+(?:of\s+)?(?:the\s+)?(?:calendar\s+)?(?:year\s+)?(?:of\s+)?"
    rf"|year[\s-]end\s+(?:of\s+)?)(?P<y>{_Y4}){_END}", _F)
_NUM = (r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
        r"|eighteen|twenty[\s-]?four|thirty[\s-]?six)")
_DURATION = _lazy(
    rf"{_START}(?P<a>{_NUM})(?:\s*(?:-|to|or)\s*(?P<b>{_NUM}))?[\s-]*"
    rf"(?P<unit>months?|mths?|mnths?|weeks?|wks?|years?|yrs?|days?)\b(?!-(?:long|round|old))"
    r"(?P<per>\s*(?:an?|per|each|every)\s+(?:day|week|month|year|annum)\b)?", _F)
_DAY_MONTH = _lazy(rf"{_START}(?P<d>\d{{1,2}})\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?P<mon>{_MON})", _F)
_MONTH_DAY = _lazy(rf"\b(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)(?!\w)", _F)
_LONE_MONTH = _lazy(rf"\b(?P<mon>{_MON})", _F)

_START_BEFORE = _lazy(r"\b(?:start|beginning|begin|commencement)[\s-]+(?:of\s+)?(?:the\s+)?$", _F)
_VAGUE_BEFORE = _lazy(
    r"\b(?:spring|summer|autumn|fall|winter|early|mid|late)[\s-]*(?:of\s+)?(?:the\s+)?$", _F)
_FREQUENCY_BEFORE = _lazy(r"\b(?:every|each|per|once|twice|times)\s*$", _F)
_PREV_WORDS = _lazy(r"([a-z']+)\W*([a-z']+)?\W*$", _F)

_RECURRING = _lazy(
    r"\b(?:each|every|per)\s+(?:financial\s+)?(?:year|annum)\b|\bannual(?:ly)?\b|\byearly\b"
    rf"|\bthereafter\b|\b(?:each|every)\s+{_MON}", _F)
_FREQUENCY = _lazy(
    r"\b(?:bi-?)?(?:annual(?:ly)?|yearly|quarterly|monthly|weekly|fortnightly|daily)\b"
    r"|\b(?:each|every|per)\s+(?:financial\s+)?(?:year|annum|quarter|month|week|day)\b", _F)
_TBA = _lazy(
    r"(?<![\w.])t\.?b\.?[acd]\b\.?"
    r"|\bto\s+be\s+(?:agreed|confirmed|determined|decided|set|established|arranged|finali[sz]ed"
    r"|scheduled|advised|identified)\b"
    r"|\bnot\s+yet\s+(?:agreed|set|known|confirmed|determined|decided)\b", _F)
_ONGOING = _lazy(
    r"\bon[\s-]?going\b|\bcontinu(?:ous(?:ly)?|ing|al(?:ly)?)\b|\bbusiness\s+as\s+usual\b|\bbau\b", _F)
_IN_PLACE = _lazy(
    r"\b(?:in\s+place|complete[d]?|achieved|done|established|implemented|in\s+operation)\b", _F)
_REVIEWED = _lazy(
    r"\bunder\s+(?:[a-z]+\s+)?review\b|\b(?:last|most\s+recently|recently)\s+(?:reviewed|updated|revised)\b", _F)
_NOT_IN_PLACE_AFTER = frozenset(
    "be being to will would should must shall can could may might not yet partly partially "
    "once when until if put get never".split())
_VAGUE = _lazy(
    r"\b(?:spring|summer|autumn|fall|winter|early|mid|late|next|coming|asap|soon|short|medium"
    r"|long)\b|\bend\s+of\s+(?:the\s+)?(?:financial\s+|calendar\s+)?year\b|\byear[\s-]end\b|\byear\s*\d"
    r"|\bphase\s*\d|\bq\s*\d|\b(?:19|20)\d\d\b", _F)
_ALNUM = _lazy(r"[a-z0-9]", _F)

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_DASHES.update(dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032"), "'"))

_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "eighteen": 18, "twentyfour": 24, "thirtysix": 36,
}


# --------------------------------------------------------------------------
# Helpers

def _month_number(name: str) -> int:
    key = name.lower()
    if key.startswith("mach"):
        return 3
    return ("jan", "feb", "mar", "apr", "may", "jun", "jul",
            "aug", "sep", "oct", "nov", "dec").index(key[:3]) + 1


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _days_in(year: int, month: int) -> int:
    # calendar (and locale, which it imports) only when a date is worked out: the window's
    # first page shows no timescale that needs one (issue 22)
    import calendar

    return calendar.monthrange(year, month)[1]


def _last_day(year: int, month: int) -> date:
    return date(year, month, _days_in(year, month))


def _add_months(start: date, months: int) -> date:
    year, month0 = divmod(start.month - 1 + months, 12)
    year += start.year
    return date(year, month0 + 1, min(start.day, _days_in(year, month0 + 1)))


def _number(text: str) -> int:
    text = re.sub(r"[\s-]", "", text.lower())
    return int(text) if text.isdigit() else _WORD_NUMBERS[text]


def _financial_year(a: str, b: str) -> int | None:
    """First calendar year of the financial year "a/b", or None if a and b are not consecutive."""
    first = _year(a)
    if len(b) == 4:
        return first if int(b) == first + 1 else None
    return first if int(b) == (first + 1) % 100 else None


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out consumed spans, keeping every other character in place."""
    if not spans:
        return text
    parts, last = [], 0
    for start, end in sorted(spans):
        parts.append(text[last:start])
        parts.append(" " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)


class _Found:
    """What the scan of one timescale found."""

    def __init__(self) -> None:
        self.dates: list[date] = []
        self.relative_unresolved = False
        self.invalid_note = ""
        self.anchor: tuple[int, int | None] | None = None  # (month, day or None for month end)
        self.frequency = False
        self.vague = False


def _starts_period(text: str, pos: int) -> bool:
    return _START_BEFORE.search(text, max(0, pos - 40), pos) is not None


def _period(text: str, pos: int, first: date, last: date) -> date:
    return first if _starts_period(text, pos) else last


def _scan(s: str, completed_on: date | None) -> tuple[_Found, str]:
    found = _Found()

    # handle returns False for a match that is not masked out of the text
    def stage(pattern: re.Pattern[str], handle: Callable[[re.Match[str]], object]) -> None:
        nonlocal s
        spans = []
        for m in pattern.finditer(s):
            if handle(m) is not False:
                spans.append(m.span())
        s = _mask(s, spans)

    def full_date(y: int, m: int, d: int) -> None:
        try:
            found.dates.append(date(y, m, d))
        except (ValueError, OverflowError):
            found.invalid_note = found.invalid_note or NOTE_INVALID_DATE

    stage(_ISO, lambda m: full_date(int(m["y"]), int(m["m"]), int(m["d"])))
    stage(_NUMERIC_DMY, lambda m: full_date(_year(m["y"]), int(m["m"]), int(m["d"])))

    def quarter(m: re.Match[str]) -> None:
        if _VAGUE_BEFORE.search(s, max(0, m.start() - 40), m.start()):
            found.vague = True  # "late Q4 20/21"
            return
        q = int(m["q"] or m["q2"])
        first = _financial_year(m["a"] or m["a2"], m["b"] or m["b2"])
        if first is None or not 1 <= q <= 4:
            found.invalid_note = found.invalid_note or NOTE_INVALID_QUARTER
            return
        start_month = 3 * q + 1  # Q1 April, Q2 July, Q3 October, Q4 January (next year)
        year = first + (start_month > 12)
        start_month = (start_month - 1) % 12 + 1
        found.dates.append(_period(s, m.start(), date(year, start_month, 1),
                                   _last_day(year, start_month + 2)))

    stage(_QUARTER, quarter)
    stage(_DAY_MONTH_YEAR, lambda m: full_date(_year(m["y"]), _month_number(m["mon"]), int(m["d"])))
    stage(_MONTH_DAY_YEAR, lambda m: full_date(_year(m["y"]), _month_number(m["mon"]), int(m["d"])))

    def month_period(year: int, month: int, pos: int) -> None:
        found.dates.append(_period(s, pos, date(year, month, 1), _last_day(year, month)))

    stage(_MONTH_YEAR, lambda m: month_period(_year(m["y4"] or m["y2"]), _month_number(m["mon"]), m.start()))
    stage(_NUMERIC_MONTH_YEAR, lambda m: month_period(int(m["y"]), int(m["m"]), m.start()))

    def financial_year(m: re.Match[str]) -> bool:
        first = _financial_year(m["a"] or m["a2"], m["b"] or m["b2"])
        if first is None:
            return False  # a span of years such as 2019-22: left as vague
        if _VAGUE_BEFORE.search(s, max(0, m.start() - 40), m.start()):
            found.vague = True  # "Winter 2019/20", "early 2021/22"
            return True
        found.dates.append(_period(s, m.start(), date(first, 4, 1), date(first + 1, 3, 31)))
        return True

    stage(_FINANCIAL_YEAR, financial_year)

    def end_of_year(m: re.Match[str]) -> None:
        year = int(m["y"])
        starts = (m["q"] or "").lower() in ("start", "beginning") or _starts_period(s, m.start())
        found.dates.append(date(year, 1, 1) if starts else date(year, 12, 31))

    stage(_END_OF_YEAR, end_of_year)

    def duration(m: re.Match[str]) -> None:
        if m["per"] or _FREQUENCY_BEFORE.search(s, max(0, m.start() - 20), m.start()):
            found.frequency = True
            return
        amount = max(_number(m["a"]), _number(m["b"]) if m["b"] else 0)
        if completed_on is None:
            found.relative_unresolved = True
            return
        unit = m["unit"].lower()
        try:
            if unit.startswith("m"):
                found.dates.append(_add_months(completed_on, amount))
            elif unit.startswith("y"):
                found.dates.append(_add_months(completed_on, 12 * amount))
            elif unit.startswith("w"):
                found.dates.append(completed_on + timedelta(weeks=amount))
            else:
                found.dates.append(completed_on + timedelta(days=amount))
        except (ValueError, OverflowError):
            found.invalid_note = found.invalid_note or NOTE_INVALID_DATE

    stage(_DURATION, duration)

    # Dates without a year: anchors for a yearly recurrence, else vague.
    def day_month(m: re.Match[str]) -> None:
        if found.anchor is None:
            found.anchor = (_month_number(m["mon"]), int(m["d"]))

    stage(_DAY_MONTH, day_month)
    stage(_MONTH_DAY, day_month)

    return found, s


def _next_anchor(anchor: tuple[int, int | None], after: date) -> date:
    month, day = anchor
    for year in (after.year, after.year + 1):
        last = _days_in(year, month)
        candidate = date(year, month, min(day or last, last))
        if candidate >= after:
            return candidate
    return candidate  # pragma: no cover - the second year always qualifies


def _lone_month_anchor(s: str) -> tuple[int, int | None] | None:
    for m in _LONE_MONTH.finditer(s):
        if m["mon"] != "may":
            return (_month_number(m["mon"]), None)
    return None


def _status(s: str) -> TimescaleKind | None:
    """Ongoing or in place, whichever is mentioned first; None if neither."""
    first: tuple[int, TimescaleKind] | None = None
    m = _ONGOING.search(s)
    if m:
        first = (m.start(), TimescaleKind.ONGOING)
    for m in _IN_PLACE.finditer(s):
        if first is not None and m.start() > first[0]:
            break
        prev = _PREV_WORDS.search(s, max(0, m.start() - 40), m.start())
        words = {w.lower() for w in (prev.groups() if prev else ()) if w}
        if words & _NOT_IN_PLACE_AFTER:
            continue
        first = (m.start(), TimescaleKind.IN_PLACE)
        break
    return first[1] if first else None


def _unrecognised(note: str) -> Interpretation:
    return Interpretation(TimescaleKind.UNRECOGNISED, None, (), note)


def _dated(due: date, dates: list[date]) -> Interpretation:
    return Interpretation(TimescaleKind.DATED, due, tuple(sorted(set(dates) | {due})))


def _interpret(text: str | None, completed_on: date | None) -> Interpretation:
    if text is None:
        return _unrecognised(NOTE_EMPTY)
    s = unicodedata.normalize("NFKC", str(text)).translate(_DASHES)
    if not _ALNUM.search(s):
        return _unrecognised(NOTE_EMPTY)
    original = s
    found, s = _scan(s, completed_on)
    dates = sorted(set(found.dates))

    # 1. yearly recurrence
    anchor = found.anchor or _lone_month_anchor(s)
    if anchor is not None and _RECURRING.search(original):
        if completed_on is not None:
            upcoming = [d for d in dates if d >= completed_on]
            due = upcoming[0] if upcoming else _next_anchor(anchor, completed_on)
            return _dated(due, dates)
        if dates:
            return _dated(dates[0], dates)
        return _unrecognised(NOTE_RECURRING)
    # 2. past dates in a text about something already in place: history
    if dates and completed_on is not None and dates[-1] <= completed_on:
        status = _status(s) or (TimescaleKind.ONGOING if _REVIEWED.search(s) else None)
        if status:
            return Interpretation(status, None, tuple(dates))
    # 3. dates
    if dates:
        dated = _dated(dates[-1], dates)
        if completed_on is None:
            status = _status(s) or (TimescaleKind.ONGOING if _REVIEWED.search(s) else None)
            if status:
                dated = replace(dated, history_kind=status)
        return dated
    # 4. meant but unresolvable
    if found.relative_unresolved:
        return _unrecognised(NOTE_RELATIVE)
    if found.invalid_note:
        return _unrecognised(found.invalid_note)
    # 5.-7. status words and frequencies
    if _TBA.search(s):
        return Interpretation(TimescaleKind.TO_BE_AGREED, None, ())
    status = _status(s)
    if status:
        return Interpretation(status, None, ())
    if found.frequency or _FREQUENCY.search(s) or _RECURRING.search(s):
        return Interpretation(TimescaleKind.ONGOING, None, ())
    # 8. vague or nothing
    if anchor is not None or found.vague or _VAGUE.search(s):
        return _unrecognised(NOTE_VAGUE)
    return _unrecognised(NOTE_NONE)


@lru_cache(maxsize=8192)
def _interpret_cached(text: str | None, completed_on: date | None) -> Interpretation:
    try:
        return _interpret(text, completed_on)
    except Exception:  # never raise: an odd timescale must not break a tracker table
        return _unrecognised(NOTE_ERROR)


def interpret(text: str | None, completed_on: date | None = None) -> Interpretation:
    """Interpret a free-text timescale; ``completed_on`` is the round's date of completion."""
    if isinstance(completed_on, datetime):
        completed_on = completed_on.date()
    elif not isinstance(completed_on, date):
        completed_on = None
    if text is not None and not isinstance(text, str):
        try:
            text = str(text)
        except Exception:
            return _unrecognised(NOTE_ERROR)
    return _interpret_cached(text, completed_on)


def effective_due_date(text: str | None, completed_on: date | None, override: date | None) -> date | None:
    """A due date set by hand wins over the interpretation."""
    if override is not None:
        return override
    return interpret(text, completed_on).due_date
