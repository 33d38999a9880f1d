"""booking's series contract (filled in by the series area)."""
from __future__ import annotations

SCHEMAS: dict = {}
EVENTS: dict = {}
