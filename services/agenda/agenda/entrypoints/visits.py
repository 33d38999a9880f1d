"""The visits area's entrypoints (the visits area fills this mixin)."""
from __future__ import annotations


class VisitEntrypoints:
    """RPCs of the visits area (mixed into ``AgendaService``)."""
