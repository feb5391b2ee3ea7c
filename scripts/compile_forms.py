"""Compile the Designer forms in ``forms/*.ui`` into ``msgdesk/ui/forms/ui_*.py``.

The generated modules are committed, so a frozen build (PyInstaller) needs no
``pyside6-uic`` at run time.  A form is rebuilt when its ``.ui`` is newer than
the generated module (or always with ``--force``); ``--check`` rebuilds nothing
and exits 1 if any generated module is missing or out of date.

    python scripts/compile_forms.py [--force | --check]
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / "forms"
OUT = ROOT / "msgdesk" / "ui" / "forms"
HEADER = "# Generated from forms/{name} by scripts/compile_forms.py - do not edit.\n"


def uic_command() -> list[str]:
    here = Path(sys.executable).parent / "pyside6-uic"
    if here.exists():
        return [str(here)]
    found = shutil.which("pyside6-uic")
    if found:
        return [found]
    return [sys.executable, "-m", "PySide6.scripts.pyside_tool", "uic"]


def target(ui: Path) -> Path:
    return OUT / f"ui_{ui.stem}.py"


def used_imports_only(source: str) -> str:
    """``source`` with its ``from PySide6.X import (...)`` lists cut to the names the form uses.

    uic writes the same long lists into every form (QGradient, QIcon, QUrl, QFontDatabase…),
    and PySide6 makes a class, with every one of its enums as a Python enum, when its name is
    imported: the main window's form alone made 30 classes it never uses before the window's
    first paint (QGradient's 170 presets among them)."""
    tree = ast.parse(source)
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    lines = source.splitlines()
    for node in reversed(tree.body):  # from the bottom, so earlier line numbers stay right
        if not (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6")):
            continue
        names = sorted((alias.name for alias in node.names if (alias.asname or alias.name) in used),
                       key=lambda name: (name.lower(), name))  # uic's order: case-blind
        assert node.end_lineno is not None
        lines[node.lineno - 1:node.end_lineno] = [f"from {node.module} import ({', '.join(names)})"] if names else []
    return "\n".join(lines)


#: Widgets whose first constructor overload takes a ``Qt.Orientation``: given only a parent,
#: PySide6 tries that overload first and builds the ``Qt`` namespace to rule it out.
ORIENTED = ("QSplitter", "QSlider", "QScrollBar", "QDialogButtonBox")

_MADE = re.compile(r"^\s*self\.(\w+) = (Q\w+)\(")
_ENUM_SETTER = re.compile(r"^(\s*)(self\.(\w+))\.set(\w+)\(((?:Qt\.\w+\.\w+)(?:\s*\|\s*Qt\.\w+\.\w+)*)\)$")


def without_qt_namespace(source: str) -> str:
    """``source`` with no use of PySide6's ``Qt`` namespace, which a form's ``setupUi``
    built before the window's first paint (93 enums, ~130 M instructions; issue 22).

    uic writes an enum-valued property as its setter given ``Qt.X.Y``: that becomes the
    property set by name through Qt's property system (``setProperty("alignment",
    "AlignCenter")``), checked here against the widget class's meta-object so that a name
    Qt would refuse stops the compilation instead of leaving the widget unset.  A widget of
    :data:`ORIENTED` is given its parent by keyword.  Anything else of ``Qt`` in a form is
    refused: it needs a rule here."""
    from PySide6 import QtWidgets  # only when compiling: the classes' meta-objects

    classes: dict[str, str] = {}
    lines = []
    for number, line in enumerate(source.splitlines(), 1):
        made = _MADE.match(line)
        if made:
            classes[made.group(1)] = made.group(2)
            if made.group(2) in ORIENTED:
                line = re.sub(r"= (Q\w+)\((self\.\w+|\w+)\)$", r"= \1(parent=\2)", line)
        setter = _ENUM_SETTER.match(line)
        if setter:
            indent, target, name, prop, value = setter.groups()
            prop = prop[0].lower() + prop[1:]
            keys = "|".join(key.strip().rsplit(".", 1)[1] for key in value.split("|"))
            meta = getattr(QtWidgets, classes.get(name, "QWidget")).staticMetaObject
            index = meta.indexOfProperty(prop)
            if index < 0 or not meta.property(index).isEnumType():
                raise SystemExit(f"line {number}: {classes.get(name)} has no enum property {prop!r}: {line.strip()}")
            enum = meta.property(index).enumerator()
            _value, known = enum.keysToValue(keys) if enum.isFlag() else enum.keyToValue(keys)
            if not known:
                raise SystemExit(f"line {number}: {enum.name()} has no {keys!r}: {line.strip()}")
            line = f'{indent}{target}.setProperty("{prop}", "{keys}")'
        if re.search(r"\bQt\.", line):
            raise SystemExit(f"line {number}: Qt's namespace in a form, before the first paint: {line.strip()}")
        lines.append(line)
    return "\n".join(lines)


def compile_one(ui: Path) -> str:
    """The generated Python source for ``ui`` (without writing it)."""
    result = subprocess.run(
        [*uic_command(), "-g", "python", "--from-imports", str(ui)],
        check=True, capture_output=True, text=True,
    )
    body = "\n".join(
        line for line in result.stdout.splitlines() if "Created by: Qt User Interface Compiler" not in line
    )
    return HEADER.format(name=ui.name) + used_imports_only(without_qt_namespace(body)).rstrip() + "\n"


def stale(ui: Path) -> bool:
    out = target(ui)
    return not out.exists() or out.stat().st_mtime < ui.stat().st_mtime


def main(argv: list[str]) -> int:
    force = "--force" in argv
    check = "--check" in argv
    OUT.mkdir(parents=True, exist_ok=True)
    init = OUT / "__init__.py"
    if not init.exists() and not check:
        init.write_text('"""Modules generated from forms/*.ui by scripts/compile_forms.py."""\n')
    bad = []
    for ui in sorted(FORMS.glob("*.ui")):
        if check:
            out = target(ui)
            if not out.exists() or out.read_text(encoding="utf-8") != compile_one(ui):
                bad.append(ui.name)
            continue
        if force or stale(ui):
            target(ui).write_text(compile_one(ui), encoding="utf-8")
            print(f"compiled {ui.name} -> {target(ui).relative_to(ROOT)}")
    if bad:
        print("out of date: " + ", ".join(bad) + " (run python scripts/compile_forms.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
