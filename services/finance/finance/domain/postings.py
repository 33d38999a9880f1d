"""Posting to the cash book (BKU): the one function every area writes its cash entries through.

``post`` numbers the entry in its year's BKU (gap-free, in posting order: the year's postings are serialized by
an advisory lock per year, so two payments never take the same number) and refuses a date in a closed month
(409). The subsidiary books and reports are read from these rows (``domain.books``, ``domain.reports``).

The same advisory lock serializes a year's postings with its month closings (``domain.closing`` takes it
through ``lock_year``), so a posting never slips into a month being closed; and the database's trigger on
``cash_postings`` (migration 0005) refuses such a row even from code that bypasses ``post``.
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


def lock_year(session: Session, fiscal_year: int) -> None:
    """Hold the year's BKU lock until the transaction ends: postings and closings of the year one at a time."""
    advisory_lock(session, _LOCK_BASE + fiscal_year)


def month_is_closed(session: Session, fiscal_year: int, month: int) -> bool:
    return session.scalar(select(MonthClosing.id).where(MonthClosing.fiscal_year == fiscal_year,
                                                        MonthClosing.month == month)) is not None


def post(session: Session, *, posted_on: date, kind: str, medium: str, description: str, posted_by: str,
         debit: int = 0, credit: int = 0, reference: str | None = None, budget_line_id: int | None = None,
         spj_id: int | None = None, tax_kind: str | None = None) -> CashPosting:
    """Add one BKU entry (a receipt ``debit`` or an expenditure ``credit``, exactly one of them positive)."""
    if (debit > 0) == (credit > 0) or min(debit, credit) < 0:
        raise ValueError(f"a posting is a positive debit or a positive credit, not {debit!r}/{credit!r}")
    fiscal_year, month = posted_on.year, posted_on.month
    lock_year(session, fiscal_year)
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
