"""kepegawaian's trips entrypoints (filled by the trips area)."""
from __future__ import annotations


class TripEntrypoints:
    """RPCs of the trips area (mixed into ``KepegawaianService``)."""
