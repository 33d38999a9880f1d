"""booking's resources contract (filled in by the resources area)."""
from __future__ import annotations

SCHEMAS: dict = {}
EVENTS: dict = {}
