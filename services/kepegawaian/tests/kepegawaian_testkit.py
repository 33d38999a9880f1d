"""Shared helpers for the kepegawaian tests (a uniquely named module, so several services' tests can share a
pytest session without ``conftest`` clashes). The seeded bureau and the running services are the kit's fixtures
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
    """The seeded bureau with kepegawaian's people: who plays which role in the tests (personnel's seed)."""

    def staff_officer(self):
        """A staff officer: the Analis SDM Aparatur (Subbagian Kepegawaian, BUP.TU.KPG)."""
        return self.as_("analis_sdm", "pegawai")

    def official(self):
        """The leave official: the Kepala Biro (role ``pimpinan``)."""
        return self.as_("karo", "pimpinan", "pegawai")

    def supervisor(self):
        """The Kepala Subbagian Perbendaharaan: direct supervisor of ``pegawai`` and ``bendahara``."""
        return self.as_("kasubbag_pbh", "kasubbag", "pegawai")

    def kabag(self):
        """The Kepala Bagian Keuangan dan Aset: supervisor of the Kepala Subbagian above (so ``pegawai`` is in
        their chain of staff, not directly)."""
        return self.as_("kabag_ka", "kepala_bagian", "pegawai")

    def pegawai(self):
        """A PNS staff member (Pengadministrasi Keuangan, III/a, Subbagian Perbendaharaan)."""
        return self.as_("pegawai", "pegawai")

    def colleague(self):
        """Another PNS of the same subbagian (the Bendahara Pengeluaran): not ``pegawai``'s supervisor."""
        return self.as_("bendahara", "pegawai")

    def pppk(self):
        """A PPPK (Pranata Komputer Ahli Pertama, Subbagian Kepegawaian too: also a staff officer by unit)."""
        return self.as_("pppk_kpg", "pegawai")

    def non_asn(self):
        """A non-ASN staff member (Pengadministrasi Umum, Subbagian Tata Usaha Pimpinan)."""
        return self.as_("admin_umum", "pegawai")

    def driver(self):
        """The non-ASN driver (Pengemudi, Subbagian Rumah Tangga dan Perlengkapan)."""
        return self.as_("pengemudi", "pegawai")
