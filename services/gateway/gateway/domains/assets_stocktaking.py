"""The assets API — Inventarisasi/sensus di ponsel dan penghapusan."""
from __future__ import annotations

from . import Domain, Tag

ASSETS_STOCKTAKING = "Aset: stocktaking"

DOMAIN = Domain(
    service="assets",
    position=53,
    schemas="assets.schemas",
    tags=(Tag(ASSETS_STOCKTAKING, "Inventarisasi/sensus di ponsel dan penghapusan."),),
    routes=(),
)
