"""The leaders area's entrypoints (the leaders area fills this mixin)."""
from __future__ import annotations


class LeaderEntrypoints:
    """RPCs of the leaders area (mixed into ``AgendaService``)."""
