"""Build resources/dictionaries/en_GB.txt, the spell checker's British English word list.

    apt-get install wbritish-small wbritish wbritish-large   # SCOWL's en_GB lists (Debian)
    python scripts/make_dictionary.py

The words come from SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson), British
spelling with -ise endings as used across Scottish public bodies ("organisation",
"programme", "centre").  SCOWL's licence allows copying and distributing the lists with
the copyright notice (resources/dictionaries/LICENSE-SCOWL.txt).  Each word is given a
weight from the list it first appears in (small: common, large: rare), which the
spell checker uses to order its suggestions.  msgdesk-words.txt adds the words of
Scottish health and social care that SCOWL lacks (place names, "reablement").

The file is one word a line, sorted (Python's order), followed by a tab and its weight
unless the weight is 10: the app reads it in a millisecond and looks words up by binary
search, so nothing is parsed or built before the window's first paint (the JSON form it
replaces took 84 ms to parse and pyspellchecker another 100 ms to index).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "dictionaries"
LISTS = (("/usr/share/dict/british-english-small", 1000), ("/usr/share/dict/british-english", 100),
         ("/usr/share/dict/british-english-large", 10))


def main() -> int:
    weights: dict[str, int] = {}
    for path, weight in LISTS:
        if not Path(path).exists():
            sys.exit(f"{path} is missing: apt-get install wbritish-small wbritish wbritish-large")
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            word = line.strip().casefold()
            if word and not word.endswith("'s"):  # possessives are checked without their 's
                weights.setdefault(word, weight)
    for line in (OUT / "msgdesk-words.txt").read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().casefold()
        if word:
            weights.setdefault(word, 100)
    lines = [word if weight == 10 else f"{word}\t{weight}" for word, weight in sorted(weights.items())]
    target = OUT / "en_GB.txt"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    print(f"{target}: {len(weights)} words, {target.stat().st_size / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
