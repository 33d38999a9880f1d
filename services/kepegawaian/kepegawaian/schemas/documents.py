"""kepegawaian's documents schemas (filled by the documents area): ``SCHEMAS`` and ``EVENTS`` as
``agenda.schemas`` areas do."""
from __future__ import annotations

SCHEMAS: dict = {}
EVENTS: dict = {}
