"""Peminjaman Gedung & Kendaraan — the vehicles pages (added by the area)."""
from __future__ import annotations


class BookingVehiclePages:
    pass
