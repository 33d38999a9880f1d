"""Who may see and do what in assets. Deny by default.

Roles (``situok_contracts.roles``) and what each is to assets:

* ``pengurus_barang`` (the bureau's asset keeper): registers and edits items, rooms and buildings, prints labels,
  hands items over, records maintenance, runs stock-taking campaigns, proposes disposals and records their
  decision and berita acara, keeps the consumables store (receipts, issues, counts);
* ``admin``: everything the pengurus barang does, plus the reference data (the code list, useful lives,
  numbering and the bureau's settings);
* ``pimpinan`` (Kepala Biro, as kuasa pengguna barang): approves disposal proposals, reads every report;
* unit heads (``pimpinan``, ``kepala_bagian``, ``kasubbag``): approve consumables requests of their unit and
  the units below it;
* every signed-in employee: reads the register (an item's page is where its label's QR leads), sees the items
  they hold, asks for consumables, and checks the rooms of a campaign they are assigned to.
"""
from __future__ import annotations

from situok_contracts.roles import heads_unit
from situok_kit.identity import DomainCaller, Identity

#: Roles that keep the register and the store.
KEEPER_ROLES = ("pengurus_barang", "admin")
#: Roles that read the reports (KIB, depreciation, disposal, persediaan).
REPORT_ROLES = ("pengurus_barang", "admin", "pimpinan", "kepala_bagian")
NOT_KEEPER = "Hanya pengurus barang atau admin yang dapat melakukan ini."


class Caller(DomainCaller):
    """The identity in context with the facts assets' rights depend on."""

    @property
    def is_keeper(self) -> bool:
        """The pengurus barang (or an admin): keeps the register and the store."""
        return self.has(*KEEPER_ROLES)

    @property
    def is_leader(self) -> bool:
        """The Kepala Biro (kuasa pengguna barang): approves disposal proposals."""
        return self.has("pimpinan")

    @property
    def heads_unit(self) -> bool:
        return heads_unit(self.identity.roles) and bool(self.unit_id)

    @property
    def reads_reports(self) -> bool:
        return self.has(*REPORT_ROLES)

    def require_keeper(self) -> Caller:
        return self.require(self.is_keeper, NOT_KEEPER)

    def require_admin(self) -> Caller:
        return self.require(self.is_admin, "Hanya admin yang dapat mengubah data acuan aset.")

    def require_reports(self) -> Caller:
        return self.require(self.reads_reports, "Anda tidak berwenang melihat laporan aset.")


def caller_of(identity: Identity) -> Caller:
    return Caller(identity)
