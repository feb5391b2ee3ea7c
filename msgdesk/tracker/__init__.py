"""The action tracker: following every improvement action to its due date.

Qt-free.  ``rag`` derives the RAG rating from status and due date (with an
injectable "today"), ``history`` appends progress updates, hand-set due dates
and status changes, ``query`` gathers the rows for the tracker table across a
round or all rounds of a partnership, and ``report`` (values) with ``msgdesk.reports.progress_pdf`` /
``progress_xlsx`` make the Performance and Audit Committee progress report.
"""
