"""Directions from the IJB to the Health Board and the Local Authority, Qt-free.

* :mod:`msgdesk.directions.values` – a direction as plain values (what the exchange file,
  the store and the log share), delivery partners and the basis of the resource.
* :mod:`msgdesk.directions.money` – pounds and pence, exact (integer pence, never a float).
* :mod:`msgdesk.directions.status` – where a direction stands on a day, with the reason,
  and its milestones' RAG (the tracker's rules, ``msgdesk.tracker.rag``).
* :mod:`msgdesk.directions.log` – the directions log as at a date, for the IJB and the
  committee: the PDF, the workbook, ``msgdesk directions log`` and the window read it.

The statutory guidance (Scottish Government, January 2020, para 5.2) asks for "a log of
all directions issued, revised, revoked and completed", holding "as a minimum, the
function(s) covered, any identifier (such as a log number), date of issue, ... to which
delivery partner(s) issued, any delivery issues and the total resource committed".
"""

#: The MSG proposal whose evidence the directions log informs: 4.4, "Clear directions must be
#: provided by IJBs to Health Boards and Local Authorities" (its page offers the log's summary).
DIRECTIONS_PROPOSAL = "4.4"
