"""The collation workbook (Excel), reopened with openpyxl; and ``msgdesk export`` end to end."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from msgdesk.domain.return_values import RATING_LABELS, RATINGS, ActionData, ResponseData, ReturnData
from msgdesk.reports import return_xlsx

EXAMPLE = Path(__file__).resolve().parents[1] / "resources" / "examples" / "north-ayrshire-2019.json"
HEADERS = {
    "Summary": ["Partnership", "Round", "Key feature", "Proposal", "Proposal text", "Rating", "Rating number",
                "Previous rating", "Previous rating number"],
    "Responses": ["Partnership", "Round", "Proposal", "Rating", "Rating number", "Evidence"],
    "Actions": ["Partnership", "Round", "Reference", "Proposal", "Action", "How we will deliver", "Timescale",
                "Due date", "Due date set by hand", "Status", "Lead"],
}
ABOUT_KEYS = ["Partnership", "Round", "Status", "IJB meeting date", "Minute reference", "Date of completion",
              "Contact", "Exported at", "msgdesk version", "Rating numbers", "Template attribution"]
FORMULAS = ["=SUM(A1:A9)", "+44 1851 703773", "-1", "@INDIRECT(\"A1\")", "\tTabbed", "\rReturn",
            "=cmd|' /C calc'!A0", "#N/A", "=HYPERLINK(\"http://example.org\",\"x\")",
            "\uff1d1+1", "\uff0bcmd", "\uff0d2", "\uff20SUM(A1)", "\ufe661+1"]
PREFIXES = ("=", "+", "-", "@", "\t", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66", "\ufe62", "\ufe63")


def col(ws, name: str) -> int:
    """0-based index of the column headed ``name``."""
    return [c.value for c in ws[1]].index(name)


def reopen(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def rows(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]


def _text_cells(wb):
    """Every non-empty cell that is not a date or a number."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None and not isinstance(cell.value, (datetime, date, int, float)):
                    yield cell


def test_sheets_headers_and_layout(example_data, template):
    wb = reopen(return_xlsx.render(example_data, template))
    assert wb.sheetnames == ["Summary", "Responses", "Actions", "About"]
    for name, headers in HEADERS.items():
        ws = wb[name]
        assert [c.value for c in ws[1]] == headers
        assert all(c.font.bold for c in ws[1])
        assert ws.freeze_panes == ("D2" if name == "Actions" else "A2")  # the reference stays in view
        assert ws.auto_filter.ref == f"A1:{chr(ord('A') + len(headers) - 1)}{ws.max_row}"
        for letter in "ABCDE":
            assert ws.column_dimensions[letter].width >= 9
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if cell.value is not None:
                    assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
    assert [ws.cell(row=r, column=1).value for r, ws in ((r, wb["About"]) for r in range(1, 12))] == ABOUT_KEYS


def test_every_sheet_prints_landscape_one_page_wide_with_its_header_repeated(example_data, template, tmp_path):
    path = tmp_path / "c.xlsx"
    return_xlsx.export(example_data, path, template)
    wb = openpyxl.load_workbook(path)  # read back from the file: the print settings were saved
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 0)
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        if ws.title != "About":
            assert ws.print_title_rows.replace("$", "") == "1:1", ws.title


def test_returns_stack_partnership_round_and_reference_lead_every_data_row(example_data, template):
    """An analyst pastes 31 partnerships' sheets under each other: every row still says
    whose it is, and each action keeps its stable reference."""
    other = example_data.replace(partnership="Orkney Health and Care", round="2020",
                                responses=[r.replace(actions=[a.replace(reference="")
                                                                           for a in r.actions])
                                           for r in example_data.responses])
    stacked: dict[str, list] = {}
    for data in (example_data, other):
        wb = reopen(return_xlsx.render(data, template))
        for name, headers in HEADERS.items():
            assert [c.value for c in wb[name][1]] == headers
            stacked.setdefault(name, []).extend(rows(wb[name]))
    for got in stacked.values():
        owners = [(r[0], r[1]) for r in got]
        half = len(got) // 2
        assert owners == [(example_data.partnership, "2019")] * half + [("Orkney Health and Care", "2020")] * half
    references = [r[2] for r in stacked["Actions"]]
    assert len(set(references)) == len(references) == 104  # unique across the stack
    assert references[0] == "2019-1.1-1"  # stored references are kept
    assert references[52] == "2020-1.1-1"  # one not yet stored: round-proposal-position
    assert references[53] == "2020-1.1-2"


def test_ratings_as_words_and_numbers(template):
    data = ReturnData("N HSCP", "2021", responses=[
        ResponseData(p.id, rating, previous_rating=RATINGS[(i + 1) % 4] if i % 2 else None)
        for i, (p, rating) in enumerate(zip(template.local_proposals, RATINGS * 6, strict=False))])
    wb = reopen(return_xlsx.render(data, template))
    summary = wb["Summary"]
    for row in rows(summary):
        proposal = template.proposal(row[3])
        if not proposal.local:
            assert row[5:] == ["Not for local completion", None, None, None]
            continue
        response = data.response(proposal.id)
        assert row[5] == RATING_LABELS[response.rating]
        assert row[6] == RATINGS.index(response.rating) + 1 and isinstance(row[6], int)
        if response.previous_rating:
            assert row[7:] == [RATING_LABELS[response.previous_rating], RATINGS.index(response.previous_rating) + 1]
        else:
            assert row[7:] == [None, None]
    numbers = {r[2]: r[4] for r in rows(wb["Responses"])}
    assert numbers == {r.proposal: RATINGS.index(r.rating) + 1 for r in data.responses}
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True)}
    assert about["Rating numbers"] == ("Rating number: 1 Not yet established, 2 Partly established, "
                                       "3 Established, 4 Exemplary")


def test_example_contents(example_data, template):
    wb = reopen(return_xlsx.render(example_data, template))
    responses = {r.proposal: r for r in example_data.responses}

    summary = [r[2:] for r in rows(wb["Summary"])]
    assert [r[1] for r in summary] == [p.id for p in template.proposals]
    for row, proposal in zip(summary, template.proposals, strict=False):
        kf = template.key_feature(proposal.key_feature)
        assert row[0] == f"{kf.number}. {kf.title}"
        assert row[2] == proposal.text
        if proposal.local:
            assert row[3] == RATING_LABELS[responses[proposal.id].rating]  # in words
        else:
            assert row[3] == "Not for local completion"
        assert row[5] is None  # no previous round

    got = [r[2:] for r in rows(wb["Responses"])]
    assert [r[0] for r in got] == [p.id for p in template.local_proposals]
    for row in got:
        assert row[1] == RATING_LABELS[responses[row[0]].rating]
        assert row[3] == responses[row[0]].evidence

    actions = [r[2:] for r in rows(wb["Actions"])]
    expected = [(f"2019-{r.proposal}-{n}", r.proposal, a.action)
                for r in example_data.responses for n, a in enumerate(r.actions, 1)]
    assert [(r[0], r[1], r[2]) for r in actions] == expected
    assert len(actions) == 52
    assert all(r[7] == "Not started" and r[5] is None for r in actions)  # no timescales in the example

    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True)}
    assert about["Partnership"] == "North Ayrshire Health and Social Care Partnership"
    assert about["Round"] == "2019"
    assert about["Status"] == "Draft"
    assert about["Date of completion"] == datetime(2019, 4, 18)
    assert wb["About"]["B6"].number_format == "dd/mm/yyyy"
    assert about["Contact"] == example_data.contact
    assert isinstance(about["Exported at"], datetime)
    assert about["msgdesk version"]
    assert "Crown copyright" in about["Template attribution"]
    assert "Open Government Licence v3.0" in about["Template attribution"]


def test_due_dates_are_real_dates(example_data, template):
    data = example_data.replace(status="approved", ijb_meeting_date=date(2019, 5, 16),
                               minute_reference="Min 9")
    response = data.responses[0].replace(previous_rating="partly_established", actions=[
        ActionData("a", timescale="December 2021"),
        ActionData("b", timescale="6 months"),
        ActionData("c", timescale="Ongoing"),
        ActionData("d", timescale="whenever", due_date=date(2022, 1, 5)),
        ActionData("e", status="complete", lead="Jo"),
    ])
    data.responses = [response] + data.responses[1:]
    wb = reopen(return_xlsx.render(data, template))
    ws = wb["Actions"]
    due = [ws.cell(row=r, column=col(ws, "Due date") + 1) for r in range(2, 7)]
    assert [c.value for c in due] == [datetime(2021, 12, 31), datetime(2019, 10, 18), None, datetime(2022, 1, 5), None]
    assert all(c.number_format == "dd/mm/yyyy" for c in due if c.value)
    assert all(c.data_type == "d" for c in due if c.value)
    # which due date an officer set, and which msgdesk read from the timescale
    assert [ws.cell(row=r, column=col(ws, "Due date set by hand") + 1).value for r in range(2, 7)] == \
        [None, None, None, "yes", None]
    assert [ws.cell(row=r, column=col(ws, "Status") + 1).value for r in range(2,
                                                                              7)] == ["Not started"] * 4 + ["Complete"]
    assert ws.cell(row=6, column=col(ws, "Lead") + 1).value == "Jo"
    assert wb["Summary"]["H2"].value == "Partly established" and wb["Summary"]["I2"].value == 2
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True)}
    assert about["Status"] == "Approved by IJB"
    assert about["IJB meeting date"] == datetime(2019, 5, 16)
    assert about["Minute reference"] == "Min 9"


def test_user_text_is_always_text_never_a_formula(template):
    data = ReturnData(partnership=FORMULAS[0], round=FORMULAS[1], contact=FORMULAS[2])
    data.responses.append(ResponseData("1.1", "established", evidence=FORMULAS[6]))
    data.responses.append(ResponseData("1.2", None, evidence=FORMULAS[3], actions=[
        ActionData(f, f, f, lead=f.replace("\t", " ").replace("\r", " ")) for f in FORMULAS]))
    wb = reopen(return_xlsx.render(data, template))
    cells = list(_text_cells(wb))
    assert all(c.data_type == "s" for c in cells)
    values = [c.value for c in cells]
    for text in FORMULAS:
        expected = text.replace("\r", "\n")  # a lone carriage return is a line break in a workbook
        assert expected in values, text
    prefixed = 0
    for cell in cells:
        if cell.value.startswith(PREFIXES):
            assert cell.quotePrefix, cell.value
            prefixed += 1
    assert prefixed >= 3 * len(FORMULAS)
    ws = wb["Actions"]
    assert ws["E2"].value == "=SUM(A1:A9)" and ws["E2"].data_type == "s"
    assert ws["E9"].value == "#N/A" and ws["E9"].data_type == "s"
    assert ws["E11"].value == "\uff1d1+1" and ws["E11"].quotePrefix
    # and in the file itself: inline strings, no <f> formula element anywhere
    import zipfile

    with zipfile.ZipFile(io.BytesIO(return_xlsx.render(data, template))) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)


def test_long_text_is_split_or_truncated_visibly(template):
    long_evidence = "".join(f"word{i:06d} " for i in range(7000))  # 77,000 characters
    data = ReturnData("Long HSCP", "2020")
    data.responses.append(ResponseData("2.3", "established", evidence=long_evidence,
                                       actions=[ActionData("y" * 40000, "z" * 33000, "6 months")]))
    wb = reopen(return_xlsx.render(data, template))
    got = [r[2:] for r in rows(wb["Responses"]) if r[2] == "2.3"]
    assert len(got) == 3
    assert got[0][1] == "Established" and got[1][1] is None and got[2][1] is None
    assert got[0][2] == 3 and got[1][2] is None
    got = [(r[0], r[1], r[3]) for r in got]
    assert all(len(r[2]) <= 32767 for r in got)
    assert got[0][2].endswith("[Part 1 of 3: continued in the next row]")
    assert got[1][2].startswith("[Part 2 of 3, continued from the row above]\n")
    # nothing lost: the parts put together give the whole text
    joined = "".join(r[2].split("]\n", 1)[1] if r[2].startswith("[Part") else r[2] for r in got)
    joined = joined.replace("\n[Part 1 of 3: continued in the next row]", "").replace(
        "\n[Part 2 of 3: continued in the next row]", "")
    assert joined == long_evidence
    action = rows(wb["Actions"])[0][3:]
    assert len(action[1]) <= 32767 and len(action[2]) <= 32767
    assert "[TRUNCATED: this text has 40,000 characters" in action[1]
    assert "[TRUNCATED: this text has 33,000 characters" in action[2]
    assert action[1].startswith("y" * 30000)


def test_gaelic_emoji_and_control_characters(template):
    data = ReturnData("Comhairle nan Eilean Siar – “Slàinte”", "2021/22", contact="Màiri 😀")
    data.responses.append(ResponseData("6.1", "exemplary", evidence="Slàinte\x00 mhath\x0b ✓ 🏴󠁧󠁢󠁳󠁣󠁴󠁿",
                                       actions=[ActionData("Gàidhlig <b>&amp;</b>", lead="Ò")]))
    wb = reopen(return_xlsx.render(data, template))
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True)}
    assert about["Partnership"] == "Comhairle nan Eilean Siar – “Slàinte”"
    assert about["Contact"] == "Màiri 😀"
    evidence = next(r[5] for r in rows(wb["Responses"]) if r[2] == "6.1")
    assert evidence == "Slàinte\ufffd mhath\ufffd ✓ 🏴󠁧󠁢󠁳󠁣󠁴󠁿"  # unstorable characters shown, not dropped silently
    assert rows(wb["Actions"])[0][4] == "Gàidhlig <b>&amp;</b>"


def test_export_writes_the_file(example_data, tmp_path):
    out = tmp_path / "collation.xlsx"
    out.write_bytes(b"old")
    assert return_xlsx.export(example_data, out) == out
    assert reopen(out.read_bytes()).sheetnames == ["Summary", "Responses", "Actions", "About"]
    assert [p.name for p in tmp_path.iterdir()] == ["collation.xlsx"]


# --- msgdesk export, end to end ------------------------------------------------------------


def test_cli_export_pdf_and_xlsx(tmp_path, capsys):
    from msgdesk.cli.main import main

    db = tmp_path / "cli.db"
    assert main(["import", str(EXAMPLE), "--db", str(db)]) == 0
    pdf, xlsx = tmp_path / "out" / "appendix.pdf", tmp_path / "out" / "collation.xlsx"
    status = main(["export", "--db", str(db), "-p", "North Ayrshire Health and Social Care Partnership",
                   "-r", "2019", "--pdf", str(pdf), "--xlsx", str(xlsx), "--label", "Appendix 3"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert f"Wrote {pdf}" in out and f"Wrote {xlsx}" in out
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(pdf) as document:
        first = document.pages[0].extract_text()
        assert "Appendix 3" in first and f"Page 1 of {len(document.pages)}" in first
    wb = openpyxl.load_workbook(xlsx)
    assert len(rows(wb["Actions"])) == 52


def test_cli_export_of_an_unknown_round_fails_cleanly(tmp_path, capsys):
    from msgdesk.cli.main import main

    status = main(["export", "--db", str(tmp_path / "empty.db"), "-p", "Nobody", "-r", "2019",
                   "--pdf", str(tmp_path / "x.pdf")])
    assert status in (1, 2)
    assert not (tmp_path / "x.pdf").exists()
    assert "msgdesk export:" in capsys.readouterr().err
