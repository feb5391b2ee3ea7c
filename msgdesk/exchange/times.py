"""Times in exchange files: UTC, to the second, as ``2026-03-12T14:03:27Z``.

Apart from the field checker (``msgdesk.exchange.checker``, which reads them) so that a
writer (``msgdesk export --json``) formats them without loading the readers' patterns.
"""

from __future__ import annotations

#: ``typing.TYPE_CHECKING`` without importing typing (mypy reads any name TYPE_CHECKING as True).
TYPE_CHECKING = False

if TYPE_CHECKING:
    from datetime import datetime

#: A time in UTC as every exchange file writes it.
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def format_time(value: datetime | None) -> str | None:
    return value.strftime(TIME_FORMAT) if value is not None else None
