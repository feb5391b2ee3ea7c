"""British English spell checking as you type, in the evidence and the action cells.

The word list is SCOWL's en-GB (resources/dictionaries/en_GB.txt, built by
scripts/make_dictionary.py): one word a line, sorted, with its weight.  It is read as
one string and words are looked up by binary search in it, so loading costs a file read
(about a millisecond) and nothing is parsed or indexed; it is loaded just after the
window's first paint (underlines appear then; nothing moves).  Words the officer adds
are kept per user in ``dictionary-en-GB.txt`` in the user data folder, one a line.

Typing stays instant: only the words touching an edit are looked at again, and the
underlines are drawn over the text (the editor's extra selections) rather than set as
formats on its paragraphs, so Qt lays out a paragraph once per keystroke however long it
is (see SpellChecker); each word's verdict is cached, and the word under the cursor is
not judged until it is finished.  Suggestions are worked out only
when asked for (right-click, the context-menu key, Shift+F10, or F7 for the next
misspelt word).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPlainTextEdit
from shiboken6 import isValid

from msgdesk.paths import resource_path, user_data_dir
from msgdesk.ui.widgets.look import shortcut

# Made at the first underline drawn (_underline, _word_layout, SpellChecker._paint), at the first
# menu (_Menus.show_menu); QTextCursor is used through its module (QtGui.QTextCursor), so PySide6
# builds it, with its enums, as the first word is judged (after the first paint), not at import.
if TYPE_CHECKING:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFont, QPaintEvent, QTextCharFormat, QTextCursor, QTextLayout
    from PySide6.QtWidgets import QMenu

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

#: A word: letters, with apostrophes inside ("partnership's", "don't").
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
USER_FILE = "dictionary-en-GB.txt"
DICTIONARY = "en_GB.txt"
#: the weight of a word written without one (SCOWL's large list: rare words)
RARE = 10


def _tr(text: str) -> str:
    return translate("Spelling", text)


class Speller:
    """Is a word spelt right, and what might it be instead?  Qt-free; cached."""

    def __init__(self, words: Path, user_file: Path | None):
        # "\n" before the first line and after the last, so every line is "\n…\n"
        self._text = "\n" + words.read_text(encoding="utf-8").strip("\n") + "\n"
        self.user_file = user_file
        self.user_words: set[str] = set()
        if user_file is not None and user_file.exists():
            self.user_words = {w.strip().casefold() for w in user_file.read_text(encoding="utf-8").splitlines()
                               if w.strip()}
        self._known: dict[str, bool] = {}
        self._by_length: dict[int, list[str]] | None = None
        self._letters: str | None = None

    def weight(self, form: str) -> int:
        """How common ``form`` (casefolded) is: 1000, 100 or 10; 0 if it is not in the list.

        A binary search over the sorted lines of the one string: about 17 steps, each a
        ``rfind``/``find`` for the line's ends, so no set of 130,000 words is built."""
        text = self._text
        lo, hi = 0, len(text) - 1  # both on a "\n"
        while lo < hi:
            mid = (lo + hi) // 2
            start = text.rfind("\n", 0, mid + 1)
            end = text.find("\n", start + 1)
            if end < 0 or end > hi:
                hi = start
                continue
            key, tab, weight = text[start + 1:end].partition("\t")
            if key == form:
                return int(weight) if tab else RARE
            if key < form:
                lo = end
            else:
                hi = start
        return 0

    def __contains__(self, form: str) -> bool:
        return self.weight(form) > 0

    def words(self) -> list[str]:
        """Every word of the list (built only for suggestions that need it)."""
        return [line.partition("\t")[0] for line in self._text.split("\n") if line]

    @staticmethod
    def _checked_form(word: str) -> str | None:
        """The form looked up, or None for words never flagged: acronyms (IJB, HSCP),
        single letters, and words written with capitals inside (eHealth, McDonald)."""
        if len(word) < 2 or word.isupper() or any(c.isupper() for c in word[1:]):
            return None
        word = word.replace("’", "'")
        if word.endswith("'s") or word.endswith("s'"):
            word = word[:-2] if word.endswith("'s") else word[:-1]
        return word.casefold()

    def is_correct(self, word: str) -> bool:
        verdict = self._known.get(word)
        if verdict is None:
            form = self._checked_form(word)
            verdict = form is None or form in self.user_words or self.weight(form) > 0
            self._known[word] = verdict
        return verdict

    def suggestions(self, word: str, limit: int = 6) -> list[str]:
        form = (self._checked_form(word) or word).casefold()
        # edits of one letter first; two only when one finds nothing (it is 500 times the work)
        weights = {w: self.weight(w) for w in self._one_edit_away(form)}
        found = {w for w, weight in weights.items() if weight}
        if not found:
            found = self._two_edits_away(form)
            weights = {w: self.weight(w) for w in found}
        ranked = sorted(found, key=lambda w: (-weights[w], w))[:limit]
        if word[:1].isupper():
            ranked = [w[:1].upper() + w[1:] for w in ranked]
        return ranked

    def _one_edit_away(self, form: str) -> set[str]:
        """Every string one deletion, transposition, replacement or insertion from ``form``,
        over the letters the word list uses (as pyspellchecker's ``edit_distance_1``)."""
        if self._letters is None:
            self._letters = "".join(sorted(set(self._text) - set("\n\t0123456789")))
        letters = self._letters
        splits = [(form[:i], form[i:]) for i in range(len(form) + 1)]
        deletes = [a + b[1:] for a, b in splits if b]
        transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
        replaces = [a + c + b[1:] for a, b in splits if b for c in letters]
        inserts = [a + c + b for a, b in splits for c in letters]
        return set(deletes + transposes + replaces + inserts)

    def _two_edits_away(self, form: str) -> set[str]:
        """Dictionary words two edits from ``form``.

        Building every string two edits away is half a million for a 13-letter word
        (1.5 s); here only words of a near length that share the first or the last two
        letters are measured, with a distance that stops at 3."""
        if self._by_length is None:
            self._by_length = {}
            for word in self.words():
                self._by_length.setdefault(len(word), []).append(word)
        found = set()
        for length in range(len(form) - 2, len(form) + 3):
            for word in self._by_length.get(length, ()):
                if (word[0] == form[0] or word[-2:] == form[-2:]) and _within_two(form, word):
                    found.add(word)
        return found

    def add(self, word: str) -> None:
        """Add ``word`` to the user's own dictionary (kept in the user's data folder)."""
        form = self._checked_form(word) or word.casefold()
        if form in self.user_words:
            return
        self.user_words.add(form)
        self._known = {w: v for w, v in self._known.items() if v}
        if self.user_file is not None:
            self.user_file.parent.mkdir(parents=True, exist_ok=True)
            with self.user_file.open("a", encoding="utf-8") as fh:
                fh.write(form + "\n")


def _within_two(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance of ``a`` and ``b`` is at most 2 (stops early past it)."""
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > 2:
            return False
        previous2, previous = previous, current
    return previous[-1] <= 2


_speller: Speller | None = None
_enabled = True
_checkers: list[SpellChecker] = []
_load_pending = False
#: set by the window's start-up: the first editor's request waits for release_loading()
_held = False
#: The editors whose viewport is not yet watched, with the filters to put on it (in order):
#: those made while the word list is held, before the first paint (see _watch_viewport).
_unwatched: list[tuple[QPlainTextEdit, tuple[QObject, ...]]] = []


def speller() -> Speller:
    """The one speller of the app, loaded on first use (a file read, about a millisecond)."""
    global _speller
    if _speller is None:
        _speller = Speller(resource_path("dictionaries", DICTIONARY), user_data_dir() / USER_FILE)
    return _speller


def _speller_when_loaded() -> Speller | None:
    """The speller if it is loaded; else None, and it is loaded as soon as the event loop
    is free (after the window's first paint), and every editor is checked then."""
    global _load_pending
    if _speller is None and not _load_pending:
        _load_pending = True
        if not _held:
            QTimer.singleShot(0, _load_and_check)
    return _speller


def word_list_loaded() -> bool:
    """Whether the word list has been read (start-up reads it after the first paint)."""
    return _speller is not None


def hold_loading() -> None:
    """Start-up: the first editor's request for the word list waits for release_loading().
    A zero timer posted while the window is built runs before its first paint."""
    global _held
    _held = True


def release_loading() -> None:
    """Load the word list now if an editor asked for it while held (after the first paint),
    and watch the viewports of the editors made meanwhile."""
    global _held
    _held = False
    waiting = list(_unwatched)
    _unwatched.clear()
    for editor, filters in waiting:
        if isValid(editor):  # not deleted with its page since
            _watch_viewport(editor, *filters)
    if _load_pending and _speller is None:
        _load_and_check()


def _watch_viewport(editor: QPlainTextEdit, *filters: QObject) -> None:
    """Put ``filters`` on ``editor``'s viewport (its paint: the underlines; its right-click:
    the suggestions), at once, or while the word list is held (start-up, before the first
    paint) when it is released.

    The viewport is a widget Qt made, so PySide6 has no wrapper for it: making one the first
    time makes it discover the widget's type, building every QWidget class (~67 classes with
    their enums, 21-25 ms, once).  Before the word list is read there is nothing to underline
    and nothing to suggest (the editor's own menu is the same), so the first frame need not pay
    for it; after the first paint the window's guards (main_window.install_guards) have already
    paid it."""
    if _held:
        _unwatched.append((editor, filters))
        return
    viewport = editor.viewport()
    for watcher in filters:
        viewport.installEventFilter(watcher)


def _load_and_check() -> None:
    global _load_pending
    speller()
    _load_pending = False
    _check_all_editors()


def _check_all_editors() -> None:
    for checker in list(_checkers):
        try:
            checker.check_all()
        except RuntimeError:  # its editor is gone
            _checkers.remove(checker)


def reset_speller(instance: Speller | None = None) -> None:
    """Use ``instance`` (or load afresh on next use): tests and a changed user folder."""
    global _speller
    _speller = instance


def enabled() -> bool:
    return _enabled


def set_enabled(on: bool) -> None:
    """Edit → Check spelling as you type."""
    global _enabled
    _enabled = on
    _check_all_editors()


_underline_format: QTextCharFormat | None = None


def _underline() -> QTextCharFormat:
    """The underline, one for every box, made when the first misspelt word is marked: the
    word list is read after the window's first frame, which needs none of QTextCharFormat's enums."""
    global _underline_format
    if _underline_format is None:
        # at the first underline: importing QTextCharFormat makes PySide6 build its and QTextFormat's 7 enums
        from PySide6.QtGui import QTextCharFormat

        underline = QTextCharFormat()
        underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        underline.setUnderlineColor(QColor("#d13438"))
        _underline_format = underline
    return _underline_format


def _word_layout(word: str, font: QFont) -> tuple[QTextLayout, float]:
    """``word`` laid out alone, drawn as its spelling underline only (a transparent pen),
    and the height of its line above the baseline."""
    # why here: made at the first underline drawn (QTextLayout's and QTextCharFormat's enums)
    from PySide6.QtGui import QTextCharFormat, QTextLayout

    underline = QTextCharFormat(_underline())
    underline.setForeground(QColor(0, 0, 0, 0))
    whole = QTextLayout.FormatRange()
    whole.start, whole.length, whole.format = 0, len(word), underline
    layout = QTextLayout(word, font)
    layout.setCacheEnabled(True)  # keep its glyphs: else each paint shapes the word again
    layout.setFormats([whole])
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e6)
    layout.endLayout()
    return layout, line.ascent()


def _is_word_character(character: str) -> bool:
    return character.isalpha() or character in "'’"


def _word_edge_before(text: str, at: int) -> int:
    """Where the word touching ``at`` starts (``at`` itself if no word does)."""
    while at > 0 and _is_word_character(text[at - 1]):
        at -= 1
    return at


def _word_edge_after(text: str, at: int) -> int:
    """Where the word touching ``at`` ends."""
    while at < len(text) and _is_word_character(text[at]):
        at += 1
    return at


class SpellChecker(QObject):
    """Red wavy underline under misspelt words; the word being typed is left alone.

    The misspelt words are kept as live QTextCursors (QTextDocument shifts them as the text
    around them changes) and their underlines are painted over the editor's own painting
    of its viewport, for the words in view only.  Not formats on the paragraphs (the
    QSyntaxHighlighter this was): Qt does not lay a paragraph out twice for them while
    typing, but it itemises and shapes it in one piece per format range, and the
    highlighter refills and compares a format per character of the paragraph at every key.
    In one 5,000-word paragraph with 400 misspelt words that was 12.6 M instructions a key
    more than with no checker (key and repaint: 9% of Qt's own 138 M); judging and painting
    the words in view is 3.8 M (2.8%, callgrind).  In paragraphs of 100 words it is 2.4 M
    against the highlighter's 0.5 M (of Qt's 18 M; ~0.3 ms): the underlines in view are
    drawn at every repaint, in Python.  Nor the editor's extra selections: Qt redraws
    every line in view once per selection in the paragraph (70 ms a paint for that
    paragraph).  The undo stack never sees the underlines.

    After an edit only the words touching it are judged again, read from the document
    character by character, so a keystroke costs the same in a paragraph of 100 words as
    in one of 10,000."""

    def __init__(self, editor: QPlainTextEdit):
        super().__init__(editor)
        self.editor = editor
        #: the misspelt words, in the order of the text: cursors selecting each
        self._marks: list[QTextCursor] = []
        #: the end of a misspelt word left unjudged because it was being typed, else None
        self._pending: QTextCursor | None = None
        self._typed = False
        #: the stretch whose underlines changed during an edit: repainted once Qt has laid it out
        self._unpainted: tuple[int, int] | None = None
        #: per misspelt word drawn, its QTextLayout and its ascent (see _paint), in the font of _drawn_font
        self._drawn: dict[str, tuple[QTextLayout, float]] = {}
        self._drawn_font = ""
        #: per misspelt word drawn, by (paragraph's position, its revision, the word's offset in it),
        #: its x, its line's top and its baseline in the paragraph; for _places_for's font and width
        self._places: dict[tuple[int, int, int], tuple[float, float, float]] = {}
        self._places_for: tuple[str, int] = ("", 0)
        _checkers.append(self)
        editor.document().contentsChange.connect(self._changed)
        editor.document().contentsChanged.connect(self._repaint_changed)
        editor.cursorPositionChanged.connect(self._cursor_moved)
        self.check_all()

    def spans(self) -> list[tuple[int, int]]:
        """The underlined words as (start, end) document positions (tests and the benchmark)."""
        return [(mark.selectionStart(), mark.selectionEnd()) for mark in self._marks]

    def check_all(self) -> None:
        """Judge every word again (the word list came in, the setting or the user's words changed)."""
        self._pending = None
        had = bool(self._marks)
        self._marks = []
        document = self.editor.document()
        if _enabled and not document.isEmpty() and _speller_when_loaded() is not None:
            self._check(0, document.characterCount() - 1)
        if had or self._marks:
            self.editor.viewport().update()

    def _changed(self, position: int, removed: int, added: int) -> None:
        self._typed = added > 0
        if not _enabled or _speller_when_loaded() is None:
            return  # the word list comes in just after the first paint: check_all() then
        last = self.editor.document().characterCount() - 1  # the final paragraph separator is not text
        start = max(0, min(position, last))
        end = max(start, min(position + added, last))
        stretch = self._check(start, end)
        if stretch is not None:
            # repainted after Qt has laid the edit out (its places are not known before)
            self._unpainted = stretch

    def _repaint_changed(self) -> None:
        """After an edit has been laid out (QTextDocument.contentsChanged comes after)."""
        if self._unpainted is not None:
            start, end = self._unpainted
            self._unpainted = None
            self._repaint(start, end)

    def _repaint(self, start: int, end: int) -> None:
        """Repaint the paragraphs from document ``start`` to ``end`` (if in view)."""
        editor = self.editor
        document = editor.document()
        offset = editor.contentOffset()
        top = editor.blockBoundingGeometry(document.findBlock(start)).translated(offset)
        bottom = editor.blockBoundingGeometry(document.findBlock(end)).translated(offset)
        viewport = editor.viewport()
        viewport.update(0, int(top.top()) - 1, viewport.width(), int(bottom.bottom() - top.top()) + 3)

    def _cursor_moved(self) -> None:
        if self._typed:  # the cursor moved because of typing: the underlines are already right
            self._typed = False
            return
        pending, self._pending = self._pending, None
        if pending is not None and _enabled and _speller is not None:
            at = pending.position()
            stretch = self._check(at, at)  # the word left behind is judged now
            if stretch is not None:
                self._repaint(*stretch)

    def _check(self, start: int, end: int) -> tuple[int, int] | None:
        """Judge again the words from ``start`` to ``end`` (document positions, widened to
        the words touching them); the stretch judged if an underline came or went, else None."""
        document = self.editor.document()
        character = document.characterAt
        last = document.characterCount() - 1
        while start > 0 and _is_word_character(character(start - 1)):
            start -= 1
        while end < last and _is_word_character(character(end)):
            end += 1
        marks = self._marks
        # the underlines touching the stretch (or emptied by a deletion in it) go; sorted by place
        first = bisect_left(marks, start, key=QtGui.QTextCursor.selectionEnd)
        stop = first
        while stop < len(marks) and marks[stop].selectionStart() <= end:
            stop += 1
        found: list[QTextCursor] = []
        if end - start > 64:  # pasted or opened: one read (the stretch's own length)
            reader = QtGui.QTextCursor(document)
            reader.setPosition(start)
            reader.setPosition(end, QtGui.QTextCursor.MoveMode.KeepAnchor)
            text = reader.selectedText()  # paragraphs end in U+2029, which is no letter
        else:
            # typed: a word or two read character by character; the paragraph's text, or a
            # cursor over the stretch (it finds its x on the line), costs more in a long paragraph
            text = "".join([character(at) for at in range(start, end)])
        skip: int | None = None
        words = speller()
        for match in WORD.finditer(text):
            if words.is_correct(match.group()):
                continue
            if skip is None:
                skip = self.editor.textCursor().position() if self.editor.hasFocus() else -1
            if start + match.end() == skip:  # being typed: judged when the cursor leaves it
                self._pending = QtGui.QTextCursor(document)
                self._pending.setPosition(skip)
                continue
            mark = QtGui.QTextCursor(document)
            mark.setPosition(start + match.start())
            mark.setPosition(start + match.end(), QtGui.QTextCursor.MoveMode.KeepAnchor)
            found.append(mark)
        if stop == first and not found:
            return None
        marks[first:stop] = found
        return start, end

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The viewport's paint: the editor's own first, then the underlines in view over it."""
        if event.type() == QEvent.Type.Paint and self._marks and _enabled:
            paint = cast("QPaintEvent", event)  # a Paint event is a QPaintEvent
            # placed before the editor paints: finding a word's x shapes its line's text, which
            # the editor's drawing then finds done (after it, Qt has let the glyphs go again)
            underlines = self._underlines(paint.rect())
            self.editor.paintEvent(paint)
            if underlines:
                self._paint(underlines)
            return True
        return False

    def _underlines(self, area: QRect) -> list[tuple[QTextLayout, QPointF]]:
        """The misspelt words in ``area`` of the viewport, each as what draws its underline
        and where: each word's wave is drawn by Qt itself, as it would be for a format in the
        paragraph, from a QTextLayout of the word alone with the spelling underline and a
        transparent pen, put where the word is on its line (the same font and text give the
        same width)."""
        editor = self.editor
        font = editor.document().defaultFont()
        if font.key() != self._drawn_font:
            self._drawn, self._drawn_font = {}, font.key()
        # the words' places on their paragraphs hold while the paragraph, the font and the width do
        laid_out_for = (self._drawn_font, editor.viewport().width())
        places = self._places
        if laid_out_for != self._places_for or len(places) > 4096:
            places.clear()
            self._places_for = laid_out_for
        marks = self._marks
        offset = editor.contentOffset()
        underlines: list[tuple[QTextLayout, QPointF]] = []
        bottom = area.bottom()
        # the first paragraph reaching into the area, and in it the first line (a binary
        # search: a 5,000-word paragraph has ~600 lines); from there it is the misspelt words
        # that are walked, so paragraphs with none cost nothing
        block = editor.firstVisibleBlock()
        while block.isValid():
            box = editor.blockBoundingGeometry(block).translated(offset)
            if box.top() > bottom:
                return underlines
            if box.bottom() >= area.top() and block.isVisible() and block.layout().lineCount():
                break
            block = block.next()
        else:
            return underlines
        layout = block.layout()
        low, high = 0, layout.lineCount() - 1
        while low < high:
            middle = (low + high) // 2
            line = layout.lineAt(middle)
            if box.top() + line.y() + line.height() < area.top():
                low = middle + 1
            else:
                high = middle
        here = block.position()
        index = bisect_left(marks, here + layout.lineAt(low).textStart(), key=QtGui.QTextCursor.selectionEnd)
        after = here + block.length()
        top, left, revision, shown = box.top(), box.left(), block.revision(), True
        document = editor.document()
        while index < len(marks):
            mark = marks[index]
            index += 1
            start = mark.selectionStart()
            if start >= after:  # the next paragraph with a misspelt word
                block = document.findBlock(start)
                box = editor.blockBoundingGeometry(block).translated(offset)
                top, left = box.top(), box.left()
                if top > bottom:
                    break
                layout, here, revision = block.layout(), block.position(), block.revision()
                after, shown = here + block.length(), block.isVisible()
            if not shown:
                continue
            start -= here
            place = places.get((here, revision, start))
            if place is None:
                line = layout.lineForTextPosition(start)
                if not line.isValid():
                    continue
                # a word's x costs Qt a walk along its line (and the paragraph's character
                # properties after an edit): kept, a paint of unchanged paragraphs is cheap
                x = cast("tuple[float, int]", line.cursorToX(start))[0]  # PySide6: (x, position)
                place = places[here, revision, start] = (x, line.y(), line.y() + line.ascent())
            if top + place[1] > bottom:
                break
            text = mark.selectedText()  # the word alone (the paragraph's text may be 40,000 characters)
            drawn = self._drawn.get(text)
            if drawn is None:
                drawn = self._drawn[text] = _word_layout(text, font)
            underlines.append((drawn[0], QPointF(left + place[0], top + place[2] - drawn[1])))
        return underlines

    def _paint(self, underlines: list[tuple[QTextLayout, QPointF]]) -> None:
        # why here: QPainter's enums are built at the first underline drawn, after the first paint
        from PySide6.QtGui import QPainter

        painter = QPainter(self.editor.viewport())
        for layout, where in underlines:
            layout.draw(painter, where)
        painter.end()

    def misspelt_at(self, position: int) -> QTextCursor | None:
        """A cursor selecting the misspelt word at document ``position``, or None."""
        block = self.editor.document().findBlock(position)
        offset = position - block.position()
        for match in WORD.finditer(block.text()):
            if match.start() <= offset <= match.end():
                if speller().is_correct(match.group()):
                    return None
                cursor = QtGui.QTextCursor(block)
                cursor.setPosition(block.position() + match.start())
                cursor.setPosition(block.position() + match.end(), QtGui.QTextCursor.MoveMode.KeepAnchor)
                return cursor
        return None

    def next_misspelt(self, after: int) -> QTextCursor | None:
        """The first misspelt word after document position ``after`` (wrapping round)."""
        document = self.editor.document()
        check = speller().is_correct
        for start in (after, 0):
            block = document.findBlock(start)
            while block.isValid():
                for match in WORD.finditer(block.text()):
                    at = block.position() + match.start()
                    if at >= start and not check(match.group()):
                        cursor = QtGui.QTextCursor(block)
                        cursor.setPosition(at)
                        cursor.setPosition(block.position() + match.end(), QtGui.QTextCursor.MoveMode.KeepAnchor)
                        return cursor
                block = block.next()
        return None


class _Menus(QObject):
    """Suggestions at the top of the editor's own context menu."""

    def __init__(self, editor: QPlainTextEdit, checker: SpellChecker):
        super().__init__(editor)
        self.editor = editor
        self.checker = checker
        #: the last menu shown (tests read it)
        self.menu: QMenu | None = None
        self._keys_made = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.FocusIn and not self._keys_made:
            self.make_keys()
        if event.type() == QEvent.Type.ContextMenu:
            position = self.editor.cursorForPosition(event.pos()).position()
            if event.reason() == event.Reason.Keyboard:
                position = self.editor.textCursor().position()
            self.show_menu(position, event.globalPos())
            return True
        return False

    def show_menu(self, position: int, where: QPoint, exec_menu: Callable | None = None) -> QMenu:
        # why: the menu's action class is built with the first menu, not with the first page
        from PySide6.QtGui import QAction

        editor = self.editor
        menu = editor.createStandardContextMenu()
        word = self.checker.misspelt_at(position) if _enabled else None
        if word is not None:
            text = word.selectedText()
            first = menu.actions()[0] if menu.actions() else None

            def put(action: QAction) -> None:  # above the editor's own entries, if it has any
                if first is None:
                    menu.addAction(action)
                else:
                    menu.insertAction(first, action)

            options = speller().suggestions(text)
            for suggestion in options:
                action = QAction(suggestion, menu)
                action.setObjectName("spellingSuggestion")
                action.triggered.connect(lambda _c=False, s=suggestion, c=QtGui.QTextCursor(word): self._replace(c, s))
                put(action)
            if not options:
                none = QAction(translate("Spelling", "(no suggestions)"), menu)
                none.setEnabled(False)
                put(none)
            add = QAction(translate("Spelling", "&Add “{word}” to my dictionary").format(word=text), menu)
            add.setObjectName("spellingAdd")
            add.triggered.connect(lambda _c=False, w=text: self._add(w))
            put(add)
            if first is None:
                menu.addSeparator()
            else:
                menu.insertSeparator(first)
            menu.setActiveAction(menu.actions()[0])
        self.menu = menu
        (exec_menu or menu.exec)(where)
        return menu

    def make_keys(self) -> None:
        """Shift+F10 (the suggestions at the text cursor) and F7 (the next misspelt word), made
        as the editor first gets the keyboard: they act only while it has it (a widget
        shortcut), and made with the editor they built QShortcut, QKeySequence and ``Qt``'s
        enums before the first frame (the evidence box is made with the first page)."""
        # why: Qt's enums and the shortcut classes are built with the first shortcut, not at import
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence

        self._keys_made = True
        editor = self.editor
        shortcut("Shift+F10", editor, self.menu_at_cursor, Qt.ShortcutContext.WidgetShortcut)
        shortcut(QKeySequence(Qt.Key.Key_F7), editor, self.next_misspelt, Qt.ShortcutContext.WidgetShortcut)

    def _replace(self, cursor: QTextCursor, suggestion: str) -> None:
        cursor.insertText(suggestion)
        self.editor.setTextCursor(cursor)

    def _add(self, word: str) -> None:
        speller().add(word)
        _check_all_editors()

    def menu_at_cursor(self) -> None:
        editor = self.editor
        where = editor.viewport().mapToGlobal(editor.cursorRect().bottomLeft())
        self.show_menu(editor.textCursor().position(), where)

    def next_misspelt(self) -> None:
        """F7: select the next misspelt word and offer its suggestions."""
        cursor = self.checker.next_misspelt(self.editor.textCursor().selectionEnd())
        if cursor is None:
            return
        self.editor.setTextCursor(cursor)
        where = self.editor.viewport().mapToGlobal(self.editor.cursorRect().bottomLeft())
        self.show_menu(cursor.selectionStart(), where)


def install(editor: QPlainTextEdit) -> SpellChecker:
    """Spell-check ``editor`` as it is typed in, with suggestions on the context menu,
    Shift+F10 / the menu key at the text cursor, and F7 for the next misspelt word."""
    checker = SpellChecker(editor)
    menus = _Menus(editor, checker)
    editor.installEventFilter(menus)  # its keyboard menu; its first focus makes the keys (make_keys)
    _watch_viewport(editor, checker, menus)  # the underlines, the right-click menu
    editor.setProperty("spelling", True)
    if editor.hasFocus():  # it has the keyboard already: no focus-in is coming
        menus.make_keys()
    checker.menus = menus  # type: ignore[attr-defined]
    return checker
