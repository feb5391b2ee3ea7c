"""One short transaction per operation, for every module that writes."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from msgdesk.errors import RoundLockedError


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """Committed if the block ends normally, rolled back otherwise.  Objects
    stay readable after the commit (nothing is expired), so callers can hand
    plain values out.  A refusal by the approved-round triggers becomes
    RoundLockedError."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except IntegrityError as exc:
            session.rollback()
            if "approved by the IJB" in str(exc.orig):
                raise RoundLockedError(str(exc.orig)) from exc
            raise
        except BaseException:
            session.rollback()
            raise
