"""Peminjaman Gedung & Kendaraan — the settings pages (added by the area)."""
from __future__ import annotations


class BookingSettingsPages:
    pass
