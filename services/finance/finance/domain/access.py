"""Who may see and do what in finance. Deny by default.

Finance roles (``situok_contracts.roles``) and what each is to finance:

* ``pptk``: drafts SPJ for the sub-kegiatan they are PPTK of (``BudgetSubActivity.pptk_employee_id``), sees
  those SPJ; may archive supporting documents;
* ``bendahara`` (Bendahara Pengeluaran): verifies SPJ evidence, records payments and tax deposits, keeps the
  books (UP/GU postings, monthly closing), sees every SPJ and the archive;
* ``ppk`` (PPK-SKPD): approves verified SPJ; sees every SPJ and the books;
* ``pimpinan`` (the PA/KPA): approves SPJ above the configured amount; sees everything in finance;
* ``admin``: loads budgets and configuration (tax rates, evidence tiers, numbering), sees everything; an admin
  is not a party to spending (does not draft, verify, approve or pay unless also holding that role);
* everyone else: nothing in finance (the archive register is finance's, not public).

On a record, what a caller *is* (capacities for ``domain.workflow``'s tables) is decided where the record is
read; separation of duties (``Step.not_by``) keeps whoever drafted an SPJ from verifying or approving it and
whoever verified it from approving it.
"""
from __future__ import annotations

from situok_kit.errors import Forbidden
from situok_kit.identity import DomainCaller, Identity

#: Roles that read every SPJ, the budget and the books.
SEES_ALL_ROLES = ("admin", "pimpinan", "ppk", "bendahara")
#: Roles that use finance at all (read its pages).
FINANCE_ROLES = ("admin", "pimpinan", "ppk", "pptk", "bendahara")
NOT_FINANCE = "Anda tidak memiliki akses ke modul keuangan."


class Caller(DomainCaller):
    """The identity in context with the facts finance's rights depend on."""

    @property
    def uses_finance(self) -> bool:
        return self.has(*FINANCE_ROLES)

    @property
    def sees_all(self) -> bool:
        return self.has(*SEES_ALL_ROLES)

    @property
    def is_pptk(self) -> bool:
        return self.has("pptk") and bool(self.employee_id)

    @property
    def is_treasurer(self) -> bool:
        return self.has("bendahara")

    @property
    def is_ppk(self) -> bool:
        return self.has("ppk")

    @property
    def is_pa_kpa(self) -> bool:
        return self.has("pimpinan")

    def require_finance(self) -> Caller:
        """403 for a caller with no finance role."""
        if not self.uses_finance:
            raise Forbidden(NOT_FINANCE)
        return self


def caller_of(identity: Identity) -> Caller:
    return Caller(identity)
