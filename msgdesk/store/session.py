"""One short transaction per operation, for every repository."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session


class Transactions:
    """``with tx() as session:`` committed if the block ends normally, rolled back
    otherwise.  Objects stay readable after the commit (nothing is expired), so callers
    can hand plain values out.  The engine's error handler has already turned a refusal
    by the database (a guard trigger, a full disk) into a typed error."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @contextmanager
    def __call__(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def reading(self) -> Iterator[Any]:
        """One read transaction for ``msgdesk.store.reads``: its SQL (with ``:name``
        parameters) run through this engine, so the repositories read with the same
        queries as a reading command does through the standard library."""
        with self() as session:
            yield runner(session)


def runner(session: Session) -> Callable[[str, Mapping[str, Any]], Sequence[Any]]:
    """``msgdesk.store.reads``'s ``run(sql, params)`` inside an open session, for a write
    that reads back through the shared SQL in its own transaction."""
    def run(sql: str, params: Mapping[str, Any]) -> Sequence[Any]:
        return session.execute(text(sql), params).all()

    return run
