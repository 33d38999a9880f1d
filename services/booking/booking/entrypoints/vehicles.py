"""The vehicles area's entrypoints: drivers, trips (check-out, return, overdue), travel's reservations."""
from __future__ import annotations


class VehicleEntrypoints:
    """RPCs of the vehicles area (mixed into ``BookingService``)."""
