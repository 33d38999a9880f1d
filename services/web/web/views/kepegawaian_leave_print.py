"""kepegawaian_leave_print pages (filled by its area)."""
from __future__ import annotations


class KepegawaianLeavePrintPages:
    """Pages of the area (mixed into ``WebService``)."""
