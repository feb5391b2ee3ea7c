"""Benchmark spell checking as you type on a 5,000-word evidence text.

Target: a keystroke never waits more than a few milliseconds for the spell checker.
Measured here as the extra time one typed character costs with the checker on,
against the same editor with the checker off (the floor: Qt's own layout of the
text), for the worst case (the whole text one paragraph, typing at its end) and the
usual one (paragraphs of 100 words, typing in the middle).  The two editors sit side
by side in one window and are typed in by turns, ten keys each, so both see the same
load on a busy machine (a p95 taken minutes apart measured the machine, not msgdesk).

A key's time is the key press and the repaint it causes (the events are processed
before the clock stops): the underlines are painted over the text, so a benchmark of
the key press alone would leave out part of what the checker costs.

Then a sweep of one paragraph of 100 to 10,000 words, typing at its end: per key the
floor, the total with the checker, and the checker's own work (judging the words
around the edit, and drawing the underlines in view), so that "no work per key grows
with the paragraph" is seen, not assumed.

    .venv/bin/python benchmarks/bench_spelling.py [--keys 200]

Also prints the one-off costs: loading the dictionary, the first check of a pasted
5,000-word text, and the suggestions for a misspelt word (right-click, F7).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _result import result  # benchmarks/_result.py, beside this script

#: The most a keystroke may wait for the spell checker (milliseconds, worst case).
KEYSTROKE_BUDGET_MS = 4.0
#: How much more the judging per key may cost in a paragraph 100 times longer (see below).
GROWTH_LIMIT = 10

WORDS = ("the partnership integration joint board strategic planning group evidence locality forums "
         "improvement actions budget delegated services commissioning carers engagement inspection "
         "leadership collaborative performance outcomes directions health social care reablement "
         "recieved commitee goverment stakeholders Ayrshire NHS IJB HSCP organisation programme").split()


def evidence(words: int, per_paragraph: int, seed: int = 11) -> str:
    rng = random.Random(seed)
    chosen = [rng.choice(WORDS) for _ in range(words)]
    paragraphs = [" ".join(chosen[i:i + per_paragraph]) + "." for i in range(0, words, per_paragraph)]
    return "\n".join(paragraphs)


LETTERS = "the commitee met and agreed "
#: keys typed in one editor before the other takes its turn
TURN = 10
SWEEP = (100, 1000, 5000, 10000)


def percentile95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


class Own:
    """Times the checker's own work per key: judging (its slots for contentsChange, the
    cursor moving and the repaint request) and drawing the underlines in view."""

    def __init__(self, spelling) -> None:
        self.spelling = spelling
        self.judging = 0.0
        self.drawing = 0.0
        self.saved: dict[str, object] = {}

    def __enter__(self) -> Own:
        checker = self.spelling.SpellChecker
        for name, bucket in (("_changed", "judging"), ("_cursor_moved", "judging"),
                             ("_repaint_changed", "judging"), ("_underlines", "drawing"), ("_paint", "drawing")):
            original = getattr(checker, name)
            self.saved[name] = original

            def timed(checker_self, *args, _original=original, _bucket=bucket):
                start = time.perf_counter()
                _original(checker_self, *args)
                setattr(self, _bucket, getattr(self, _bucket) + (time.perf_counter() - start) * 1000)

            setattr(checker, name, timed)
        return self

    def __exit__(self, *exc) -> None:
        for name, original in self.saved.items():
            setattr(self.spelling.SpellChecker, name, original)

    def take(self) -> tuple[float, float]:
        taken = (self.judging, self.drawing)
        self.judging = self.drawing = 0.0
        return taken


def compare(app, spelling, text: str, middle: bool, keys: int) -> dict:
    """Type ``keys`` keys into the same text with the checker off and on, by turns."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QWidget

    window = QWidget()
    row = QHBoxLayout(window)
    editors = {}
    figures: dict = {"paste": {}, "key": {False: [], True: []}, "judging": [], "drawing": [], "own": []}
    with Own(spelling) as own:
        for with_checker in (False, True):
            edit = QPlainTextEdit()
            edit.setMinimumSize(900, 400)
            row.addWidget(edit)
            if with_checker:
                spelling.install(edit)
            editors[with_checker] = edit
        window.show()
        window.activateWindow()
        for with_checker, edit in editors.items():
            edit.setFocus()
            start = time.perf_counter()
            edit.setPlainText(text)
            app.processEvents()
            figures["paste"][with_checker] = (time.perf_counter() - start) * 1000
            cursor = edit.textCursor()
            cursor.setPosition(len(text) // 2 if middle else len(text))
            edit.setTextCursor(cursor)
        for turn in range(0, keys, TURN):
            for with_checker, edit in editors.items():
                edit.setFocus()
                app.processEvents()
                own.take()
                for n in range(turn, min(keys, turn + TURN)):
                    char = LETTERS[n % len(LETTERS)]
                    start = time.perf_counter()
                    QTest.keyClick(edit, char if char != " " else Qt.Key.Key_Space)
                    app.processEvents()  # the repaint
                    figures["key"][with_checker].append((time.perf_counter() - start) * 1000)
                    judging, drawing = own.take()
                    if with_checker:
                        figures["judging"].append(judging)
                        figures["drawing"].append(drawing)
                        figures["own"].append(judging + drawing)
        window.close()
        window.deleteLater()
        app.processEvents()
    return figures


def run(keys: int) -> int:
    from PySide6.QtWidgets import QApplication

    from msgdesk.ui.widgets import spelling

    app = QApplication.instance() or QApplication([])
    start = time.perf_counter()
    checker = spelling.speller()
    load_ms = (time.perf_counter() - start) * 1000
    results = []
    for label, per_paragraph, middle in (("one 5,000-word paragraph, typing at its end", 5000, False),
                                         ("paragraphs of 100 words, typing in the middle", 100, True)):
        figures = compare(app, spelling, evidence(5000, per_paragraph), middle, keys)
        off = (figures["paste"][False], statistics.median(figures["key"][False]), percentile95(figures["key"][False]))
        on = (figures["paste"][True], statistics.median(figures["key"][True]), percentile95(figures["key"][True]))
        results.append((label, off, on, on[1] - off[1], on[2] - off[2]))
    sweep = {words: compare(app, spelling, evidence(words, words), False, keys) for words in SWEEP}
    start = time.perf_counter()
    suggestions = checker.suggestions("commitee")
    suggest_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    checker.suggestions("intergrationn")
    suggest2_ms = (time.perf_counter() - start) * 1000

    print(f"dictionary loaded in {load_ms:.1f} ms ({len(checker.words())} words)")
    print(f"suggestions for 'commitee' ({', '.join(suggestions[:3])}): {suggest_ms:.0f} ms; "
          f"for a word two edits away: {suggest2_ms:.0f} ms")
    print(f"{'':48} {'checker off':>24} {'checker on':>24}   extra per key (budget {KEYSTROKE_BUDGET_MS} ms)")
    print(f"{'':48} {'paste / median / p95 ms':>24} {'paste / median / p95 ms':>24}")
    ok = True
    for label, off, on, extra_median, extra_p95 in results:
        print(f"{label:48} {off[0]:7.1f} {off[1]:6.2f} {off[2]:6.2f}    {on[0]:7.1f} {on[1]:6.2f} {on[2]:6.2f}"
              f"     median +{extra_median:.2f}, p95 +{extra_p95:.2f}")
        ok = ok and extra_p95 <= KEYSTROKE_BUDGET_MS and extra_median <= KEYSTROKE_BUDGET_MS
        short = "5,000-word paragraph" if "one" in label else "100-word paragraphs"
        result(f"spelling per key, {short}: median", on[1], "ms", f"<= floor + {KEYSTROKE_BUDGET_MS} ms",
               extra_median <= KEYSTROKE_BUDGET_MS, off[1])
        result(f"spelling per key, {short}: p95", on[2], "ms", f"<= floor + {KEYSTROKE_BUDGET_MS} ms",
               extra_p95 <= KEYSTROKE_BUDGET_MS, off[2])
    print("one paragraph, typing at its end (ms per key: median / p95)")
    print(f"{'words':>8} {'floor':>14} {'checker on':>14} {'extra':>14} {'own work':>14} "
          f"{'of it judging':>14} {'drawing':>14}")
    for words, figures in sweep.items():
        floor, total = figures["key"][False], figures["key"][True]
        cells = [(statistics.median(values), percentile95(values)) for values in
                 (floor, total, figures["own"], figures["judging"], figures["drawing"])]
        extra = (cells[1][0] - cells[0][0], cells[1][1] - cells[0][1])
        cells.insert(2, extra)
        print(f"{words:>8,} " + " ".join(f"{a:6.2f} /{b:6.2f}" for a, b in cells))
    own = sweep[5000]["own"]
    median, p95 = statistics.median(own), percentile95(own)
    result("checker's own work per key, 5,000-word paragraph: median", median, "ms", f"<= {KEYSTROKE_BUDGET_MS} ms",
           median <= KEYSTROKE_BUDGET_MS)
    result("checker's own work per key, 5,000-word paragraph: p95", p95, "ms", f"<= {KEYSTROKE_BUDGET_MS} ms",
           p95 <= KEYSTROKE_BUDGET_MS)
    # A hundred times the paragraph: judging by re-reading it would take ~100 x as long.  The
    # limit is a tenth of that, not 2 x: the judging does the same work whatever the length
    # (callgrind, s26-L: 123 k instructions a key at 100 words, 129 k at 10,000), but its
    # time still grows 3-4 x on this machine (0.04 -> 0.14 ms in a quiet run, session 26),
    # as Qt's look-ups of a position walk a larger document and the caches hold less of it.
    growth = (statistics.median(sweep[SWEEP[-1]]["judging"])
              / max(statistics.median(sweep[SWEEP[0]]["judging"]), 1e-6))
    result(f"judging the words per key, {SWEEP[-1]:,} / {SWEEP[0]:,} words", growth, "x",
           f"< {GROWTH_LIMIT} (proportional: ~100)", growth < GROWTH_LIMIT)
    ok = ok and growth < GROWTH_LIMIT and median <= KEYSTROKE_BUDGET_MS and p95 <= KEYSTROKE_BUDGET_MS
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=200)
    args = parser.parse_args(argv)
    return run(args.keys)


if __name__ == "__main__":
    sys.exit(main())
