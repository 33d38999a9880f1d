"""kepegawaian_career pages (filled by its area)."""
from __future__ import annotations


class KepegawaianCareerPages:
    """Pages of the area (mixed into ``WebService``)."""
