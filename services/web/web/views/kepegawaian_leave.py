"""kepegawaian_leave pages (filled by its area)."""
from __future__ import annotations


class KepegawaianLeavePages:
    """Pages of the area (mixed into ``WebService``)."""
