"""The supplies area's entrypoints."""
from __future__ import annotations


class SupplyEntrypoints:
    """RPCs of the supplies area (mixed into ``AssetsService``)."""
