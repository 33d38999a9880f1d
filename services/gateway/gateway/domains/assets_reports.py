"""The assets API — Label QR, pindai label di ponsel, KIR per ruangan, ekspor KIB, penyusutan."""
from __future__ import annotations

from . import Domain, Tag

ASSETS_REPORTS = "Aset: reports"

DOMAIN = Domain(
    service="assets",
    position=51,
    schemas="assets.schemas",
    tags=(Tag(ASSETS_REPORTS, "Label QR, pindai label di ponsel, KIR per ruangan, ekspor KIB, penyusutan."),),
    routes=(),
)
