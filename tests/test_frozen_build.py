"""The app as shipped: build it with the one documented command (PyInstaller, once per
test session, about a minute) and run the frozen executable headless.

PyInstaller comes with the ``test`` extra (``pip install -e ".[test]"``); without it this
test fails rather than skips, because CI must exercise the frozen build.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "north-ayrshire-2019.json"
PARTNERSHIP = "North Ayrshire Health and Social Care Partnership"
#: The limit is 190 MB on Linux (issue 18: typst's compiler, 68 MB stripped, replaced
#: reportlab and PDFium, 17 MB); this guards against a large regression (a forgotten
#: exclusion brings back 20 MB or more).
SIZE_GUARD_MB = 190


@pytest.fixture(scope="session")
def frozen(tmp_path_factory) -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail('PyInstaller is missing: install the test extra, pip install -e ".[test]"')
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_app
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    out = tmp_path_factory.mktemp("frozen")
    exe = build_app.build(out / "dist", out / "work", quiet=True)
    assert exe.is_file(), f"no executable at {exe}"
    return exe


def run(exe: Path, *args: str, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"),
               XDG_CONFIG_HOME=str(home / "config"), QT_QPA_PLATFORM="offscreen")
    env.pop("MSGDESK_DB", None)
    env.pop("PYTHONPATH", None)
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, cwd=home, timeout=120)


def folder_size_mb(exe: Path) -> float:
    folder = exe.parent if sys.platform != "darwin" else exe.parents[2]
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def test_frozen_app_reports_the_version_from_pyproject(frozen, tmp_path):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    done = run(frozen, "--version", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"msgdesk {version}"
    helped = run(frozen, "--help", home=tmp_path)
    for name in ("import", "export", "list", "backup", "restore"):
        assert name in helped.stdout


def test_frozen_app_imports_and_exports_the_example(frozen, tmp_path):
    db = str(tmp_path / "msgdesk.db")
    done = run(frozen, "import", str(EXAMPLE), "--db", db, home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "22 proposals rated, 52 actions" in done.stdout
    listed = run(frozen, "list", "--db", db, home=tmp_path)
    assert "22 of 22 rated" in listed.stdout, listed.stderr

    out = tmp_path / "out.json"
    done = run(frozen, "export", "-p", PARTNERSHIP, "-r", "2019", "--json", str(out), "--db", db, home=tmp_path)
    assert done.returncode == 0, done.stderr
    from msgdesk.cli.main import main

    expected = tmp_path / "expected.json"
    assert main(["import", str(EXAMPLE), "--db", str(tmp_path / "source.db")]) == 0
    assert main(["export", "-p", PARTNERSHIP, "-r", "2019", "--json", str(expected), "--db",
                 str(tmp_path / "source.db")]) == 0
    from tests.test_returnfile import as_version_1

    # two imports: their own action ids and times, the same return otherwise, byte for byte
    assert as_version_1(out.read_text(encoding="utf-8")) == as_version_1(expected.read_text(encoding="utf-8"))
    assert json.loads(out.read_text())["format"] == "msgdesk-return"


@pytest.mark.parametrize("kind", ["pdf", "xlsx", "docx"])
def test_frozen_app_exports_pdf_and_excel(frozen, tmp_path, kind):
    db = str(tmp_path / "msgdesk.db")
    assert run(frozen, "import", str(EXAMPLE), "--db", db, home=tmp_path).returncode == 0
    out = tmp_path / f"appendix.{kind}"
    done = run(frozen, "export", "-p", PARTNERSHIP, "-r", "2019", f"--{kind}", str(out), "--db", db, home=tmp_path)
    assert done.returncode == 0, done.stderr
    if kind == "pdf":
        assert out.read_bytes().startswith(b"%PDF")
        import pdfplumber

        with pdfplumber.open(out) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert "North Ayrshire" in text
    elif kind == "docx":  # python-docx and lxml.etree work frozen (its templates are found)
        with zipfile.ZipFile(out) as document:
            assert "North Ayrshire" in document.read("word/header1.xml").decode()
            assert "Proposal 6.3" in document.read("word/document.xml").decode()
    else:
        with zipfile.ZipFile(out) as workbook:
            assert "xl/workbook.xml" in workbook.namelist()


def test_frozen_app_backs_up_and_restores(frozen, tmp_path):
    db = str(tmp_path / "msgdesk.db")
    assert run(frozen, "import", str(EXAMPLE), "--db", db, home=tmp_path).returncode == 0
    done = run(frozen, "backup", "--db", db, home=tmp_path)
    assert done.returncode == 0 and "checked: ok" in done.stdout, done.stderr
    [backup] = (tmp_path / "backups").glob("msgdesk-*-manual.zip")
    Path(db).write_bytes(b"garbage" * 1000)
    refused = run(frozen, "list", "--db", db, home=tmp_path)
    assert refused.returncode == 1 and "msgdesk restore" in refused.stderr
    done = run(frozen, "restore", str(backup), "--db", db, home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "22 of 22 rated" in run(frozen, "list", "--db", db, home=tmp_path).stdout


def test_frozen_window_starts_offscreen(frozen, tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([str(frozen), "--db", str(tmp_path / "msgdesk.db")], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(6)
        assert proc.poll() is None, f"the window closed: {proc.communicate()[1]}"
    finally:
        proc.kill()
        _out, err = proc.communicate()
    assert "Traceback" not in err, err
    assert "cannot start" not in err, err


def test_frozen_folder_size(frozen):
    size = folder_size_mb(frozen)
    print(f"frozen app folder: {size:.1f} MB")
    assert size <= SIZE_GUARD_MB


def test_frozen_app_carries_every_part_it_needs(frozen, tmp_path):
    """Collation with the slimmed ICU data, PDF and Word appendix, print preview (typst's page images),
    Qt's print support, the spelling list and the PostgreSQL driver, in the bundle itself."""
    done = run(frozen, "selfcheck", home=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("ok ") == 6, done.stdout
