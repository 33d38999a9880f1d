"""Shared helpers for the booking tests (a uniquely named module, so several services' tests can share a pytest
session without ``conftest`` clashes). The seeded bureau and the running services are the kit's fixtures
(``situok_kit.fixtures``).

Tests share one session database: each test makes its own resources (``unique``), and filters observed events
by its own record ids.
"""
from __future__ import annotations

import itertools
import os

from situok_kit import fixtures

_counter = itertools.count(1)


def unique(prefix: str) -> str:
    """A name no other test of this session uses (resources, codes)."""
    return f"{prefix}{os.getpid() % 1000}-{next(_counter)}"


class Bureau(fixtures.Bureau):
    """The seeded bureau with booking's people: who plays which role in the tests."""

    def keeper(self):
        """The pengurus barang (keeps resources, drivers and blackouts)."""
        return self.as_("pengurus_barang", "pengurus_barang", "pegawai")

    def kabag(self):
        """A Kepala Bagian: the default approving role of every kind (``BookingSettings``)."""
        return self.as_("kabag_ka", "kepala_bagian", "pegawai")

    def manager(self):
        """The Kasubbag Rumah Tangga: the manager tests name on their resources."""
        return self.as_("kasubbag_rtp", "kasubbag", "pegawai")

    def pegawai(self):
        return self.as_("pegawai", "pegawai")

    def driver(self):
        """The bureau's driver (a non-ASN employee)."""
        return self.as_("pengemudi", "pegawai")
