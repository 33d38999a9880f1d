"""Peminjaman Gedung & Kendaraan — the series pages (added by the area)."""
from __future__ import annotations


class BookingSeriesPages:
    pass
