"""The booking API — the resources area (its routes are added by the area)."""
from __future__ import annotations

from . import Domain

DOMAIN = Domain(service="booking", position=60, schemas="booking.schemas", tags=(), routes=())
