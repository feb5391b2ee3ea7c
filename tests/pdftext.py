"""Text of a PDF as a reader gets it: ``pdftotext`` (poppler), the tool clerks and
screen-reader users' software are closest to; pdfminer (pdfplumber's engine)
where poppler is not installed, so the tests still check every word."""

from __future__ import annotations

import io
import shutil
import subprocess

from pdfminer.layout import LAParams


def pdftotext_available() -> bool:
    return shutil.which("pdftotext") is not None


def pdf_text(pdf: bytes, *, raw: bool = False) -> str:
    """All pages' text, pages separated by form feeds: as laid out on the page, or with
    ``raw`` in the order of the content stream (the order an untagged PDF is read aloud)."""
    if pdftotext_available():
        command = ["pdftotext", "-enc", "UTF-8"] + (["-raw"] if raw else []) + ["-", "-"]
        return subprocess.run(command, input=pdf, capture_output=True, check=True).stdout.decode("utf-8")
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(pdf), laparams=None if raw else LAParams())


def words(pdf: bytes) -> list[str]:
    return pdf_text(pdf).split()
