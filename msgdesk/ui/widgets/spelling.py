"""British English spell checking as you type, in the evidence and the action cells.

The word list is SCOWL's en-GB (resources/dictionaries/en_GB.txt, built by
scripts/make_dictionary.py): one word a line, sorted, with its weight.  It is read as
one string and words are looked up by binary search in it, so loading costs a file read
(about a millisecond) and nothing is parsed or indexed; it is loaded just after the
window's first paint (underlines appear then; nothing moves).  Words the officer adds
are kept per user in ``dictionary-en-GB.txt`` in the user data folder, one a line.

Typing stays instant: Qt re-highlights only the paragraph being typed in, and in that
paragraph only the words around the change are looked at again (the misspelt words'
places are kept per paragraph and shifted); each word's verdict is cached, and the word
under the cursor is not judged until it is finished.  Suggestions are worked out only
when asked for (right-click, the context-menu key, Shift+F10, or F7 for the next
misspelt word).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QKeySequence, QSyntaxHighlighter, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from msgdesk.paths import resource_path, user_data_dir
from msgdesk.ui.widgets.look import shortcut

if TYPE_CHECKING:  # made at the first underline (SpellHighlighter.format)
    from PySide6.QtGui import QTextCharFormat

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
        #: counts the user's additions: a paragraph's kept verdicts older than this are judged again
        self.generation = 0

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
        self.generation += 1
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
_load_pending = False
#: set by the window's start-up: the first editor's request waits for release_loading()
_held = False


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
    """Load the word list now if an editor asked for it while held (after the first paint)."""
    global _held
    _held = False
    if _load_pending and _speller is None:
        _load_and_check()


def _load_and_check() -> None:
    global _load_pending
    speller()
    _load_pending = False
    _rehighlight_all()


def _rehighlight_all() -> None:
    for highlighter in list(_highlighters):
        try:
            highlighter.forget()
            highlighter.rehighlight()
        except RuntimeError:  # its editor is gone
            _highlighters.remove(highlighter)


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
    _rehighlight_all()


class _Kept:
    """What a paragraph's last check found: its text, and the misspelt words' places."""

    __slots__ = ("generation", "spans", "text")

    def __init__(self, text: str, spans: list[tuple[int, int]], generation: int) -> None:
        self.text = text
        self.spans = spans
        self.generation = generation


def _word_edge_before(text: str, at: int) -> int:
    """Where the word touching ``at`` starts (``at`` itself if no word does)."""
    while at > 0 and (text[at - 1].isalpha() or text[at - 1] in "'’"):
        at -= 1
    return at


def _word_edge_after(text: str, at: int) -> int:
    """Where the word touching ``at`` ends."""
    while at < len(text) and (text[at].isalpha() or text[at] in "'’"):
        at += 1
    return at


class SpellHighlighter(QSyntaxHighlighter):
    """Red wavy underline under misspelt words; the word being typed is left alone."""

    #: The underline (the name hides QSyntaxHighlighter.format(position), which nothing here
    #: calls), one for every box, made when the first misspelt word is marked: the word list is
    #: read after the window's first frame, which needs none of QTextCharFormat's enums.
    _underline: QTextCharFormat | None = None

    @property
    def format(self) -> QTextCharFormat:  # type: ignore[override]
        if SpellHighlighter._underline is None:
            # at the first underline: importing QTextCharFormat makes PySide6 build its and QTextFormat's 7 enums
            from PySide6.QtGui import QTextCharFormat

            underline = QTextCharFormat()
            underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
            underline.setUnderlineColor(QColor("#d13438"))
            SpellHighlighter._underline = underline
        return SpellHighlighter._underline

    def __init__(self, editor: QPlainTextEdit):
        # Parented to the editor and given the document only after our own contentsChange
        # slot is connected: Qt re-highlights from its own slot, and ours must have recorded
        # where the change was by then (so only the words around it are checked again).
        super().__init__(editor)
        self.editor = editor
        #: the block where the word at the cursor was left unjudged, else None
        self._skipped_block: int | None = None
        self._typed = False
        #: the last change to the document: (position, removed, added)
        self._change: tuple[int, int, int] | None = None
        #: per paragraph (by block number), what its last check found
        self._kept: dict[int, _Kept] = {}
        _highlighters.append(self)
        editor.document().contentsChange.connect(self._changed)
        editor.cursorPositionChanged.connect(self._cursor_moved)
        self.setDocument(editor.document())

    def forget(self) -> None:
        """Check every paragraph from scratch next time (the word list or the setting changed)."""
        self._kept.clear()
        self._change = None

    def _changed(self, position: int, removed: int, added: int) -> None:
        self._typed = added > 0
        self._change = (position, removed, added)

    def _cursor_moved(self) -> None:
        if self._typed:  # the cursor moved because of typing: the highlight is already right
            self._typed = False
            return
        block_number, self._skipped_block = self._skipped_block, None
        if block_number is not None:
            block = self.editor.document().findBlockByNumber(block_number)
            if block.isValid():
                self.rehighlightBlock(block)  # the word left behind is judged now

    def _misspelt(self, text: str, words: Speller) -> list[tuple[int, int]]:
        """The misspelt words of this paragraph as (start, end): only the words around the
        last change are looked at again when the paragraph was checked before."""
        block = self.currentBlock()
        number = block.blockNumber()
        kept = self._kept.get(number)
        change, self._change = self._change, None
        spans: list[tuple[int, int]] | None = None
        if kept is not None and kept.generation == words.generation and change is not None:
            position, removed, added = change
            at = position - block.position()
            old = kept.text
            # the text around the change must be the kept text's (memory compares, microseconds):
            # block numbers move when paragraphs are added above, and a change may span paragraphs
            if (0 <= at <= len(old) and len(text) == len(old) - removed + added
                    and text[:at] == old[:at] and text[at + added:] == old[at + removed:]):
                start = _word_edge_before(text, at)
                old_end = _word_edge_after(kept.text, at + removed)
                new_end = old_end + added - removed
                shift = added - removed
                spans = [span for span in kept.spans if span[1] <= start]
                spans += [(m.start() + start, m.end() + start) for m in WORD.finditer(text[start:new_end])
                          if not words.is_correct(m.group())]
                spans += [(a + shift, b + shift) for a, b in kept.spans if a >= old_end]
        elif kept is not None and kept.generation == words.generation and kept.text == text:
            spans = kept.spans  # re-highlighted unchanged (the cursor left a word, spelling on again)
        if spans is None:
            spans = [(m.start(), m.end()) for m in WORD.finditer(text) if not words.is_correct(m.group())]
        self._kept[number] = _Kept(text, spans, words.generation)
        return spans

    def highlightBlock(self, text: str) -> None:
        words = _speller_when_loaded() if _enabled and text else None
        if words is None:  # off, empty, or the word list comes in just after the first paint
            self._change = None
            self._kept.pop(self.currentBlock().blockNumber(), None)
            return
        spans = self._misspelt(text, words)
        skip = -1
        cursor = self.editor.textCursor()
        if self.editor.hasFocus() and cursor.blockNumber() == self.currentBlock().blockNumber():
            skip = cursor.positionInBlock()
            word = _word_edge_before(text, skip)
            if word < skip and _word_edge_after(text, skip) == skip:
                self._skipped_block = self.currentBlock().blockNumber()  # the word being typed
        if not spans:
            return
        underline = self.format  # looked up once: through PySide6, each look-up of the property cost ~1 us a word
        for start, end in spans:
            if end != skip:
                self.setFormat(start, end - start, underline)

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

            def put(action: QAction) -> None:  # above the editor's own entries, if it has any
                if first is None:
                    menu.addAction(action)
                else:
                    menu.insertAction(first, action)

            options = speller().suggestions(text)
            for suggestion in options:
                action = QAction(suggestion, menu)
                action.setObjectName("spellingSuggestion")
                action.triggered.connect(lambda _c=False, s=suggestion, c=QTextCursor(word): self._replace(c, s))
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

    def _replace(self, cursor: QTextCursor, suggestion: str) -> None:
        cursor.insertText(suggestion)
        self.editor.setTextCursor(cursor)

    def _add(self, word: str) -> None:
        speller().add(word)
        _rehighlight_all()

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
