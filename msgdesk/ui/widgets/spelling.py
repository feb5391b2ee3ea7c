"""British English spell checking as you type, in the evidence and the action cells.

``pyspellchecker`` (pure Python, MIT, maintained) does the look-ups and suggestions
over SCOWL's en-GB word list (resources/dictionaries/en_GB.json.gz, built by
scripts/make_dictionary.py).  Words the officer adds are kept per user in
``dictionary-en-GB.txt`` in the user data folder, one a line.

Typing stays instant: Qt re-highlights only the paragraph being typed in, each word's
verdict is cached (a 5,000-word evidence text is a few thousand distinct words, each
looked up once), and the word under the cursor is not judged until it is finished.
Suggestions are worked out only when asked for (right-click, the context-menu key,
Shift+F10, or F7 for the next misspelt word).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from msgdesk.paths import resource_path, user_data_dir
from msgdesk.ui.widgets.look import shortcut

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

#: A word: letters, with apostrophes inside ("partnership's", "don't").
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
USER_FILE = "dictionary-en-GB.txt"


def _tr(text: str) -> str:
    return translate("Spelling", text)


class Speller:
    """Is a word spelt right, and what might it be instead?  Qt-free; cached."""

    def __init__(self, words: Path, user_file: Path | None):
        from spellchecker import SpellChecker

        self.checker = SpellChecker(language=None, case_sensitive=False, distance=2)
        self.checker.word_frequency.load_dictionary(str(words))
        self.user_file = user_file
        self.user_words: set[str] = set()
        if user_file is not None and user_file.exists():
            self.user_words = {w.strip().casefold() for w in user_file.read_text(encoding="utf-8").splitlines()
                               if w.strip()}
        self._known: dict[str, bool] = {}
        self._by_length: dict[int, list[str]] | None = None

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
            verdict = form is None or form in self.user_words or form in self.checker
            self._known[word] = verdict
        return verdict

    def suggestions(self, word: str, limit: int = 6) -> list[str]:
        form = (self._checked_form(word) or word).casefold()
        frequency = self.checker.word_frequency
        # edits of one letter first; two only when one finds nothing (it is 500 times the work)
        found = self.checker.known(self.checker.edit_distance_1(form))
        if not found:
            found = self._two_edits_away(form)
        ranked = sorted(found, key=lambda w: (-frequency[w], w))[:limit]
        if word[:1].isupper():
            ranked = [w[:1].upper() + w[1:] for w in ranked]
        return ranked

    def _two_edits_away(self, form: str) -> set[str]:
        """Dictionary words two edits from ``form``.

        pyspellchecker's own search builds every string two edits away (half a million
        for a 13-letter word, 1.5 s); here only words of a near length that share the
        first or the last two letters are measured, with a distance that stops at 3."""
        if self._by_length is None:
            self._by_length = {}
            for word in self.checker.word_frequency.dictionary:
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
_highlighters: list[SpellHighlighter] = []


def speller() -> Speller:
    """The one speller of the app, loaded on first use (about 0.3 s)."""
    global _speller
    if _speller is None:
        _speller = Speller(resource_path("dictionaries", "en_GB.json.gz"), user_data_dir() / USER_FILE)
    return _speller


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
    for highlighter in list(_highlighters):
        try:
            highlighter.rehighlight()
        except RuntimeError:  # its editor is gone
            _highlighters.remove(highlighter)


class SpellHighlighter(QSyntaxHighlighter):
    """Red wavy underline under misspelt words; the word being typed is left alone."""

    def __init__(self, editor: QPlainTextEdit):
        super().__init__(editor.document())
        self.editor = editor
        self.format = QTextCharFormat()
        self.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.format.setUnderlineColor(QColor("#d13438"))
        #: the block where the word at the cursor was left unjudged, else None
        self._skipped_block: int | None = None
        self._typed = False
        _highlighters.append(self)
        editor.document().contentsChange.connect(self._changed)
        editor.cursorPositionChanged.connect(self._cursor_moved)

    def _changed(self, _position: int, _removed: int, added: int) -> None:
        self._typed = added > 0

    def _cursor_moved(self) -> None:
        if self._typed:  # the cursor moved because of typing: the highlight is already right
            self._typed = False
            return
        block_number, self._skipped_block = self._skipped_block, None
        if block_number is not None:
            block = self.editor.document().findBlockByNumber(block_number)
            if block.isValid():
                self.rehighlightBlock(block)  # the word left behind is judged now

    def highlightBlock(self, text: str) -> None:
        if not _enabled or not text:
            return
        check = speller().is_correct
        skip = -1
        cursor = self.editor.textCursor()
        if self.editor.hasFocus() and cursor.blockNumber() == self.currentBlock().blockNumber():
            skip = cursor.positionInBlock()
        for match in WORD.finditer(text):
            if match.end() == skip:
                self._skipped_block = self.currentBlock().blockNumber()
                continue
            if not check(match.group()):
                self.setFormat(match.start(), match.end() - match.start(), self.format)

    def misspelt_at(self, position: int) -> QTextCursor | None:
        """A cursor selecting the misspelt word at document ``position``, or None."""
        block = self.editor.document().findBlock(position)
        offset = position - block.position()
        for match in WORD.finditer(block.text()):
            if match.start() <= offset <= match.end():
                if speller().is_correct(match.group()):
                    return None
                cursor = QTextCursor(block)
                cursor.setPosition(block.position() + match.start())
                cursor.setPosition(block.position() + match.end(), QTextCursor.MoveMode.KeepAnchor)
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
                        cursor = QTextCursor(block)
                        cursor.setPosition(at)
                        cursor.setPosition(block.position() + match.end(), QTextCursor.MoveMode.KeepAnchor)
                        return cursor
                block = block.next()
        return None


class _Menus(QObject):
    """Suggestions at the top of the editor's own context menu."""

    def __init__(self, editor: QPlainTextEdit, highlighter: SpellHighlighter):
        super().__init__(editor)
        self.editor = editor
        self.highlighter = highlighter
        #: the last menu shown (tests read it)
        self.menu: QMenu | None = None

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.ContextMenu:
            position = self.editor.cursorForPosition(event.pos()).position()
            if event.reason() == event.Reason.Keyboard:
                position = self.editor.textCursor().position()
            self.show_menu(position, event.globalPos())
            return True
        return False

    def show_menu(self, position: int, where: QPoint, exec_menu: Callable | None = None) -> QMenu:
        editor = self.editor
        menu = editor.createStandardContextMenu()
        word = self.highlighter.misspelt_at(position) if _enabled else None
        if word is not None:
            text = word.selectedText()
            first = menu.actions()[0] if menu.actions() else None
            options = speller().suggestions(text)
            for suggestion in options:
                action = QAction(suggestion, menu)
                action.setObjectName("spellingSuggestion")
                action.triggered.connect(lambda _c=False, s=suggestion, c=QTextCursor(word): self._replace(c, s))
                menu.insertAction(first, action)
            if not options:
                none = QAction(translate("Spelling", "(no suggestions)"), menu)
                none.setEnabled(False)
                menu.insertAction(first, none)
            add = QAction(translate("Spelling", "&Add “{word}” to my dictionary").format(word=text), menu)
            add.setObjectName("spellingAdd")
            add.triggered.connect(lambda _c=False, w=text: self._add(w))
            menu.insertAction(first, add)
            menu.insertSeparator(first)
            menu.setActiveAction(menu.actions()[0])
        self.menu = menu
        (exec_menu or menu.exec)(where)
        return menu

    def _replace(self, cursor: QTextCursor, suggestion: str) -> None:
        cursor.insertText(suggestion)
        self.editor.setTextCursor(cursor)

    def _add(self, word: str) -> None:
        speller().add(word)
        for highlighter in list(_highlighters):
            try:
                highlighter.rehighlight()
            except RuntimeError:
                _highlighters.remove(highlighter)

    def menu_at_cursor(self) -> None:
        editor = self.editor
        where = editor.viewport().mapToGlobal(editor.cursorRect().bottomLeft())
        self.show_menu(editor.textCursor().position(), where)

    def next_misspelt(self) -> None:
        """F7: select the next misspelt word and offer its suggestions."""
        cursor = self.highlighter.next_misspelt(self.editor.textCursor().selectionEnd())
        if cursor is None:
            return
        self.editor.setTextCursor(cursor)
        where = self.editor.viewport().mapToGlobal(self.editor.cursorRect().bottomLeft())
        self.show_menu(cursor.selectionStart(), where)


def install(editor: QPlainTextEdit) -> SpellHighlighter:
    """Spell-check ``editor`` as it is typed in, with suggestions on the context menu,
    Shift+F10 / the menu key at the text cursor, and F7 for the next misspelt word."""
    highlighter = SpellHighlighter(editor)
    menus = _Menus(editor, highlighter)
    editor.installEventFilter(menus)
    editor.viewport().installEventFilter(menus)
    editor.setProperty("spelling", True)

    shortcut("Shift+F10", editor, menus.menu_at_cursor, Qt.ShortcutContext.WidgetShortcut)
    shortcut(QKeySequence(Qt.Key.Key_F7), editor, menus.next_misspelt, Qt.ShortcutContext.WidgetShortcut)
    highlighter.menus = menus  # type: ignore[attr-defined]
    return highlighter
