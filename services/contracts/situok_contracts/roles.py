"""The roles an account may hold (personnel stores them; every service authorizes from them).

Seen in a bureau (DOMAIN.md): Kepala Biro and the heads below (``pimpinan``, ``kepala_bagian``,
``kasubbag``), PA/KPA, PPK, PPTK, Bendahara Pengeluaran, Pengurus Barang, operator and staff (``pegawai``);
``admin`` runs the installation.
"""
from __future__ import annotations

ROLES = (
    "admin", "pimpinan", "kepala_bagian", "kasubbag", "ppk", "pptk",
    "bendahara", "pengurus_barang", "operator", "pegawai",
)
#: Roles that head an org unit and may read the records of their unit (and below).
UNIT_HEAD_ROLES = frozenset({"pimpinan", "kepala_bagian", "kasubbag"})
#: How the web app names each role (Indonesian; the English catalog translates them).
LABELS = {
    "admin": "Administrator", "pimpinan": "Pimpinan (Kepala Biro)", "kepala_bagian": "Kepala Bagian",
    "kasubbag": "Kepala Subbagian", "ppk": "PPK", "pptk": "PPTK", "bendahara": "Bendahara Pengeluaran",
    "pengurus_barang": "Pengurus Barang", "operator": "Operator", "pegawai": "Pegawai",
}


def heads_unit(roles) -> bool:
    """Whether an account with ``roles`` heads an org unit (sees its unit's records and below)."""
    return bool(UNIT_HEAD_ROLES.intersection(roles))
