"""Issue 21 item 8: a database in a folder msgdesk cannot write still serves the commands that
only read (export, list, report, collate), writing their files wherever the officer said; a
command that writes is still refused before anything is touched.  The decision is tested on
its own (every combination), then on a real read-only mount with real processes."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from msgdesk.domain.states import OpenMode, open_mode
from msgdesk.store import health
from tests.conftest import EXAMPLE
from tests.pdftext import pdf_text

NA = "North Ayrshire Health and Social Care Partnership"


@pytest.mark.parametrize("reads_only, folder_writable, file_writable",
                         list(itertools.product([False, True], repeat=3)))
def test_only_a_reading_command_on_an_unwritable_place_opens_read_only(reads_only, folder_writable, file_writable):
    mode = open_mode(reads_only=reads_only, folder_writable=folder_writable, file_writable=file_writable)
    expected = OpenMode.READ_ONLY if reads_only and not (folder_writable and file_writable) else OpenMode.READ_WRITE
    assert mode is expected


@pytest.mark.parametrize("reads_only", [False, True])
def test_a_writable_folder_is_opened_read_write_by_every_command(tmp_path, reads_only):
    for path in (tmp_path / "msgdesk.db", tmp_path / "absent" / "msgdesk.db"):
        assert health.mode_for(path, reads_only=reads_only) is OpenMode.READ_WRITE


def _in_read_only_mount(folder: Path, script: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a private mount namespace where ``folder`` is a read-only bind mount
    (chmod would not stop root; the mount is gone when the process ends)."""
    q = shlex.quote(str(folder))
    return subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c",
                           f"mount --bind {q} {q} && mount -o remount,ro,bind {q} && {script}"],
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def _msgdesk(*args: str | Path) -> str:
    return " ".join(shlex.quote(str(a)) for a in (sys.executable, "-m", "msgdesk", *args))


@pytest.fixture
def read_only_db(tmp_path):
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("a read-only mount needs root and unshare(1); the decision itself is tested above")
    folder = tmp_path / "readonly"
    folder.mkdir()
    db = folder / "msgdesk.db"
    subprocess.run([sys.executable, "-m", "msgdesk", "import", str(EXAMPLE), "--db", str(db)], check=True,
                   capture_output=True)
    probe = _in_read_only_mount(folder, f"touch {shlex.quote(str(folder / 'probe'))}")
    if probe.returncode == 0 or "Read-only" not in probe.stderr:
        pytest.skip(f"this machine cannot make a read-only mount here ({probe.stderr.strip()[:200]})")
    return db


def _state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def test_reading_commands_export_to_a_writable_folder_from_a_read_only_one(read_only_db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    before = _state(read_only_db.parent)
    commands = [
        _msgdesk("export", "-p", NA, "-r", "2019", "--pdf", out / "appendix.pdf", "--xlsx", out / "return.xlsx",
                 "--db", read_only_db),
        _msgdesk("list", "--db", read_only_db),
        _msgdesk("report", "-p", NA, "-r", "2019", "--pdf", out / "progress.pdf", "--db", read_only_db),
        _msgdesk("collate", "-r", "2019", "--pdf", out / "collated.pdf", "--db", read_only_db),
    ]
    for command in commands:
        done = _in_read_only_mount(read_only_db.parent, command)
        assert done.returncode == 0, done.stderr
        assert "opened for reading only" in done.stderr
    assert "North Ayrshire" in pdf_text((out / "appendix.pdf").read_bytes())
    assert "North Ayrshire" in pdf_text((out / "progress.pdf").read_bytes())
    assert (out / "return.xlsx").read_bytes()[:4] == b"PK\x03\x04"
    assert _state(read_only_db.parent) == before  # nothing made beside it: no backup, lock, -wal or -shm


def test_a_writing_command_on_a_read_only_folder_is_refused_with_the_database_unchanged(read_only_db):
    before = _state(read_only_db.parent)
    done = _in_read_only_mount(read_only_db.parent, _msgdesk("ready", "-p", NA, "-r", "2019",
                                                              "--db", read_only_db))
    assert done.returncode != 0
    assert "read-only" in done.stderr and "Traceback" not in done.stderr
    assert _state(read_only_db.parent) == before


DIRECTIONS = Path(__file__).resolve().parents[1] / "resources" / "examples" / "directions-example.json"


def test_directions_and_packs_are_read_from_a_read_only_folder_and_withdrawing_is_refused(read_only_db, tmp_path):
    """Issue 22: ``directions list``, ``directions export``, ``directions log`` and ``packs``
    only read: on a read-only folder they answer as on a writable one, and leave it as it was;
    ``packs --withdraw`` writes, so it is refused there, with the database unchanged."""
    db = read_only_db
    writable = tmp_path / "writable.db"
    for where in (db, writable):
        for argv in (["directions", "import", str(DIRECTIONS)],
                     ["pack", "-p", NA, "-r", "2019", "--proposals", "2.1-2.3", "--for", "Alan Brown, CFO",
                      "--out", str(tmp_path / f"{where.stem}-pack.json")]):
            if where == writable and argv[0] == "directions":
                subprocess.run([sys.executable, "-m", "msgdesk", "import", str(EXAMPLE), "--db", str(where)],
                               check=True, capture_output=True)
            subprocess.run([sys.executable, "-m", "msgdesk", *argv, "--db", str(where)], check=True,
                           capture_output=True)
    out = tmp_path / "out"
    out.mkdir()
    before = _state(db.parent)
    readers = {
        "directions list": ["directions", "list", "-p", NA, "--as-at", "2026-01-31"],
        "directions log": ["directions", "log", "-p", NA, "--as-at", "2026-01-31"],
        "packs": ["packs", "-p", NA, "-r", "2019"],
    }
    for name, argv in readers.items():
        done = _in_read_only_mount(db.parent, _msgdesk(*argv, "--db", db))
        assert done.returncode == 0, (name, done.stderr)
        assert "opened for reading only" in done.stderr and "Traceback" not in done.stderr
        there = subprocess.run([sys.executable, "-m", "msgdesk", *argv, "--db", str(writable)],
                               capture_output=True, text=True, encoding="utf-8", check=True)
        # the same answer as from a writable folder (the packs' ids differ between the two files)
        if name == "packs":
            assert done.stdout.split("  ", 1)[1] == there.stdout.split("  ", 1)[1]
            assert "Alan Brown" in done.stdout
        else:
            assert done.stdout == there.stdout and done.stdout.strip(), name
    exported = _in_read_only_mount(db.parent, _msgdesk("directions", "export", "-p", NA, "--json",
                                                        out / "directions.json", "--db", db))
    assert exported.returncode == 0, exported.stderr
    subprocess.run([sys.executable, "-m", "msgdesk", "directions", "export", "-p", NA, "--json",
                    str(out / "directions-writable.json"), "--db", str(writable)], check=True, capture_output=True)
    assert (out / "directions.json").read_bytes() == (out / "directions-writable.json").read_bytes()
    pack_id = json.loads((tmp_path / "msgdesk-pack.json").read_text(encoding="utf-8"))["pack"]["id"]
    withdrawn = _in_read_only_mount(db.parent, _msgdesk("packs", "-p", NA, "-r", "2019", "--withdraw", pack_id,
                                                         "--db", db))
    assert withdrawn.returncode != 0
    assert "read-only" in withdrawn.stderr and "Traceback" not in withdrawn.stderr
    assert _state(db.parent) == before  # nothing made beside it: no backup, lock, -wal or -shm
