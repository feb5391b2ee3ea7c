"""British English spell checking in the evidence and the action cells."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from msgdesk.paths import resource_path
from msgdesk.ui.widgets import spelling


@pytest.fixture
def speller(tmp_path):
    made = spelling.Speller(resource_path("dictionaries", spelling.DICTIONARY), tmp_path / "dictionary-en-GB.txt")
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
    again = spelling.Speller(resource_path("dictionaries", spelling.DICTIONARY), tmp_path / "dictionary-en-GB.txt")
    assert again.is_correct("Kilwinning") and again.is_correct("kilwinning")
    assert (tmp_path / "dictionary-en-GB.txt").read_text(encoding="utf-8") == "kilwinning\n"


def underlined(editor: QPlainTextEdit) -> list[str]:
    """The words the checker underlines (where they are drawn is read from the pixels below)."""
    checker = next(c for c in editor.children() if isinstance(c, spelling.SpellChecker))
    text = editor.toPlainText()
    return [text[start:end] for start, end in checker.spans()]


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
            # Enter once the menu is on screen, as a person would: a key pressed before the window
            # system has shown it leaves the menu's delayed activation to arrive after it has closed,
            # which takes the keyboard away from the cell (the timer can fire before the menu's own
            # events when F7 takes longer than 150 ms on a busy machine)
            qtbot.waitUntil(lambda: popup.windowHandle() is not None and popup.windowHandle().isExposed(),
                            timeout=3000)
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


def test_every_listed_word_is_found_by_the_binary_search_and_nothing_between(speller):
    lines = resource_path("dictionaries", spelling.DICTIONARY).read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines, key=lambda line: line.partition("\t")[0])
    for line in lines[::97] + lines[:50] + lines[-50:]:  # every 97th, and both ends
        word, _tab, weight = line.partition("\t")
        assert speller.weight(word) == (int(weight) if weight else spelling.RARE), word
        assert speller.weight(word + "qx") == 0 and speller.weight(word[:-1] + "\u00ff") == 0
    assert speller.weight("") == 0 and speller.weight("zzzzzzzzz") == 0 and speller.weight("\u0000") == 0


def misspelt_by_a_fresh_check(editor: QPlainTextEdit) -> list[str]:
    words = []
    block = editor.document().begin()
    while block.isValid():
        words += [m.group() for m in spelling.WORD.finditer(block.text())
                  if not spelling.speller().is_correct(m.group())]
        block = block.next()
    return words


@pytest.mark.parametrize("seed", range(6))
def test_checking_only_around_each_edit_underlines_what_a_full_check_does(qtbot, speller, seed):
    """Random typing, deleting, pasting (with new paragraphs) and replacing, anywhere: after
    each edit the underlines are exactly the misspelt words of a check from scratch."""
    import random

    rng = random.Random(seed)
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    spelling.install(editor)
    vocabulary = ["the", "commitee", "met", "goverment", "partnership", "recieved", "locality", "IJB", " ", ".",
                  "\n", "don't", "organisation", "x", "’s"]
    editor.setPlainText(" ".join(rng.choice(vocabulary) for _ in range(300)))
    for _step in range(120):
        cursor = editor.textCursor()
        length = len(editor.toPlainText())
        at = rng.randrange(length + 1)
        cursor.setPosition(at)
        kind = rng.random()
        if kind < 0.3 and at < length:  # delete a few characters
            cursor.setPosition(min(length, at + rng.randint(1, 8)), QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        elif kind < 0.45:  # paste several words, maybe with paragraphs
            cursor.insertText(" ".join(rng.choice(vocabulary) for _ in range(rng.randint(2, 12))))
        else:  # type one character
            cursor.insertText(rng.choice("abcdefghijklmnopqrstuvwxyz .'\n"))
        assert sorted(underlined(editor)) == sorted(misspelt_by_a_fresh_check(editor))


def test_the_word_list_is_loaded_after_the_first_paint_then_checked(qtbot, tmp_path, monkeypatch):
    """With no word list loaded, the editor shows at once without underlines; the list is
    read when the event loop is next free, and the misspelt words are underlined then."""
    monkeypatch.setattr("msgdesk.paths.user_data_dir", lambda: tmp_path)
    spelling.reset_speller(None)
    try:
        editor = QPlainTextEdit()
        qtbot.addWidget(editor)
        spelling.install(editor)
        editor.setPlainText("The commitee met.")
        assert underlined(editor) == []  # not yet: nothing was read before the paint
        qtbot.waitUntil(lambda: underlined(editor) == ["commitee"], timeout=3000)
    finally:
        spelling.reset_speller(None)


# --- what is drawn: the underlines read back from the pixels ----------------------------------------------

#: the underline's colour (#d13438) blended into white, as anti-aliasing leaves it; text is grey or black
def _is_wave(pixel: int) -> bool:
    red, green, blue = (pixel >> 16) & 0xFF, (pixel >> 8) & 0xFF, pixel & 0xFF
    return red > 150 and red - green > 40 and red - blue > 40


def drawn(editor: QPlainTextEdit, scale: float):
    """The editor's viewport painted into an image at ``scale`` (1.5: a display at 150%)."""
    from PySide6.QtGui import QColor, QImage

    viewport = editor.viewport()
    image = QImage(int(viewport.width() * scale), int(viewport.height() * scale), QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor("white"))
    viewport.render(image)
    return image


def wave_pixels(image) -> set[tuple[int, int]]:
    return {(x, y) for y in range(image.height()) for x in range(image.width()) if _is_wave(image.pixel(x, y))}


def word_boxes(editor: QPlainTextEdit, scale: float) -> list[tuple[str, int, int, int, bool]]:
    """Each underlined word: (word, left, right, its line's bottom, whether its underline is
    wholly in view) in image pixels."""
    boxes = []
    text = editor.toPlainText()
    for start, end in next(c for c in editor.children() if isinstance(c, spelling.SpellChecker)).spans():
        cursor = QTextCursor(editor.document())
        cursor.setPosition(start)
        left = editor.cursorRect(cursor)
        cursor.setPosition(end)
        right = editor.cursorRect(cursor)
        assert left.top() == right.top()  # no word wraps in these texts
        in_view = left.top() >= 0 and left.bottom() + 4 <= editor.viewport().height()
        boxes.append((text[start:end], int(left.left() * scale), int(right.left() * scale),
                      int(left.bottom() * scale), in_view))
    return boxes


def assert_underlines_under_the_misspelt_words(editor: QPlainTextEdit, scale: float) -> int:
    """Every misspelt word in view has the wave under it, along its width, and there is none elsewhere."""
    image = drawn(editor, scale)
    waves = wave_pixels(image)
    boxes = word_boxes(editor, scale)
    line = max(2, int(6 * scale))
    in_view = [box for box in boxes if box[4]]
    for word, left, right, bottom, _whole in in_view:
        columns = sorted({x for x, y in waves if left - 1 <= x <= right + 1 and bottom - line <= y <= bottom + line})
        # the wave's crests are a few pixels apart: no gap longer than that from one end to the other
        reach = int(5 * scale)
        assert columns and columns[0] <= left + reach and columns[-1] >= right - reach, f"{word!r}: {columns}"
        assert max(b - a for a, b in zip(columns, columns[1:], strict=False)) <= reach, f"{word!r}: {columns}"
    stray = {(x, y) for x, y in waves
             if not any(left - 2 <= x <= right + 2 and bottom - line <= y <= bottom + line
                        for _w, left, right, bottom, _whole in boxes)}
    assert not stray, f"{len(stray)} underline pixels away from any misspelt word, e.g. {sorted(stray)[:3]}"
    return len(in_view)


LONG = " ".join(["The partnership's locality forums recieved the strategic plan and the commitee agreed "
                 "the goverment guidance on delegated budgets and carers' engagement."] * 120)


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_the_underline_is_drawn_under_each_misspelt_word_and_nowhere_else(qtbot, speller, scale):
    """A long paragraph (one of 2,000 words): at the top, after typing, after undo and scrolled."""
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.resize(700, 300)
    spelling.install(editor)
    editor.setPlainText(LONG)
    editor.show()
    qtbot.waitExposed(editor)
    editor.setFocus()
    assert assert_underlines_under_the_misspelt_words(editor, scale) >= 3
    # typing in view: the new misspelt word is underlined once it is finished, in its place,
    # and the words after it on the paragraph (shifted along) still have theirs under them
    cursor = editor.cursorForPosition(editor.viewport().rect().center())
    editor.setTextCursor(cursor)
    editor.moveCursor(QTextCursor.MoveOperation.StartOfWord)
    qtbot.keyClicks(editor, "acommodation ")
    qtbot.wait(10)
    assert "acommodation" in underlined(editor)
    assert assert_underlines_under_the_misspelt_words(editor, scale) >= 4
    # undo takes the word and its underline away; the underlines are not on the undo stack
    while "acommodation" in editor.toPlainText():
        editor.undo()
    qtbot.wait(10)
    assert editor.toPlainText() == LONG
    assert "acommodation" not in underlined(editor)
    assert assert_underlines_under_the_misspelt_words(editor, scale) >= 3
    # scrolled to the middle and to the end
    for value in (editor.verticalScrollBar().maximum() // 2, editor.verticalScrollBar().maximum()):
        editor.verticalScrollBar().setValue(value)
        qtbot.wait(10)
        assert assert_underlines_under_the_misspelt_words(editor, scale) >= 3


def test_the_underline_looks_as_qt_draws_a_spelling_format(qtbot, speller):
    """The same pixels as Qt's own SpellCheckUnderline format on the same words (what the
    checker drew before, as a QSyntaxHighlighter): colour, wave, width and place."""
    from PySide6.QtGui import QColor, QSyntaxHighlighter

    text = "The commitee met.\nThe goverment recieved it, and the partnrship agreed."

    class Formats(QSyntaxHighlighter):
        def highlightBlock(self, block_text):
            underline = QTextCharFormat()
            underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
            underline.setUnderlineColor(QColor("#d13438"))
            for match in spelling.WORD.finditer(block_text):
                if not speller.is_correct(match.group()):
                    self.setFormat(match.start(), match.end() - match.start(), underline)

    ours, theirs = QPlainTextEdit(), QPlainTextEdit()
    for editor in (ours, theirs):
        qtbot.addWidget(editor)
        editor.resize(500, 200)
        editor.setPlainText(text)
        editor.show()
    spelling.install(ours)
    Formats(theirs.document()).rehighlight()
    qtbot.waitExposed(theirs)
    for scale in (1.0, 1.5):
        mine, qt = wave_pixels(drawn(ours, scale)), wave_pixels(drawn(theirs, scale))
        assert len(qt) > 40
        assert mine == qt
