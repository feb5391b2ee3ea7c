"""The generated form modules match forms/*.ui (run scripts/compile_forms.py after editing a form)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
