"""Text of a PDF as a reader gets it: ``pdftotext`` (poppler), the tool closest to what
clerks' and screen-reader users' software extracts; PDFium (``pypdfium2``, which
pdfplumber brings) where poppler is not installed, so the tests still check every word."""

from __future__ import annotations

import shutil
import subprocess


def pdftotext_available() -> bool:
    return shutil.which("pdftotext") is not None


def pdf_text(pdf: bytes, *, raw: bool = False, layout: bool = False) -> str:
    """All pages' text, pages separated by form feeds: in reading order, or with ``raw`` in
    the order of the content stream (the order an untagged PDF is read aloud), or with
    ``layout`` line by line across the page (a table's row on one line, as a reader sees it)."""
    if pdftotext_available():
        mode = ["-raw"] if raw else ["-layout"] if layout else []
        command = ["pdftotext", "-enc", "UTF-8", *mode, "-", "-"]
        return subprocess.run(command, input=pdf, capture_output=True, check=True).stdout.decode("utf-8")
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:  # PDFium gives the content stream's order, which is what both modes need here
        return "\f".join(page.get_textpage().get_text_range().replace("\r\n", "\n") for page in document)
    finally:
        document.close()


def words(pdf: bytes) -> list[str]:
    return pdf_text(pdf).split()
