"""The committee progress report: ``msgdesk report``, parsed back with pdfplumber
and reopened with openpyxl."""

from __future__ import annotations

from datetime import date

import pdfplumber
import pytest
from openpyxl import load_workbook

from msgdesk.cli import main
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
    workspace.tracking.record_progress(tricky, '<img src="/etc/hostname"/> & =SUM(A1:A9)', on_date=date(2019, 8, 1),
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
    flat = " ".join(whole.split())
    assert "<img" in flat and "src=\"/etc/hostname\"/> & =SUM(A1:A9)" in flat, flat[flat.find("<img") - 80:][:300]
    assert "DRAFT" in pages[0]  # the round is not approved yet

    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["Summary", "Overdue", "Actions", "History"]
    summary = wb["Summary"]
    assert summary["B2"].value == PARTNERSHIP
    assert len(summary._charts) == 1
    actions = wb["Actions"]
    header = [c.value for c in actions[1]]
    assert header[:4] == ["Reference", "Key feature", "Proposal", "Action"]
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


def test_cli_refuses_bad_input(workspace, db_path, example_round, tmp_path, capsys):
    assert main(["report", "-p", PARTNERSHIP, "-r", "2019", "--db", str(db_path)]) == 2
    assert "--pdf" in capsys.readouterr().err
    assert main(["report", "-p", PARTNERSHIP, "-r", "2030", "--pdf", str(tmp_path / "x.pdf"),
                 "--db", str(db_path)]) == 2
    assert "no round" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
    with pytest.raises(SystemExit):
        main(["report", "-p", PARTNERSHIP, "-r", "2019", "--as-at", "15/01/2020", "--pdf", "x.pdf"])


def test_approved_round_report_has_no_draft_marking(workspace, db_path, tracked_round, tmp_path):
    workspace.rounds.approve(tracked_round.id, date(2019, 5, 16), "IJB item 7", check_confirmed=True)
    out = tmp_path / "approved.pdf"
    assert main(["report", "-p", PARTNERSHIP, "-r", "2019", "--as-at", "2020-01-15", "--pdf", str(out),
                 "--db", str(db_path)]) == 0
    first = pdf_text(out)[0]
    assert "DRAFT" not in first
    assert "Approved by IJB on 16 May 2019 (minute IJB item 7)" in first
