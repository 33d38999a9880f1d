"""The assets API — Persediaan: permintaan, antrean pengurus barang, kartu persediaan, stock opname."""
from __future__ import annotations

from . import Domain, Tag

ASSETS_SUPPLIES = "Aset: supplies"

DOMAIN = Domain(
    service="assets",
    position=54,
    schemas="assets.schemas",
    tags=(Tag(ASSETS_SUPPLIES, "Persediaan: permintaan, antrean pengurus barang, kartu persediaan, stock opname."),),
    routes=(),
)
