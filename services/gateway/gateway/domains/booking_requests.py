"""The booking API — the requests area (its routes are added by the area)."""
from __future__ import annotations

from . import Domain

DOMAIN = Domain(service="booking", position=61, schemas="booking.schemas", tags=(), routes=())
