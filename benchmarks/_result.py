"""One machine-readable line per measure, for ``benchmarks/run_all.py``.

Each benchmark prints its own readable report and, for each target, one line
``RESULT<TAB>measure<TAB>figure<TAB>floor<TAB>unit<TAB>target<TAB>PASS|MISS`` (floor empty
when the target is absolute).  run_all.py gathers these lines into one table.
"""

from __future__ import annotations


def result(measure: str, figure: float, unit: str, target: str, ok: bool, floor: float | None = None) -> None:
    floor_text = "" if floor is None else f"{floor:.4g}"
    print(f"RESULT\t{measure}\t{figure:.4g}\t{floor_text}\t{unit}\t{target}\t{'PASS' if ok else 'MISS'}", flush=True)
