"""``msgdesk collate`` and ``msgdesk export --benchmark GROUP`` on the command line: the
files written, the words printed, and refusals (exit 2, nothing written)."""

from __future__ import annotations

import statistics

import pytest

from msgdesk.cli.main import main
from msgdesk.collation.collate import SCORES, median_text, rating_text
from msgdesk.domain.return_values import RATINGS
from msgdesk.store.workspace import Workspace
from tests.collation_data import ISLANDS, PREVIOUS, ROUND, add_returns, expected_ratings

pdfplumber = pytest.importorskip("pdfplumber")
openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture
def db(tmp_path, template):
    path = tmp_path / "national.db"
    with Workspace.open(path) as ws:
        add_returns(ws, template)
        ws.groups.set_group("Island authorities", list(ISLANDS))
    return path


def test_collate_writes_the_workbook_and_the_pdf_and_says_who_has_no_return(db, tmp_path, capsys):
    xlsx, pdf = tmp_path / "national.xlsx", tmp_path / "national.pdf"
    assert main(["collate", "--round", ROUND, "--previous", PREVIOUS, "--as-at", "2021-12-01", "--xlsx", str(xlsx),
                 "--pdf", str(pdf), "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"Round {ROUND}, All 6 partnerships: 5 of 6 have a return.", "No return: Shetland.",
                   f"Wrote {xlsx}", f"Wrote {pdf}"]
    book = openpyxl.load_workbook(xlsx)
    assert book["No return"]["A2"].value == "Shetland"
    with pdfplumber.open(pdf) as document:
        assert "Page 1 of" in document.pages[0].extract_text()


def test_collate_a_group_or_named_partnerships(db, tmp_path, capsys):
    assert main(["collate", "-r", ROUND, "--group", "island authorities", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith(f"Round {ROUND}, Island authorities (3 partnerships): 2 of 3")
    assert main(["collate", "-r", ROUND, "--partnerships", "Angus", "Orkney Health", "--db", str(db)]) == 0
    assert capsys.readouterr().out == f"Round {ROUND}, All 2 partnerships: 2 of 2 have a return.\n"


@pytest.mark.parametrize("args, message", [
    (["--round", "2031"], "no partnership has a round '2031'; the rounds are: 2021, 2019"),
    (["--round", ROUND, "--previous", ROUND], "not with itself"),
    (["--round", ROUND, "--group", "Nowhere"], "there is no comparator group 'Nowhere'"),
    (["--round", ROUND, "--partnerships", "Orkney"], "'Orkney' could be any of"),
])
def test_collate_refuses_what_it_cannot_do_and_writes_nothing(db, tmp_path, capsys, args, message):
    out = tmp_path / "never.xlsx"
    assert main(["collate", *args, "--xlsx", str(out), "--db", str(db)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_partnerships_and_group_together_are_a_usage_error(db, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["collate", "--round", ROUND, "--group", "Island authorities", "--partnerships", "Angus", "--db", str(db)])
    assert caught.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_export_benchmark_adds_where_we_stand_to_the_appendix(db, tmp_path, template, capsys):
    pdf = tmp_path / "appendix.pdf"
    name = "Orkney Health and Care"
    assert main(["export", "-p", name, "-r", ROUND, "--pdf", str(pdf), "--benchmark", "Island authorities",
                 "--db", str(db)]) == 0
    now = expected_ratings(template, ROUND)
    others = [m for m in ISLANDS if m != name and (m, ROUND) in {(n, ROUND) for n, _p in now}]
    with pdfplumber.open(pdf) as document:
        pages = [p for p in document.pages if "Where we stand" in (p.extract_text() or "").splitlines()[1]]
        assert pages and pages[0].extract_text().splitlines()[2].startswith(
            f"Where we stand: {name} beside Island authorities, round {ROUND}")
        rows = [row for page in pages for row in max(page.extract_tables(), key=len)[1:] if row[1] is not None]
    flat = [[" ".join((v or "").split()) for v in row] for row in rows]
    assert len(flat) == 22
    for row, proposal in zip(flat, template.local_proposals, strict=True):
        assert row[0].startswith(f"{proposal.id}:")
        ours = now[(name, proposal.id)]
        assert row[1] == (rating_text(ours) or "Not rated")
        theirs = [now[(m, proposal.id)] for m in others]
        counts = [str(theirs.count(r)) + (" ●" if r == ours else "") for r in RATINGS]
        assert row[2:6] == counts
        scores = [SCORES[r] for r in theirs if r]
        assert row[7] == (median_text(statistics.median(scores)) if scores else "–")


def test_export_benchmark_needs_a_pdf_and_a_known_group(db, tmp_path, capsys):
    name = "Orkney Health and Care"
    assert main(["export", "-p", name, "-r", ROUND, "--json", str(tmp_path / "r.json"), "--benchmark",
                 "Island authorities", "--db", str(db)]) == 2
    assert "give --pdf OUT too" in capsys.readouterr().err
    pdf = tmp_path / "appendix.pdf"
    assert main(["export", "-p", name, "-r", ROUND, "--pdf", str(pdf), "--benchmark", "Nowhere", "--db", str(db)]) == 2
    assert "no comparator group 'Nowhere'" in capsys.readouterr().err
    assert not pdf.exists() and not (tmp_path / "r.json").exists()


def test_where_we_stand_names_a_partnership_without_a_return(db, tmp_path, capsys):
    pdf = tmp_path / "appendix.pdf"
    assert main(["export", "-p", "Shetland", "-r", PREVIOUS, "--pdf", str(pdf), "--benchmark", "Island authorities",
                 "--db", str(db)]) == 0
    with pdfplumber.open(pdf) as document:
        text = " ".join(" ".join((page.extract_text() or "") for page in document.pages[-3:]).split())
    assert "Where we stand: Shetland beside Island authorities, round 2019" in text
    assert "the 2 other members of Island authorities with a return for 2019" in text


@pytest.mark.parametrize("length", [1, 60, 140, 200])
def test_where_we_stand_prints_for_names_of_any_length(tmp_path, template, length):
    from msgdesk.domain.return_values import ResponseData, ReturnData

    db = tmp_path / "names.db"
    ours = ("Ours " + "Gàidhealtachd partnership " * 10)[:length].strip() or "O"
    others = [f"{n}" + ("W" * 200)[:length - 1] for n in range(3)]  # the widest letters
    with Workspace.open(db) as ws:
        for name in [ours, *others]:
            ws.rounds.import_return(ReturnData(name, ROUND, responses=[
                ResponseData(p.id, RATINGS[i % 4]) for i, p in enumerate(template.local_proposals)]))
        group = ("Comparator group " * 20)[:max(1, length)].strip()
        ws.groups.set_group(group, others)
    pdf = tmp_path / "appendix.pdf"
    assert main(["export", "-p", ours, "-r", ROUND, "--pdf", str(pdf), "--benchmark", group, "--db", str(db)]) == 0
    with pdfplumber.open(pdf) as document:
        pages = [p for p in document.pages if "Where we stand" in (p.extract_text() or "").splitlines()[1]]
        rows = [row for page in pages for row in max(page.extract_tables(), key=len)[1:] if row[1] is not None]
    assert len(rows) == 22
