"""booking's vehicles contract (filled in by the vehicles area)."""
from __future__ import annotations

SCHEMAS: dict = {}
EVENTS: dict = {}
