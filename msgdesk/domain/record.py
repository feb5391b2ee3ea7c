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


# --- NamedTuple without typing ---------------------------------------------------------------------
# ``typing`` is about 3 ms of ``msgdesk list``, and its NamedTuple turns each field's annotation
# (a string, under ``from __future__ import annotations``) into a ForwardRef by compiling it.
# The values a command reads (a health check's, a round's summary, the template's proposals)
# are NamedTuples written in the class syntax; this makes them as typing does, through
# ``collections.namedtuple``, keeping the annotations as written.  mypy reads the name as
# ``typing.NamedTuple`` itself.

#: What the class syntax may not define (as typing refuses them).
_PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make",
                         "_replace", "_asdict", "_source"})
_SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})


class _NamedTupleMeta(type):
    """``class X(NamedTuple)`` made into ``collections.namedtuple`` (typing's NamedTupleMeta,
    without Generic)."""

    def __new__(cls, typename: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        # why: collections is loaded at start-up already (site); imported here, where it is used
        import collections

        annotations = dict(ns.get("__annotations__", {}))
        defaults = [name for name in annotations if name in ns]
        if defaults and defaults != list(annotations)[len(annotations) - len(defaults):]:
            raise TypeError(f"{typename}: a field without a default cannot follow one with a default")
        # (mypy knows namedtuple by its literal arguments; these are typing's, read from the class)
        fields, values = list(annotations), [ns[name] for name in defaults]
        made = collections.namedtuple(typename, fields, defaults=values, module=ns["__module__"])  # type: ignore[misc]
        made.__annotations__ = made.__new__.__annotations__ = annotations
        for key, value in ns.items():
            if key in _PROHIBITED:
                raise AttributeError(f"cannot overwrite NamedTuple attribute {key}")
            if key not in _SPECIAL and key not in annotations:
                setattr(made, key, value)
        return made


if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})
