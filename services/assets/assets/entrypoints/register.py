"""The register area's entrypoints."""
from __future__ import annotations


class RegisterEntrypoints:
    """RPCs of the register area (mixed into ``AssetsService``)."""
