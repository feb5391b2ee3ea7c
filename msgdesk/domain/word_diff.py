"""The words that differ between two versions of a text, for the conflict view and for
``msgdesk merge --dry-run``.  Standard library only (``difflib``): the window renders the
pieces with colour *and* text markers, the command line as ``[-old-]{+new+}`` in context.

A text is cut into words, each with the whitespace after it; the words are matched
(``difflib``), and a word whose following whitespace differs (a space become a new line)
keeps the word the same and marks the whitespace, so the pieces joined back give each side
exactly (a fuzz test holds this over random edits of random texts).  The common head and
tail are taken off first, so one changed word in a 10,000-word evidence text costs a scan,
not a quadratic match (``benchmarks/bench_word_diff.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

_TOKENS = re.compile(r"\s+|\S+")
_UNITS = re.compile(r"^\s+|\S+\s*")

#: The command line's markers, as ``git diff --word-diff=plain`` writes them.
DELETED_OPEN, DELETED_CLOSE, INSERTED_OPEN, INSERTED_CLOSE = "[-", "-]", "{+", "+}"
#: A marker typed in the text itself is shown with a backslash, so the markers msgdesk
#: adds are never confused with the officer's own characters.
_MARKERS = re.compile(r"(\[-|-\]|\{\+|\+\}|\\)")
#: A token longer than this is cut in the middle in a one-line summary.
LONG_TOKEN = 60


class Op(StrEnum):
    SAME = "same"
    DELETED = "deleted"
    INSERTED = "inserted"


@dataclass(frozen=True, slots=True)
class Piece:
    op: Op
    text: str


def tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def _units(text: str) -> list[str]:
    """Each word with the whitespace after it (and the text's leading whitespace alone)."""
    return _UNITS.findall(text)


#: Below this many pairs a changed stretch is matched again without ``autojunk``, so a
#: common word ("the", "and") between two changes is found the same, not changed.
_REFINE = 250_000


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    # autojunk on for the whole: in a long text the commonest words are not used to start
    # a match (that would make matching quadratic); each changed stretch left is small
    # and matched again with every word
    out: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b).get_opcodes():
        if tag == "replace" and (i2 - i1) * (j2 - j1) <= _REFINE:
            inner = SequenceMatcher(None, a[i1:i2], b[j1:j2], autojunk=False).get_opcodes()
            out.extend((t, i1 + x1, i1 + x2, j1 + y1, j1 + y2) for t, x1, x2, y1, y2 in inner)
        else:
            out.append((tag, i1, i2, j1, j2))
    return out


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn ``old`` into ``new``: joining the SAME and DELETED pieces gives
    ``old``, the SAME and INSERTED pieces ``new``.  Neighbouring pieces never share an op."""
    a, b = _units(old or ""), _units(new or "")
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle_a, middle_b = a[head:len(a) - tail], b[head:len(b) - tail]
    # matched on the words alone: a word followed by a new line in one version and by a
    # space in the other is the same word, its whitespace a change of its own
    keys_a, keys_b = [u.rstrip() for u in middle_a], [u.rstrip() for u in middle_b]
    raw: list[tuple[Op, str]] = [(Op.SAME, "".join(a[:head]))]
    for tag, i1, i2, j1, j2 in _opcodes(keys_a, keys_b):
        if tag == "equal":
            for x, y in zip(middle_a[i1:i2], middle_b[j1:j2], strict=True):
                word = x.rstrip()
                raw.append((Op.SAME, word))
                if x != y:
                    raw.append((Op.DELETED, x[len(word):]))
                    raw.append((Op.INSERTED, y[len(word):]))
                else:
                    raw.append((Op.SAME, x[len(word):]))
            continue
        deleted, inserted = "".join(middle_a[i1:i2]), "".join(middle_b[j1:j2])
        space = deleted[len(deleted.rstrip()):]
        if deleted.strip() and inserted.strip() and space and inserted.endswith(space) \
                and not inserted[:-len(space)][-1:].isspace():
            # the space after a replaced word is not part of the change: "[-old-]{+new+} words"
            raw += [(Op.DELETED, deleted[:-len(space)]), (Op.INSERTED, inserted[:-len(space)]), (Op.SAME, space)]
        else:
            raw += [(Op.DELETED, deleted), (Op.INSERTED, inserted)]
    raw.append((Op.SAME, "".join(a[len(a) - tail:])))
    return _joined(raw)


def _joined(raw: list[tuple[Op, str]]) -> list[Piece]:
    """Drop empty pieces; a run of deletions and insertions becomes one deletion then one
    insertion (``[-a b-]{+c d+}``, not ``[-a-]{+c+} [-b-]{+d+}``) when only spaces stood
    between them."""
    out: list[Piece] = []
    for op, text in raw:
        if not text:
            continue
        if out and out[-1].op is op:
            out[-1] = Piece(op, out[-1].text + text)
        else:
            out.append(Piece(op, text))
    merged: list[Piece] = []
    i = 0
    while i < len(out):
        if out[i].op is Op.SAME:
            merged.append(out[i])
            i += 1
            continue
        deleted, inserted = [], []
        while i < len(out):
            piece = out[i]
            if piece.op is Op.DELETED:
                deleted.append(piece.text)
            elif piece.op is Op.INSERTED:
                inserted.append(piece.text)
            elif piece.text.isspace() and i + 1 < len(out) and out[i + 1].op is not Op.SAME:
                # a space between two changes belongs to both sides of the one change
                deleted.append(piece.text)
                inserted.append(piece.text)
            else:
                break
            i += 1
        if deleted:
            merged.append(Piece(Op.DELETED, "".join(deleted)))
        if inserted:
            merged.append(Piece(Op.INSERTED, "".join(inserted)))
    return merged


def side(pieces: list[Piece], op: Op) -> str:
    """One side back from the pieces: ``Op.DELETED`` for the old text, ``Op.INSERTED`` the new."""
    return "".join(p.text for p in pieces if p.op in (Op.SAME, op))


def changed_words(pieces: list[Piece]) -> tuple[int, int]:
    """How many words were deleted and inserted (for a screen reader's summary)."""
    deleted = sum(len(p.text.split()) for p in pieces if p.op is Op.DELETED)
    inserted = sum(len(p.text.split()) for p in pieces if p.op is Op.INSERTED)
    return deleted, inserted


# --- one line for the command line --------------------------------------------------------


def _plain(text: str) -> str:
    """Text for one terminal line: whitespace runs (new lines included) become one space,
    ``↵`` marks a new line, the markers' own characters are escaped, long words are cut."""
    words = []
    for token in tokens(_MARKERS.sub(r"\\\1", text)):
        if token.isspace():
            words.append(" ↵ " if "\n" in token else " ")
        elif len(token) > LONG_TOKEN:
            half = LONG_TOKEN // 2
            words.append(f"{token[:half]}…{token[-half + 1:]}")
        else:
            words.append(token)
    return "".join(words)


def _context(text: str, words: int, *, at_start: bool) -> str:
    """The ``words`` words of ``text`` next to a change: its end (before a change) or its
    start (after one), with … where more of the text goes on."""
    # only the near end is cut into words: a 10,000-word text around one changed word
    # costs a few hundred characters, not the whole text
    size = 256
    while size < len(text):
        near = text[-size:] if not at_start else text[:size]
        if len(near.split()) > words + 1:
            text = near
            break
        size *= 2
    parts = tokens(text)
    count = 0
    cut = len(parts)
    order = range(len(parts)) if at_start else range(len(parts) - 1, -1, -1)
    for i in order:
        if not parts[i].isspace():
            count += 1
            if count > words:
                cut = i
                break
    else:
        return _plain(text)
    if at_start:
        return _plain("".join(parts[:cut]).rstrip()) + " …"
    return "… " + _plain("".join(parts[cut + 1:]).lstrip())


def inline(pieces: list[Piece], *, context: int = 4, max_changes: int = 5) -> list[str]:
    """Each change on a line of its own with ``context`` words either side:
    ``… the [-old-]{+new+} words …``.  After ``max_changes`` lines, one saying how many more."""
    lines: list[str] = []
    i = 0
    changes = 0
    while i < len(pieces):
        if pieces[i].op is Op.SAME:
            i += 1
            continue
        before = pieces[i - 1].text if i > 0 else ""
        marked = []
        while i < len(pieces) and pieces[i].op is not Op.SAME:
            piece = pieces[i]
            opening, closing = ((DELETED_OPEN, DELETED_CLOSE) if piece.op is Op.DELETED
                                else (INSERTED_OPEN, INSERTED_CLOSE))
            marked.append(f"{opening}{_plain(piece.text)}{closing}")
            i += 1
        after = pieces[i].text if i < len(pieces) else ""
        changes += 1
        if changes <= max_changes:
            head = _context(before, context, at_start=False)
            tail = _context(after, context, at_start=True)
            lines.append(f"{head}{''.join(marked)}{tail}".strip())
    if changes > max_changes:
        more = changes - max_changes
        lines.append(f"… and {more} more change{'s' if more != 1 else ''}")
    return lines
