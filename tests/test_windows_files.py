"""What only Windows does to msgdesk's files, tested where each behaviour happens.

On Linux (the ordinary test run) the rules are tested as rules (``windows=True``) and the
Linux behaviour for real.  Under wine, the Windows smoke test (scripts/windows/smoke_test.sh)
runs this same file with the embedded Windows Python, so the tests marked ``on_windows``
go through the real Windows calls: a reader's open file refusing to be replaced,
msvcrt.locking between two processes, ``\\\\?\\`` long paths, device names, a drive
that Windows reports as a network drive, and a redirected Documents folder.
"""

from __future__ import annotations

import ntpath
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from msgdesk.domain.errors import AlreadyOpenError, FileInUseError, ReservedNameError
from msgdesk.exchange import windows_files
from msgdesk.exchange.windows_files import RESERVED, check_name, free_name, long_path, reserved_name_problem
from msgdesk.rounds.return_file import write_atomically
from msgdesk.store.lock import InstanceLock
from tests.conftest import ROOT

on_windows = pytest.mark.skipif(sys.platform != "win32", reason="Windows behaviour: run under wine by the smoke test")
on_linux = pytest.mark.skipif(sys.platform == "win32", reason="the Linux behaviour")

EXTENSIONS = ["", ".pdf", ".docx", ".xlsx", ".json", ".tar.gz", ". pdf"]


# --- reserved names: the rule, everywhere -------------------------------------------------------


@pytest.mark.parametrize("device", sorted(RESERVED))
def test_every_device_name_is_refused_with_any_extension_and_case(device):
    for extension in EXTENSIONS:
        for name in (device + extension, device.lower() + extension, device.title() + extension,
                     device + " " + extension):
            problem = reserved_name_problem(name)
            assert problem and "device" in problem, name
            with pytest.raises(ReservedNameError, match="Nothing was written"):
                check_name(Path("/tmp") / name, windows=True)
            check_name(Path("/tmp") / name, windows=False)  # Linux has no such devices


@pytest.mark.parametrize("name", [
    "CONS.pdf", "console.pdf", "auxiliary.pdf", "COM0.pdf", "COM10.pdf", "LPT0", "LPT10.docx", "NULL.xlsx",
    "my CON.pdf", "report-aux.pdf", "Appendix 1 – Équipe.pdf", "north-ayrshire-2019.json", ".hidden.pdf",
])
def test_ordinary_names_near_device_names_are_allowed(name):
    assert reserved_name_problem(name) is None
    check_name(Path("/tmp") / name, windows=True)


@pytest.mark.parametrize("character", list('<>:"|?*') + [chr(n) for n in range(1, 32)])
def test_characters_windows_forbids_are_named(character):
    problem = reserved_name_problem(f"report{character}2019.pdf")
    assert problem and "does not allow" in problem


@pytest.mark.parametrize("name", ["report.", "report.pdf.", "report ", "report.pdf  "])
def test_a_trailing_dot_or_space_is_refused_because_windows_drops_it(name):
    assert "drops" in (reserved_name_problem(name) or "")


# --- long paths: the rule, everywhere -------------------------------------------------------------


def test_long_paths_get_the_extended_form_from_the_limit_on():
    for length in range(200, 420, 7):
        folder = "C:\\" + "\\".join(["d" * 9] * 60)
        path = folder[:length].rstrip("\\")
        result = long_path(path, windows=True)
        if len(path) < windows_files._LONG_FROM:
            assert result == path
        else:
            assert result == "\\\\?\\" + path
        assert long_path(path, windows=False) == path


def test_unc_long_paths_use_the_unc_extended_form_and_room_counts():
    share = "\\\\council-fs01\\home$\\officer\\" + "\\".join(["Committee papers 2026"] * 12)
    assert long_path(share, windows=True) == "\\\\?\\UNC\\" + share[2:]
    short = "\\\\council-fs01\\home$\\officer\\Documents"
    assert long_path(short, windows=True) == short
    assert long_path(short, windows=True, room=400).startswith("\\\\?\\UNC\\council-fs01\\")
    assert long_path("\\\\?\\C:\\already", windows=True) == "\\\\?\\C:\\already"
    # the extended form turns Windows' clean-up off: it is done first
    messy = "C:\\" + "x" * 250 + "\\.\\sub\\..\\file.pdf"
    assert long_path(messy, windows=True) == "\\\\?\\" + ntpath.normpath(messy)


def test_free_names_count_past_the_taken_ones(tmp_path):
    target = tmp_path / "Appendix 1.pdf"
    target.write_bytes(b"x")
    for number in range(2, 7):
        assert free_name(target) == tmp_path / f"Appendix 1 ({number}).pdf"
        free_name(target).write_bytes(b"x")


# --- a file open in a reader --------------------------------------------------------------------------


@on_linux
def test_on_linux_exporting_over_an_open_pdf_replaces_it_and_the_reader_keeps_the_old_copy(tmp_path):
    target = tmp_path / "Appendix 1.pdf"
    target.write_bytes(b"%PDF-old" * 1000)
    with open(target, "rb") as reader:
        write_atomically(target, b"%PDF-new")
        assert reader.read() == b"%PDF-old" * 1000
    assert target.read_bytes() == b"%PDF-new"
    assert [p.name for p in tmp_path.iterdir()] == ["Appendix 1.pdf"]


@on_windows
def test_on_windows_exporting_over_an_open_pdf_names_it_offers_another_name_and_writes_nothing(tmp_path):
    from msgdesk.reports import appendix_pdf
    from msgdesk.rounds.return_file import read_return_file

    data = read_return_file(ROOT / "resources" / "examples" / "north-ayrshire-2019.json")
    target = tmp_path / "Appendix 1.pdf"
    appendix_pdf.export(data, target)
    before = target.read_bytes()
    with open(target, "rb") as reader:  # opened as readers do: without FILE_SHARE_DELETE
        with pytest.raises(FileInUseError) as caught:
            appendix_pdf.export(data, target)
        assert reader.read(5) == b"%PDF-"
    message = str(caught.value)
    assert str(target) in message and "Appendix 1 (2).pdf" in message and "Nothing was written" in message
    assert caught.value.suggestion == tmp_path / "Appendix 1 (2).pdf"
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Appendix 1.pdf"]  # no .part left
    appendix_pdf.export(data, caught.value.suggestion)  # the offered name works
    appendix_pdf.export(data, target)  # and, the reader closed, so does the old one
    assert target.read_bytes()[:5] == b"%PDF-"


@on_windows
def test_on_windows_a_device_name_is_refused_before_anything_is_written(tmp_path):
    for name in ("CON", "aux.pdf", "nul.xlsx", "Com1.docx", "report?.pdf"):
        with pytest.raises(ReservedNameError):
            write_atomically(tmp_path / name, b"data")
    assert list(tmp_path.iterdir()) == []


@on_windows
def test_on_windows_a_path_past_260_characters_is_written_and_read_back(tmp_path):
    for depth in (1, 4, 8, 14):
        folder = tmp_path.joinpath(*["Committee papers 2026 – Équipe"] * depth)
        target = folder / "Appendix 1.pdf"
        write_atomically(target, b"%PDF-" + str(depth).encode())
        with open(long_path(target, windows=True), "rb") as fh:
            assert fh.read() == b"%PDF-" + str(depth).encode()
    assert len(str(target)) > 300


# --- the single-instance lock, between two processes -------------------------------------------------


def test_a_second_process_cannot_take_the_database_lock_until_the_first_ends(tmp_path):
    db = tmp_path / "Équipe données" / "msgdesk.db"
    db.parent.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from msgdesk.store.lock import InstanceLock
            lock = InstanceLock({str(db)!r}).acquire()
            print("held", flush=True)
            sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(AlreadyOpenError, match=f"process {holder.pid} on "):
            InstanceLock(db).acquire()
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    lock = InstanceLock(db).acquire()  # the system dropped the lock with the process
    assert lock.held
    lock.release()


# --- a database on a network drive ------------------------------------------------------------------------


def _network_drive() -> str:
    """``N:`` when the smoke test made wine report a drive as a network drive, else skip."""
    drive = os.environ.get("MSGDESK_TEST_NETWORK_DRIVE", "")
    if sys.platform != "win32" or not drive:
        pytest.skip("needs Windows with a network drive (the smoke test maps one under wine)")
    return drive


@on_windows
def test_on_windows_a_database_on_a_network_drive_uses_a_rollback_journal_with_a_notice():
    from sqlalchemy import text

    from msgdesk.store.network import is_network_path
    from msgdesk.store.workspace import Workspace

    drive = _network_drive()
    folder = Path(drive + "\\").joinpath(f"shared msgdesk {os.getpid()}")
    folder.mkdir()
    assert is_network_path(folder / "msgdesk.db")
    assert is_network_path("\\\\council-fs01\\msgdesk\\msgdesk.db")  # UNC: a share, always
    assert not is_network_path(Path(os.environ["LOCALAPPDATA"]) / "msgdesk.db")
    workspace = Workspace(str(folder / "msgdesk.db"))
    try:
        with workspace.engine.connect() as con:
            assert con.execute(text("PRAGMA journal_mode")).scalar() == "delete"
        assert any("network drive" in notice for notice in workspace.notices)
    finally:
        workspace.close()
    assert not (folder / "msgdesk.db-wal").exists()


@on_windows
def test_on_windows_a_redirected_documents_folder_is_followed_and_data_stays_local():
    from platformdirs import user_documents_dir
    from PySide6.QtCore import QStandardPaths

    from msgdesk.paths import user_data_dir, user_log_dir

    drive = _network_drive()
    documents = user_documents_dir()
    assert documents.upper().startswith(drive.upper()), documents  # the smoke test redirected it there
    assert QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation).replace(
        "/", "\\").upper().startswith(drive.upper())
    local = os.environ["LOCALAPPDATA"].upper()
    for folder in (user_data_dir(), user_log_dir()):  # never on the share, never roaming
        assert str(folder).upper().startswith(local), folder


# --- Windows' refusal, reproduced on Linux --------------------------------------------------------------
# Linux replaces an open file, so here the refusal is Windows' own error (PermissionError,
# WinError 32) raised where os.replace would raise it; under wine the test above meets the real one.


def _refuse_replacing(monkeypatch, target: Path, times: int) -> list[str]:
    real_replace, refused = os.replace, []

    def replace(source, destination):
        if Path(destination) == target and len(refused) < times:
            refused.append(str(source))
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        real_replace(source, destination)

    monkeypatch.setattr(windows_files, "WINDOWS", True)
    monkeypatch.setattr(windows_files.os, "replace", replace)
    monkeypatch.setattr(windows_files, "RETRY_DELAYS", (0.001,) * len(windows_files.RETRY_DELAYS))
    return refused


def test_a_refusal_that_lasts_is_reported_with_the_old_file_kept_and_nothing_left(tmp_path, monkeypatch):
    target = tmp_path / "Appendix 1.pdf"
    target.write_bytes(b"%PDF-old")
    (tmp_path / "Appendix 1 (2).pdf").write_bytes(b"taken")
    refused = _refuse_replacing(monkeypatch, target, times=100)
    with pytest.raises(FileInUseError) as caught:
        write_atomically(target, b"%PDF-new")
    assert len(refused) == len(windows_files.RETRY_DELAYS) + 1  # retried, then reported
    assert caught.value.path == target and caught.value.suggestion == tmp_path / "Appendix 1 (3).pdf"
    assert target.read_bytes() == b"%PDF-old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Appendix 1 (2).pdf", "Appendix 1.pdf"]


@pytest.mark.parametrize("times", range(len(windows_files.RETRY_DELAYS) + 1))
def test_a_brief_refusal_such_as_an_antivirus_scan_is_waited_out(tmp_path, monkeypatch, times):
    target = tmp_path / "Appendix 1.pdf"
    target.write_bytes(b"%PDF-old")
    refused = _refuse_replacing(monkeypatch, target, times=times)
    write_atomically(target, b"%PDF-new")
    assert len(refused) == times
    assert target.read_bytes() == b"%PDF-new"
    assert [p.name for p in tmp_path.iterdir()] == ["Appendix 1.pdf"]


def test_a_new_file_refused_is_a_permission_problem_not_a_file_in_use(tmp_path, monkeypatch):
    target = tmp_path / "Appendix 1.pdf"  # does not exist: nobody can have it open
    _refuse_replacing(monkeypatch, target, times=100)
    with pytest.raises(PermissionError):
        write_atomically(target, b"%PDF-new")
    assert list(tmp_path.iterdir()) == []
