"""SPJ (surat pertanggungjawaban): one claim of spending charged to one budget line.

``kind`` ``purchase``: small purchases paid from UP/GU (purchases, their items and taxes: the SPJ's lines);
``travel``: official travel, drafted from travel's ``order_realized`` (``travel_spj`` lines). ``status`` is
a state of ``domain.workflow.SPJ``; every step is an ``SpjTransition``. Amounts are integer rupiah.

The amount an approval commits on the budget line is ``gross`` (what the budget is charged: taxes withheld
are part of it); ``net_payable`` is what the payee receives.
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
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base

SPJ_KINDS = ("purchase", "travel")
#: The states of ``domain.workflow.SPJ``, in order.
SPJ_STATUSES = ("draft", "submitted", "verified", "endorsed", "approved", "paid", "closed", "rejected",
                "cancelled")
PAYMENT_MEDIA = ("cash", "bank")


class Spj(Base):
    __tablename__ = "spj"
    __table_args__ = (
        CheckConstraint(_in("kind", SPJ_KINDS), name="kind"),
        CheckConstraint(_in("status", SPJ_STATUSES), name="status"),
        CheckConstraint("payment_medium IS NULL OR " + _in("payment_medium", PAYMENT_MEDIA), name="medium"),
        CheckConstraint("gross >= 0 AND tax_withheld >= 0 AND net_payable >= 0", name="amounts"),
        Index(None, "status", "id"),
        Index(None, "budget_line_id"),
        Index("uq_spj_travel_order", "travel_order_id", unique=True,
              postgresql_where=text("travel_order_id IS NOT NULL AND status <> 'cancelled'")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Given at submission from the numbering template (no gaps, no duplicates per year).
    number: Mapped[str | None] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), server_default=text("'draft'"))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    budget_line_id: Mapped[int] = mapped_column(ForeignKey("budget_lines.id"))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    #: The PPTK whose draft it is (roster employee id) and the unit it belongs to.
    pptk_employee_id: Mapped[int | None] = mapped_column(Integer, index=True)
    unit_id: Mapped[int | None] = mapped_column(Integer)
    created_by_account_id: Mapped[int | None] = mapped_column(Integer)
    created_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    #: What the budget line is charged, the taxes withheld from it, what the payee receives.
    gross: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    tax_withheld: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    net_payable: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    #: Who verified, endorsed (the PPK-SKPD, above the approval threshold) and approved (separation of duties
    #: compares these with the caller).
    verified_by_account_id: Mapped[int | None] = mapped_column(Integer)
    endorsed_by_account_id: Mapped[int | None] = mapped_column(Integer)
    approved_by_account_id: Mapped[int | None] = mapped_column(Integer)
    #: Payment: medium, date (WITA) and the cash-book posting.
    payment_medium: Mapped[str | None] = mapped_column(String(4))
    paid_on: Mapped[date | None] = mapped_column(Date)
    #: The month (1–12) of the accountability report that closed it.
    closed_month: Mapped[int | None] = mapped_column(Integer)
    #: Travel SPJ: travel's order id and number.
    travel_order_id: Mapped[int | None] = mapped_column(Integer)
    travel_order_number: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())

    transitions: Mapped[list[SpjTransition]] = relationship(back_populates="spj", order_by="SpjTransition.id",
                                                            cascade="all, delete-orphan")


class SpjTransition(Base):
    """One step of an SPJ's workflow: who, when, from, to, with their note."""

    __tablename__ = "spj_transitions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    spj_id: Mapped[int] = mapped_column(ForeignKey("spj.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    actor_account_id: Mapped[int | None] = mapped_column(Integer)
    actor_employee_id: Mapped[int | None] = mapped_column(Integer)
    actor_username: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    spj: Mapped[Spj] = relationship(back_populates="transitions")
