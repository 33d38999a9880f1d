"""The travel SPJ's own tables (its header is an ``Spj`` of ``kind = 'travel'``).

* ``TravelSpj``: the trip facts copied from travel's ``travel.order_realized`` (order id and number, purpose,
  destination, dates, the charged sub-kegiatan and account codes), the advance already paid (uang muka), the
  split of the total by kind, the balance (``total - advance_paid``: positive is due to the travellers,
  negative is to be returned), and the signer ids travel's settings named. One per SPJ; the SPJ header's
  partial unique index on ``travel_order_id`` keeps one live SPJ per order.
* ``TravelSpjLine``: one cost of one traveller: kind ``lump_sum`` (uang harian, representasi), ``at_cost``
  (lodging and transport against receipts) or ``riil`` (a cost without a receipt: the Daftar Pengeluaran
  Riil), quantity × rate = amount (a CHECK), and the receipts (travel's attachment ids with their sha256).
* ``TravelSpjInbox``: every realization received, by order: ``drafted`` with its SPJ, or ``waiting`` with the
  problem (the budget line is not in finance's budget yet) and the payload, drafted again when the budget is
  loaded (``domain.travel_spj.retry_waiting``). The bendahara sees the waiting ones.

Amounts are integer rupiah (``BigInteger``).
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
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base

LINE_KINDS = ("lump_sum", "at_cost", "riil")
INBOX_STATUSES = ("waiting", "drafted")
#: The travel SPJ's printouts (``travel_spj_document``).
TRAVEL_SPJ_DOCUMENTS = ("rincian", "riil")

__all__ = ["LINE_KINDS", "INBOX_STATUSES", "TRAVEL_SPJ_DOCUMENTS", "TravelSpj", "TravelSpjLine", "TravelSpjInbox"]


class TravelSpj(Base):
    __tablename__ = "travel_spj"
    __table_args__ = (
        CheckConstraint("lump_sum >= 0 AND at_cost >= 0 AND riil >= 0 AND advance_paid >= 0", name="amounts"),
        CheckConstraint("total = lump_sum + at_cost + riil", name="total"),
        CheckConstraint("balance = total - advance_paid", name="balance"),
        CheckConstraint("return_date >= departure_date", name="dates"),
    )

    spj_id: Mapped[int] = mapped_column(ForeignKey("spj.id", ondelete="CASCADE"), primary_key=True)
    travel_order_id: Mapped[int] = mapped_column(Integer, index=True)
    order_number: Mapped[str | None] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text)
    destination: Mapped[str] = mapped_column(String(300))
    departure_date: Mapped[date] = mapped_column(Date)
    return_date: Mapped[date] = mapped_column(Date)
    sub_activity_code: Mapped[str] = mapped_column(String(40))
    account_code: Mapped[str] = mapped_column(String(40))
    lump_sum: Mapped[int] = mapped_column(BigInteger)
    at_cost: Mapped[int] = mapped_column(BigInteger)
    riil: Mapped[int] = mapped_column(BigInteger)
    total: Mapped[int] = mapped_column(BigInteger)
    advance_paid: Mapped[int] = mapped_column(BigInteger)
    #: ``total - advance_paid``: positive is paid to the travellers, negative is returned by them.
    balance: Mapped[int] = mapped_column(BigInteger)
    #: Per traveller: ``{employee_id: advance}`` as travel sent it (JSON keys are strings).
    advances: Mapped[dict] = mapped_column(JSONB)
    pa_kpa_employee_id: Mapped[int | None] = mapped_column(Integer)
    ppk_employee_id: Mapped[int | None] = mapped_column(Integer)
    pptk_employee_id: Mapped[int | None] = mapped_column(Integer)
    bendahara_employee_id: Mapped[int | None] = mapped_column(Integer)
    #: The envelope id of the realization this draft reflects.
    event_id: Mapped[str | None] = mapped_column(String(64))
    realized_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    lines: Mapped[list[TravelSpjLine]] = relationship(order_by="TravelSpjLine.position",
                                                      cascade="all, delete-orphan")


class TravelSpjLine(Base):
    __tablename__ = "travel_spj_lines"
    __table_args__ = (
        CheckConstraint(_in("kind", LINE_KINDS), name="kind"),
        CheckConstraint("quantity >= 1 AND rate >= 0 AND amount = quantity * rate", name="amount"),
        Index(None, "spj_id", "position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    spj_id: Mapped[int] = mapped_column(ForeignKey("travel_spj.spj_id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    employee_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    nip: Mapped[str | None] = mapped_column(String(18))
    kind: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[int] = mapped_column(Integer)
    rate: Mapped[int] = mapped_column(BigInteger)
    amount: Mapped[int] = mapped_column(BigInteger)
    #: ``[{attachment_id, sha256, filename}]``: travel's receipts for this cost.
    receipts: Mapped[list] = mapped_column(JSONB)


class TravelSpjInbox(Base):
    __tablename__ = "travel_spj_inbox"
    __table_args__ = (
        CheckConstraint(_in("status", INBOX_STATUSES), name="status"),
        CheckConstraint("status = 'waiting' OR spj_id IS NOT NULL", name="drafted_spj"),
        Index(None, "status", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    travel_order_id: Mapped[int] = mapped_column(Integer, unique=True)
    order_number: Mapped[str | None] = mapped_column(String(200))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    sub_activity_code: Mapped[str | None] = mapped_column(String(40))
    account_code: Mapped[str | None] = mapped_column(String(40))
    total: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(10))
    problem: Mapped[str | None] = mapped_column(Text)
    spj_id: Mapped[int | None] = mapped_column(ForeignKey("spj.id"))
    event_id: Mapped[str | None] = mapped_column(String(64))
    #: The realization as received (travel's ``OrderRealizedEvent``), drafted from again when retried.
    payload: Mapped[dict] = mapped_column(JSONB)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())
