"""Peminjaman Gedung & Kendaraan — the guests pages (added by the area)."""
from __future__ import annotations


class BookingGuestPages:
    pass
