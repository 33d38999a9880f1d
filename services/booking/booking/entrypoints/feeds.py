"""The feeds area's entrypoints: iCal feeds and their tokens."""
from __future__ import annotations


class FeedEntrypoints:
    """RPCs of the feeds area (mixed into ``BookingService``)."""
