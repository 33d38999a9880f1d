"""kepegawaian_documents pages (filled by its area)."""
from __future__ import annotations


class KepegawaianDocumentPages:
    """Pages of the area (mixed into ``WebService``)."""
