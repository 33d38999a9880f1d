"""The assets API — Serah terima (BAST), pengembalian, pemindahan; pemeliharaan."""
from __future__ import annotations

from . import Domain, Tag

ASSETS_HANDOVERS = "Aset: handovers"

DOMAIN = Domain(
    service="assets",
    position=52,
    schemas="assets.schemas",
    tags=(Tag(ASSETS_HANDOVERS, "Serah terima (BAST), pengembalian, pemindahan; pemeliharaan."),),
    routes=(),
)
