"""Peminjaman Gedung & Kendaraan — the resources pages (added by the area)."""
from __future__ import annotations


class BookingResourcePages:
    pass
