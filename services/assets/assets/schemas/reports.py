"""The reports area's contract (labels, KIR, KIB exports, depreciation): inputs, answers."""
from __future__ import annotations

from marshmallow import Schema

SCHEMAS: dict[str, type[Schema]] = {}
EVENTS: dict[str, type[Schema]] = {}
