"""kepegawaian_skp pages (filled by its area)."""
from __future__ import annotations


class KepegawaianSkpPages:
    """Pages of the area (mixed into ``WebService``)."""
