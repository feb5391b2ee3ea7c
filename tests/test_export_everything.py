"""Every output, for the returns that break things (issue 10, "done when"):

* the hostile return (markup, formula prefixes, Gaelic, emoji, very long fields) and
* a return with 5,000-word evidence in every proposal and 10,000-character actions

export to PDF, Word and Excel through ``msgdesk export``, and their committee
progress report prints, nothing cut.  And when one output does fail, the message
names the proposal and field, no partial file is left, and every other requested
output is still written.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from msgdesk.cli.main import main
from tests.pdftext import pdf_text
from tests.returns import FORMULA_LIKE, GAELIC, MARKUP, hostile_return, long_return


def _export_all(db_path, data, out_dir, capsys) -> dict:
    paths = {kind: out_dir / f"appendix.{kind}" for kind in ("pdf", "docx", "xlsx", "json")}
    paths["report.pdf"], paths["report.xlsx"] = out_dir / "report.pdf", out_dir / "report.xlsx"
    status = main(["export", "--db", str(db_path), "-p", data.partnership, "-r", data.round,
                   "--pdf", str(paths["pdf"]), "--docx", str(paths["docx"]), "--xlsx", str(paths["xlsx"]),
                   "--json", str(paths["json"])])
    assert status == 0, capsys.readouterr().err
    status = main(["report", "--db", str(db_path), "-p", data.partnership, "-r", data.round,
                   "--as-at", "2022-06-30", "--pdf", str(paths["report.pdf"]), "--xlsx", str(paths["report.xlsx"])])
    assert status == 0, capsys.readouterr().err
    return paths


def _docx_text(path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def _xlsx_values(path) -> list[str]:
    workbook = openpyxl.load_workbook(path)
    return [str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def test_the_hostile_return_exports_to_every_format_and_its_report_prints(workspace, db_path, tmp_path, capsys):
    data = hostile_return()
    workspace.rounds.import_return(data)
    paths = _export_all(db_path, data, tmp_path, capsys)

    # in the order the content is written (poppler's layout mode reads "a < b" as "a<b")
    appendix = pdf_text(paths["pdf"].read_bytes(), raw=True)
    word = _docx_text(paths["docx"])
    cells = _xlsx_values(paths["xlsx"])
    report = pdf_text(paths["report.pdf"].read_bytes(), raw=True)
    flat = {name: " ".join(text.split()) for name, text in (("pdf", appendix), ("docx", word), ("report", report))}
    for fragment in MARKUP + ["<b>Lead</b> & co", "=cmd|' /C calc'!A0"]:
        assert fragment in flat["pdf"] and fragment in flat["docx"], fragment
    assert any(fragment in value for value in cells for fragment in MARKUP)
    for fragment in FORMULA_LIKE:  # fullwidth forms print as their ASCII equivalents in the PDF
        assert fragment in flat["docx"], fragment
        assert any(value.startswith(fragment) for value in cells), fragment
    assert GAELIC.split(" ✓")[0] in flat["pdf"] and GAELIC in flat["docx"] and GAELIC in flat["report"]
    assert "😀" in flat["pdf"] and "😀" in flat["docx"] and "😀" in flat["report"]
    for name, text in flat.items():
        tokens = set(text.split())
        assert all(f"a{i:04d}" in tokens and f"d{i:04d}" in tokens for i in range(1000)), name
        assert text.count("x") >= 20000, name
    assert all(f"w{i:04d}" in set(flat["pdf"].split()) and f"w{i:04d}" in set(flat["docx"].split())
               for i in range(5000))
    workbook = openpyxl.load_workbook(paths["report.xlsx"])
    actions = workbook["Actions"]
    header = [c.value for c in actions[1]]
    lead = [r[header.index("Lead")] for r in actions.iter_rows(min_row=2) if r[header.index("Lead")].value]
    assert any(c.value == "\uff1dHYPERLINK(\"http://x\")" and c.quotePrefix and c.data_type == "s" for c in lead)


def test_a_long_return_exports_whole_and_its_report_prints_whole(workspace, db_path, tmp_path, capsys):
    data = long_return(evidence_words=5000, action_chars=10_000, actions_per_proposal=2)
    workspace.rounds.import_return(data)
    paths = _export_all(db_path, data, tmp_path, capsys)

    expected_evidence = [w for r in data.responses for w in r.evidence.split()]
    expected_actions = [w for r in data.responses for a in r.actions
                        for w in (a.action + " " + a.delivery + " " + a.timescale).split()]
    assert len(expected_evidence) == 22 * 5000 and all(len(a.action) > 9_900 for r in data.responses for a in r.actions)
    appendix = pdf_text(paths["pdf"].read_bytes()).split()
    assert [w for w in appendix if re.fullmatch(r"e\d\.\dn\d{4}", w)] == expected_evidence  # in order, whole
    assert set(expected_actions) <= set(appendix)
    word = _docx_text(paths["docx"]).split()
    assert set(expected_evidence + expected_actions) <= set(word)
    cells = _xlsx_values(paths["xlsx"])
    for response in data.responses:  # 50,000 characters: over two cells, split between words, said so
        assert set(response.evidence.split()) <= set(" ".join(cells).split())
        for action in response.actions:
            assert action.action in cells and action.delivery in cells and action.timescale in cells
    assert sum("[Part 2 of 2, continued from the row above]" in value for value in cells) == 22
    report = pdf_text(paths["report.pdf"].read_bytes()).split()
    actions_only = [w for r in data.responses for a in r.actions for w in (a.action + " " + a.delivery).split()]
    assert set(actions_only) <= set(report)


# --- when an output fails ------------------------------------------------------------------------


@pytest.fixture
def long_evidence_round(workspace, db_path):
    from msgdesk.domain.return_values import ResponseData, ReturnData

    data = ReturnData("Failing HSCP", "2021", completed_on=date(2021, 5, 3), responses=[
        ResponseData("2.3", "established", evidence=" ".join(f"word{i}" for i in range(4000)))])
    workspace.rounds.import_return(data)
    return data


def test_a_layout_failure_names_the_proposal_and_field_leaves_no_file_and_the_rest_is_written(
        long_evidence_round, db_path, tmp_path, capsys, monkeypatch):
    """A defect in the layout (here: typst finds no template) must not cost the clerk the
    Word and Excel files, nor leave a half-written PDF.  (User text cannot cause one: it is
    data to typst, and rows break across pages at any length.)"""
    _break_typst(monkeypatch, tmp_path)
    out = {kind: tmp_path / "out" / f"appendix.{kind}" for kind in ("pdf", "docx", "xlsx", "json")}
    out["pdf"].parent.mkdir()
    out["pdf"].write_bytes(b"yesterday's appendix")
    status = main(["export", "--db", str(db_path), "-p", "Failing HSCP", "-r", "2021", "--pdf", str(out["pdf"]),
                   "--docx", str(out["docx"]), "--xlsx", str(out["xlsx"]), "--json", str(out["json"])])
    captured = capsys.readouterr()
    assert status == 1
    assert f"{out['pdf']} not written" in captured.err and "committee appendix (PDF)" in captured.err
    assert out["pdf"].read_bytes() == b"yesterday's appendix"  # the old file, not half a new one
    assert sorted(p.name for p in out["pdf"].parent.iterdir()) == sorted(p.name for p in out.values())  # no temp file
    for kind in ("docx", "xlsx", "json"):
        assert f"Wrote {out[kind]}" in captured.out
    assert "word3999" in _docx_text(out["docx"])
    assert any("word3999" in v for v in _xlsx_values(out["xlsx"]))


def test_an_output_that_cannot_be_written_does_not_stop_the_others(long_evidence_round, db_path, tmp_path, capsys):
    folder = tmp_path / "not-a-folder"
    folder.write_text("a file where a folder should be")
    good = tmp_path / "appendix.docx"
    status = main(["export", "--db", str(db_path), "-p", "Failing HSCP", "-r", "2021",
                   "--pdf", str(folder / "appendix.pdf"), "--docx", str(good)])
    captured = capsys.readouterr()
    assert status == 1
    assert "appendix.pdf not written" in captured.err
    assert good.exists() and f"Wrote {good}" in captured.out


def _break_typst(monkeypatch, tmp_path) -> None:
    """Make every typst layout fail: the templates' folder is empty."""
    from msgdesk.reports import typeset

    empty = tmp_path / "no-templates"
    empty.mkdir()
    monkeypatch.setattr(typeset, "templates_folder", lambda: empty)


def test_the_progress_report_says_what_failed_when_layout_fails(workspace, db_path, tmp_path, capsys, monkeypatch):
    from msgdesk.domain.return_values import ActionData, ResponseData, ReturnData

    data = ReturnData("Failing HSCP", "2021", completed_on=date(2021, 5, 3), responses=[
        ResponseData("4.1", "established", actions=[ActionData("word " * 5000, timescale="December 2022")])])
    workspace.rounds.import_return(data)
    _break_typst(monkeypatch, tmp_path)
    out = tmp_path / "out" / "report.pdf"
    out.parent.mkdir()
    status = main(["report", "--db", str(db_path), "-p", "Failing HSCP", "-r", "2021", "--as-at", "2021-06-01",
                   "--pdf", str(out)])
    assert status == 1
    assert "progress report (PDF) could not be laid out" in capsys.readouterr().err
    assert not out.exists() and list(out.parent.iterdir()) == []


# --- File → Export Word… ----------------------------------------------------------------------------


def test_file_export_word_writes_the_appendix(window, qtbot, example_round, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from msgdesk.ui import file_menu

    window.open_round(example_round.id)
    target = tmp_path / "appendix.docx"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, title, name, pattern: asked.append((title, name, pattern))
                                     or (str(target), pattern)))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Close))
    assert file_menu.export_docx(window, window.session) == target
    assert [(title, Path(name).name, kinds) for title, name, kinds in asked] == [
        ("Export Word", "north-ayrshire-2019.docx", "Word documents (*.docx)")]
    document = docx.Document(io.BytesIO(target.read_bytes()))
    assert document.core_properties.title.startswith("Appendix 1: MSG self-evaluation")
    assert any(p.text.startswith("Proposal 6.3:") for p in document.paragraphs)


def test_file_export_explains_a_layout_failure(window, qtbot, workspace, long_evidence_round, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from msgdesk.ui import file_menu

    window.open_round(workspace.rounds.find_round("Failing HSCP", "2021").id)
    target = tmp_path / "appendix.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Close))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text)))
    _break_typst(monkeypatch, tmp_path)
    assert file_menu.export_report(window, window.session, "pdf") is None
    assert len(warnings) == 1 and "The PDF file was not written" in warnings[0]
    assert "committee appendix (PDF) could not be laid out" in warnings[0]
    assert not target.exists()
