"""msgdesk: complete the MSG self-evaluation of progress with integration, offline."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("msgdesk")
    except PackageNotFoundError:
        return "0+unknown"


def __getattr__(name: str) -> str:
    # Computed on first use: importlib.metadata costs start-up time.
    if name == "__version__":
        return _version()
    raise AttributeError(name)
