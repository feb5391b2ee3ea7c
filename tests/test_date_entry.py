"""Dates typed the way people write them: the parser, and the date field that uses it."""

from __future__ import annotations

from datetime import date

import pytest

from msgdesk.domain.dates import parse_date


@pytest.mark.parametrize("text,expected", [
    ("24/06/2021", date(2021, 6, 24)),
    ("24/6/21", date(2021, 6, 24)),
    ("24.06.2021", date(2021, 6, 24)),
    ("24-06-2021", date(2021, 6, 24)),
    ("2021-06-24", date(2021, 6, 24)),
    ("24 June 2021", date(2021, 6, 24)),
    ("24th Jun 21", date(2021, 6, 24)),
    ("1st of March 2022", date(2022, 3, 1)),
    ("June 24, 2021", date(2021, 6, 24)),
    ("  31 March 2022 ", date(2022, 3, 31)),
    ("03/04/2022", date(2022, 4, 3)),  # day first, as in the UK
    ("June 2021", None),  # a month is not a day
    ("31/02/2021", None),
    ("32 May 2021", None),
    ("24/06/2021 and later", None),
    ("Q4 20/21", None),
    ("", None),
    ("   ", None),
    (None, None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.fixture
def field(qtbot):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    from msgdesk.ui.widgets.date_edit import DateEdit

    host = QWidget()
    layout = QVBoxLayout(host)
    before, edit, after = QLineEdit(), DateEdit(), QLineEdit()
    for widget in (before, edit, after):
        layout.addWidget(widget)
    edit.setDate(QDate(2026, 11, 22))
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    before.setFocus()
    yield before, edit
    host.close()  # (holding ``host`` here keeps the widgets alive during the test)


def _tab_in_type_tab_out(qtbot, before, edit, text):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is edit
    assert edit.lineEdit().selectedText() == edit.text()  # the whole date, ready to be typed over
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    d = edit.date()
    return date(d.year(), d.month(), d.day())


@pytest.mark.parametrize("typed", ["24/06/2021", "24 June 2021", "24/6/21", "2021-06-24"])
def test_a_date_typed_as_written_replaces_the_shown_one(qtbot, field, typed):
    before, edit = field
    assert _tab_in_type_tab_out(qtbot, before, edit, typed) == date(2021, 6, 24)
    assert edit.text() == "24 June 2021"


@pytest.mark.parametrize("typed", ["31/02/2021", "next Tuesday"])
def test_text_that_is_not_a_date_leaves_the_date_as_it_was(qtbot, field, typed):
    before, edit = field
    assert _tab_in_type_tab_out(qtbot, before, edit, typed) == date(2026, 11, 22)
    assert edit.text() == "22 November 2026"


def test_arrow_keys_still_step_the_date(qtbot, field):
    from PySide6.QtCore import Qt

    _before, edit = field
    edit.setFocus()
    edit.setCurrentSection(edit.Section.DaySection)
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.date().day() == 23
