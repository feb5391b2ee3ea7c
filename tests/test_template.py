"""Checks on the bundled MSG self-evaluation template (resources/template/msg-self-evaluation.json).

Structure checks run against the loaded template; transcription checks compare
the JSON with the plain-text extractions of the source documents kept in the
sibling folder ``shared/seeds`` (next to the repository clone; without it
those checks skip, saying why):

* ``001_*.txt`` - North Ayrshire IJB, 16 May 2019, reproducing the completed
  Scottish Government self-evaluation template (guidance + rating descriptors);
* ``002_*.txt`` - Orkney IJB, 27 March 2019, reproducing the MSG report
  "Review of Progress with Integration of Health and Social Care" (Feb 2019)
  (key features, proposal wording, timescales).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("msgdesk") is None:  # source checkout without an installed package
    sys.path.insert(0, str(ROOT))

from msgdesk.domain.return_values import RATINGS  # noqa: E402
from msgdesk.domain.template import TEMPLATE_FILE, load_template  # noqa: E402
from msgdesk.paths import resource_path  # noqa: E402
from tests.conftest import seed_text  # noqa: E402

EXPECTED_IDS = [
    "1.1", "1.2", "1.3",
    "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
    "3.1", "3.2", "3.3", "3.4", "3.5",
    "4.1", "4.2", "4.3", "4.4", "4.5",
    "5.1", "5.2", "5.3",
    "6.1", "6.2", "6.3",
]
NATIONAL_IDS = {"3.2", "3.3", "5.3"}
KEY_FEATURE_TITLES = {
    1: "Collaborative leadership and building relationships",
    2: "Integrated finances and financial planning",
    3: "Effective strategic planning for improvement",
    4: "Governance and accountability arrangements",
    5: "Ability and willingness to share information",
    6: "Meaningful and sustained engagement",
}
ROMAN = {1: "i", 2: "ii", 3: "iii", 4: "iv", 5: "v", 6: "vi"}

# Cells pinned word for word (each is one contiguous block in seed 001),
# spread over all six key features and all four rating columns.
PINNED_DESCRIPTORS = {
    ("1.1", "not_yet_established"): "Lack of clear leadership and support for integration.",
    ("1.2", "established"): (
        "Statutory partners and other partners have a clear understanding of each other's "
        "working practices and business pressures – and are working more collaboratively together."
    ),
    ("2.3", "partly_established"): (
        "Working towards developing plans to allow all partners to fully implement the delegated "
        "hospital budget and set aside budget requirements, in line with legislation and statutory "
        "guidance, to enable budget planning for 2019/20."
    ),
    ("2.5", "established"): (
        "IJB S95 Officer provides high quality advice to the IJB, fully supported by staff and "
        "resources from the Health Board and Local Authority and conflicts of interest are avoided. "
        "Strategic and operational finance functions are undertaken by the IJB S95 Officer. "
        "A regular year-in-year reporting and forecasting process is in place."
    ),
    ("3.4", "exemplary"): (
        "Integration Authority regularly critically analyses and evaluates the effectiveness of "
        "strategic planning and commissioning arrangements. There are high quality, fully costed "
        "strategic plans in place for the full range of delegated services, which are being "
        "implemented. As a consequence, sustainable and high quality services and supports are in "
        "place that better meet local needs.\n"
        "The Local Authority and Health Board provide full support for strategic planning and "
        "commissioning, including staffing and resources for the partnership, and recognise this "
        "as a key responsibility of the IJB."
    ),
    ("4.2", "partly_established"): (
        "Accountability processes being scoped and opportunities identified for better alignment."
    ),
    ("4.5", "not_yet_established"): (
        "There is a lack of understanding of the key role clinical and professional leadership "
        "plays in supporting safe and appropriate decision making is not well understood. "
        "Necessary clinical and care governance arrangements are not well established."
    ),
    ("5.1", "established"): (
        "Integration Authority annual reports are well developed to reflect progress and challenges "
        "in local systems, and ensure all statutory required information is reported on, by July "
        "2019. Some benchmarking is underway and assisting consistency and presentation of annual "
        "reports."
    ),
    ("6.1", "exemplary"): (
        "Meaningful engagement is an ongoing process, not just undertaken when service change is "
        "proposed. Local communities have the opportunity to contribute meaningfully to locality "
        "plans and are engaged in the process of determining local priorities."
    ),
    ("6.3", "partly_established"): (
        "Work is ongoing to improve involvement of carers and representatives using services."
    ),
}


# --------------------------------------------------------------------------- helpers


def normalise(text: str) -> str:
    """Collapse whitespace; a hyphen at a line break keeps the hyphen but loses the break
    ("self-\\nevaluation" -> "self-evaluation")."""
    text = re.sub(r"-[ \t]*\r?\n\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def template():
    return load_template()


@pytest.fixture(scope="module")
def raw_json():
    path = resource_path(*TEMPLATE_FILE)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def template_seed() -> str:
    """Seed 001 (the completed template), raw text."""
    return seed_text("001")


@pytest.fixture(scope="module")
def msg_report_seed() -> str:
    """Seed 002 (the MSG report), raw text."""
    return seed_text("002")


def _template_sections(raw: str) -> dict[str, str]:
    """Seed 001 split into per-proposal sections of the template, keyed by proposal id.

    Each section runs from its "Proposal N.N" heading (the template misprints 4.2 as
    "Indicator 4.2") to the next heading; normalised.
    """
    heads = list(re.finditer(r"^\s*(?:Proposal|Indicator) (\d\.\d)\b", raw, flags=re.M))
    sections = {}
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(raw)
        sections[m.group(1)] = normalise(raw[m.start():end])
    return sections


# --------------------------------------------------------------------------- structure


def test_file_is_utf8_indent2_not_ascii_escaped(raw_json):
    data = json.loads(raw_json)
    assert raw_json.rstrip("\n") == json.dumps(data, indent=2, ensure_ascii=False)
    assert "\\u" not in raw_json
    assert set(data) >= {"title", "attribution", "sources", "guidance", "key_features"}
    assert len(data["sources"]) >= 2 and all(s.strip() for s in data["sources"])


def test_six_key_features_with_msg_titles(template):
    assert [kf.number for kf in template.key_features] == [1, 2, 3, 4, 5, 6]
    assert {kf.number: kf.title for kf in template.key_features} == KEY_FEATURE_TITLES
    for kf in template.key_features:
        assert all(p.id.split(".")[0] == str(kf.number) for p in kf.proposals)
        assert all(p.key_feature == kf.number for p in kf.proposals)


def test_twenty_five_proposals_in_order(template):
    assert [p.id for p in template.proposals] == EXPECTED_IDS


def test_local_and_national_proposals(template):
    assert len(template.local_proposals) == 22
    national = [p for p in template.proposals if not p.local]
    assert {p.id for p in national} == NATIONAL_IDS
    for p in national:
        assert p.descriptors == ()
        assert all(p.descriptor(r) == "" for r in RATINGS)


def test_national_proposals_have_null_descriptors_in_json(raw_json):
    data = json.loads(raw_json)
    for kf in data["key_features"]:
        for p in kf["proposals"]:
            if p["id"] in NATIONAL_IDS:
                assert p["local"] is False and p["descriptors"] is None
            else:
                assert p["local"] is True
                assert list(p["descriptors"]) == list(RATINGS)


def test_every_local_proposal_has_four_descriptors(template):
    for p in template.local_proposals:
        assert [r for r, _ in p.descriptors] == list(RATINGS), p.id
        for rating, text in p.descriptors:
            assert text.strip(), (p.id, rating)
            assert text == text.strip(), (p.id, rating)
            assert "  " not in text and " \n" not in text and "\n " not in text, (p.id, rating)
            assert not re.search(r"\w- \w", text), (p.id, rating)  # unjoined line-wrap hyphen
            for line in text.split("\n"):
                assert line.strip(), (p.id, rating)


def test_no_descriptor_duplicated(template):
    seen: dict[str, tuple[str, str]] = {}
    for p in template.local_proposals:
        for rating, text in p.descriptors:
            key = normalise(text)
            assert key not in seen, f"{p.id}/{rating} duplicates {seen[key]}"
            seen[key] = (p.id, rating)
    assert len(seen) == 22 * 4


def test_every_proposal_has_text_and_timescale(template):
    for p in template.proposals:
        assert p.text.strip() and p.text == p.text.strip(), p.id
        assert p.timescale.strip() and p.timescale == p.timescale.strip(), p.id


def test_title_guidance_and_attribution(template):
    assert template.title.strip()
    assert "Crown copyright" in template.attribution
    assert "Open Government Licence v3.0" in template.attribution
    assert len(template.guidance) >= 4
    assert all(par.strip() for par in template.guidance)


# --------------------------------------------------------------------------- against the seeds


def test_title_and_guidance_transcribed_from_template_seed(template, template_seed):
    seed = normalise(template_seed)
    assert normalise(template.title) in seed
    for par in template.guidance:
        assert normalise(par) in seed, par[:60]
    joined = " ".join(template.guidance)
    assert "25 proposals" in joined and "rating descriptors" in joined


def test_pinned_descriptors(template, template_seed):
    seed = normalise(template_seed)
    key_features = {pid.split(".")[0] for pid, _ in PINNED_DESCRIPTORS}
    columns = {rating for _, rating in PINNED_DESCRIPTORS}
    assert len(PINNED_DESCRIPTORS) >= 8 and len(key_features) == 6 and columns == set(RATINGS)
    for (pid, rating), expected in PINNED_DESCRIPTORS.items():
        assert normalise(expected) in seed, f"pinned text for {pid}/{rating} not in seed 001"
        assert template.proposal(pid).descriptor(rating) == expected, f"{pid}/{rating}"


def _raw_cell_blocks(raw: str, proposal_id: str) -> list[str]:
    """The rating grid of one proposal in seed 001, as the extraction's blank-line separated blocks.

    The grid runs from the "Indicator ..." row to the "Our Rating" row; the word
    "Indicator" (the row label) is dropped.  Columns are separated by empty lines;
    a cell's own paragraph breaks show as lines holding only spaces.
    """
    lines = raw.splitlines()
    head = next(
        i for i, line in enumerate(lines)
        if re.match(rf"\s*(?:Proposal|Indicator) {re.escape(proposal_id)}\b", line)
    )
    start = next(i for i in range(head + 1, len(lines)) if re.match(r"Indicator (?!\d\.\d)", lines[i]))
    stop = next(i for i in range(start, len(lines)) if lines[i].startswith("Our"))
    grid = [lines[start][len("Indicator "):]] + lines[start + 1:stop]
    blocks, current = [], []
    for line in grid:
        if line == "":
            if current:
                blocks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    if current:
        blocks.append("\n".join(current))
    return [b for b in blocks if b.strip()]


def test_descriptors_are_exactly_the_template_cells(template, template_seed):
    """Each descriptor is a whole run of the extraction's blocks, in column order, and the
    four descriptors use up the grid: nothing missing, nothing leaked from a neighbour."""
    for p in template.local_proposals:
        blocks = [normalise(b) for b in _raw_cell_blocks(template_seed, p.id)]
        pointer = 0
        for rating, text in p.descriptors:
            wanted = normalise(text)
            taken = ""
            while pointer < len(blocks) and len(taken) < len(wanted):
                taken = f"{taken} {blocks[pointer]}".strip()
                pointer += 1
            assert taken == wanted, f"{p.id}/{rating}: {wanted[:50]!r} != seed cell {taken[:50]!r}"
        assert pointer == len(blocks), f"{p.id}: text left over in seed grid: {blocks[pointer:]}"


def test_national_proposals_marked_in_template_seed(template_seed):
    sections = _template_sections(template_seed)
    for pid in NATIONAL_IDS:
        assert "NOT FOR LOCAL COMPLETION" in sections[pid], pid


def test_proposal_wording_from_msg_report(template, msg_report_seed):
    seed = normalise(msg_report_seed)
    for p in template.proposals:
        kf, n = p.id.split(".")
        numbered = f"{kf}. ({ROMAN[int(n)]}) {normalise(p.text)}"
        assert numbered in seed, f"{p.id} wording not in MSG report: {p.text!r}"


def test_key_feature_titles_from_msg_report(template, msg_report_seed):
    seed = normalise(msg_report_seed)
    for kf in template.key_features:
        assert f"{kf.number}. {kf.title}" in seed, kf.title


def test_timescales_from_msg_report(template, msg_report_seed):
    written = [normalise(t) for t in re.findall(r"Timescale:(.*)", msg_report_seed)]
    assert len(written) == 25
    assert [normalise(p.timescale) for p in template.proposals] == written


def test_a_wrong_word_would_be_caught(template, template_seed, msg_report_seed):
    """The seed comparisons are strict: one changed word no longer matches."""
    seed = normalise(template_seed)
    text = template.proposal("2.4").descriptor("established")
    assert normalise(text) in seed
    assert normalise(text.replace("adhered too", "adhered to")) not in seed
    report = normalise(msg_report_seed)
    proposal = template.proposal("4.4").text
    assert f"4. (iv) {proposal}" in report
    # the template seed words it "by IJB"; the MSG report's "by IJBs" is the one kept
    assert f"4. (iv) {proposal.replace('IJBs', 'IJB')}" not in report
