"""The events area's entrypoints (the events area fills this mixin)."""
from __future__ import annotations


class EventEntrypoints:
    """RPCs of the events area (mixed into ``AgendaService``)."""
