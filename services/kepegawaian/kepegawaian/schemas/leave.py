"""kepegawaian's leave schemas (filled by the leave area): ``SCHEMAS`` and ``EVENTS`` as
``agenda.schemas`` areas do."""
from __future__ import annotations

SCHEMAS: dict = {}
EVENTS: dict = {}
