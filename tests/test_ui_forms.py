"""The generated form modules match forms/*.ui (run scripts/compile_forms.py after editing a form)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_generated_forms_are_up_to_date():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "compile_forms.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_form_has_its_generated_module():
    forms = sorted(p.stem for p in (ROOT / "forms").glob("*.ui"))
    generated = sorted(p.stem[3:] for p in (ROOT / "msgdesk" / "ui" / "forms").glob("ui_*.py"))
    assert forms == generated


def test_every_form_imports_only_the_qt_classes_it_uses():
    # PySide6 makes a class, and each of its enums, when its name is imported: uic's fixed
    # lists (QGradient, QFontDatabase, QImage…) cost the first frame classes it never shows
    import ast

    for path in sorted((ROOT / "msgdesk" / "ui" / "forms").glob("ui_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        imported = {alias.name for node in tree.body if isinstance(node, ast.ImportFrom)
                    and (node.module or "").startswith("PySide6") for alias in node.names}
        assert imported, path.name
        assert imported <= used, f"{path.name} imports {sorted(imported - used)} and never uses them"


def test_trimming_keeps_what_a_form_uses_and_drops_a_list_left_empty():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from compile_forms import used_imports_only
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    source = ("from PySide6.QtCore import (QDate, QUrl,\n    Qt, QSize)\n"
              "from PySide6.QtGui import (QGradient,\n    QIcon)\n"
              "from PySide6.QtWidgets import (QLabel, QWidget)\n\nclass Ui_X(object):\n"
              "    def setupUi(self, X):\n        self.label = QLabel(X)\n"
              "        self.label.setMinimumSize(QSize(1, 1))\n"
              "        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft)\n")
    trimmed = used_imports_only(source)
    assert trimmed.splitlines()[:2] == ["from PySide6.QtCore import (QSize, Qt)",
                                        "from PySide6.QtWidgets import (QLabel)"]
    assert "QGradient" not in trimmed and "QUrl" not in trimmed and "QWidget" not in trimmed
    assert trimmed.endswith(source.split("\n\n", 1)[1].rstrip("\n"))  # the form itself untouched


# --- no Qt namespace in a form (issue 22): its setupUi runs before the first paint -------------

def _compile_forms_module():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import compile_forms
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return compile_forms


def _root_class(ui: Path) -> str:
    import xml.etree.ElementTree as ET

    return ET.parse(ui).getroot().find("widget").get("class")


def _enum_properties(widget) -> dict[str, object]:
    """Every enum- or flags-valued property of ``widget`` and of each named object under it,
    and who each one's parent is."""
    from PySide6.QtCore import QObject

    seen: dict[str, object] = {}
    for obj in [widget, *widget.findChildren(QObject)]:
        name = obj.objectName()
        if not name:
            continue
        meta = type(obj).staticMetaObject  # obj.metaObject() left this wrapper deleted (PySide6)
        for index in range(meta.propertyCount()):
            prop = meta.property(index)
            if prop.isEnumType():
                seen[f"{name}.{prop.name()}"] = repr(prop.read(obj))
        seen[f"{name}.parent"] = obj.parent().objectName() if obj.parent() is not None else None
    return seen


def test_every_form_sets_what_uics_own_code_sets(qtbot):
    """The same form built from uic's own output (with ``Qt.X.Y``) and from the generated
    module (properties by name, a splitter's parent by keyword): every enum property of every
    named object, and every parent, the same."""
    import importlib

    from PySide6 import QtWidgets

    compile_forms = _compile_forms_module()
    checked = 0
    for ui in sorted((ROOT / "forms").glob("*.ui")):
        raw = subprocess.run([*compile_forms.uic_command(), "-g", "python", "--from-imports", str(ui)],
                             check=True, capture_output=True, text=True).stdout
        uics: dict[str, object] = {}
        exec(compile(raw, f"uic:{ui.name}", "exec"), uics)
        generated = importlib.import_module(f"msgdesk.ui.forms.ui_{ui.stem}")
        form_class = next(name for name in vars(generated) if name.startswith("Ui_"))
        built = []
        for form in (uics[form_class](), getattr(generated, form_class)()):
            root = getattr(QtWidgets, _root_class(ui))()
            qtbot.addWidget(root)
            form.setupUi(root)
            built.append(_enum_properties(root))
        assert built[0] == built[1], ui.name
        checked += len(built[0])
    assert checked > 500  # the properties compared, over the five forms


def test_no_form_builds_qts_namespace():
    """Each form's setupUi, in a fresh process, leaves PySide6's ``Qt`` unbuilt.  (Shown, a
    form with a date field builds it when the field takes the focus: its key and focus
    handlers import it, as everything after the first paint does.  The window's own first
    paint is checked whole in tests/test_startup_imports.py.)"""
    forms = [(ui.stem, _root_class(ui)) for ui in sorted((ROOT / "forms").glob("*.ui"))]
    code = textwrap.dedent(f"""
        import importlib, PySide6.QtCore as core
        from PySide6 import QtWidgets
        app = QtWidgets.QApplication([])
        for stem, root_class in {forms!r}:
            module = importlib.import_module("msgdesk.ui.forms.ui_" + stem)
            form = next(value for name, value in vars(module).items() if name.startswith("Ui_"))()
            root = getattr(QtWidgets, root_class)()
            form.setupUi(root)
            print(stem, "Qt" in core.__dict__)
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [word for stem, _ in forms for word in (stem, "False")]
    # the control: the same check sees Qt once something builds it
    seen = subprocess.run([sys.executable, "-c", "import PySide6.QtCore as c; c.Qt.AlignmentFlag; "
                           "print('Qt' in c.__dict__)"], capture_output=True, text=True, timeout=60)
    assert seen.stdout.strip() == "True"


@pytest.mark.parametrize("line, refused", [
    ("        self.label.setAlignment(Qt.AlignmentFlag.AlignCentre)", "has no 'AlignCentre'"),
    ("        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignNowhere)", "has no"),
    ("        self.label.setOrientation(Qt.Orientation.Horizontal)", "no enum property 'orientation'"),
    ("        self.label.setTextFormat(Qt.TextFormat.MarkdownText)", None),
    ("        self.label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)", None),
    ("        self.layout.addWidget(self.label, 0, Qt.AlignmentFlag.AlignLeft)", "Qt's namespace in a form"),
])
def test_a_form_line_qt_would_refuse_stops_the_compilation(line, refused):
    compile_forms = _compile_forms_module()
    source = "class Ui_X(object):\n    def setupUi(self, X):\n        self.label = QLabel(X)\n" + line
    if refused is None:
        out = compile_forms.without_qt_namespace(source)
        assert "Qt." not in out and '.setProperty("' in out.splitlines()[-1]
        return
    with pytest.raises(SystemExit, match=re.escape(refused)):
        compile_forms.without_qt_namespace(source)


def test_a_splitter_is_given_its_parent_by_keyword():
    compile_forms = _compile_forms_module()
    source = ("        self.splitter = QSplitter(self.tab)\n        self.other = QSplitter(X)\n"
              "        self.label = QLabel(self.tab)\n")
    assert compile_forms.without_qt_namespace(source).splitlines() == [
        "        self.splitter = QSplitter(parent=self.tab)", "        self.other = QSplitter(parent=X)",
        "        self.label = QLabel(self.tab)"]
