"""The national picture: returns with known ratings collated, and the workbook and the PDF
checked cell by cell against what those ratings must give (missing returns, changes since
the previous round, a comparator group).  Storage runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import statistics
from datetime import date

import pytest

from msgdesk.collation.collate import (
    CHANGE_COLOURS,
    NO_RETURN,
    NO_RETURN_COLOUR,
    NOT_RATED,
    RATING_COLOURS,
    SCORES,
    change_between,
    collation_for,
    median_text,
    rating_text,
    standing_for,
)
from msgdesk.domain.errors import AmbiguousNameError, InputError, NotFoundError
from msgdesk.domain.return_values import RATING_LABELS, RATINGS
from msgdesk.domain.states import RatingChange, Standing
from tests.collation_data import ISLANDS, MISSING, PARTNERSHIPS, PREVIOUS, ROUND, add_returns, expected_ratings

openpyxl = pytest.importorskip("openpyxl")
pdfplumber = pytest.importorskip("pdfplumber")


@pytest.fixture
def workspace(any_workspace):
    return any_workspace


@pytest.fixture
def collated(workspace, template):
    add_returns(workspace, template)
    return workspace


def sorted_names(names):
    return sorted(names, key=lambda n: (" ".join(n.split()).casefold(), n))


def expected_change(template, name, pid):
    now, before = expected_ratings(template, ROUND), expected_ratings(template, PREVIOUS)
    if (name, pid) not in now:
        return None
    return change_between(before.get((name, pid)), now[(name, pid)])


# --- the values -------------------------------------------------------------------------------


def test_every_cell_count_median_and_change_follows_from_the_known_ratings(collated, template):
    c = collation_for(collated, ROUND, PREVIOUS)
    now = expected_ratings(template, ROUND)
    assert c.partnerships == tuple(sorted_names(PARTNERSHIPS))
    assert c.no_return == ("Shetland",)
    for name in PARTNERSHIPS:
        for proposal in template.local_proposals:
            cell = c.cell(name, proposal.id)
            assert cell.returned == ((name, ROUND) not in MISSING)
            assert cell.rating == now.get((name, proposal.id))
            assert cell.change == expected_change(template, name, proposal.id), (name, proposal.id)
    for line in c.by_proposal:
        ratings = [now[(n, line.proposal.id)] for n in PARTNERSHIPS if (n, line.proposal.id) in now]
        assert line.counts == {r: ratings.count(r) for r in RATINGS}
        assert line.rated == sum(1 for r in ratings if r) and line.not_rated == ratings.count(None)
        assert line.no_return == 1
        scores = [SCORES[r] for r in ratings if r]
        assert line.median == statistics.median(scores)
        moves = [expected_change(template, n, line.proposal.id) for n in PARTNERSHIPS]
        assert line.changes == {ch: moves.count(ch) for ch in RatingChange}


def test_per_partnership_counts_and_the_actions_as_at_a_date(collated, template):
    as_at = date(2021, 12, 1)
    c = collation_for(collated, ROUND, PREVIOUS, as_at=as_at)
    now = expected_ratings(template, ROUND)
    for line in c.by_partnership:
        if (line.partnership, ROUND) in MISSING:
            assert not line.returned and line.by_rag is None
            continue
        info = collated.rounds.find_round(line.partnership, ROUND)
        rows = collated.tracking.rows(info.id, as_at=as_at)  # the tracker's own answer
        assert line.rated == sum(1 for p in template.local_proposals if now[(line.partnership, p.id)])
        assert line.actions == len(rows)
        assert line.overdue == sum(1 for r in rows if r.rag(as_at).overdue)
        assert line.completed == sum(1 for r in rows if r.rag(as_at).rag == "complete")
        assert line.on_track == sum(1 for r in rows if r.rag(as_at).rag == "green")
        assert sum(line.by_rag.values()) == line.actions
        assert line.previous_returned == ((line.partnership, PREVIOUS) not in MISSING)
    assert any(line.overdue for line in c.by_partnership if line.returned)


def test_a_status_recorded_after_the_as_at_date_does_not_count_then(collated, template):
    info = collated.rounds.find_round("Orkney Health and Care", ROUND)
    row = next(r for r in collated.tracking.rows(info.id) if r.timescale == "December 2030")
    collated.tracking.record_progress(row.action_id, "Done early", status="complete", on_date=date(2022, 6, 1),
                                      today=date(2022, 6, 1))
    before = collation_for(collated, ROUND, as_at=date(2022, 1, 1))
    after = collation_for(collated, ROUND, as_at=date(2022, 7, 1))
    name = "Orkney Health and Care"
    line_before = next(x for x in before.by_partnership if x.partnership == name)
    line_after = next(x for x in after.by_partnership if x.partnership == name)
    assert line_after.completed == line_before.completed + 1


def test_a_comparator_group_collates_only_its_members(collated, template):
    collated.groups.set_group("Island authorities", ["Orkney Health", "shetland", "Western Isles"])
    c = collation_for(collated, ROUND, PREVIOUS, group="island AUTHORITIES")
    assert c.group == "Island authorities"
    assert c.partnerships == tuple(sorted_names(ISLANDS))
    assert c.no_return == ("Shetland",)
    assert all(line.no_return == 1 and line.rated + line.not_rated == 2 for line in c.by_proposal)


def test_named_partnerships_are_matched_by_part_of_their_name_once(collated):
    c = collation_for(collated, ROUND, partnerships=["angus", "ORKNEY HEALTH"])
    assert c.partnerships == ("Angus", "Orkney Health and Care")
    with pytest.raises(AmbiguousNameError) as caught:
        collation_for(collated, ROUND, partnerships=["Orkney"])  # also inside the =HYPERLINK name
    assert "Orkney Health and Care" in str(caught.value)
    with pytest.raises(NotFoundError, match="did you mean 'Shetland'"):
        collation_for(collated, ROUND, partnerships=["Shetlnd"])


def test_rounds_nobody_has_and_a_round_compared_with_itself_are_refused(collated):
    with pytest.raises(NotFoundError, match="the rounds are: 2021, 2019"):
        collation_for(collated, "2023")
    with pytest.raises(NotFoundError):
        collation_for(collated, ROUND, "2017")
    with pytest.raises(InputError, match="not with itself"):
        collation_for(collated, ROUND, ROUND)


def test_where_we_stand_counts_the_rest_of_the_group(collated, template):
    collated.groups.set_group("Island authorities", list(ISLANDS))
    name = "Orkney Health and Care"
    report = standing_for(collated, name, ROUND, "Island authorities")
    now = expected_ratings(template, ROUND)
    others = [m for m in ISLANDS if m != name and (m, ROUND) not in MISSING]
    assert report.compared == tuple(others) and report.without_return == ("Shetland",) and report.in_group
    for line in report.lines:
        theirs = [now[(m, line.proposal.id)] for m in others]
        assert line.rating == now[(name, line.proposal.id)]
        assert line.counts == {r: theirs.count(r) for r in RATINGS}
        scores = [SCORES[r] for r in theirs if r]
        median = statistics.median(scores) if scores else None
        assert line.median == median
        ours = SCORES.get(line.rating or "")
        expected = None if ours is None or median is None else (
            Standing.ABOVE if ours > median else Standing.BELOW if ours < median else Standing.LEVEL)
        assert line.standing == expected
    outside = standing_for(collated, "Angus", ROUND, "Island authorities")
    assert not outside.in_group and len(outside.compared) == 2
    assert "Angus is not one of them" in outside.basis_text()


# --- the workbook, cell by cell ---------------------------------------------------------------------


def _workbook(collation):
    from msgdesk.reports import collation_xlsx

    return openpyxl.load_workbook(io.BytesIO(collation_xlsx.render(collation)))


def _rows(sheet):
    rows = list(sheet.iter_rows(values_only=True))
    return rows[0], rows[1:]


def _fill(cell) -> str:
    return "#" + cell.fill.fgColor.rgb[-6:].lower()


def test_the_workbook_heat_map_and_ratings_sheets_cell_by_cell(collated, template):
    c = collation_for(collated, ROUND, PREVIOUS)
    book = _workbook(c)
    assert book.sheetnames == ["Heat map", "Ratings", "By proposal", "By partnership", "Changes", "No return", "About"]
    now, before = expected_ratings(template, ROUND), expected_ratings(template, PREVIOUS)
    heat = book["Heat map"]
    header, rows = _rows(heat)
    names = sorted_names(PARTNERSHIPS)
    assert header == ("Key feature", "Proposal", "Proposal text", *names)
    assert [r[1] for r in rows] == [p.id for p in template.local_proposals]
    for r, proposal in enumerate(template.local_proposals, 2):
        for column, name in enumerate(names, 4):
            cell = heat.cell(row=r, column=column)
            if (name, ROUND) in MISSING:
                assert cell.value == NO_RETURN and _fill(cell) == NO_RETURN_COLOUR
            elif now[(name, proposal.id)] is None:
                assert cell.value == NOT_RATED
            else:
                rating = now[(name, proposal.id)]
                assert cell.value == f"{SCORES[rating]} {RATING_LABELS[rating]}"
                assert _fill(cell) == RATING_COLOURS[rating]

    header, rows = _rows(book["Ratings"])
    assert header == ("Partnership", "Round", "Return", "Key feature", "Proposal", "Rating", "Rating (1–4)",
                      "Previous round", "Previous return", "Previous rating", "Previous rating (1–4)", "Change")
    assert len(rows) == len(PARTNERSHIPS) * 22  # one row per partnership and proposal, with or without a return
    for row in rows:
        name, label, returned, kf, pid, word, number, prev_label, prev_returned, prev_word, prev_number, change = row
        assert label == ROUND and prev_label == PREVIOUS and kf == int(pid.split(".")[0])
        assert returned == (NO_RETURN if (name, ROUND) in MISSING else "Yes")
        assert prev_returned == (NO_RETURN if (name, PREVIOUS) in MISSING else "Yes")
        rating, previous = now.get((name, pid)), before.get((name, pid))
        assert (word, number) == ((RATING_LABELS[rating], SCORES[rating]) if rating else (None, None))
        assert (prev_word, prev_number) == ((RATING_LABELS[previous], SCORES[previous]) if previous else (None, None))
        expected = expected_change(template, name, pid)
        assert change == (expected.label if expected else None)


def test_the_workbook_summaries_and_missing_returns(collated, template):
    c = collation_for(collated, ROUND, PREVIOUS, as_at=date(2021, 12, 1))
    book = _workbook(c)
    now = expected_ratings(template, ROUND)
    header, rows = _rows(book["By proposal"])
    assert header[:12] == ("Key feature", "Proposal", "Proposal text", "Not yet established", "Partly established",
                           "Established", "Exemplary", "Rated", "Not rated", "No return", "Median (1–4)",
                           "Median rating")
    assert header[12:] == tuple(f"{ch.label} since {PREVIOUS}" for ch in RatingChange)
    for row, proposal in zip(rows, template.local_proposals, strict=True):
        ratings = [now[(n, proposal.id)] for n in PARTNERSHIPS if (n, proposal.id) in now]
        assert row[3:7] == tuple(ratings.count(r) for r in RATINGS)
        scores = [SCORES[r] for r in ratings if r]
        assert row[10] == statistics.median(scores) and row[11] == median_text(statistics.median(scores))
        moves = [expected_change(template, n, proposal.id) for n in PARTNERSHIPS]
        assert row[12:] == tuple(moves.count(ch) for ch in RatingChange)

    header, rows = _rows(book["By partnership"])
    lines = {line.partnership: line for line in c.by_partnership}
    assert [r[0] for r in rows] == list(c.partnerships)
    assert header[6] == "Overdue at 01/12/2021" and header[10] == "On track at 01/12/2021"
    for row in rows:
        line = lines[row[0]]
        if not line.returned:
            assert row[1] == NO_RETURN and row[4] is None
            continue
        assert row[1] == "Yes" and row[4] == line.rated and row[5] == line.actions
        assert row[6] == line.overdue and row[10] == line.on_track and row[11] == line.completed
        assert sum(v for v in row[6:14]) == line.actions  # each action counted once

    header, rows = _rows(book["No return"])
    assert rows == [("Shetland", ROUND, "Yes")]


def test_partnership_names_are_text_in_the_workbook_never_formulas(collated):
    book = _workbook(collation_for(collated, ROUND, PREVIOUS))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+")):
                    assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell.coordinate)
    assert book["Heat map"].cell(row=1, column=5).value == PARTNERSHIPS[1]


def test_the_change_matrix_sheet(collated, template):
    book = _workbook(collation_for(collated, ROUND, PREVIOUS))
    sheet = book["Changes"]
    header, _rows_ = _rows(sheet)
    for r, proposal in enumerate(template.local_proposals, 2):
        for column, name in enumerate(header[3:], 4):
            cell = sheet.cell(row=r, column=column)
            expected = expected_change(template, name, proposal.id)
            if (name, ROUND) in MISSING:
                assert cell.value == NO_RETURN
            elif expected is None:
                assert cell.value is None
            else:
                assert cell.value == f"{expected.symbol} {expected.label}"
                assert _fill(cell) == CHANGE_COLOURS[expected]


# --- the PDF, cell by cell ---------------------------------------------------------------------------


def _pdf(collation):
    from msgdesk.reports import collation_pdf

    return collation_pdf.render(collation)


def _pages(pdf_bytes):
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return [(page.extract_text() or "", page.extract_tables(), page.width > page.height) for page in pdf.pages]


def _flat(text):
    return " ".join((text or "").split())


def _section(pages, running):
    """The pages of one section, by the running title in their header ("Heat map (continued)")."""
    return [(text, tables) for text, tables, _landscape in pages if running in text.splitlines()[1]]


def _matrix_cells(pages, running):
    """(partnership, proposal) -> cell text, from every page of the matrix ``running`` titles."""
    cells = {}
    for _text, tables in _section(pages, running):
        table = max(tables, key=len)
        header = [_flat(h) for h in table[0]]
        assert header[0] == "Proposal", header
        for row in table[1:]:
            if row[1] is None:  # a key feature's row
                continue
            for name, value in zip(header[1:], row[1:], strict=True):
                key = (name, row[0])
                assert key not in cells
                cells[key] = _flat(value)
    return cells


def _name_in_header(name: str, headers) -> str:
    """The header that prints ``name`` (cut with "…" when very long)."""
    return next(h for h in headers if _flat(name).replace(" ", "").startswith(h.rstrip(" …").replace(" ", "")))


def test_the_pdf_heat_map_change_matrix_and_tables_cell_by_cell(collated, template):
    c = collation_for(collated, ROUND, PREVIOUS, as_at=date(2021, 12, 1))
    pages = _pages(_pdf(c))
    assert all(landscape for _t, _tables, landscape in pages)
    assert all(f"Page {n} of {len(pages)}" in text for n, (text, _t, _l) in enumerate(pages, 1))
    now = expected_ratings(template, ROUND)
    heat = _matrix_cells(pages, "Heat map")
    headers = {name for name, _pid in heat}
    assert len(heat) == len(PARTNERSHIPS) * 22
    for name in PARTNERSHIPS:
        shown = _name_in_header(name, headers)
        for proposal in template.local_proposals:
            expected = (NO_RETURN if (name, ROUND) in MISSING else
                        rating_text(now[(name, proposal.id)]) or NOT_RATED)
            assert heat[(shown, proposal.id)] == expected, (name, proposal.id)
    changes = _matrix_cells(pages, "Changes")
    for name in PARTNERSHIPS:
        shown = _name_in_header(name, headers)
        for proposal in template.local_proposals:
            change = expected_change(template, name, proposal.id)
            expected = (NO_RETURN if (name, ROUND) in MISSING else
                        f"{change.symbol} {change.label}" if change else NOT_RATED)
            assert changes[(shown, proposal.id)] == expected

    overview = _flat(pages[0][0])
    assert f"Returns for round {ROUND}: 5 of 6" in overview and "No return for round 2021 (1): • Shetland" in overview
    by_proposal = [row for _text, tables in _section(pages, "By proposal") for row in max(tables, key=len)]
    assert len(_section(pages, "By proposal")) > 1  # split, with its header row on every page
    assert all(_flat(max(t, key=len)[0][0]) == "Proposal" for _text, t in _section(pages, "By proposal"))
    rows = {_flat(r[0]).split(":")[0]: [_flat(v) for v in r[1:]] for r in by_proposal if r[1] is not None}
    for proposal in template.local_proposals:
        ratings = [now[(n, proposal.id)] for n in PARTNERSHIPS if (n, proposal.id) in now]
        scores = [SCORES[r] for r in ratings if r]
        moves = [expected_change(template, n, proposal.id) for n in PARTNERSHIPS]
        assert rows[proposal.id] == ([str(ratings.count(r)) for r in RATINGS]
                                     + [str(len(scores)), str(ratings.count(None)), "1",
                                        median_text(statistics.median(scores))]
                                     + [str(moves.count(ch)) for ch in RatingChange])
    partnership_rows = [row for _text, tables in _section(pages, "By partnership") for row in max(tables, key=len)[1:]]
    lines = {line.partnership: line for line in c.by_partnership}
    assert len(partnership_rows) == len(PARTNERSHIPS)
    for row in partnership_rows:
        line = lines[next(n for n in PARTNERSHIPS if _flat(n) == _flat(row[0]))]
        if not line.returned:
            assert _flat(row[1]) == NO_RETURN
            continue
        other = line.actions - line.overdue - line.completed - line.on_track
        assert [_flat(v) for v in row[2:8]] == [str(v) for v in (line.rated, line.actions, line.overdue,
                                                                  line.completed, line.on_track, other)]


@pytest.mark.parametrize("count", [1, 9, 31, 45])
def test_a_matrix_too_wide_for_a_page_continues_with_the_proposals_and_header_again(workspace, template, count):
    from msgdesk.domain.return_values import ResponseData, ReturnData

    names = [f"Partnership {n:02d}" for n in range(count)]
    for n, name in enumerate(names):
        workspace.rounds.import_return(ReturnData(name, ROUND, responses=[
            ResponseData(p.id, RATINGS[(n + i) % 4]) for i, p in enumerate(template.local_proposals)]))
    pages = _pages(_pdf(collation_for(workspace, ROUND)))
    cells = _matrix_cells(pages, "Heat map")
    assert len(cells) == count * 22
    for n, name in enumerate(names):
        for i, proposal in enumerate(template.local_proposals):
            assert cells[(name, proposal.id)] == rating_text(RATINGS[(n + i) % 4])
    matrix_pages = [text for text, _tables in _section(pages, "Heat map")]
    across = -(-count // 8)  # 8 partnerships across a page at most, shared out evenly
    assert len(matrix_pages) == across
    if across > 1:
        assert f"partnerships 1–{-(-count // across)} of {count}" in matrix_pages[0]


def test_partnership_names_of_every_length_never_break_the_pdf(workspace, template):
    """Names swept from 1 to 200 characters (the limit), and one of 200 wide letters: every
    page lays out (no row taller than a frame) and every cell is in its place."""
    from msgdesk.domain.return_values import ResponseData, ReturnData
    from msgdesk.reports import collation_pdf

    words = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt"
    for length in range(1, 201, 9):
        name = (f"{length:03d} " + (words + " ") * 4)[:length].strip() or "x"
        workspace.rounds.import_return(ReturnData(name, ROUND, responses=[
            ResponseData(p.id, "established") for p in template.local_proposals]))
    workspace.rounds.import_return(ReturnData("W" * 200, ROUND, responses=[ResponseData("1.1", "exemplary")]))
    c = collation_for(workspace, ROUND)
    pages = _pages(collation_pdf.render(c))
    cells = _matrix_cells(pages, "Heat map")
    assert len(cells) == len(c.partnerships) * 22
    assert sum(1 for v in cells.values() if v == "3 Established") == (len(c.partnerships) - 1) * 22


# --- both backends: groups carried through a portable archive --------------------------------------


def test_groups_survive_an_archive_and_restore(collated, tmp_path):
    from msgdesk.store.archive import restore_archive, write_archive
    from msgdesk.store.workspace import Workspace

    collated.groups.set_group("Island authorities", list(ISLANDS))
    collated.groups.set_group("Family group", ["Angus", "+Midlothian"])
    archive = tmp_path / "archive.json"
    write_archive(collated, archive)
    with Workspace.open(tmp_path / "restored.db") as other:
        restore_archive(other, archive)
        assert other.groups.list_groups() == [
            g for g in collated.groups.list_groups()]
        assert collation_for(other, ROUND, group="Family group").partnerships == ("+Midlothian", "Angus")
