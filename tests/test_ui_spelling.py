"""British English spell checking in the evidence and the action cells."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from msgdesk.paths import resource_path
from msgdesk.ui.widgets import spelling


@pytest.fixture
def speller(tmp_path):
    made = spelling.Speller(resource_path("dictionaries", "en_GB.json.gz"), tmp_path / "dictionary-en-GB.txt")
    spelling.reset_speller(made)
    yield made
    spelling.reset_speller(None)


@pytest.mark.parametrize("word", ["organisation", "programme", "centre", "realise", "colour", "analyse",
                                  "partnership's", "IJB", "HSCP", "NHS", "Ayrshire", "outwith", "reablement",
                                  "eHealth", "don't", "judgement", "Integration"])
def test_british_spellings_and_the_words_of_the_sector_are_accepted(speller, word):
    assert speller.is_correct(word)


@pytest.mark.parametrize("word,expected", [("recieved", "received"), ("commitee", "committee"),
                                            ("intergration", "integration"), ("goverment", "government"),
                                            ("Partnrship", "Partnership"), ("acommodation", "accommodation")])
def test_misspelt_words_are_flagged_with_the_right_word_first(speller, word, expected):
    assert not speller.is_correct(word)
    assert speller.suggestions(word)[0] == expected


def test_american_spellings_are_flagged_with_the_british_one_offered(speller):
    assert not speller.is_correct("organization")
    assert "organisation" in speller.suggestions("organization")


def test_added_words_are_kept_for_the_user(speller, tmp_path):
    assert not speller.is_correct("Kilwinning")
    speller.add("Kilwinning")
    assert speller.is_correct("Kilwinning")
    again = spelling.Speller(resource_path("dictionaries", "en_GB.json.gz"), tmp_path / "dictionary-en-GB.txt")
    assert again.is_correct("Kilwinning") and again.is_correct("kilwinning")
    assert (tmp_path / "dictionary-en-GB.txt").read_text(encoding="utf-8") == "kilwinning\n"


def underlined(editor: QPlainTextEdit) -> list[str]:
    """The words drawn with the spelling underline."""
    words = []
    block = editor.document().begin()
    while block.isValid():
        for fmt in block.layout().formats():
            if fmt.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                words.append(block.text()[fmt.start:fmt.start + fmt.length])
        block = block.next()
    return words


def test_evidence_is_underlined_as_typed_but_not_the_word_being_typed(window, qtbot, example_round, speller):
    window.open_round(example_round.id)
    edit = window.proposal_page.ui.evidenceEdit
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(edit, " The commitee")
    assert "commitee" not in underlined(edit)  # still being typed
    qtbot.keyClicks(edit, " met")
    assert "commitee" in underlined(edit)
    assert all(not speller.is_correct(word) for word in underlined(edit))


def test_add_to_dictionary_from_the_menu_clears_the_underline(window, qtbot, example_round, speller):
    window.open_round(example_round.id)
    edit = window.proposal_page.ui.evidenceEdit
    edit.setPlainText("Kilwinning locality forum met.")
    assert "Kilwinning" in underlined(edit)
    menus = window.proposal_page.spelling.menus
    shown = []
    menu = menus.show_menu(3, edit.mapToGlobal(edit.rect().center()), exec_menu=shown.append)
    texts = [a.text() for a in menu.actions()]
    assert any("Add “Kilwinning” to my dictionary" in t.replace("&", "") for t in texts)
    next(a for a in menu.actions() if a.objectName() == "spellingAdd").trigger()
    assert "Kilwinning" not in underlined(edit)
    assert speller.is_correct("Kilwinning")


def test_action_cells_are_checked_too(window, qtbot, engine, example_round, speller):
    window.open_round(example_round.id)
    page = window.proposal_page
    view = page.ui.actionsView
    view.setFocus()
    view.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit) and editor.property("spelling")
    editor.setPlainText("Review the goverment guidance")
    assert "goverment" in underlined(editor)

    def pick():
        popup = QApplication.activePopupWidget()
        if popup is not None:
            qtbot.keyClick(popup, Qt.Key.Key_Return)

    QTimer.singleShot(150, pick)
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    qtbot.keyClick(editor, Qt.Key.Key_F7)
    assert editor.toPlainText() == "Review the government guidance"
    assert QApplication.focusWidget() is editor  # the cell is still being edited


def test_switching_spelling_off_removes_every_underline(window, qtbot, example_round, speller):
    window.open_round(example_round.id)
    edit = window.proposal_page.ui.evidenceEdit
    edit.setPlainText("The commitee met.")
    assert underlined(edit) == ["commitee"]
    window.ui.actionSpelling.setChecked(False)
    assert underlined(edit) == []
    window.ui.actionSpelling.setChecked(True)
    assert underlined(edit) == ["commitee"]
