"""The stocktaking area's entrypoints."""
from __future__ import annotations


class StocktakingEntrypoints:
    """RPCs of the stocktaking area (mixed into ``AssetsService``)."""
