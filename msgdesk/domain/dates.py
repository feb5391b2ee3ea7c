"""Dates as msgdesk writes them and reads them, in the window, the reports and the command line.

One way to write a date: "5 May 2021" (``long_date``) or "5 Sep 2021" (``short_date``),
the day without a leading zero, as a committee paper prints it.  The month names are
written out here rather than taken from ``strftime``'s ``%B``/``%b``, which follow the
process's locale: a report must not change language with the machine it was printed on.

One way to read a date: ``parse_date`` takes a date as a person types it ("31/03/2022",
"31 March 2022", "2022-03-31"), day first as in the UK.  The window's date fields and every
command's date arguments use it, so what one accepts the other accepts.

Standard library only; no Qt.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

__all__ = ["MONTHS", "MONTHS_SHORT", "long_date", "short_date", "long_date_time", "short_date_time", "parse_date"]

MONTHS: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July",
                           "August", "September", "October", "November", "December")
MONTHS_SHORT: tuple[str, ...] = tuple(name[:3] for name in MONTHS)


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def long_date(value: date | None, empty: str = "") -> str:
    """"5 May 2021"; ``empty`` for no date.  A datetime gives its day."""
    if value is None:
        return empty
    day = _day(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(value: date | None, empty: str = "") -> str:
    """"5 Sep 2021", for tables and notes where space is short; ``empty`` for no date."""
    if value is None:
        return empty
    day = _day(value)
    return f"{day.day} {MONTHS_SHORT[day.month - 1]} {day.year}"


def long_date_time(value: datetime | None, empty: str = "") -> str:
    """"5 May 2021 at 14:03"."""
    if value is None:
        return empty
    return f"{long_date(value)} at {value:%H:%M}"


def short_date_time(value: datetime | None, empty: str = "") -> str:
    """"5 May 2021 14:03", for lists of events."""
    if value is None:
        return empty
    return f"{short_date(value)} {value:%H:%M}"


# --- reading -------------------------------------------------------------------------------

_MONTH_WORD = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
               r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])")
_F = re.IGNORECASE | re.ASCII
#: The forms a date field takes, each matched against the whole text.
_TYPED = (
    re.compile(r"(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})", _F),  # 2022-03-31
    re.compile(r"(?P<d>\d{1,2})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})", _F),  # 31/03/2022, 31.3.22
    re.compile(rf"(?P<d>\d{{1,2}})\s*(?:st|nd|rd|th)?\s*(?:of\s+)?{_MONTH_WORD}\.?\s*,?\s*(?P<y>\d{{4}}|\d{{2}})",
               _F),  # 31 March 2022, 31st of Mar 22
    re.compile(rf"{_MONTH_WORD}\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y>\d{{4}})", _F),  # March 31, 2022
)


def parse_date(text: str | None) -> date | None:
    """One full date as a person types it — "24/06/2021", "24 June 2021", "24th Jun 21",
    "2021-06-24" — or None.  Day first, as in the UK; two-digit years are 20YY; a month
    and year alone ("June 2021") or a day that does not exist ("31/02/2022") is not a date."""
    if not isinstance(text, str):
        return None
    s = unicodedata.normalize("NFKC", text).strip()
    for pattern in _TYPED:
        m = pattern.fullmatch(s)
        if m is None:
            continue
        groups = m.groupdict()
        month = int(groups["m"]) if groups.get("m") else MONTHS_SHORT.index(groups["mon"][:3].title()) + 1
        year = int(m["y"]) + 2000 if len(m["y"]) == 2 else int(m["y"])
        try:
            return date(year, month, int(m["d"]))
        except ValueError:
            return None
    return None
