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
