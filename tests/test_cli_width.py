"""The command line's help is laid out at the width argparse would choose itself, without
argparse importing shutil (and with it zlib, bz2, lzma) for every command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from msgdesk.cli.parser import terminal_columns

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("columns", [None, "", "x", "0", "-3", "1", "20", "79", "80", "81", "132", "500"])
def test_width_is_shutils(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns


@pytest.mark.parametrize("argv", [["--help"], ["export", "--help"], ["list", "--db", "{db}"]])
def test_no_shutil_for_help_or_list(tmp_path: Path, argv: list[str]) -> None:
    db = tmp_path / "m.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    example = ROOT / "resources" / "examples" / "north-ayrshire-2019.json"
    subprocess.run([sys.executable, "-m", "msgdesk", "import", str(example), "--db", str(db)], env=env, check=True,
                   capture_output=True)
    # the first opening after a change checks and backs up the file: the usual case is the next
    subprocess.run([sys.executable, "-m", "msgdesk", "list", "--db", str(db)], env=env, check=True,
                   capture_output=True)
    code = ("import sys, runpy; sys.argv = ['msgdesk', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('msgdesk', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "sys.stderr.write('SHUTIL' if 'shutil' in sys.modules else 'NONE')")
    done = subprocess.run([sys.executable, "-c", code, *[a.format(db=db) for a in argv]], capture_output=True,
                          text=True, env=env, cwd=tmp_path)
    assert done.stderr.endswith("NONE"), done.stderr


@pytest.mark.parametrize("columns", ["30", "60", "80", "100", "200"])
def test_help_wraps_as_argparse_does(columns: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS=columns)
    ours = subprocess.run([sys.executable, "-m", "msgdesk", "export", "--help"], capture_output=True, text=True,
                          env=env, check=True).stdout
    # argparse's own formatter on the same parser, eagerly built
    code = ("import argparse\nfrom msgdesk.cli.parser import build_parser\n"
            "p = build_parser(eager=True).parse_known_args\n"
            "import msgdesk.cli.main as m\nsub = [a for a in build_parser(eager=True)._actions"
            " if isinstance(a, argparse._SubParsersAction)][0].choices['export']\n"
            "sub.formatter_class = argparse.HelpFormatter\nprint(sub.format_help(), end='')")
    theirs = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                            check=True).stdout
    assert ours == theirs
