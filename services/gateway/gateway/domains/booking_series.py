"""The booking API — the series area (its routes are added by the area)."""
from __future__ import annotations

from . import Domain

DOMAIN = Domain(service="booking", position=62, schemas="booking.schemas", tags=(), routes=())
