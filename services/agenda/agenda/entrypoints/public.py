"""The public area's entrypoints (the public area fills this mixin)."""
from __future__ import annotations


class PublicEntrypoints:
    """RPCs of the public area (mixed into ``AgendaService``)."""
