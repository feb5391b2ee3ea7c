"""A command's log (``msgdesk.logging_setup.configure_logging_when_used``), set up the moment
the ``logging`` module is first imported instead of before every command runs.

``logging`` and what it brings (traceback, textwrap's patterns, string, threading) cost
``msgdesk list`` and ``export --json`` about 7 ms of a 50 ms floor, and those commands log
nothing in the usual case: they never import it now.  Nothing is lost by waiting: no record
can be made before ``logging`` is imported, and the configuration is made as that import
finishes, before the importing module's next line runs, whichever module imports it (ours
through ``logging.getLogger``, a library's, ``logging.handlers`` first).  So every record
reaches the console and the log file as if the log had been configured up front
(tests/test_cli_logs.py).
"""

from __future__ import annotations

import sys

#: ``typing.TYPE_CHECKING`` without importing typing (mypy reads any name TYPE_CHECKING as True):
#: ``msgdesk list`` and ``export --json`` load no typing (issue 22).
TYPE_CHECKING = False

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType
    from typing import Any

LOGGING = "logging"
#: Watched too: when it is what imports ``logging``, the configuration waits for it to finish
#: (its functions do not exist yet while it imports ``logging``).
SETUP = "msgdesk.logging_setup"


def configure_when_imported(console: bool) -> None:
    """The command's log: now if ``logging`` is loaded, else as soon as it is."""
    if LOGGING in sys.modules:
        _configure(console)
    elif not any(isinstance(finder, _WhenLoaded) for finder in sys.meta_path):
        sys.meta_path.insert(0, _WhenLoaded((LOGGING, SETUP), lambda: _configure(console)))


def forget() -> None:
    """Drop a configuration still waiting for ``logging`` (tests: the next one sets its own)."""
    sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, _WhenLoaded)]


def _configure(console: bool) -> None:
    # why: logging_setup imports logging, which a command that logs nothing never loads
    from msgdesk.logging_setup import configure_logging_when_used

    configure_logging_when_used(console=console)


class _WhenLoaded:
    """A finder first in ``sys.meta_path`` that lets the others find the modules ``names`` and
    runs ``then`` once, as soon as ``logging`` is loaded and none of them is still running its
    code (inside the import that loaded the last of them)."""

    def __init__(self, names: tuple[str, ...], then: Callable[[], None]) -> None:
        self.names = names
        self.then = then
        self.loading: set[str] = set()

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if fullname not in self.names:
            return None
        for finder in sys.meta_path:  # the path finder, or a frozen build's own importer
            find = getattr(finder, "find_spec", None)
            spec = find(fullname, path, target) if finder is not self and find is not None else None
            if spec is not None:
                break
        else:
            return None
        if spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec  # not a module this can follow: left as found
        spec.loader = _ThenLoader(spec.loader, self, fullname)
        return spec

    def started(self, name: str) -> None:
        self.loading.add(name)

    def finished(self, name: str) -> None:
        self.loading.discard(name)
        if LOGGING in sys.modules and not self.loading and self in sys.meta_path:
            sys.meta_path.remove(self)  # once only
            self.then()


class _ThenLoader:
    """The module's own loader, telling ``watcher`` when the module's code starts and ends.
    The module keeps its own loader as ``__loader__`` and ``__spec__.loader`` (tracebacks
    read its source through it)."""

    def __init__(self, loader: Any, watcher: _WhenLoaded, name: str) -> None:
        self.loader = loader
        self.watcher = watcher
        self.name = name

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        create = getattr(self.loader, "create_module", None)
        created: ModuleType | None = create(spec) if create is not None else None
        return created

    def exec_module(self, module: ModuleType) -> None:
        module.__loader__ = self.loader
        if module.__spec__ is not None:
            module.__spec__.loader = self.loader
        self.watcher.started(self.name)
        try:
            self.loader.exec_module(module)
        finally:
            self.watcher.finished(self.name)
