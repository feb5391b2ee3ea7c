"""msgdesk: complete the MSG self-evaluation of progress with integration, offline."""

from __future__ import annotations


def _version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:  # pragma: no cover
        return "0+unknown"
    try:
        return version("msgdesk")
    except PackageNotFoundError:
        return "0+unknown"


__version__ = _version()
