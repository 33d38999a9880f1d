"""kepegawaian's skp entrypoints (filled by the skp area)."""
from __future__ import annotations


class SkpEntrypoints:
    """RPCs of the skp area (mixed into ``KepegawaianService``)."""
