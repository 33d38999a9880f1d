"""kepegawaian's career schemas (filled by the career area): ``SCHEMAS`` and ``EVENTS`` as
``agenda.schemas`` areas do."""
from __future__ import annotations

SCHEMAS: dict = {}
EVENTS: dict = {}
