"""The budget (DPA) of a fiscal year and the running ledger of each budget line.

* ``BudgetVersion``: one loaded DPA file of a year — version 0 is the original (murni), 1, 2 … amendments
  (perubahan). Loading an amendment keeps the old version (``superseded``); exactly one version of a year is
  ``active`` (a partial unique index).
* ``BudgetSubActivity``: program → kegiatan → sub-kegiatan of one version, with the PPTK responsible.
* ``BudgetAllocation``: one account (kode rekening) of a sub-kegiatan in one version: its ceiling (pagu) and
  the monthly cash plan (anggaran kas, 12 integers).
* ``BudgetLine``: the *stable* line of a year — (sub-kegiatan code, account code) — that SPJs charge and
  that carries the running amounts: ``ceiling`` (the active version's), ``committed`` (approved, not yet
  paid) and ``realized`` (paid). The database refuses any row where ``committed + realized > ceiling`` or an
  amount is negative: that CHECK is what makes "no overspend, ever" hold when approvals race (each change is
  one ``UPDATE`` of the row, serialized by its row lock; ``domain.ledger``).

Amounts are integer rupiah (``BigInteger``).
"""
from __future__ import annotations

from datetime import datetime

from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base

VERSION_STATUSES = ("active", "superseded")
#: The cash plan is a JSON array of 12 amounts (migration 0002).
CASH_PLAN_CHECK = ("CASE WHEN jsonb_typeof(cash_plan) = 'array' THEN jsonb_array_length(cash_plan) = 12 "
                   "ELSE false END")


class BudgetVersion(Base):
    __tablename__ = "budget_versions"
    __table_args__ = (
        UniqueConstraint("fiscal_year", "number"),
        CheckConstraint(_in("status", VERSION_STATUSES), name="status"),
        CheckConstraint("number >= 0", name="number"),
        Index("uq_budget_versions_active_year", "fiscal_year", unique=True,
              postgresql_where=text("status = 'active'")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    #: 0: DPA murni; 1, 2 …: perubahan.
    number: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(12))
    filename: Mapped[str | None] = mapped_column(String(255))
    sha256: Mapped[str | None] = mapped_column(String(64))
    loaded_by: Mapped[str] = mapped_column(String(100))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    sub_activities: Mapped[list[BudgetSubActivity]] = relationship(back_populates="version",
                                                                   order_by="BudgetSubActivity.code")


class BudgetSubActivity(Base):
    __tablename__ = "budget_sub_activities"
    __table_args__ = (UniqueConstraint("version_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("budget_versions.id", ondelete="CASCADE"))
    program_code: Mapped[str] = mapped_column(String(40))
    program_name: Mapped[str] = mapped_column(String(300))
    activity_code: Mapped[str] = mapped_column(String(40))
    activity_name: Mapped[str] = mapped_column(String(300))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(300))
    #: The PPTK responsible (a roster employee id); drafts of SPJ charged here are theirs.
    pptk_employee_id: Mapped[int | None] = mapped_column(Integer, index=True)

    version: Mapped[BudgetVersion] = relationship(back_populates="sub_activities")
    allocations: Mapped[list[BudgetAllocation]] = relationship(back_populates="sub_activity",
                                                               order_by="BudgetAllocation.account_code")


class BudgetLine(Base):
    __tablename__ = "budget_lines"
    __table_args__ = (
        UniqueConstraint("fiscal_year", "sub_activity_code", "account_code"),
        CheckConstraint("ceiling >= 0 AND committed >= 0 AND realized >= 0", name="amounts"),
        CheckConstraint("committed + realized <= ceiling", name="no_overspend"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    sub_activity_code: Mapped[str] = mapped_column(String(40))
    account_code: Mapped[str] = mapped_column(String(40))
    account_name: Mapped[str] = mapped_column(String(300))
    ceiling: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    committed: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    realized: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))

    @property
    def remaining(self) -> int:
        return self.ceiling - self.committed - self.realized


class BudgetAllocation(Base):
    __tablename__ = "budget_allocations"
    __table_args__ = (
        UniqueConstraint("sub_activity_id", "account_code"),
        CheckConstraint("ceiling >= 0", name="ceiling"),
        CheckConstraint(CASH_PLAN_CHECK, name="cash_plan"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sub_activity_id: Mapped[int] = mapped_column(ForeignKey("budget_sub_activities.id", ondelete="CASCADE"))
    line_id: Mapped[int] = mapped_column(ForeignKey("budget_lines.id"), index=True)
    account_code: Mapped[str] = mapped_column(String(40))
    account_name: Mapped[str] = mapped_column(String(300))
    ceiling: Mapped[int] = mapped_column(BigInteger)
    #: Anggaran kas: 12 integers (January … December) whose sum is the ceiling.
    cash_plan: Mapped[list[int]] = mapped_column(JSONB)

    sub_activity: Mapped[BudgetSubActivity] = relationship(back_populates="allocations")
    line: Mapped[BudgetLine] = relationship()
