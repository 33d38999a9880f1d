"""The SPJ's own printout goes to the archive when it is paid ("Pencatatan G Drive": the SPJ kept with its
evidence). Run in the payment's transaction, so a paid SPJ always has its archived copy — and a payment whose
copy cannot be stored is not recorded.

Small purchases are archived as their SPJ (classification 900.1.4, "Pertanggungjawaban Belanja"); travel SPJ
as their rincian per traveller (900.1.6, "Perjalanan Dinas").
"""
from __future__ import annotations

from datetime import date

from ..models import BudgetLine, Spj
from . import archive, spj_printout, travel_spj
from .access import Caller

CLASSIFICATIONS = {"purchase": "900.1.4", "travel": "900.1.6"}


def printout(session, caller: Caller, spj: Spj, today: date) -> dict:
    """``{filename, content_type, content}`` of the SPJ as it is archived."""
    if spj.kind == "travel":
        return travel_spj.document(session, caller, spj.id, "rincian")
    return spj_printout.document(session, caller, spj.id, today)


def archive_paid(tx, storage, caller: Caller, spj: Spj):
    """Store the paid SPJ's printout with its number, account, unit and payment month; the archive document."""
    session = tx.session
    printed = printout(session, caller, spj, spj.paid_on)
    line = session.get(BudgetLine, spj.budget_line_id)
    return archive.store_file(
        tx, storage, filename=printed["filename"], content=printed["content"],
        classification_code=CLASSIFICATIONS[spj.kind], title=f"SPJ {spj.number or spj.id}: {spj.title}"[:300],
        created_by=caller.username, unit_id=spj.unit_id, document_date=spj.paid_on,
        fiscal_year=spj.paid_on.year, month=spj.paid_on.month, spj_id=spj.id,
        account_code=line.account_code if line else None, number=spj.number,
        description="Cetakan SPJ yang dibayar, diarsipkan otomatis saat pembayaran dicatat.")
