"""kepegawaian's skp schemas (filled by the skp area): ``SCHEMAS`` and ``EVENTS`` as
``agenda.schemas`` areas do."""
from __future__ import annotations

SCHEMAS: dict = {}
EVENTS: dict = {}
