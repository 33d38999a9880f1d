"""What the caller may do in finance, in general (``FinanceCapabilitiesOut``): what an edge offers them — a menu
link, a page, a "Buat SPJ" button. A pure function of ``access.Caller``; each SPJ still carries its own
``allowed_actions``.

* ``read``: uses finance at all (its menu);
* ``draft_spj``: drafts SPJ (a PPTK with an employee record);
* ``verify_spj``: the bendahara's verification queue;
* ``approve_spj``: the approver's inbox (PPK-SKPD approves up to the configured amount and endorses above it;
  the PA/KPA approves what the PPK endorsed);
* ``pay_spj``: records payments and tax deposits (bendahara);
* ``see_all``: sees every SPJ;
* ``view_budget``: the budget dashboard (every finance role);
* ``manage_budget``: loads DPA files and amendments, sets tax rates and evidence tiers (admin);
* ``keep_books``: posts UP/GU and other cash entries, closes months (bendahara);
* ``view_books``: reads the BKU, the subsidiary books and the monthly report (bendahara, PPK, PA/KPA, admin);
* ``read_archive``: searches the archive register (every finance role);
* ``archive_documents``: uploads and registers documents (PPTK, bendahara, admin);
* ``check_archive``: runs the archive's integrity check (bendahara, admin).
"""
from __future__ import annotations

from .access import Caller

CAPABILITIES = ("read", "draft_spj", "verify_spj", "approve_spj", "pay_spj", "see_all", "view_budget",
                "manage_budget", "keep_books", "view_books", "read_archive", "archive_documents",
                "check_archive")


def capabilities(caller: Caller) -> dict[str, bool]:
    uses = caller.uses_finance
    return {
        "read": uses,
        "draft_spj": caller.is_pptk,
        "verify_spj": caller.is_treasurer,
        "approve_spj": caller.is_ppk or caller.is_pa_kpa,
        "pay_spj": caller.is_treasurer,
        "see_all": caller.sees_all,
        "view_budget": uses,
        "manage_budget": caller.is_admin,
        "keep_books": caller.is_treasurer,
        "view_books": caller.has("bendahara", "ppk", "pimpinan", "admin"),
        "read_archive": uses,
        "archive_documents": caller.has("pptk", "bendahara", "admin"),
        "check_archive": caller.has("bendahara", "admin"),
    }
