"""Posting to the cash book (BKU): the one function every area writes its cash entries through.

``post`` numbers the entry in its year's BKU (gap-free, in posting order: the year's postings are serialized by
an advisory lock per year, so two payments never take the same number) and refuses a date in a closed month
(409). The subsidiary books and reports are read from these rows (``domain.books``).
"""
from __future__ import annotations

from datetime import date

from situok_kit.db import advisory_lock
from situok_kit.errors import Conflict
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import CashPosting, MonthClosing

_LOCK_BASE = 7_340_100  # + fiscal year: one numbering of a year's BKU at a time
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")


def month_is_closed(session: Session, fiscal_year: int, month: int) -> bool:
    return session.scalar(select(MonthClosing.id).where(MonthClosing.fiscal_year == fiscal_year,
                                                        MonthClosing.month == month)) is not None


def post(session: Session, *, posted_on: date, kind: str, medium: str, description: str, posted_by: str,
         debit: int = 0, credit: int = 0, reference: str | None = None, budget_line_id: int | None = None,
         spj_id: int | None = None, tax_kind: str | None = None) -> CashPosting:
    """Add one BKU entry (a receipt ``debit`` or an expenditure ``credit``, exactly one of them positive)."""
    fiscal_year, month = posted_on.year, posted_on.month
    advisory_lock(session, _LOCK_BASE + fiscal_year)
    if month_is_closed(session, fiscal_year, month):
        raise Conflict(f"Bulan {MONTHS[month - 1]} {fiscal_year} sudah ditutup; tidak dapat dibukukan lagi.",
                       {"posted_on": "Bulan ini sudah ditutup."})
    seq = (session.scalar(select(func.max(CashPosting.seq)).where(CashPosting.fiscal_year == fiscal_year)) or 0) + 1
    posting = CashPosting(fiscal_year=fiscal_year, month=month, seq=seq, posted_on=posted_on, kind=kind,
                          medium=medium, description=description, reference=reference, debit=debit,
                          credit=credit, budget_line_id=budget_line_id, spj_id=spj_id, tax_kind=tax_kind,
                          posted_by=posted_by)
    session.add(posting)
    session.flush()
    return posting
