"""The shape of the package, read from its imports: no circles, and the layers' rules.

Every ``import`` of a msgdesk module counts, at the top of a file or inside a function
(an import inside a function still ties the two modules together; it only runs later).
``from msgdesk.pkg import name`` counts as an import of ``msgdesk.pkg.name`` when that
is a module, else of ``msgdesk.pkg``.  Imports under ``if TYPE_CHECKING:`` are left out:
they never run, so they cannot make a circle at run time.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "msgdesk"


@dataclass(frozen=True)
class Import:
    importer: str
    target: str  # a msgdesk module, or a third-party top-level name (PySide6)
    line: int
    in_function: bool


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _walk(node: ast.AST, in_function: bool) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            # the else branch does run
            yield from _walk(ast.Module(body=child.orelse, type_ignores=[]), in_function)
            continue
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child, in_function
        inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        yield from _walk(child, inner)


def _imports(name: str, path: Path, modules: dict[str, Path]) -> list[Import]:
    found: list[Import] = []
    is_package = path.name == "__init__.py"
    for node, in_function in _walk(ast.parse(path.read_text(encoding="utf-8"), str(path)), False):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                target = alias.name if top == "msgdesk" else top
                found.append(Import(name, target, node.lineno, in_function))
            continue
        if node.level:  # a relative import: resolve it against this module's package
            base = name.split(".") if is_package else name.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            source = ".".join(base + ([node.module] if node.module else []))
        else:
            source = node.module or ""
        if source.split(".")[0] != "msgdesk":
            found.append(Import(name, source.split(".")[0], node.lineno, in_function))
            continue
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            found.append(Import(name, submodule if submodule in modules else source, node.lineno, in_function))
    return found


def _all_imports() -> list[Import]:
    modules = _modules()
    return [imp for name, path in modules.items() for imp in _imports(name, path, modules)]


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for imp in _all_imports():
        if imp.target in modules and imp.target != imp.importer:
            graph[imp.importer].add(imp.target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle through each strongly connected group of modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)

    circles = []
    for group in groups:
        members = set(group)
        # the shortest way back to the group's first module, for a readable message
        start = group[0]
        paths = {start: [start]}
        queue = [start]
        circle: list[str] = []
        while queue and not circle:
            current = queue.pop(0)
            for nxt in sorted(graph[current] & members):
                if nxt == start:
                    circle = [*paths[current], start]
                    break
                if nxt not in paths:
                    paths[nxt] = [*paths[current], nxt]
                    queue.append(nxt)
        circles.append(circle)
    return circles


def test_the_reader_sees_every_kind_of_import(tmp_path):
    """The checks below are only as good as the reading of imports: top-level imports,
    imports inside functions, ``from pkg import module``, ``import pkg.module`` and relative
    imports count; imports under ``if TYPE_CHECKING:`` do not."""
    source = tmp_path / "reports" / "sample.py"
    source.parent.mkdir()
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "import msgdesk.domain.text\n"
        "from msgdesk.exchange.atomic import write_atomically\n"
        "from msgdesk.store import health\n"
        "from . import cells\n"
        "from PySide6.QtCore import Qt\n"
        "if TYPE_CHECKING:\n"
        "    from msgdesk.store.workspace import Workspace\n"
        "else:\n"
        "    from msgdesk.domain import ids\n"
        "def later():\n"
        "    from msgdesk.reports import appendix_pdf  # why\n"
        "    class Inner:\n"
        "        import msgdesk.store.backup\n",
        encoding="utf-8")
    found = {(i.target, i.in_function) for i in _imports("msgdesk.reports.sample", source, _modules())}
    assert found == {
        ("typing", False), ("msgdesk.domain.text", False), ("msgdesk.exchange.atomic", False),
        ("msgdesk.store.health", False), ("msgdesk.reports.cells", False), ("PySide6", False),
        ("msgdesk.domain.ids", False), ("msgdesk.reports.appendix_pdf", True), ("msgdesk.store.backup", True),
    }
    assert len(_modules()) > 100


def test_the_cycle_finder_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles():
    circles = _cycles(_graph())
    assert not circles, "import circles:\n" + "\n".join(" -> ".join(c) for c in circles)


def _layer(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2])


@pytest.mark.parametrize("layer, allowed", [
    # msgdesk.paths finds the bundled files (the template); it imports nothing of msgdesk
    ("msgdesk.domain", {"msgdesk.domain", "msgdesk.paths"}),
    ("msgdesk.exchange", {"msgdesk.exchange", "msgdesk.domain"}),
])
def test_the_shared_layers_import_nothing_above_them(layer, allowed):
    wrong = [f"{i.importer}:{i.line} imports {i.target}" for i in _all_imports()
             if _layer(i.importer) == layer and i.target.startswith("msgdesk.") and _layer(i.target) not in allowed]
    assert not wrong, "\n".join(wrong)


def test_the_store_never_imports_the_window_the_commands_or_the_reports():
    banned = {"msgdesk.ui", "msgdesk.cli", "msgdesk.reports"}
    wrong = [f"{i.importer}:{i.line} imports {i.target}" for i in _all_imports()
             if _layer(i.importer) == "msgdesk.store" and _layer(i.target) in banned]
    assert not wrong, "\n".join(wrong)


def test_only_the_window_imports_qt():
    # selfcheck is the one exception: it checks, outside the window, that Qt can start
    wrong = [f"{i.importer}:{i.line} imports {i.target}" for i in _all_imports()
             if i.target in {"PySide6", "shiboken6"} and _layer(i.importer) != "msgdesk.ui"]
    assert not wrong, "\n".join(wrong)


def test_every_import_inside_a_function_says_why():
    """An import inside a function is kept only to keep start-up fast (a Qt-heavy tab, an
    exporter, SQLAlchemy on the window's fast path), and says so on its line or in a comment
    above its block of imports."""
    modules = _modules()
    silent = []
    for imp in _all_imports():
        if not imp.in_function or not (imp.target.startswith("msgdesk") or imp.target == "PySide6"):
            continue
        lines = modules[imp.importer].read_text(encoding="utf-8").splitlines()
        if "#" in lines[imp.line - 1]:
            continue
        # a comment above a block of imports speaks for the block
        above = imp.line - 2
        while above >= 0 and lines[above].lstrip().startswith(("from ", "import ", ")")) or (
                above >= 0 and lines[above].startswith(" ") and lines[above].rstrip().endswith(",")):
            above -= 1
        if above < 0 or not lines[above].lstrip().startswith("#"):
            silent.append(f"{modules[imp.importer].relative_to(PACKAGE.parent)}:{imp.line}")
    assert not silent, "imports inside functions without a reason:\n" + "\n".join(sorted(set(silent)))


def test_no_private_name_is_imported_from_another_module():
    """A helper two modules share is public in its right home, not ``from x import _helper``."""
    private = []
    for name, path in _modules().items():
        for node, _in_function in _walk(ast.parse(path.read_text(encoding="utf-8"), str(path)), False):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("msgdesk"):
                private += [f"{name}:{node.lineno} imports {node.module}.{alias.name}" for alias in node.names
                            if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert not private, "\n".join(private)
