"""The Windows wheels the build needs, derived from pyproject.toml (one requirement a line).

scripts/build_windows.sh installs them with ``pip install --platform win_amd64
--only-binary=:all:`` into the embedded Windows Python.  They come from pyproject.toml's
``dependencies`` and ``build`` extra, so a dependency added or dropped there (typst for
reportlab, say) reaches the Windows build with no list to keep in step here.  pip evaluates
environment markers against the machine it runs on (Linux), so dependencies that only
Windows needs are named below.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Dependencies behind a ``sys_platform == "win32"`` marker, which pip on Linux skips.
WINDOWS_ONLY = [
    "pefile>=2022.5.30",  # PyInstaller: reads and edits the executables' resources
    "pywin32-ctypes>=0.2.1",  # PyInstaller: icons and version resources
]


def requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    found = list(project["dependencies"]) + list(project.get("optional-dependencies", {}).get("build", []))
    return found + WINDOWS_ONLY


if __name__ == "__main__":
    sys.stdout.write("".join(line + "\n" for line in requirements()))
