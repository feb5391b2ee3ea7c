"""Defect 2: a ``?``, ``%``, ``#``, a space or a letter of any language in the database's path
is part of its name: the data goes into exactly that file, through every command."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLE, ROOT

P = "North Ayrshire Health and Social Care Partnership"


@pytest.mark.parametrize("folder", ["a?b", "50% done", "c#d", "Comhairle nan Eilean Siar", "ünïcødé ß", "x?y=%20&z"])
def test_every_command_uses_exactly_the_file_named(tmp_path, folder):
    where = tmp_path / folder
    where.mkdir()
    db = where / "my data?.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = lambda *args: subprocess.run([sys.executable, "-m", "msgdesk", *args, "--db", str(db)],
                                       capture_output=True, text=True, env=env, timeout=60)
    assert run("import", str(EXAMPLE)).returncode == 0
    listed = run("list")
    assert listed.returncode == 0 and "22 of 22 rated" in listed.stdout
    out = tmp_path / "out.json"
    assert run("export", "-p", P, "-r", "2019", "--json", str(out)).returncode == 0
    from tests.test_returnfile import as_version_1

    assert as_version_1(out.read_text(encoding="utf-8")) == EXAMPLE.read_text(encoding="utf-8")
    assert run("backup").returncode == 0
    created = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert f"{folder}/my data?.db" in created
    assert all(p.startswith(f"{folder}/") or p == "out.json" for p in created), created
