"""Progress updates record who wrote them: the name given at the first start (Edit → Your
name…, editable so a typo can be fixed), shown in the Tracker's "Recorded by" and stored
with each update; an update already recorded keeps its author after the name changes; the
progress report prints the author in its PDF (parsed back) and its workbook (reopened).
On SQLite and, when MSGDESK_TEST_PG names a server, on PostgreSQL; a name holding markup or
a formula stays text."""

from __future__ import annotations

from datetime import date

import pdfplumber
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from msgdesk.reports.progress_pdf import write_pdf
from msgdesk.reports.progress_xlsx import write_xlsx
from msgdesk.tracker.report import build_report

TODAY = date(2020, 1, 15)
HOSTILE_NAMES = [
    "Caroline Whyte",
    "Ms <b>Bold</b> & Co",
    "=HYPERLINK(\"http://x\",\"y\")",
    "+SUM(A1:A9)",
    "@cmd",
    "#import \"x.typ\": *",
    "$x^2$ *star* _under_ [link](u)",
    "Ünïcödé O'Brien-Mac Giolla Bhríde",
]


@pytest.fixture
def workspace(any_workspace):
    """Each test here runs on SQLite, then on PostgreSQL when MSGDESK_TEST_PG names a server."""
    return any_workspace


def _pdf_text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _update_column(path) -> str:
    """The text of the "Latest update" column alone, every page (the table's other columns
    share its lines in a plain extraction)."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            heads = [w for w, n in zip(words, words[1:], strict=False)
                     if (w["text"], n["text"]) == ("Latest", "update")]
            for head in heads:
                out.append(page.crop((head["x0"] - 1, head["top"], page.width, page.height)).extract_text() or "")
    return "\n".join(out)


def _by_title(sheet) -> dict[str, int]:
    for row in sheet.iter_rows(min_row=1, max_row=12):
        titles = {str(c.value): c.column for c in row if c.value}
        if "Reference" in titles:
            return {**titles, "_row": row[0].row}
    raise AssertionError(f"no header row in {sheet.title}")


def _name_yourself(window, monkeypatch, name: str) -> None:
    """Edit → Your name…, answered with ``name``."""
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (name, True))
    window.contributions.actionYourName.trigger()


def test_the_tracker_records_each_update_with_the_officers_name_and_keeps_it_after_a_rename(
        qtbot, window, workspace, example_round, tmp_path, monkeypatch):
    _name_yourself(window, monkeypatch, "Caroline Whyt")  # the typo made at the first start
    window.open_round(example_round.id)
    window.ui.tabs.setCurrentWidget(window.ui.trackerTab)
    view = window.tracker
    view.table.selectRow(0)
    row = view._current
    assert row is not None
    assert view.author.text() == workspace.user and "Caroline Whyt" in view.author.text()

    qtbot.keyClicks(view.update_text, "Audit of the budget started")
    qtbot.mouseClick(view.record_button, Qt.MouseButton.LeftButton)
    first = workspace.tracking.history(row.action_id)[-1]
    assert (first.text, first.author) == ("Audit of the budget started", workspace.user)

    # the typo is fixed through Edit → Your name…, with the Tracker on screen
    _name_yourself(window, monkeypatch, "Caroline Whyte")
    qtbot.keyClicks(view.update_text, "Audit finished")
    qtbot.mouseClick(view.record_button, Qt.MouseButton.LeftButton)
    history = workspace.tracking.history(row.action_id)
    assert [(e.text, e.author) for e in history[-2:]] == [
        ("Audit of the budget started", first.author), ("Audit finished", workspace.user)]
    assert "Caroline Whyte" in history[-1].author and "Caroline Whyte" not in first.author
    assert view.author.text() == workspace.user

    # a name typed over it for one entry (for a colleague) is recorded as typed
    view.author.clear()
    qtbot.keyClicks(view.author, "Fiona Grant")
    qtbot.keyClicks(view.update_text, "Reported to the board by Fiona")
    qtbot.mouseClick(view.record_button, Qt.MouseButton.LeftButton)
    assert workspace.tracking.history(row.action_id)[-1].author == "Fiona Grant"

    # the report prints the latest update's author; the workbook's history has every one
    pdf, xlsx = view.save_report("pdf", str(tmp_path / "p.pdf")), view.save_report("xlsx", str(tmp_path / "p.xlsx"))
    assert pdf and xlsx
    assert "(Fiona Grant)" in _pdf_text(pdf)
    workbook = load_workbook(xlsx)
    history_sheet = workbook["History"]
    authors = {c.value for r in history_sheet.iter_rows() for c in r if isinstance(c.value, str)}
    assert {first.author, history[-1].author, "Fiona Grant"} <= authors


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_both_report_formats_print_the_author_as_text(workspace, example_round, tmp_path, name):
    rows = workspace.tracking.rows(example_round.id)
    action = rows[0].action_id
    workspace.tracking.record_progress(action, "Earlier update", author="Someone Before",
                                       on_date=date(2019, 6, 1), today=TODAY)
    workspace.tracking.record_progress(action, "Audit started", author=name, on_date=date(2019, 7, 1), today=TODAY)
    report = build_report(workspace, example_round.id, TODAY)

    column = _update_column(write_pdf(report, tmp_path / "progress.pdf"))
    # the narrow column wraps a long name: compared without the line breaks
    assert "1Jul2019(" + "".join(name.split()) + "):Auditstarted" in "".join(column.split())

    workbook = load_workbook(write_xlsx(report, tmp_path / "progress.xlsx"))
    sheet = next(ws for ws in workbook.worksheets if ws.title not in ("Summary", "History") and ws.max_row > 2)
    titles = _by_title(sheet)
    reference_row = next(r for r in range(titles["_row"] + 1, sheet.max_row + 1)
                         if sheet.cell(row=r, column=titles["Reference"]).value == rows[0].reference)
    cell = sheet.cell(row=reference_row, column=titles["Latest update by"])
    assert cell.value == name and cell.data_type == "s"  # text, never a formula
    history = workbook["History"]
    found = [c for r in history.iter_rows() for c in r if c.value == name]
    assert found and all(c.data_type == "s" for c in found)
    assert "Someone Before" in {c.value for r in history.iter_rows() for c in r}
