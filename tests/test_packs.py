"""Contribution packs as files: choosing proposals, the pack's content and fingerprint, the
workbook for a contributor without msgdesk (sheets, drop-down, protected descriptors, text
never a formula), and the reply reader fuzzed."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from msgdesk.contributions.proposals import parse_proposals, proposals_text
from msgdesk.domain.errors import InputError
from msgdesk.rounds.return_file import ReturnFileError, dump_return, parse_return
from tests.test_returnfile_fuzz import LOCATED


@pytest.mark.parametrize("spec, expected", [
    ("2.1-2.6,4.4", ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "4.4"]),
    ("4.4, 2.1", ["2.1", "4.4"]),
    ("3", ["3.1", "3.4", "3.5"]),  # 3.2 and 3.3 are not for local completion
    ("3.1-3.5", ["3.1", "3.4", "3.5"]),
    ("2.1-6", ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"]),
    ("1.1,1.1", ["1.1"]),
])
def test_proposals_are_chosen_by_number_range_or_key_feature(spec, expected, template):
    assert parse_proposals(spec, template) == expected


@pytest.mark.parametrize("spec, message", [
    ("", "say which proposals"),
    ("9.9", "there is no proposal 9.9"),
    ("3.2", "proposal 3.2 is not for local completion"),
    ("2.6-2.1", "runs backwards"),
    ("two", "'two' is not a proposal"),
    ("7", "there is no key feature 7"),
])
def test_a_bad_choice_of_proposals_is_refused_saying_why(spec, message, template):
    with pytest.raises(InputError, match=message):
        parse_proposals(spec, template)


def test_proposals_are_shown_as_runs(template):
    assert proposals_text(["2.1", "2.2", "2.3", "4.4", "3.1", "3.4"], template) == "2.1–2.3, 3.1–3.4, 4.4"


def test_a_pack_holds_its_proposals_and_the_base_they_were_cut_from(workspace, example_round, template):
    data = workspace.contributions.cut_pack(example_round.id, ["4.4", "2.3"], "Alan Brown, CFO")
    obj = json.loads(dump_return(data, template))
    assert obj["version"] == 2
    assert [r["proposal"] for r in obj["responses"]] == ["2.3", "4.4"]
    pack = obj["pack"]
    assert (pack["for"], pack["proposals"], pack["reply_at"]) == ("Alan Brown, CFO", ["2.3", "4.4"], None)
    ours = workspace.rounds.load_round_by_id(example_round.id)
    assert [b["evidence"] for b in pack["base"]] == [ours.response("2.3").evidence, ours.response("4.4").evidence]
    assert [a["id"] for a in pack["base"][0]["actions"]] == [a.uid for a in ours.response("2.3").actions]
    assert pack["base_digest"].startswith("sha256:")
    assert parse_return(dump_return(data, template), template).pack == data.pack


def test_the_workbook_has_its_sheets_a_drop_down_protected_descriptors_and_text_never_a_formula(
        workspace, example_round, template, tmp_path):
    from msgdesk.contributions import pack_workbook

    workspace.rounds.set_evidence(example_round.id, "2.3", "=HYPERLINK(\"http://x\")")
    data = workspace.contributions.cut_pack(example_round.id, ["2.3", "4.4"], "Bea, Governance")
    path = pack_workbook.export(data, tmp_path / "pack.xlsx", template)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["How to fill it in", "Responses", "Actions", "Descriptors", "msgdesk"]
    assert workbook["msgdesk"].sheet_state == "veryHidden"
    assert workbook["Descriptors"].protection.sheet
    assert not workbook["Responses"].protection.sheet
    responses = workbook["Responses"]
    assert [c.value for c in responses[1]] == ["Proposal", "Proposal text", "Rating", "Evidence"]
    assert [c.value for c in workbook["Actions"][1]] == ["Reference", "Proposal", "Action", "How we will deliver",
                                                         "Timescale", "Lead"]
    evidence = responses["D2"]
    assert evidence.value == "=HYPERLINK(\"http://x\")" and evidence.data_type == "s" and evidence.quotePrefix
    [ratings] = [v for v in responses.data_validations.dataValidation if "C2" in str(v.sqref)]
    assert ratings.type == "list"
    assert ratings.formula1 == '"Not yet established,Partly established,Established,Exemplary"'
    assert workbook["Actions"]["E200"].number_format == "@"  # typed "March 2022" stays text
    descriptors = workbook["Descriptors"]
    assert descriptors["B2"].value == template.proposal("2.3").descriptor("not_yet_established")
    # read back untouched, it says what the pack said
    reply = pack_workbook.read_reply(path, template)
    assert [(r.proposal, r.rating, r.evidence, [a.uid for a in r.actions]) for r in reply.responses] == \
        [(r.proposal, r.rating, r.evidence, [a.uid for a in r.actions]) for r in data.responses]


FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
_values = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8), st.lists(st.integers(), max_size=2),
                    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2))


_PLACES = [(), ("pack",), ("pack", "base", 0), ("pack", "base", 1, "actions", 0), ("responses", 1),
           ("responses", 1, "actions", 0), ("pack", "proposals")]


def _at(obj, path):
    for step in path:
        try:
            obj = obj[step]
        except (KeyError, IndexError, TypeError):
            return None
    return obj


@FUZZ
@given(data=st.data())
def test_the_reply_reader_fuzzed_reads_a_reply_or_names_every_problems_place(workspace, example_round, template, data):
    pack = workspace.contributions.cut_pack(example_round.id, ["2.1", "2.3"], "Alan Brown, CFO")
    obj = json.loads(dump_return(pack))
    for _ in range(data.draw(st.integers(1, 4))):
        target = _at(obj, data.draw(st.sampled_from(_PLACES)))
        if isinstance(target, dict):
            key = data.draw(st.one_of(st.sampled_from(sorted(target) or ["x"]), st.text(max_size=6)))
            if data.draw(st.booleans()):
                target[key] = data.draw(_values)
            else:
                target.pop(key, None)
        elif isinstance(target, list) and target:
            target[data.draw(st.integers(0, len(target) - 1))] = data.draw(_values)
    try:
        back = parse_return(json.dumps(obj), template)
    except ReturnFileError as exc:
        assert exc.problems and all(LOCATED.match(p) for p in exc.problems), exc.problems
        return
    assert dump_return(parse_return(dump_return(back), template)) == dump_return(back)


# --- issue 21 item 8: a reply workbook that inflates, or holds a formula, is refused ----------------


def _pack_workbook(workspace, example_round, template, tmp_path):
    from msgdesk.contributions import pack_workbook

    data = workspace.contributions.cut_pack(example_round.id, ["2.3"], "Bea, Governance")
    return pack_workbook.export(data, tmp_path / "pack.xlsx", template)


@pytest.mark.parametrize("formula", ["array", "plain"])
def test_an_array_formula_in_a_reply_cell_is_refused_with_its_place_never_stored(workspace, example_round, template,
                                                                         tmp_path, formula):
    from openpyxl.worksheet.formula import ArrayFormula

    from msgdesk.contributions import pack_workbook

    path = _pack_workbook(workspace, example_round, template, tmp_path)
    workbook = load_workbook(path)
    cell = workbook["Responses"]["D2"]
    cell.value = ArrayFormula("D2", "=SUM(A1:A2)") if formula == "array" else "=1+1"
    workbook.save(path)
    if formula == "plain":  # the words typed, as text (test_merge's person typing "=…")
        assert pack_workbook.read_reply(path, template).response("2.3").evidence == "=1+1"
        return
    with pytest.raises(ReturnFileError) as refused:
        pack_workbook.read_reply(path, template)
    assert "Responses!D2" in str(refused.value) and "formula" in str(refused.value)
    assert "ArrayFormula" not in str(refused.value)


@pytest.mark.parametrize("rows", [5_000, 250_000, 1_048_576])
def test_a_reply_workbook_declaring_a_huge_sheet_is_refused_before_it_is_read(workspace, example_round, template,
                                                                              tmp_path, rows):
    """The sheet's declared span is read from the zip (never the sheet), so a workbook that
    would inflate to gigabytes is refused at once; a normal-sized one still reads."""
    import zipfile

    from msgdesk.contributions import pack_workbook

    path = _pack_workbook(workspace, example_round, template, tmp_path)
    bloated = tmp_path / "bloated.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bloated, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                body = body.replace(b"<sheetData>", b"<sheetData>", 1)
                head, _sep, tail = body.partition(b"<dimension ")
                tail = tail[tail.index(b"/>") + 2:]
                body = head + f'<dimension ref="A1:Z{rows}"/>'.encode() + tail
            dst.writestr(info, body)
    if rows * 26 > pack_workbook.MAX_SHEET_CELLS:
        with pytest.raises(ReturnFileError, match="cells"):
            pack_workbook.read_reply(bloated, template)
    else:
        pack_workbook.read_reply(bloated, template)


@pytest.mark.parametrize("megabytes", [1, 40])
def test_a_reply_workbook_that_unpacks_past_the_limit_is_refused(workspace, example_round, template, tmp_path,
                                                                 megabytes):
    import zipfile

    from msgdesk.contributions import pack_workbook

    path = _pack_workbook(workspace, example_round, template, tmp_path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (megabytes * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024  # small on disk: it inflates
    if megabytes * 1024 * 1024 > pack_workbook.MAX_UNZIPPED_BYTES:
        with pytest.raises(ReturnFileError, match="unpacks to"):
            pack_workbook.read_reply(path, template)
    else:
        pack_workbook.read_reply(path, template)
