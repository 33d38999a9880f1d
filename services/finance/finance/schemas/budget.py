"""finance contract: budget (schemas come with this area).

``SCHEMAS`` (name -> schema) and ``EVENTS`` (event name -> payload schema) are merged by ``finance.schemas``.
"""
from __future__ import annotations

SCHEMAS: dict = {}
EVENTS: dict = {}
