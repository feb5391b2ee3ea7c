"""Exports of a completed return, Qt-free.

Printed reports (tagged, accessible PDF/UA-1, from one engine: typst):

* :mod:`msgdesk.reports.appendix_pdf` – the committee appendix, laid out like the official
  self-evaluation template (with :mod:`~msgdesk.reports.where_we_stand`);
* :mod:`msgdesk.reports.progress_pdf`, :mod:`~msgdesk.reports.directions_log_pdf`,
  :mod:`~msgdesk.reports.collation_pdf` – the progress report, the directions log, the collation.

Their layout is in typst templates, ``resources/typst/*.typ``; the modules prepare plain
data.  Building blocks:

* :mod:`msgdesk.reports.typeset` – compiles a template with its data (JSON in
  ``sys.inputs``, never markup), the bundled fonts only, PDF/UA-1; page images for the
  print preview.
* :mod:`msgdesk.reports.fonts` – the bundled DejaVu Sans family: what it can draw
  (:func:`~msgdesk.reports.fonts.printable` replaces what it cannot), text widths.
* :mod:`msgdesk.reports.text` – cleaning user text; date wording.

Workbooks and Word: :mod:`~msgdesk.reports.return_xlsx` (the collation workbook),
``progress_xlsx``, ``directions_log_xlsx``, ``collation_xlsx``, ``appendix_docx``
(:mod:`~msgdesk.reports.cells`: one cell writer).

Nothing here imports Qt; everything runs in a worker thread or on the command line.
"""
