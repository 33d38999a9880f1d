"""The requests area's entrypoints: requests, approval, conflicts, cancellation, my bookings, the inbox."""
from __future__ import annotations


class RequestEntrypoints:
    """RPCs of the requests area (mixed into ``BookingService``)."""
