"""Build a smaller ICU data library for the frozen app (Linux): 5 MB instead of 32 MB.

PySide6's Qt links ICU, whose data library (``libicudata.so.NN``) carries the locale data of
every language ICU knows: currency, unit, language and region names in 700 locales,
transliteration, spell-out number rules, 200 legacy character sets, and the dictionaries that
break Chinese, Japanese, Thai, Khmer, Lao and Burmese text into words.  msgdesk's Qt uses ICU
for collation (sorting names), case mapping, normalisation and time zones; its text layout
breaks lines with Qt's own tables.  This keeps what those need (the collation root and the
English and Gaelic tailorings, normalisation, case mapping, break rules, time-zone data, the
supplemental tables) and drops the rest.  Collation in any other language falls back to the
Unicode root order, which sorts Scottish place and partnership names correctly.

    python scripts/slim_icu.py PATH/TO/libicudata.so.73 OUT_FOLDER   # prints the new library's path

Needs ICU's ``icupkg`` (Debian: icu-devtools), ``readelf`` (binutils) and a C compiler.
``tests/test_frozen_build.py`` runs the frozen app on it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: Locales whose data is kept: English (as in en_GB and its parents) and Scottish Gaelic.
KEEP_LOCALES = frozenset({"root", "en", "en_001", "en_150", "en_GB", "gd", "gd_GB"})
#: Locale-independent tables kept at the top of the package.
KEEP_TOP = frozenset({
    "res_index", "pool", "likelySubtags", "supplementalData", "supplementalMetadata", "metadata", "plurals",
    "pluralRanges", "numberingSystems", "keyTypeData", "timezoneTypes", "metaZones", "windowsZones", "zoneinfo64",
    "langInfo", "currencyNumericCodes", "dayPeriods", "genderList", "grammaticalFeatures", "icuver", "icustd",
    "units",
})
#: Trees of display names and rules msgdesk's Qt never asks ICU for (root and our locales stay).
NAME_TREES = frozenset({"translit", "rbnf", "unit", "curr", "lang", "region"})


def keep(item: str) -> bool:
    """Whether the package item ``item`` (``coll/en.res``, ``ibm-1390_P110-2003.cnv``) stays."""
    parts = item.split("/")
    name = parts[-1]
    stem, _, ext = name.rpartition(".")
    if len(parts) == 1:
        if ext == "cnv":  # legacy character sets: msgdesk reads and writes UTF-8 only
            return False
        if ext in ("icu", "nrm", "spp", "cfu"):
            return name != "unames.icu"  # character names
        if ext == "res":
            return stem in KEEP_LOCALES or stem in KEEP_TOP
        return True
    tree = parts[0]
    if tree in NAME_TREES:
        return stem in KEEP_LOCALES or stem in ("pool", "res_index")
    if tree == "brkitr":
        return ext != "dict"  # word dictionaries for Chinese, Japanese, Thai, Khmer, Lao, Burmese
    if tree in ("coll", "zone"):
        return stem in KEEP_LOCALES or stem in ("pool", "res_index") or ext == "icu"
    return True


def _tool(name: str) -> str:
    found = shutil.which(name) or next((p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if Path(p).exists()), None)
    if found is None:
        raise SystemExit(f"slim_icu: {name} is needed (Debian: apt-get install icu-devtools binutils gcc)")
    return found


def data_symbol(library: Path) -> tuple[str, int, int]:
    """(symbol, file offset, size) of the ICU data blob in ``library``."""
    symbols = subprocess.run([_tool("readelf"), "-Ws", "--dyn-syms", str(library)], capture_output=True, text=True,
                             check=True).stdout
    found = re.search(r"\s0*([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+DEFAULT\s+(\d+)\s+(icudt\d+_dat)\b",
                      symbols)
    if found is None:
        raise SystemExit(f"slim_icu: no icudtNN_dat symbol in {library}")
    address, size, section, symbol = int(found[1], 16), int(found[2], 0), int(found[3]), found[4]
    sections = subprocess.run([_tool("readelf"), "-SW", str(library)], capture_output=True, text=True,
                              check=True).stdout
    row = re.search(rf"\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if row is None:
        raise SystemExit(f"slim_icu: section {section} of {library} not found")
    return symbol, address - int(row[1], 16) + int(row[2], 16), size


def slim(library: Path, out_folder: Path) -> Path:
    """A copy of ``library`` holding only the data msgdesk needs; returns its path."""
    symbol, offset, size = data_symbol(library)
    package = symbol.removesuffix("_dat") + ("l" if sys.byteorder == "little" else "b")  # icudt73l
    out_folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        with open(library, "rb") as fh:
            fh.seek(offset)
            (work / f"{package}.dat").write_bytes(fh.read(size))
        listing = subprocess.run([_tool("icupkg"), "-l", f"{package}.dat"], cwd=work, capture_output=True, text=True,
                                 check=True).stdout.split()
        removed = [item for item in listing if not keep(item)]
        (work / "remove.txt").write_text("\n".join(removed) + "\n", encoding="utf-8")
        (work / "out").mkdir()
        subprocess.run([_tool("icupkg"), "--ignore-deps", "-r", "remove.txt", f"{package}.dat", f"out/{package}.dat"],
                       cwd=work, capture_output=True, check=True)
        (work / "out" / "data.S").write_text(
            f"    .section .rodata\n    .globl {symbol}\n    .type {symbol}, @object\n    .balign 16\n{symbol}:\n"
            f"    .incbin \"{package}.dat\"\n    .size {symbol}, .-{symbol}\n"
            "    .section .note.GNU-stack,\"\",@progbits\n", encoding="ascii")
        target = out_folder / library.name
        compiler = shutil.which("cc") or _tool("gcc")
        subprocess.run([compiler, "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(target), "data.S"],
                       cwd=work / "out", check=True)
    kept = len(listing) - len(removed)
    print(f"slim_icu: {library.name}: kept {kept} of {len(listing)} items, "
          f"{library.stat().st_size / 1e6:.1f} MB -> {target.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    print(slim(Path(sys.argv[1]), Path(sys.argv[2])))
