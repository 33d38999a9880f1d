"""kepegawaian's leave reports entrypoints: travel's trips consumed (filled by the leave-reports area)."""
from __future__ import annotations


class LeaveReportEntrypoints:
    """RPCs and consumers of the leave-reports area (mixed into ``KepegawaianService``)."""
