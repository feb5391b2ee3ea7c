"""Before Qt starts on Linux: the X11 libraries its ``xcb`` plugin needs.

Without one of them (on a fresh Debian desktop, ``libxcb-cursor0``) Qt aborts the process
(exit 134) with "xcb-cursor0 or libxcb-cursor0 is needed" among a page of plugin messages.
msgdesk looks first, with the dynamic loader's own search (no Qt import, a few
milliseconds): on a Wayland session it falls back to Qt's ``wayland`` plugin; otherwise it
stops with one line naming the Debian package(s) to install.
"""

from __future__ import annotations

import os
import sys

#: The libraries Qt 6's xcb platform plugin loads beyond libxcb itself, and their packages.
XCB_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("xcb-cursor", "libxcb-cursor0"),
    ("xcb-icccm", "libxcb-icccm4"),
    ("xcb-image", "libxcb-image0"),
    ("xcb-keysyms", "libxcb-keysyms1"),
    ("xcb-randr", "libxcb-randr0"),
    ("xcb-render-util", "libxcb-render-util0"),
    ("xcb-shape", "libxcb-shape0"),
    ("xcb-xkb", "libxcb-xkb1"),
    ("xkbcommon-x11", "libxkbcommon-x11-0"),
)


def missing_xcb_packages() -> list[str]:
    # ctypes (and the subprocess it runs ldconfig with) only on an X11 desktop, not on import
    import ctypes.util

    return [package for library, package in XCB_LIBRARIES if ctypes.util.find_library(library) is None]


def check_platform() -> str | None:
    """None when Qt can start (perhaps after choosing ``wayland``); else the one line to show."""
    if not sys.platform.startswith("linux"):
        return None
    chosen = os.environ.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return None  # offscreen, wayland, … chosen on purpose
    if not os.environ.get("DISPLAY") and not chosen:
        return None  # Qt picks wayland or says there is no display itself
    missing = missing_xcb_packages()
    if not missing:
        return None
    if os.environ.get("WAYLAND_DISPLAY") and not chosen:
        os.environ["QT_QPA_PLATFORM"] = "wayland"
        return None
    return (f"msgdesk: the window needs the system package{'s' if len(missing) > 1 else ''} "
            f"{' '.join(missing)}; install {'them' if len(missing) > 1 else 'it'} with: "
            f"sudo apt install {' '.join(missing)}")
