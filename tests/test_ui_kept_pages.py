"""Each proposal keeps its own page (ui/round/proposal_stack.py): a page turn is a switch.
A kept page must never show old data: whatever changed its proposal while another page was
on screen (an edit through the session, undo and redo, another process writing the
database, the round approved or reopened), the page shows the round as it is now when the
officer comes back to it.  Swept over every proposal the officer completes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date

from PySide6.QtCore import Qt

from msgdesk.domain.return_values import RATINGS

PROPOSALS_WITH_ACTIONS = ("1.1", "2.3")


def _elsewhere(window, proposal_id: str) -> str:
    """A proposal other than ``proposal_id`` (its page goes off screen)."""
    order = window.order[:-1]
    return order[(order.index(proposal_id) + 7) % len(order)]


def _shown_rating(page) -> str | None:
    chosen = [card.index for card in page.cards if card.property("chosen")]
    return RATINGS[chosen[0]] if chosen else None


def _kept_page(window, proposal_id: str):
    """Visit ``proposal_id`` (its page is built and filled), then leave it for another."""
    window.go_to(proposal_id)
    page = window.proposal_page
    window.go_to(_elsewhere(window, proposal_id))
    assert window.proposal_page is not page and not page.isVisible()
    return page


def test_a_kept_page_shows_what_the_session_changed_while_it_was_off_screen(window, qtbot, example_round):
    window.open_round(example_round.id)
    session = window.session
    for number, proposal in enumerate(window.template.local_proposals):
        page = _kept_page(window, proposal.id)
        evidence = f"Changed while away from {proposal.id}, number {number}"
        rating = RATINGS[number % len(RATINGS)]
        session.set_evidence(proposal.id, evidence)
        session.set_rating(proposal.id, rating)
        window.go_to(proposal.id)
        assert window.proposal_page is page  # the same page, kept
        assert page.ui.evidenceEdit.toPlainText() == evidence
        assert _shown_rating(page) == rating
        assert page.model.rowCount() == len(session.actions(proposal.id))


def test_undo_and_redo_from_another_page_show_on_the_kept_page(window, qtbot, example_round):
    window.open_round(example_round.id)
    session = window.session
    for proposal in window.template.local_proposals:
        window.go_to(proposal.id)
        page = window.proposal_page
        before = page.ui.evidenceEdit.toPlainText()
        page.ui.evidenceEdit.setPlainText(before + " (edited)")
        window.go_to(_elsewhere(window, proposal.id))  # saved as the page is left
        assert session.response(proposal.id).evidence == before + " (edited)"
        window.undo_action.trigger()  # undo brings the proposal back on screen
        assert window.current == proposal.id and window.proposal_page is page
        assert page.ui.evidenceEdit.toPlainText() == before
        window.go_to(_elsewhere(window, proposal.id))
        window.redo_action.trigger()
        assert window.current == proposal.id
        assert page.ui.evidenceEdit.toPlainText() == before + " (edited)"


def test_actions_added_and_deleted_elsewhere_show_on_the_kept_page(window, qtbot, example_round):
    window.open_round(example_round.id)
    session = window.session
    for proposal_id in PROPOSALS_WITH_ACTIONS:
        page = _kept_page(window, proposal_id)
        rows = page.model.rowCount()
        new_id = session.add_action(proposal_id)
        session.set_action_field(new_id, "action", f"Added while away from {proposal_id}")
        window.go_to(proposal_id)
        assert page.model.rowCount() == rows + 1
        assert page.model.index(rows, 0).data() == f"Added while away from {proposal_id}"
        window.go_to(_elsewhere(window, proposal_id))
        session.delete_action(new_id)
        window.go_to(proposal_id)
        assert page.model.rowCount() == rows


def test_a_change_written_by_another_process_shows_on_the_kept_page(window, qtbot, example_round, db_path):
    window.open_round(example_round.id)
    pages = {p.id: _kept_page(window, p.id) for p in window.template.local_proposals}
    script = textwrap.dedent("""
        import sys
        from msgdesk.store.workspace import Workspace
        with Workspace.open(sys.argv[1]) as workspace:
            for proposal in workspace.template.local_proposals:
                workspace.rounds.set_evidence(int(sys.argv[2]), proposal.id, "From the other process: " + proposal.id)
    """)
    subprocess.run([sys.executable, "-c", script, str(db_path), str(example_round.id)], check=True, timeout=120)
    # back from the Tracker tab, the window reads the round again (ui/main_window.py _tab_changed)
    window.ui.tabs.setCurrentWidget(window.ui.trackerTab)
    window.ui.tabs.setCurrentWidget(window.ui.returnTab)
    window.session.refresh()
    for proposal_id, page in pages.items():
        window.go_to(proposal_id)
        assert window.proposal_page is page
        assert page.ui.evidenceEdit.toPlainText() == "From the other process: " + proposal_id


def test_approving_and_reopening_elsewhere_makes_every_kept_page_read_only_and_back(window, qtbot, workspace,
                                                                                   example_round, monkeypatch):
    window.open_round(example_round.id)
    pages = {p.id: _kept_page(window, p.id) for p in window.template.local_proposals}
    window.session.approve(date(2019, 5, 30), "IJB 30/05/2019 item 7", check_confirmed=True)
    for proposal_id, page in pages.items():
        window.go_to(proposal_id)
        assert page.ui.evidenceEdit.isReadOnly() and not page.ui.addActionButton.isEnabled()
        assert "approved" in page.ui.ratingTitle.text()
    window.session.reopen("Typo in the evidence")
    for proposal_id, page in pages.items():
        window.go_to(proposal_id)
        assert not page.ui.evidenceEdit.isReadOnly() and page.ui.addActionButton.isEnabled()


def test_text_typed_on_a_page_is_saved_as_it_is_left_and_never_written_back_over_a_newer_change(
        window, qtbot, workspace, example_round):
    window.open_round(example_round.id)
    session = window.session
    window.go_to("2.1")
    page = window.proposal_page
    page.ui.evidenceEdit.setFocus()
    qtbot.keyClicks(page.ui.evidenceEdit, " typed")
    typed = page.ui.evidenceEdit.toPlainText()
    qtbot.keyClick(page.ui.evidenceEdit, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current != "2.1"
    assert workspace.rounds.load_round_by_id(example_round.id).response("2.1").evidence == typed
    session.set_evidence("2.1", "Newer, from a merge")
    page.flush()  # a page off screen saves nothing: its box is older than the round
    assert workspace.rounds.load_round_by_id(example_round.id).response("2.1").evidence == "Newer, from a merge"
    window.go_to("2.1")
    assert page.ui.evidenceEdit.toPlainText() == "Newer, from a merge"


def test_every_page_is_built_in_idle_time_and_keeps_its_letters_and_names(window, qtbot, example_round):
    window.open_round(example_round.id)
    window.warm_up()
    stack = window.proposal_pages
    qtbot.waitUntil(lambda: len(stack.pages) == len(window.template.proposals), timeout=20_000)
    from msgdesk.ui.widgets.mnemonics import letters_in

    for proposal in window.template.proposals:
        window.go_to(proposal.id)
        taken = [letter for letter, _what in letters_in(window)]
        assert len(taken) == len(set(taken)), (proposal.id, sorted(taken))
        page = window.proposal_page
        if proposal.local:
            assert all(card.accessibleName() for card in page.cards)
            assert page.ui.evidenceEdit.accessibleName()
