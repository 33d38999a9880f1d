"""Disposal (penghapusan barang milik daerah): a keeper's proposal of items, the Kepala Biro's approval, the
decision (the Gubernur's/Sekda's SK) and the berita acara that takes the items out of the register.

* ``DisposalProposal``: reasons, method (pemusnahan, penjualan, hibah, pemindahtanganan, tukar-menukar,
  penyertaan modal, lainnya) and status ``draft`` → ``proposed`` → ``approved`` | ``rejected`` → ``decided``
  (SK number and date) → ``done`` (berita acara number and date), or ``cancelled``
  (``domain.disposal.PROPOSAL``).
* ``DisposalItem``: one item of a proposal with its own reason, its condition and its value at proposal time:
  the book value when the depreciation module answers one, else the acquisition value (``value_basis``
  says which). ``open`` is true while the proposal is open (draft … decided): a partial unique index keeps an
  item in at most one open proposal.
"""
from __future__ import annotations

from datetime import date, datetime

from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .register import CONDITIONS

__all__ = ["DISPOSAL_METHODS", "DISPOSAL_STATUSES", "OPEN_DISPOSAL_STATUSES", "VALUE_BASES", "DisposalItem",
           "DisposalProposal"]

DISPOSAL_METHODS = ("pemusnahan", "penjualan", "hibah", "pemindahtanganan", "tukar_menukar", "penyertaan_modal",
                    "lainnya")
DISPOSAL_STATUSES = ("draft", "proposed", "approved", "rejected", "decided", "done", "cancelled")
OPEN_DISPOSAL_STATUSES = ("draft", "proposed", "approved", "decided")
VALUE_BASES = ("book_value", "acquisition_value")


class DisposalProposal(Base):
    __tablename__ = "disposal_proposals"
    __table_args__ = (
        CheckConstraint(_in("method", DISPOSAL_METHODS), name="method"),
        CheckConstraint(_in("status", DISPOSAL_STATUSES), name="status"),
        Index("ix_disposal_proposals_status_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    method: Mapped[str] = mapped_column(String(20))
    reasons: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), server_default=text("'draft'"))
    created_by: Mapped[str] = mapped_column(String(100))
    created_by_account_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    proposed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by: Mapped[str | None] = mapped_column(String(100))
    approved_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    rejected_by: Mapped[str | None] = mapped_column(String(100))
    rejected_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    #: The decision: the Gubernur's / Sekda's decree (SK).
    decree_number: Mapped[str | None] = mapped_column(String(120))
    decree_date: Mapped[date | None] = mapped_column(Date)
    decree_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: The berita acara penghapusan (numbered when recorded).
    ba_number: Mapped[str | None] = mapped_column(String(120))
    ba_date: Mapped[date | None] = mapped_column(Date)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_by: Mapped[str | None] = mapped_column(String(100))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())


class DisposalItem(Base):
    __tablename__ = "disposal_items"
    __table_args__ = (
        UniqueConstraint("proposal_id", "asset_id"),
        CheckConstraint(_in("condition", CONDITIONS), name="condition"),
        CheckConstraint(_in("value_basis", VALUE_BASES), name="value_basis"),
        CheckConstraint("value >= 0 AND acquisition_value >= 0", name="values"),
        Index("uq_disposal_items_open_asset_id", "asset_id", unique=True, postgresql_where=text("open")),
        Index(None, "asset_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("disposal_proposals.id"))
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"))
    reason: Mapped[str] = mapped_column(Text)
    condition: Mapped[str] = mapped_column(String(2))
    acquisition_value: Mapped[int] = mapped_column(BigInteger)
    #: The value proposed: the book value at proposal time, or the acquisition value (``value_basis``).
    value: Mapped[int] = mapped_column(BigInteger)
    value_basis: Mapped[str] = mapped_column(String(20))
    open: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
