"""The disposal area's entrypoints."""
from __future__ import annotations


class DisposalEntrypoints:
    """RPCs of the disposal area (mixed into ``AssetsService``)."""
