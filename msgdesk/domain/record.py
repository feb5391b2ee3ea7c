"""Plain value classes without ``dataclasses``.

``dataclasses`` imports ``inspect`` (and with it ``ast``, ``dis`` and ``tokenize``), about
11 ms, and compiles each class's methods at import, about half a millisecond more per class:
most of what ``msgdesk list`` and ``export --json`` cost beyond a plain sqlite3 script
(issue 22).  The values those commands build (the round's snapshot, the return's values)
are ``Record`` classes instead: each lists its fields in ``__slots__`` (in the order of its
``__init__``'s arguments) and writes its ``__init__`` by hand; ``Record`` gives what a
``@dataclass`` gave them, written once: equality by the fields (only with the same class),
no hash (they are mutable), the same ``repr``, and ``replace`` for ``dataclasses.replace``.
Standard library only.
"""

from __future__ import annotations

#: ``typing.TYPE_CHECKING`` without importing typing (mypy reads any name TYPE_CHECKING as True).
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any, ClassVar, Self


class Record:
    """A mutable value compared by its fields, the names in its class's ``__slots__``."""

    __slots__: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    #: Mutable, so not hashable (as a dataclass with ``eq`` and without ``frozen``).
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({shown})"

    def replace(self, **changes: Any) -> Self:
        """A new value with ``changes`` (fields by name), made through ``__init__`` as
        ``dataclasses.replace`` makes it; an unknown name is a TypeError."""
        return self.__class__(**({name: getattr(self, name) for name in self.__slots__} | changes))
