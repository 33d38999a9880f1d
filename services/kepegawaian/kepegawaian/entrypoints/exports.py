"""kepegawaian's exports entrypoints (filled by the exports area)."""
from __future__ import annotations


class ExportEntrypoints:
    """RPCs of the exports area (mixed into ``KepegawaianService``)."""
