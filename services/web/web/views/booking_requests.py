"""Peminjaman Gedung & Kendaraan — the requests pages (added by the area)."""
from __future__ import annotations


class BookingRequestPages:
    pass
