"""The handovers area's entrypoints."""
from __future__ import annotations


class HandoverEntrypoints:
    """RPCs of the handovers area (mixed into ``AssetsService``)."""
