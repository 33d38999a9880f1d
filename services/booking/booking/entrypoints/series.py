"""The series area's entrypoints: recurring series, single occurrences, this-and-following."""
from __future__ import annotations


class SeriesEntrypoints:
    """RPCs of the series area (mixed into ``BookingService``)."""
