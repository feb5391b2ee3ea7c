"""File -> Export PDF over a copy open in a PDF reader, as Windows does it: the window names
the file, offers the free name beside it, and writes nothing else.

Linux replaces an open file, so Windows' refusal is reproduced by raising its error where
``os.replace`` raises it (tests/test_windows_files.py meets the real one under wine)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from msgdesk.exchange import windows_files


def _open_in_a_reader(monkeypatch, target: Path) -> None:
    real_replace = windows_files.os.replace

    def replace(source, destination):
        if Path(destination) == target:
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        real_replace(source, destination)

    monkeypatch.setattr(windows_files, "WINDOWS", True)
    monkeypatch.setattr(windows_files.os, "replace", replace)
    monkeypatch.setattr(windows_files, "RETRY_DELAYS", (0.001,))


@pytest.mark.parametrize("take_other_name", [True, False])
def test_exporting_over_a_pdf_open_in_a_reader_offers_another_name(window, example_round, tmp_path, monkeypatch,
                                                                   take_other_name):
    window.open_round(example_round.id)
    folder = tmp_path / "Committee papers"
    folder.mkdir()
    target = folder / "Appendix 1.pdf"
    target.write_bytes(b"%PDF-the copy the committee clerk has open")
    _open_in_a_reader(monkeypatch, target)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    offered_to_open = []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: offered_to_open.append(a) or QMessageBox.StandardButton.Close))
    shown = []

    def answer(box):
        shown.append((box.text(), [b.text() for b in box.buttons()]))
        wanted = [b for b in box.buttons() if b.text().startswith("Save as")] if take_other_name else [
            box.button(QMessageBox.StandardButton.Cancel)]
        wanted[0].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    window.ui.actionExportPdf.trigger()

    assert len(shown) == 1
    text, buttons = shown[0]
    assert str(target) in text and "Nothing was written" in text
    assert "Save as Appendix 1 (2).pdf" in buttons
    assert target.read_bytes() == b"%PDF-the copy the committee clerk has open"
    other = folder / "Appendix 1 (2).pdf"
    if take_other_name:
        assert other.read_bytes().startswith(b"%PDF-1")
        assert offered_to_open, "the new file is offered to open"
        assert sorted(p.name for p in folder.iterdir()) == ["Appendix 1 (2).pdf", "Appendix 1.pdf"]
    else:
        assert not offered_to_open
        assert [p.name for p in folder.iterdir()] == ["Appendix 1.pdf"]
