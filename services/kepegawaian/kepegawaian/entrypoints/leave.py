"""kepegawaian's leave entrypoints (filled by the leave area)."""
from __future__ import annotations


class LeaveEntrypoints:
    """RPCs of the leave area (mixed into ``KepegawaianService``)."""
