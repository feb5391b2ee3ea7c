"""The directions log as a PDF and a workbook, read back: every page says "Page X of Y"
and never DRAFT; the minimum fields of every direction are printed; text of any length,
swept across several pages field by field, prints to its last word; workbook cells of
user text are never formulas, and amounts are exact."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from msgdesk.directions.file import read_directions_file
from msgdesk.directions.log import build_log, read_log
from msgdesk.directions.money import pounds_shown
from msgdesk.directions.values import Bodies, Direction, DirectionRecord, Entry, Link, Milestone, Partner, ResourceBasis
from msgdesk.reports.directions_log_pdf import render
from msgdesk.reports.directions_log_xlsx import build_workbook
from tests.conftest import ROOT
from tests.pdftext import pdf_text

EXAMPLE = ROOT / "resources" / "examples" / "directions-example.json"
P = "North Ayrshire Health and Social Care Partnership"
DAY = date(2026, 12, 1)
BODIES = Bodies("NHS Ayrshire & Arran", "North Ayrshire Council")


def pages_text(pdf: bytes) -> list[str]:
    """The text of each page, as a reader's software extracts it (``tests.pdftext``), line
    by line across the page: a table row's cells in a row."""
    pages = pdf_text(pdf, layout=True).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


@pytest.fixture
def example_log(workspace):
    workspace.directions.import_file(read_directions_file(EXAMPLE, today=DAY))
    workspace.directions.set_bodies(P, health_board=BODIES.health_board, local_authority=BODIES.local_authority)
    return read_log(workspace, P, DAY)


def test_the_example_log_prints_every_direction_with_the_minimum_fields(example_log):
    pages = pages_text(render(example_log))
    total = len(pages)
    assert total >= 5
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {total}" in page
        assert "Directions log" in page and "As at 1 December 2026" in page
        assert "DRAFT" not in page
    text = " ".join(" ".join(pages).split())
    for item in example_log.items:
        data = item.record.data
        assert f"{item.reference} – {data.title}" in text
        for function in data.functions:
            assert function in text
        assert item.issued_to in text
        assert f"{data.issued_on.day} {data.issued_on:%B %Y}" in text
        assert pounds_shown(data.resource_pence) in text
        for issue in data.delivery_issues:
            assert " ".join(issue.text.split()) in text
        assert item.status.describe()[:60] in text
    assert "Resource committed by directions in force" in text
    assert "All delivery partners 7 £299,840,000.00 £31,250,000.00 £0.00 £331,090,000.00" in text
    assert "Overdue milestones (9)" in text


def _words(field: str, count: int) -> str:
    """``count`` words, the last one naming the field: what a sweep looks for."""
    body = " ".join(f"w{n % 97}" for n in range(max(0, count - 1)))
    return (body + " " if body else "") + f"END{field.upper()}"


def _long(field: str, count: int) -> DirectionRecord:
    text = {name: "short" for name in ("title", "function", "instruction", "outcomes", "milestone", "issue",
                                       "update", "reason", "report", "minute")}
    text[field] = _words(field, count)
    single = ("title", "function", "report", "minute")
    if field in single:  # one-line fields have their own limits
        text[field] = text[field][-300:] if field in ("title", "function") else text[field][-500:]
    data = Direction(
        "LONG-1", text["title"], ["Care at home services", text["function"]],
        (Partner.HEALTH_BOARD, Partner.LOCAL_AUTHORITY), text["instruction"], issued_on=date(2025, 4, 1),
        ijb_meeting=date(2025, 3, 20), ijb_report=text["report"], minute_reference=text["minute"][-200:],
        outcomes=text["outcomes"], resource_pence=12_345, resource_basis=ResourceBasis.SET_ASIDE,
        timescale="31 March 2026", milestones=[Milestone(text["milestone"], "30 June 2025")],
        revoked_on=date(2025, 9, 1), revoked_reason=text["reason"],
        delivery_issues=[Entry(date(2025, 5, 1), text["issue"])], updates=[Entry(date(2025, 6, 1), text["update"])])
    return DirectionRecord(1, P, data, 1, (1,))


def _printed(record: DirectionRecord, marker: str, as_at: date = date(2025, 8, 1)) -> tuple[int, bool]:
    pages = pages_text(render(build_log(P, [record], BODIES, as_at)))
    return len(pages), marker in "".join(pages)


@pytest.mark.parametrize("field, counts", [
    ("instruction", range(1, 2600, 61)),  # up to about four pages
    ("outcomes", range(1, 1900, 97)),
    ("milestone", range(1, 1500, 83)),
    ("issue", range(1, 1900, 89)),
    ("update", range(1, 1500, 101)),
])
def test_long_text_in_any_field_prints_to_its_last_word_whatever_its_length(field, counts):
    seen_pages = set()
    for count in counts:
        pages, found = _printed(_long(field, count), f"END{field.upper()}", as_at=date(2025, 7, 1))
        assert found, (field, count, pages)
        seen_pages.add(pages)
    assert max(seen_pages) >= 3, seen_pages  # the sweep ran over several pages


def test_the_revocation_reason_of_any_length_prints_to_its_last_word():
    for count in range(1, 1500, 97):
        assert _printed(_long("reason", count), "ENDREASON", as_at=DAY)[1], count


@pytest.mark.parametrize("field", ["title", "function", "report", "minute"])
def test_one_line_fields_at_their_limits_print_whole(field):
    for count in (1, 10, 30, 60, 90):
        assert _printed(_long(field, count), f"END{field.upper()}")[1], (field, count)


def test_many_directions_milestones_and_issues_lay_out(example_log):
    records = [item.record for item in example_log.items]
    many = []
    for n in range(8):
        for r in records:
            data = r.data
            copy = Direction(**{**data.__dict__, "reference": f"{data.reference}-{n}", "supersedes": None})
            many.append(DirectionRecord(r.id + 100 * n, P, copy, 1, r.milestone_ids))
    pages = pages_text(render(build_log(P, many, BODIES, DAY)))
    assert len(pages) > 40 and f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_user_text_prints_literally_never_as_markup():
    r = _long("instruction", 3)
    r.data.instruction = 'Fund <b>not bold</b> & <img src="/etc/hostname"/> ENDX'
    r.data.title = "Title with <font size=40>markup</font>"
    text = "".join(pages_text(render(build_log(P, [r], BODIES, DAY))))
    assert '<b>not bold</b> & <img src="/etc/hostname"/> ENDX' in text
    assert "<font size=40>markup</font>" in text


# --- the workbook -------------------------------------------------------------------------------


def _workbook(log) -> tuple:
    buffer = io.BytesIO()
    build_workbook(log).save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue())), buffer.getvalue()


def test_the_workbook_holds_every_direction_and_exact_amounts(example_log):
    wb, raw = _workbook(example_log)
    assert wb.sheetnames == ["Summary", "Directions", "Milestones", "Delivery issues", "Updates"]
    sheet = wb["Directions"]
    headers = [c.value for c in sheet[1]]
    for wanted in ("Reference", "Function(s) covered", "Issued to", "Date of issue", "Status in full",
                   "Resource committed", "Delivery issues"):
        assert wanted in headers
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [i.reference for i in example_log.items]
    resource = headers.index("Resource committed")
    assert sheet.cell(row=2, column=resource + 1).number_format == '"£"#,##0.00'
    xml = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet2.xml").decode()
    assert "<v>160412300</v>" in xml or "<v>160412300.00</v>" in xml  # written from pence, not a float
    assert "<v>158960300</v>" in xml or "<v>158960300.00</v>" in xml
    milestones = list(wb["Milestones"].iter_rows(min_row=2, values_only=True))
    assert milestones[0][0] == "NAIJB-2024-08" and milestones[0][8] == 647  # overdue first
    summary = [[c for c in row] for row in wb["Summary"].iter_rows(values_only=True)]
    assert any(row[0] == "All delivery partners" and row[1] == 7 for row in summary)


def test_amounts_of_pence_are_written_exactly_in_the_workbook():
    for pence in (1, 10, 99, 12_345_678_901, 99_999_999_999_999):
        r = _long("instruction", 1)
        r.data.resource_pence = pence
        r.data.revoked_on = None
        _wb, raw = _workbook(build_log(P, [r], BODIES, DAY))
        xml = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet2.xml").decode()
        pounds = f"{pence // 100}.{pence % 100:02d}".rstrip("0").rstrip(".")
        assert re.search(rf"<v>{re.escape(pounds)}</v>", xml), (pence, pounds)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\t"])
def test_user_text_in_the_workbook_is_never_a_formula(start):
    r = _long("instruction", 1)
    hostile = f'{start}HYPERLINK("http://example.org","x")'
    r.data.title = hostile.replace("\t", " ")[:300] if start == "\t" else hostile
    r.data.instruction = hostile
    r.data.functions = [hostile.replace("\t", "")]
    r.data.delivery_issues = [Entry(date(2025, 5, 1), hostile)]
    r.data.updates = [Entry(date(2025, 6, 1), hostile, author=f"{start}cmd")]
    wb, raw = _workbook(build_log(P, [r], BODIES, DAY))
    for name in ("Directions", "Delivery issues", "Updates"):
        for row in wb[name].iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(start):
                    assert cell.data_type == "s" and cell.quotePrefix, (name, cell.coordinate, cell.value)
    assert "<f>" not in "".join(zipfile.ZipFile(io.BytesIO(raw)).read(n).decode()
                                for n in zipfile.ZipFile(io.BytesIO(raw)).namelist() if n.endswith(".xml"))


def test_a_chain_of_supersession_shows_both_ways_in_both_outputs():
    old = DirectionRecord(1, P, Direction("OLD-1", "Old", ["F"], (Partner.HEALTH_BOARD,), "x",
                                          issued_on=date(2025, 1, 1)), 1,
                          superseded_by=Link(2, "NEW-1", date(2025, 6, 1)))
    new = DirectionRecord(2, P, Direction("NEW-1", "New", ["F"], (Partner.HEALTH_BOARD,), "x",
                                          issued_on=date(2025, 6, 1), supersedes="OLD-1"), 1,
                          supersedes=Link(1, "OLD-1", date(2025, 1, 1)))
    log = build_log(P, [old, new], BODIES, DAY)
    text = " ".join(" ".join(pages_text(render(log))).split())
    assert "Superseded by NEW-1 (issued 1 June 2025)" in text and "Supersedes OLD-1 (issued 1 January 2025)" in text
    wb, _raw = _workbook(log)
    rows = {r[0]: r for r in wb["Directions"].iter_rows(min_row=2, values_only=True)}
    headers = [c.value for c in wb["Directions"][1]]
    assert rows["OLD-1"][headers.index("Superseded by")] == "NEW-1"
    assert rows["NEW-1"][headers.index("Supersedes")] == "OLD-1"
