"""msgdesk: complete the MSG self-evaluation of progress with integration, offline."""

from __future__ import annotations

_found: list[str] = []


def _version() -> str:
    if not _found:
        _found.append(_installed_version())
    return _found[0]


def _installed_version() -> str:
    """The version of the msgdesk installed (or frozen: build.spec writes its dist-info).
    Its dist-info folder's name says it, found as importlib.metadata would find it, first on
    sys.path: importlib.metadata itself costs ``msgdesk --version`` 40 ms, more than
    Python's start-up, and is asked only when no such folder is found."""
    import os
    import sys

    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # not a folder (a zip), or gone
            continue
        for name in names:
            if name.startswith("msgdesk-") and name.endswith(".dist-info"):
                return name[len("msgdesk-"):-len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("msgdesk")
    except PackageNotFoundError:
        return "0+unknown"


def __getattr__(name: str) -> str:
    # Computed on first use: finding it costs start-up time.
    if name == "__version__":
        return _version()
    raise AttributeError(name)
