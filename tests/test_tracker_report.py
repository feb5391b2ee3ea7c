"""The committee progress report: ``msgdesk report``, parsed back with pdfplumber
and reopened with openpyxl."""

from __future__ import annotations

import re
from datetime import date

import pdfplumber
import pytest
from openpyxl import load_workbook

from msgdesk.cli.main import main
from msgdesk.tracker.report import build_report

PARTNERSHIP = "North Ayrshire Health and Social Care Partnership"
TODAY = date(2020, 1, 15)


@pytest.fixture
def tracked_round(workspace, example_round):
    """The example with a few actions followed up: one overdue, one due soon, one complete,
    one with user text that looks like markup or a formula."""
    rows = workspace.tracking.rows(example_round.id)
    overdue, soon, done, tricky = (r.action_id for r in rows[:4])
    workspace.tracking.set_due_date(overdue, date(2019, 12, 31), "Agreed at PAC", on_date=date(2019, 6, 1), today=TODAY)
    workspace.tracking.record_progress(overdue, "Audit started", status="on_track", author="Ms <b>Bold</b>",
                            on_date=date(2019, 7, 1), today=TODAY)
    workspace.tracking.set_due_date(soon, date(2020, 2, 1), "Plan due", on_date=date(2019, 6, 1), today=TODAY)
    workspace.tracking.record_progress(done, "Finished", status="complete", on_date=date(2019, 11, 1), today=TODAY)
    workspace.tracking.record_progress(tricky, '<img src="/etc/hostname"/> & =SUM(A1:A9)', author="",
                                       on_date=date(2019, 8, 1),
                            today=TODAY)
    workspace.tracking.set_lead(tricky, "=HYPERLINK(\"http://x\")")
    return example_round


def pdf_text(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_report_counts(workspace, tracked_round):
    report = build_report(workspace, tracked_round.id, TODAY)
    assert report.total.total == 52
    assert report.total.by_rag["red"] == 1
    assert report.total.by_rag["amber"] == 1
    assert report.total.by_rag["complete"] == 1
    assert report.total.by_rag["needs_date"] == 49
    assert sum(c.total for c in report.by_key_feature) == 52
    assert report.by_key_feature[0].by_rag["red"] == 1  # 1.1 is key feature 1
    assert [i.row.reference for i in report.overdue] == ["2019-1.1-1"]


def test_cli_writes_pdf_and_workbook(workspace, db_path, tracked_round, tmp_path, capsys):
    pdf, xlsx = tmp_path / "out" / "progress.pdf", tmp_path / "out" / "progress.xlsx"
    status = main(["report", "--partnership", PARTNERSHIP, "--round", "2019", "--as-at", "2020-01-15",
                   "--pdf", str(pdf), "--xlsx", str(xlsx), "--db", str(db_path)])
    assert status == 0
    assert "Wrote" in capsys.readouterr().out

    pages = pdf_text(pdf)
    whole = "\n".join(pages)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    assert "Improvement actions: progress report" in pages[0]
    assert "As at 15 January 2020" in pages[0]
    # the footer's DRAFT note is printed whole on every page, not cut short
    assert all("DRAFT – not yet approved by the Integration Joint Board" in page for page in pages)
    assert "All key features 52 1 1 49" in whole.replace("\n", " ")
    # the overdue list comes before the list of all actions
    assert whole.index("Overdue actions (1)") < whole.index("All actions (52)")
    overdue_part = whole[whole.index("Overdue actions (1)"):whole.index("All actions (52)")]
    assert "2019-1.1-1" in overdue_part and "15 days overdue" in overdue_part
    # user text prints literally
    assert "Ms <b>Bold</b>" in whole
    update = _cell_text(pdf, "2019-1.2-1", "Latest update")
    assert update == '1 Aug 2019: <img src="/etc/hostname"/> & =SUM(A1:A9)', update
    assert "DRAFT" in pages[0]  # the round is not approved yet

    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["Summary", "Overdue", "Actions", "History"]
    summary = wb["Summary"]
    assert summary["B2"].value == PARTNERSHIP
    assert len(summary._charts) == 1
    actions = wb["Actions"]
    header = [c.value for c in actions[1]]
    assert header[:5] == ["Reference", "Key feature", "Proposal", "Action", "How we will deliver"]
    assert actions.max_row == 53
    by_ref = {row[0].value: row for row in actions.iter_rows(min_row=2)}
    tricky = by_ref["2019-1.2-1"]
    lead = tricky[header.index("Lead")]
    assert lead.value == '=HYPERLINK("http://x")' and lead.data_type == "s"  # text, not a formula
    assert tricky[header.index("Latest update")].value == '<img src="/etc/hostname"/> & =SUM(A1:A9)'
    assert by_ref["2019-1.1-1"][header.index("RAG")].value == "Red"
    overdue = wb["Overdue"]
    assert [r[0].value for r in overdue.iter_rows(min_row=2)] == ["2019-1.1-1"]
    assert wb["History"].max_row == 1 + 5  # five entries; a lead change is not a history entry


def _cell_text(pdf, reference: str, column: str) -> str:
    """The text of ``column`` in the row of action ``reference`` of the PDF's tables
    (a row cut over a page break is put back together: on the next page its first
    cell is empty, or says "(continued)"; a line that ends after "/" or "-" is read
    back as one word with the next)."""
    with pdfplumber.open(pdf) as document:
        found, header, current = [], None, False
        for page in document.pages:
            for table in page.extract_tables():
                for row in table:
                    if row and row[0] == "Reference":
                        header = row
                    elif header and row and row[0] and row[0].split("\n")[0] in (reference, f"{reference} (continued)"):
                        found.append(row[header.index(column)] or "")
                        current = True
                    elif header and row and not row[0] and current:
                        found.append(row[header.index(column)] or "")
                    else:
                        current = False
    return " ".join(re.sub(r"(?<=[/-])\n", "", " ".join(found)).split())


@pytest.fixture
def delivered_round(workspace, tracked_round):
    """Two actions with "how we will deliver" text, one of them long enough to run over
    a page; one with fullwidth and ASCII formula prefixes in every cell."""
    rows = workspace.tracking.rows(tracked_round.id)
    update = workspace.rounds.update_action
    update(rows[4].action_id, delivery="Through the Strategic Planning Group, reported quarterly")
    update(rows[5].action_id, delivery=" ".join(f"step{i}" for i in range(1500)))
    update(rows[6].action_id, action="\uff1dSUM(A1)", delivery="+44 1851", timescale="@home")
    workspace.tracking.set_lead(rows[6].action_id, "\uff20lead")
    return tracked_round


def test_how_we_will_deliver_is_in_the_report_and_its_workbook(workspace, delivered_round, tmp_path):
    from msgdesk.reports.exporters import write_progress_report

    pdf, xlsx = tmp_path / "p.pdf", tmp_path / "p.xlsx"
    write_progress_report(workspace, PARTNERSHIP, "2019", TODAY, pdf=pdf, xlsx=xlsx)
    rows = workspace.tracking.rows(delivered_round.id)
    assert _cell_text(pdf, rows[4].reference, "How we will deliver") == \
        "Through the Strategic Planning Group, reported quarterly"
    long = _cell_text(pdf, rows[5].reference, "How we will deliver")
    assert long.split() == [f"step{i}" for i in range(1500)]  # over several pages, every word, in order
    wb = load_workbook(xlsx)
    for sheet in ("Actions", "Overdue"):
        assert "How we will deliver" in [c.value for c in wb[sheet][1]]
    actions = wb["Actions"]
    header = [c.value for c in actions[1]]
    by_ref = {row[0].value: row for row in actions.iter_rows(min_row=2)}
    assert by_ref[rows[4].reference][header.index("How we will deliver")].value == \
        "Through the Strategic Planning Group, reported quarterly"
    overdue = wb["Overdue"]
    overdue_header = [c.value for c in overdue[1]]
    assert overdue_header == header


def test_progress_workbook_cells_are_never_formulas_and_rag_is_coloured(workspace, delivered_round, tmp_path):
    from msgdesk.reports.exporters import write_progress_report
    from msgdesk.tracker.rag import RAG_COLOURS, RAG_LABELS

    xlsx = tmp_path / "p.xlsx"
    write_progress_report(workspace, PARTNERSHIP, "2019", TODAY, xlsx=xlsx)
    wb = load_workbook(xlsx)
    prefixes = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
    quoted = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    if cell.value.startswith(prefixes):
                        assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
                        quoted += 1
    assert quoted >= 4 + 1  # the tricky action's four cells, the lead set earlier
    actions = wb["Actions"]
    header = [c.value for c in actions[1]]
    column = header.index("RAG")
    colours = {label: RAG_COLOURS[rag].lstrip("#").upper() for rag, label in RAG_LABELS.items()}
    seen = set()
    for row in actions.iter_rows(min_row=2):
        cell = row[column]
        assert cell.fill.fgColor.rgb[-6:].upper() == colours[cell.value], cell.value
        seen.add(cell.value)
    assert {"Red", "Amber", "Complete", "Needs a date"} <= seen
    for ws in wb.worksheets:  # printable: landscape, one page wide, header repeated
        assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
        if ws.title != "Summary":
            assert ws.print_title_rows.replace("$", "") == "1:1"


def test_cli_refuses_bad_input(workspace, db_path, example_round, tmp_path, capsys):
    assert main(["report", "-p", PARTNERSHIP, "-r", "2019", "--db", str(db_path)]) == 2
    assert "--pdf" in capsys.readouterr().err
    assert main(["report", "-p", PARTNERSHIP, "-r", "2030", "--pdf", str(tmp_path / "x.pdf"),
                 "--db", str(db_path)]) == 2
    assert "no round" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
    with pytest.raises(SystemExit):
        main(["report", "-p", PARTNERSHIP, "-r", "2019", "--as-at", "15/13/2020", "--pdf", "x.pdf"])


def test_approved_round_report_has_no_draft_marking(workspace, db_path, tracked_round, tmp_path):
    workspace.rounds.approve(tracked_round.id, date(2019, 5, 16), "IJB item 7", check_confirmed=True)
    out = tmp_path / "approved.pdf"
    assert main(["report", "-p", PARTNERSHIP, "-r", "2019", "--as-at", "2020-01-15", "--pdf", str(out),
                 "--db", str(db_path)]) == 0
    first = pdf_text(out)[0]
    assert "DRAFT" not in first
    assert "Approved by IJB on 16 May 2019 (minute IJB item 7)" in first


@pytest.mark.parametrize("actions", range(1, 9))
def test_the_crown_copyright_sentence_is_never_split_over_pages(workspace, actions):
    """A clerk's finding (issue 18): Tracker → Report for a round with 4 actions put the tail
    of the attribution on a page of its own.  It is printed whole on one page."""
    import io

    from msgdesk.domain.return_values import ActionData, ResponseData, ReturnData
    from msgdesk.reports.progress_pdf import render

    data = ReturnData(f"Small {actions} HSCP", "2024", completed_on=date(2024, 5, 1), responses=[
        ResponseData("1.1", "established", actions=[ActionData(f"Action {n} " + "word " * 40, "Through the group",
                                                              "March 2025") for n in range(actions)])])
    info = workspace.rounds.import_return(data)
    report = build_report(workspace, info.id, date(2024, 6, 1))
    with pdfplumber.open(io.BytesIO(render(report))) as pdf:
        pages = [" ".join((page.extract_text() or "").split()) for page in pdf.pages]
    sentence = " ".join(report.attribution.split())
    assert sum(sentence in page for page in pages) == 1, pages[-1]
