"""booking's feeds contract (filled in by the feeds area)."""
from __future__ import annotations

SCHEMAS: dict = {}
EVENTS: dict = {}
