"""agenda's leaders schemas (the leaders area fills this module: its ``SCHEMAS`` and ``EVENTS``)."""
from __future__ import annotations

SCHEMAS: dict = {}
EVENTS: dict = {}
