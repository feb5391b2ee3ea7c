"""One way to write a date, in the window and in the reports (issue 17 item 4).

Five helpers used to print "05 May" in the window where the reports print "5 May"; now
``msgdesk.domain.dates`` writes every date.  Swept over every day of a leap year and of a
plain one, against the format the reports print (day without a leading zero, the English
month), and checked not to follow the machine's locale.
"""

from __future__ import annotations

import calendar
import locale
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from msgdesk.domain.dates import long_date, long_date_time, short_date, short_date_time

ROOT = Path(__file__).resolve().parents[1]
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]


def every_day(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


@pytest.mark.parametrize("year", [2023, 2024])
def test_every_day_of_a_year_is_written_as_the_reports_print_it(year):
    for day in every_day(year):
        month = ENGLISH_MONTHS[day.month - 1]
        assert long_date(day) == f"{day.day} {month} {year}"
        assert short_date(day) == f"{day.day} {month[:3]} {year}"
        assert not long_date(day).startswith("0") and not short_date(day).startswith("0")
        moment = datetime(day.year, day.month, day.day, 9, 5)
        assert long_date(moment) == long_date(day)
        assert long_date_time(moment) == f"{day.day} {month} {year} at 09:05"
        assert short_date_time(moment) == f"{day.day} {month[:3]} {year} 09:05"
    assert calendar.isleap(2024) and short_date(date(2024, 2, 29)) == "29 Feb 2024"


def test_no_date_is_the_text_given_for_none():
    assert long_date(None) == "" and short_date(None) == ""
    assert long_date(None, "an unknown date") == "an unknown date"
    assert short_date(None, "none") == "none"


def test_the_window_and_the_reports_write_the_same_day_the_same_way():
    """The writers of the progress report, the appendix, the directions log and the
    window's tables all go through the one helper."""
    from msgdesk.directions.status import long_date as log_date
    from msgdesk.reports.text import long_date as appendix_date
    from msgdesk.tracker.report import long_date as progress_long
    from msgdesk.tracker.report import short_date as progress_short
    from msgdesk.ui.directions.model import _short as directions_table
    from msgdesk.ui.round.actions_model import _day as actions_table
    from msgdesk.ui.tracker.model import _short as tracker_table

    for day in every_day(2021):
        assert appendix_date(day) == progress_long(day) == log_date(day) == long_date(day)
        assert tracker_table(day) == directions_table(day) == actions_table(day) == progress_short(day) \
            == short_date(day)


def test_dates_do_not_follow_the_machine_locale():
    try:
        old = locale.setlocale(locale.LC_TIME)
        locale.setlocale(locale.LC_TIME, "C.UTF-8")
    except locale.Error:  # pragma: no cover - a machine without the C.UTF-8 locale
        pytest.skip("no C.UTF-8 locale")
    try:
        assert long_date(date(2021, 5, 5)) == "5 May 2021"
    finally:
        locale.setlocale(locale.LC_TIME, old)


def test_no_other_long_date_helper_is_left_in_the_package():
    """strftime's %d (zero-padded) and %B/%b (locale) are not used to write a day."""
    pattern = re.compile(r"%d %[bB]|%[bB] %Y|:02d\} \{")
    found = []
    for path in sorted((ROOT / "msgdesk").rglob("*.py")):
        if "forms" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
