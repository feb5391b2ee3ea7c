"""Exports of a completed return, Qt-free.

* :mod:`msgdesk.reports.appendix_pdf` – the committee appendix (PDF, A4 landscape),
  laid out like the official self-evaluation template.
* :mod:`msgdesk.reports.return_xlsx` – the collation workbook (Excel).

Building blocks other reports reuse (the committee progress report, issue 5):

* :mod:`msgdesk.reports.fonts` – :func:`~msgdesk.reports.fonts.register_fonts`, the
  bundled DejaVu Sans family (Unicode: Gaelic, curly quotes, dashes, ticks).
* :mod:`msgdesk.reports.text` – :func:`~msgdesk.reports.text.markup` turns user text
  into safe Paragraph markup; date formatting.
* :mod:`msgdesk.reports.styles` – the shared, cached ParagraphStyles and table colours.
* :mod:`msgdesk.reports.pages` – :func:`~msgdesk.reports.pages.build_pdf`: A4 landscape
  pages with a header (partnership + label), a "Page X of Y" footer, an optional DRAFT
  marking, PDF metadata, outline bookmarks, progress reporting and an atomic write.

Nothing here imports Qt; everything runs in a worker thread or on the command line.
"""
