"""The feedback area's entrypoints (the feedback area fills this mixin)."""
from __future__ import annotations


class FeedbackEntrypoints:
    """RPCs of the feedback area (mixed into ``AgendaService``)."""
