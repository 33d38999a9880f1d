"""kepegawaian's exports entrypoints: the leave recap per unit and year, XLSX and PDF (filled by the leave-reports
area; the career area's lists — DUK, nominatif, KGB/KP due — live in ``entrypoints.career``)."""
from __future__ import annotations


class ExportEntrypoints:
    """RPCs of the leave recap (mixed into ``KepegawaianService``)."""
