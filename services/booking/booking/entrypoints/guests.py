"""The guests area's entrypoints: guest requests from the public portal."""
from __future__ import annotations


class GuestEntrypoints:
    """RPCs of the guests area (mixed into ``BookingService``)."""
