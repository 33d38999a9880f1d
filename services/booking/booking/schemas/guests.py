"""booking's guests contract (filled in by the guests area)."""
from __future__ import annotations

SCHEMAS: dict = {}
EVENTS: dict = {}
