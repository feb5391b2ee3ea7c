"""The word diff shared by the conflict view and ``msgdesk merge --dry-run``
(``msgdesk.domain.word_diff``): random edits on random texts always give back both sides
exactly; hostile text (markup, the markers themselves, formulas, new lines, very long
words, 10,000-word texts) stays data; the one-line form shows the changed words in context."""

from __future__ import annotations

import random
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msgdesk.domain.word_diff import Op, Piece, changed_words, inline, side, word_diff

HOSTILE = ["<b>", "</b>", "[-", "-]", "{+", "+}", "\\", "=SUM(A1:A9)", "@cmd", "&amp;", "\n", "\r\n", "\t",
           "x" * 5000, "ünïcödé", "“quoted”", "#import", "$x$", "*bold*", "  ", "-", "+", "[", "{"]
WORDS = ["the", "care", "plan", "budget", "partnership", "board", "and", "of", "is", "aligned", "to", "a"]


def _check(old: str, new: str) -> list[Piece]:
    pieces = word_diff(old, new)
    assert side(pieces, Op.DELETED) == old
    assert side(pieces, Op.INSERTED) == new
    assert all(p.text for p in pieces)
    assert all(a.op is not b.op for a, b in zip(pieces, pieces[1:], strict=False))
    if old == new:
        assert all(p.op is Op.SAME for p in pieces)
    return pieces


def _random_text(rng: random.Random, n: int, vocab: list[str]) -> str:
    out = []
    for _ in range(n):
        out.append(rng.choice(vocab))
        out.append(rng.choice([" ", " ", " ", "\n", "  ", "\t", ", "]))
    return "".join(out).strip() if rng.random() < 0.5 else "".join(out)


def _edit(rng: random.Random, text: str, vocab: list[str], edits: int) -> str:
    words = text.split(" ")
    for _ in range(edits):
        where = rng.randrange(len(words) + 1)
        kind = rng.random()
        if kind < 0.33 and words:
            del words[min(where, len(words) - 1)]
        elif kind < 0.66:
            words.insert(where, rng.choice(vocab))
        elif words:
            words[min(where, len(words) - 1)] = rng.choice(vocab)
    return " ".join(words)


@pytest.mark.parametrize("seed", range(60))
def test_random_edits_of_random_texts_give_back_both_sides(seed):
    rng = random.Random(seed)
    vocab = WORDS + (HOSTILE if seed % 2 else []) + ["".join(rng.choices(string.ascii_letters, k=6))
                                                      for _ in range(50)]
    for length in (0, 1, 2, 5, 30, 200):
        old = _random_text(rng, length, vocab)
        for edits in (0, 1, 3, 12):
            _check(old, _edit(rng, old, vocab, edits))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_any_two_texts_give_back_both_sides(old, new):
    _check(old, new)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS + HOSTILE), max_size=60), st.data())
def test_hostile_words_edited_give_back_both_sides(words, data):
    old = " ".join(words)
    new_words = data.draw(st.lists(st.sampled_from(WORDS + HOSTILE), max_size=60))
    pieces = _check(old, " ".join(new_words))
    for line in inline(pieces):
        assert "\n" not in line and "\r" not in line and len(line) < 2000


def test_one_changed_word_is_marked_alone_with_words_either_side():
    old = "In 2019 the integrated budget is aligned to the strategic plan and reviewed every year by the board."
    new = "In 2019 the integrated budget is aligned to the commissioning plan and reviewed every year by the board."
    pieces = _check(old, new)
    assert [p for p in pieces if p.op is not Op.SAME] == [Piece(Op.DELETED, "strategic"),
                                                          Piece(Op.INSERTED, "commissioning")]
    assert changed_words(pieces) == (1, 1)
    assert inline(pieces) == ["… is aligned to the [-strategic-]{+commissioning+} plan and reviewed every …"]
    assert inline(pieces, context=1) == ["… the [-strategic-]{+commissioning+} plan …"]


@pytest.mark.parametrize("context", range(0, 8))
def test_the_context_sweep_shows_that_many_words_either_side(context):
    words = [f"w{i}" for i in range(40)]
    new = list(words)
    new[20] = "CHANGED"
    [line] = inline(word_diff(" ".join(words), " ".join(new)), context=context)
    before, after = line.split("[-w20-]{+CHANGED+}")
    assert before.split() == ["…", *words[20 - context:20]] if context else before.strip() == "…"
    assert after.split() == [*words[21:21 + context], "…"] if context else after.strip() == "…"


def test_markers_and_markup_typed_by_the_officer_stay_text():
    old = "Keep [-this-] and {+that+} and <b>bold</b> =SUM(A1)"
    new = "Keep [-these-] and {+that+} and <b>bolder</b> =SUM(A1)"
    lines = inline(_check(old, new), context=2)
    assert lines == ["Keep [-\\[-this\\-]-]{+\\[-these\\-]+} and \\{+that\\+} …",
                     "… \\{+that\\+} and [-<b>bold</b>-]{+<b>bolder</b>+} =SUM(A1)"]


def test_new_lines_and_very_long_words_keep_the_line_one_line():
    long_word = "y" * 10_000
    old = f"first line\nsecond {long_word} line\nthird"
    new = f"first line\nsecond {long_word}z line\r\nthird"
    lines = inline(_check(old, new))
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert all(len(line) < 400 for line in lines)
    assert "↵" in " ".join(lines)


def test_many_changes_are_counted_after_the_first_few():
    old = " ".join(f"w{i}" for i in range(200))
    new = " ".join(f"w{i}" if i % 10 else f"X{i}" for i in range(200))
    lines = inline(_check(old, new), max_changes=5)
    assert len(lines) == 6 and lines[-1] == "… and 15 more changes"


@pytest.mark.parametrize("changes", [0, 1, 10, 100])
def test_ten_thousand_word_texts_still_give_back_both_sides(changes):
    rng = random.Random(changes)
    vocab = [f"word{i}" for i in range(3000)] + WORDS
    words = [rng.choice(vocab) for _ in range(10_000)]
    new = list(words)
    for _ in range(changes):
        new[rng.randrange(len(new))] = "CHANGED"
    pieces = _check(" ".join(words), " ".join(new))
    assert changed_words(pieces)[1] == sum(1 for a, b in zip(words, new, strict=True) if a != b)


def test_a_text_of_one_word_repeated_against_another_is_one_change():
    # every word popular: the matcher's autojunk gives up finding a match, correctly
    pieces = _check("a " * 10_000, "b " * 10_000)
    assert len(inline(pieces)) == 1
