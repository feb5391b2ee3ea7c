"""Build the msgdesk app folder with PyInstaller: the one documented build command.

    .venv/bin/pip install -e ".[build]"      # once: PyInstaller
    .venv/bin/python scripts/build_app.py   # -> dist/msgdesk/ (dist/msgdesk.app on macOS)

Options: ``--dist DIR`` and ``--work DIR`` move the output and the scratch folder (the
frozen-build test builds into a temporary folder).  Prints the executable's path and the
folder's size.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def executable(dist: Path) -> Path:
    """Where the built executable is, per platform."""
    if sys.platform == "darwin":
        return dist / "msgdesk.app" / "Contents" / "MacOS" / "msgdesk"
    return dist / "msgdesk" / ("msgdesk.exe" if sys.platform == "win32" else "msgdesk")


def build(dist: Path, work: Path, quiet: bool = False) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit('PyInstaller is not installed: run  .venv/bin/pip install -e ".[build]"  first')
    command = [
        sys.executable, "-m", "PyInstaller", str(ROOT / "build.spec"),
        "--noconfirm", "--clean", "--distpath", str(dist), "--workpath", str(work),
        "--log-level", "WARN" if quiet else "INFO",
    ]
    subprocess.run(command, cwd=ROOT, check=True)
    return executable(dist)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the msgdesk app folder with PyInstaller.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="scratch folder")
    parser.add_argument("--quiet", action="store_true", help="show PyInstaller's warnings only")
    args = parser.parse_args(argv)
    exe = build(args.dist.resolve(), args.work.resolve(), args.quiet)
    app_folder = args.dist.resolve() / ("msgdesk.app" if sys.platform == "darwin" else "msgdesk")
    print(f"Built {exe}")
    print(f"Folder size: {folder_size(app_folder) / 1e6:.1f} MB ({app_folder})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
