"""kepegawaian's documents entrypoints (filled by the documents area)."""
from __future__ import annotations


class DocumentEntrypoints:
    """RPCs of the documents area (mixed into ``KepegawaianService``)."""
