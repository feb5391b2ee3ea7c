"""Keep the translation catalogue resources/i18n/msgdesk.ts in step with the code.

    python scripts/update_translations.py            # rewrite msgdesk.ts from the sources
    python scripts/update_translations.py --check    # exit 1 if msgdesk.ts is stale
    python scripts/update_translations.py --release  # also compile every msgdesk_*.ts to .qm

Every user-visible string of the window goes through Qt's tr() (or QT_TRANSLATE_NOOP
for tables of words); pyside6-lupdate collects them from msgdesk/ui/**/*.py and forms/*.ui.
To add a language: copy msgdesk.ts to msgdesk_gd.ts (Gaelic; any QLocale name works),
translate it in Qt Linguist (pyside6-linguist), run --release and ship the .qm beside it.
msgdesk loads the one matching the user's locale at start-up.  No code changes.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "resources" / "i18n" / "msgdesk.ts"


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / f"pyside6-{name}"
    if here.exists():
        return str(here)
    found = shutil.which(f"pyside6-{name}")
    if not found:
        sys.exit(f"pyside6-{name} not found: install PySide6")
    return found


def sources() -> list[str]:
    # Every window module, in every capability's folder under ui/ (the compiled forms are
    # read from their .ui files instead).
    modules = sorted(p for p in (ROOT / "msgdesk" / "ui").rglob("*.py") if "forms" not in p.parts)
    files = modules + sorted((ROOT / "forms").glob("*.ui"))
    return [str(f.relative_to(ROOT)) for f in files]


def generate(target: Path) -> None:
    """Write a fresh catalogue of every source string to ``target`` (no line numbers, sorted)."""
    target.unlink(missing_ok=True)
    subprocess.run([_tool("lupdate"), "-silent", "-locations", "none", "-sort-messages", "-no-obsolete",
                    *sources(), "-ts", str(target)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def messages(path: Path) -> list[tuple[str, str]]:
    """(context, source) of every message in a .ts file."""
    text = path.read_text(encoding="utf-8")
    found = []
    for context in re.findall(r"<context>(.*?)</context>", text, flags=re.S):
        name = re.search(r"<name>(.*?)</name>", context, flags=re.S).group(1)
        found += [(name, s) for s in re.findall(r"<source>(.*?)</source>", context, flags=re.S)]
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the catalogue is stale")
    parser.add_argument("--release", action="store_true", help="compile msgdesk_*.ts translations to .qm")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / "msgdesk.ts"
        generate(fresh)
        if args.check:
            if not CATALOGUE.exists() or messages(fresh) != messages(CATALOGUE):
                have = set(messages(CATALOGUE)) if CATALOGUE.exists() else set()
                want = set(messages(fresh))
                print(f"{CATALOGUE.relative_to(ROOT)} is stale: {len(want - have)} strings missing, "
                      f"{len(have - want)} no longer used. Run: python scripts/update_translations.py")
                for context, source in sorted(want - have)[:20]:
                    print(f"  + {context}: {source[:70]}")
                return 1
            print(f"{CATALOGUE.relative_to(ROOT)} is current ({len(messages(fresh))} strings)")
            return 0
        CATALOGUE.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(fresh, CATALOGUE)
        print(f"wrote {CATALOGUE.relative_to(ROOT)}: {len(messages(fresh))} strings")
    if args.release:
        for ts in sorted(CATALOGUE.parent.glob("msgdesk_*.ts")):
            subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
            print(f"compiled {ts.with_suffix('.qm').name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
