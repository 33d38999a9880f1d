"""The resources area's entrypoints: resources, availability, calendars, blackouts, assets' events."""
from __future__ import annotations


class ResourceEntrypoints:
    """RPCs of the resources area (mixed into ``BookingService``)."""
