"""Shared helpers for the agenda tests (a uniquely named module, so several services' tests can share a pytest
session without ``conftest`` clashes). The seeded bureau and the running services are the kit's fixtures
(``situok_kit.fixtures``).

Tests share one session database: each test makes its own records (``unique``) and filters observed events by
its own record ids.
"""
from __future__ import annotations

import itertools
import os

from situok_kit import fixtures

_counter = itertools.count(1)


def unique(prefix: str) -> str:
    """A name no other test of this session uses."""
    return f"{prefix}{os.getpid() % 1000}-{next(_counter)}"


class Bureau(fixtures.Bureau):
    """The seeded bureau with agenda's people: who plays which role in the tests."""

    def protocol(self):
        """Protocol staff: the Analis Keprotokolan (Subbagian Protokol, under Bagian Protokol dan Komunikasi
        Pimpinan)."""
        return self.as_("analis_protokol", "pegawai")

    def documentation_staff(self):
        """Protocol staff too: the Tenaga Dokumentasi (Subbagian Dokumentasi Pimpinan, a non-ASN)."""
        return self.as_("dokumentasi", "pegawai")

    def approver(self):
        """The Kepala Bagian Protokol dan Komunikasi Pimpinan: approves publication, decides visits."""
        return self.as_("kabag_pkp", "kepala_bagian", "pegawai")

    def other_kabag(self):
        """A Kepala Bagian of another unit (Keuangan dan Aset): not protocol staff, not an approver."""
        return self.as_("kabag_ka", "kepala_bagian", "pegawai")

    def pegawai(self):
        """A staff member outside protocol (Subbagian Perbendaharaan)."""
        return self.as_("pegawai", "pegawai")
