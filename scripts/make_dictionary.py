"""Build resources/dictionaries/en_GB.json.gz, the spell checker's British English word list.

    apt-get install wbritish-small wbritish wbritish-large   # SCOWL's en_GB lists (Debian)
    python scripts/make_dictionary.py

The words come from SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson), British
spelling with -ise endings as used across Scottish public bodies ("organisation",
"programme", "centre").  SCOWL's licence allows copying and distributing the lists with
the copyright notice (resources/dictionaries/LICENSE-SCOWL.txt).  Each word is given a
weight from the list it first appears in (small: common, large: rare), which the
spell checker uses to order its suggestions.  msgdesk-words.txt adds the words of
Scottish health and social care that SCOWL lacks (place names, "reablement").
"""

from __future__ import annotations

import gzip
import json
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
    data = json.dumps(weights, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    target = OUT / "en_GB.json.gz"
    target.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{target}: {len(weights)} words, {target.stat().st_size / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
