"""The books: every posting of the treasurer's cash book (BKU), from which the subsidiary books (kas tunai,
bank, pajak, panjar, per account) and the monthly accountability report are read.

A posting is a receipt (``debit``) or an expenditure (``credit``) in cash or bank on a WITA date; its
``kind`` says where it came from (the UP receipt, a GU replenishment, an SPJ payment, a tax withheld or
deposited, an advance given or settled, a transfer between cash and bank). ``seq`` is its number in the year's
BKU (gap-free, given in posting order). ``fiscal_year`` and ``month`` are those of ``posted_on`` (CHECK
``period``).

Invariants the database keeps (migration 0005):

* a closed month (``MonthClosing``) takes no more postings: a trigger on ``cash_postings`` refuses an INSERT,
  UPDATE or DELETE of a row dated in a closed month, whatever code runs (``domain.postings.post`` refuses it
  first, with a message);
* one UP receipt per fiscal year (partial unique index ``uq_cash_postings_up_receipt``);
* one advance (panjar) per reference and year (``uq_cash_postings_advance_reference``).

The indexes serve the books' reads: the BKU in date order per year (and per medium), the tax book per tax
kind, the per-account book per budget line.
"""
from __future__ import annotations

from datetime import date, datetime

from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

POSTING_KINDS = ("up_receipt", "gu_replenishment", "spj_payment", "tax_withheld", "tax_deposit",
                 "advance_given", "advance_settled", "cash_to_bank", "bank_to_cash", "up_return")
POSTING_MEDIA = ("cash", "bank")


class CashPosting(Base):
    __tablename__ = "cash_postings"
    __table_args__ = (
        UniqueConstraint("fiscal_year", "seq"),
        CheckConstraint(_in("kind", POSTING_KINDS), name="kind"),
        CheckConstraint(_in("medium", POSTING_MEDIA), name="medium"),
        CheckConstraint("debit >= 0 AND credit >= 0 AND (debit = 0) <> (credit = 0)", name="one_side"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
        CheckConstraint("fiscal_year = EXTRACT(YEAR FROM posted_on) AND month = EXTRACT(MONTH FROM posted_on)",
                        name="period"),
        Index(None, "fiscal_year", "month", "seq"),
        Index(None, "budget_line_id"),
        Index(None, "spj_id"),
        Index(None, "fiscal_year", "posted_on", "seq"),
        Index(None, "fiscal_year", "medium", "posted_on", "seq"),
        Index("ix_cash_postings_tax_book", "fiscal_year", "tax_kind", "posted_on", "seq",
              postgresql_where=text("tax_kind IS NOT NULL")),
        Index("ix_cash_postings_line_book", "budget_line_id", "posted_on", "seq",
              postgresql_where=text("budget_line_id IS NOT NULL")),
        Index("uq_cash_postings_up_receipt", "fiscal_year", unique=True,
              postgresql_where=text("kind = 'up_receipt'")),
        Index("uq_cash_postings_advance_reference", "fiscal_year", "reference", unique=True,
              postgresql_where=text("kind = 'advance_given'")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    posted_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    medium: Mapped[str] = mapped_column(String(4))
    description: Mapped[str] = mapped_column(String(500))
    #: Evidence number (SPJ number, receipt, billing code/NTPN) shown in the BKU's "No. Bukti" column.
    reference: Mapped[str | None] = mapped_column(String(120))
    debit: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    credit: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    budget_line_id: Mapped[int | None] = mapped_column(ForeignKey("budget_lines.id"))
    spj_id: Mapped[int | None] = mapped_column(ForeignKey("spj.id"))
    #: The tax kind (ppn, pph21, pph22, pph23) of a tax posting: the tax book reads these.
    tax_kind: Mapped[str | None] = mapped_column(String(10))
    posted_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class MonthClosing(Base):
    __tablename__ = "month_closings"
    __table_args__ = (UniqueConstraint("fiscal_year", "month"),
                      CheckConstraint("month BETWEEN 1 AND 12", name="month"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    closed_by: Mapped[str] = mapped_column(String(100))
    #: The bendahara who closed it (roster employee id): who signs the month's books when nobody else is named.
    closed_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    closed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
