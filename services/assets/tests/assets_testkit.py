"""Shared helpers for the assets tests (a uniquely named module, so several services' tests can share a pytest
session without ``conftest`` clashes). The seeded bureau and the running services are the kit's fixtures
(``situok_kit.fixtures``).

Tests share one session database: each test makes its own rooms and items (``unique``), and filters observed
events by its own record ids.
"""
from __future__ import annotations

import itertools
import os

from situok_kit import fixtures

_counter = itertools.count(1)


def unique(prefix: str) -> str:
    """A code no other test of this session uses (rooms, buildings, supplies)."""
    return f"{prefix}{os.getpid() % 1000}-{next(_counter)}"


class Bureau(fixtures.Bureau):
    """The seeded bureau with assets' people: who plays which role in the tests."""

    def keeper(self):
        """The pengurus barang (keeps the register and the store)."""
        return self.as_("pengurus_barang", "pengurus_barang", "pegawai")

    def leader(self):
        """The Kepala Biro (kuasa pengguna barang: approves disposals)."""
        return self.as_("karo", "pimpinan", "pegawai")

    def unit_head(self):
        """A subbagian head (approves consumables requests of their unit)."""
        return self.as_("kasubbag_rtp", "kasubbag", "pegawai")

    def pegawai(self):
        return self.as_("pegawai", "pegawai")
