"""kepegawaian's trips schemas (filled by the trips area): ``SCHEMAS`` and ``EVENTS`` as
``agenda.schemas`` areas do."""
from __future__ import annotations

SCHEMAS: dict = {}
EVENTS: dict = {}
