"""Benchmark the word diff of the conflict view and ``merge --dry-run``
(``msgdesk.domain.word_diff``) on 10,000-word evidence texts.

Targets: with one changed word (the usual conflict) the diff and its one-line form take
under 50 ms, whatever the text's length; with many changes scattered through the text
they cost no more than three times the floor, which is ``difflib.SequenceMatcher`` alone
on the same two lists of words (what any word diff has to pay).

    .venv/bin/python benchmarks/bench_word_diff.py [--words 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import difflib
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _result import result  # benchmarks/_result.py, beside this script

from msgdesk.domain.word_diff import inline, word_diff

ONE_CHANGE_BUDGET_MS = 50.0
RATIO = 3.0


def texts(words: int, changes: int, seed: int = 7) -> tuple[str, str]:
    rng = random.Random(seed)
    vocabulary = [f"word{i}" for i in range(3000)] + ["the", "and", "of", "to", "a", "care", "plan", "board"] * 40
    old = [rng.choice(vocabulary) for _ in range(words)]
    new = list(old)
    for _ in range(changes):
        where = rng.randrange(len(new))
        if rng.random() < 0.5:
            new[where] = "changed"
        else:
            new.insert(where, "inserted")
    return " ".join(old), " ".join(new)


def median_ms(job, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    ok = True
    for changes in (1, 10, 100, 1000):
        old, new = texts(options.words, changes)
        figure = median_ms(lambda o=old, n=new: inline(word_diff(o, n), max_changes=10_000), options.runs)
        floor = median_ms(lambda o=old, n=new: difflib.SequenceMatcher(None, o.split(), n.split()).get_opcodes(),
                          options.runs)
        print(f"{options.words} words, {changes} change{'s' if changes != 1 else ''}: word diff {figure:.1f} ms, "
              f"difflib on the words alone {floor:.1f} ms")
        if changes == 1:
            passed = figure <= ONE_CHANGE_BUDGET_MS
            result(f"word diff, {options.words} words, 1 change", figure, "ms", f"<= {ONE_CHANGE_BUDGET_MS:g} ms",
                   passed)
        else:
            passed = figure <= RATIO * floor
            result(f"word diff, {options.words} words, {changes} changes", figure, "ms",
                   f"<= {RATIO:g}x difflib on the words", passed, floor)
        ok = ok and passed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
