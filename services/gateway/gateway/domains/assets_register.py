"""The assets API — Register barang: daftar per KIB, halaman barang, ruangan dan gedung, impor, kodefikasi."""
from __future__ import annotations

from . import Domain, Tag

ASSETS_REGISTER = "Aset: register"

DOMAIN = Domain(
    service="assets",
    position=50,
    schemas="assets.schemas",
    tags=(Tag(ASSETS_REGISTER, "Register barang: daftar per KIB, halaman barang, ruangan dan gedung, impor, kodefikasi."),),
    routes=(),
)
