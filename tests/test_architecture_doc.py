"""ARCHITECTURE.md names real code: every dotted ``msgdesk.…`` name in backticks imports."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NAMES = sorted(set(re.findall(r"`(msgdesk(?:\.\w+)+)`", (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8"))))


def resolve(dotted: str) -> object:
    """The module, class, function or attribute ``dotted`` names (the longest importable module
    prefix, then attributes)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            target = getattr(target, attribute)
        return target
    raise ModuleNotFoundError(dotted)


def test_the_page_names_code_at_all():
    # the event flow alone names a dozen functions; an empty list would make the test below vacuous
    assert len(NAMES) >= 15


@pytest.mark.parametrize("dotted", NAMES)
def test_every_name_in_the_architecture_page_exists(dotted):
    assert resolve(dotted) is not None


def test_every_folder_the_page_names_exists():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    folders = set(re.findall(r"`(msgdesk/[\w/]+/)`", text)) | {f"msgdesk/{f}" for f in re.findall(r"`(\w+/)`", text)}
    missing = [f for f in sorted(folders) if not (ROOT / f).is_dir() and not (ROOT / "msgdesk" / "ui" / f[8:]).is_dir()]
    assert not missing
