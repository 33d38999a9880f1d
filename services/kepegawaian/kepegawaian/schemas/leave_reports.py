"""kepegawaian's leave-reports schemas (filled by the leave-reports area: the leave recap): ``SCHEMAS`` and
``EVENTS`` as ``agenda.schemas`` areas do."""
from __future__ import annotations

SCHEMAS: dict = {}
EVENTS: dict = {}
