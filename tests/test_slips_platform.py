"""Issue 21 item 16: a missing X library is named in one line before Qt aborts (exit 134)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_window(tmp_path: Path, missing: tuple[str, ...], **env: str) -> subprocess.CompletedProcess[str]:
    """``msgdesk`` (the window) as a real process, the loader made blind to ``missing``
    through a sitecustomize (the libraries are installed on this machine)."""
    hooks = tmp_path / "hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "sitecustomize.py").write_text(
        "import ctypes.util\n"
        "_real = ctypes.util.find_library\n"
        f"_missing = {missing!r}\n"
        "ctypes.util.find_library = lambda name: None if name in _missing else _real(name)\n")
    base = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "DISPLAY")}
    base.update({"PYTHONPATH": os.pathsep.join([str(hooks), str(ROOT)]), "DISPLAY": ":97",
                 "MSGDESK_DB": str(tmp_path / "m.db"), "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path)})
    base.update(env)
    return subprocess.run([sys.executable, "-m", "msgdesk"], capture_output=True, text=True, cwd=tmp_path,
                          env=base, timeout=120)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")
@pytest.mark.parametrize("missing", [("xcb-cursor",), ("xcb-cursor", "xkbcommon-x11"), ("xcb-icccm",)])
def test_a_missing_x_library_is_named_in_one_line_with_its_package_before_qt_aborts(tmp_path, missing):
    from msgdesk.ui.platform_check import XCB_LIBRARIES, missing_xcb_packages

    run = run_window(tmp_path, missing)
    really_missing = set(missing_xcb_packages())  # this machine may lack some already
    packages = [p for lib, p in XCB_LIBRARIES if lib in missing or p in really_missing]
    assert run.returncode == 1, (run.returncode, run.stderr[-500:])
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "sudo apt install " + " ".join(packages) in lines[0], run.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")
def test_on_a_wayland_session_a_missing_x_library_falls_back_to_wayland(monkeypatch):
    from msgdesk.ui import platform_check

    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setattr(platform_check, "missing_xcb_packages", lambda: ["libxcb-cursor0"])
    assert platform_check.check_platform() is None
    assert os.environ["QT_QPA_PLATFORM"] == "wayland"
