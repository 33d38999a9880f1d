"""Peminjaman Gedung & Kendaraan — the feeds pages (added by the area)."""
from __future__ import annotations


class BookingFeedPages:
    pass
