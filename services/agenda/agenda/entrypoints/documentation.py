"""The documentation area's entrypoints (the documentation area fills this mixin)."""
from __future__ import annotations


class DocumentationEntrypoints:
    """RPCs of the documentation area (mixed into ``AgendaService``)."""
