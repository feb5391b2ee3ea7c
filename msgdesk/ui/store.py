"""The database as the window sees it: a path now, the full store when first needed.

Opening the store imports SQLAlchemy and sqlmodel (about half a second), so the
window is shown from a ``msgdesk.store.snapshot`` first and the store is opened
just after (or at once, by the first write that needs it).
"""

from __future__ import annotations

from pathlib import Path


class Store:
    def __init__(self, path: Path, engine=None):
        self.path = Path(path)
        self._engine = engine

    @property
    def ready(self) -> bool:
        return self._engine is not None

    @property
    def engine(self):
        if self._engine is None:
            from msgdesk.store.database import open_database

            self._engine = open_database(self.path)
        return self._engine

    @property
    def repo(self):
        """The core API module ``msgdesk.store.repository`` (imported on first use)."""
        import msgdesk.store.repository as repository

        return repository

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
