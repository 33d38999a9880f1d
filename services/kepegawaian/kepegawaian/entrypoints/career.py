"""kepegawaian's career entrypoints (filled by the career area)."""
from __future__ import annotations


class CareerEntrypoints:
    """RPCs of the career area (mixed into ``KepegawaianService``)."""
