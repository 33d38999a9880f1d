"""The maintenance area's entrypoints."""
from __future__ import annotations


class MaintenanceEntrypoints:
    """RPCs of the maintenance area (mixed into ``AssetsService``)."""
