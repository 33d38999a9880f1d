"""Consumables (persediaan): items, FIFO lots, receipts, requests and their issues, the stock card, counts.

* ``SupplyItem``: one consumable (code unique, name, unit — rim, box, pcs …, minimum stock, the kode rekening
  persediaan as text, active). ``low_alerted`` remembers that ``assets.stock_low`` was published for the
  current crossing of the minimum (set by the issue that crosses it, cleared when stock rises above it again),
  so the event goes out once per crossing.
* ``SupplyReceipt`` (+ ``SupplyLot``): a purchase received (date, supplier, faktur/BAST number). Each receipt
  line is a FIFO *lot*: received_on, unit_price, ``qty_in`` and ``qty_left`` (a CHECK keeps
  ``0 <= qty_left <= qty_in``). Stock of an item = Σ ``qty_left`` of its lots; its value = Σ qty_left ×
  unit_price. A stock-opname surplus also adds a lot (``count_id`` set, no receipt).
* ``SupplyRequest`` (+ ``SupplyRequestLine``): an employee's request; its unit head approves (approved
  quantities ≤ requested) or rejects; the keeper issues (consuming lots FIFO; ``quantity_issued`` may be less
  than approved when stock is short, ``value_issued`` = Σ qty from each lot × its price).
* ``SupplyMovement``: the stock card (kartu persediaan): one row per lot touched — in (receipt, surplus) or out
  (issue, shortage) with quantity, the lot's unit price and the value. A CHECK keeps exactly one side > 0.
* ``SupplyCount`` (+ ``SupplyCountLine``): a stock opname of consumables (draft → applied; applied counts never
  change).

Quantities are integers; amounts integer rupiah (``BigInteger``); dates WITA calendar days.
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

__all__ = ["SupplyItem", "SupplyReceipt", "SupplyLot", "SupplyRequest", "SupplyRequestLine", "SupplyMovement",
           "SupplyCount", "SupplyCountLine", "SUPPLY_REQUEST_STATUSES", "SUPPLY_MOVEMENT_KINDS",
           "SUPPLY_COUNT_STATUSES"]

SUPPLY_REQUEST_STATUSES = ("submitted", "approved", "rejected", "issued", "cancelled")
#: receipt (in), issue (out), adjustment_in (opname surplus), adjustment_out (opname shortage)
SUPPLY_MOVEMENT_KINDS = ("receipt", "issue", "adjustment_in", "adjustment_out")
SUPPLY_COUNT_STATUSES = ("draft", "applied")


class SupplyItem(Base):
    __tablename__ = "supply_items"
    __table_args__ = (CheckConstraint("minimum_stock >= 0", name="minimum_stock"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(20))
    minimum_stock: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    #: Kode rekening persediaan, e.g. 1.1.7.01.01 (alat tulis kantor); free text.
    account_code: Mapped[str | None] = mapped_column(String(30))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    low_alerted: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())


class SupplyReceipt(Base):
    __tablename__ = "supply_receipts"
    __table_args__ = (Index(None, "received_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    received_on: Mapped[date] = mapped_column(Date)
    supplier: Mapped[str] = mapped_column(String(200))
    document_number: Mapped[str] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(Text)
    created_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class SupplyCount(Base):
    __tablename__ = "supply_counts"
    __table_args__ = (CheckConstraint(_in("status", SUPPLY_COUNT_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counted_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), server_default=text("'draft'"))
    created_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    applied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    applied_by: Mapped[str | None] = mapped_column(String(100))


class SupplyCountLine(Base):
    __tablename__ = "supply_count_lines"
    __table_args__ = (UniqueConstraint("count_id", "item_id"),
                      CheckConstraint("counted_qty >= 0", name="counted_qty"),
                      CheckConstraint("recorded_qty >= 0", name="recorded_qty"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    count_id: Mapped[int] = mapped_column(ForeignKey("supply_counts.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("supply_items.id"))
    #: The recorded stock: when the line was saved, then at the moment the count was applied.
    recorded_qty: Mapped[int] = mapped_column(Integer)
    counted_qty: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(300))
    #: Set when applied: the value of the adjustment (+ surplus, − shortage).
    adjustment_value: Mapped[int | None] = mapped_column(BigInteger)


class SupplyLot(Base):
    __tablename__ = "supply_lots"
    __table_args__ = (
        CheckConstraint("qty_in > 0", name="qty_in"),
        CheckConstraint("qty_left >= 0 AND qty_left <= qty_in", name="qty_left"),
        CheckConstraint("unit_price >= 0", name="unit_price"),
        Index("ix_supply_lots_fifo", "item_id", "received_on", "id", postgresql_where=text("qty_left > 0")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("supply_items.id"))
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("supply_receipts.id"), index=True)
    count_id: Mapped[int | None] = mapped_column(ForeignKey("supply_counts.id"))
    received_on: Mapped[date] = mapped_column(Date)
    unit_price: Mapped[int] = mapped_column(BigInteger)
    qty_in: Mapped[int] = mapped_column(Integer)
    qty_left: Mapped[int] = mapped_column(Integer)


class SupplyRequest(Base):
    __tablename__ = "supply_requests"
    __table_args__ = (CheckConstraint(_in("status", SUPPLY_REQUEST_STATUSES), name="status"),
                      Index(None, "requester_employee_id", "id"), Index(None, "status", "id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    requester_employee_id: Mapped[int] = mapped_column(Integer)
    #: The requester's unit when asked (the unit whose head approves).
    requester_unit_id: Mapped[int | None] = mapped_column(Integer)
    requested_by: Mapped[str] = mapped_column(String(100))
    purpose: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), server_default=text("'submitted'"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    decided_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_note: Mapped[str | None] = mapped_column(Text)
    issued_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    issued_by: Mapped[str | None] = mapped_column(String(100))
    issued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    issued_on: Mapped[date | None] = mapped_column(Date)
    issue_note: Mapped[str | None] = mapped_column(Text)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SupplyRequestLine(Base):
    __tablename__ = "supply_request_lines"
    __table_args__ = (
        UniqueConstraint("request_id", "item_id"),
        CheckConstraint("quantity_requested > 0", name="quantity_requested"),
        CheckConstraint("quantity_approved IS NULL OR quantity_approved BETWEEN 0 AND quantity_requested",
                        name="quantity_approved"),
        CheckConstraint("quantity_issued IS NULL OR quantity_issued BETWEEN 0 AND quantity_approved",
                        name="quantity_issued"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("supply_requests.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("supply_items.id"), index=True)
    quantity_requested: Mapped[int] = mapped_column(Integer)
    quantity_approved: Mapped[int | None] = mapped_column(Integer)
    quantity_issued: Mapped[int | None] = mapped_column(Integer)
    value_issued: Mapped[int | None] = mapped_column(BigInteger)
    #: Why less than approved was issued (stock short), in words.
    issue_note: Mapped[str | None] = mapped_column(String(300))


class SupplyMovement(Base):
    __tablename__ = "supply_movements"
    __table_args__ = (
        CheckConstraint(_in("kind", SUPPLY_MOVEMENT_KINDS), name="kind"),
        CheckConstraint("(qty_in > 0 AND qty_out = 0) OR (qty_out > 0 AND qty_in = 0)", name="one_side"),
        CheckConstraint("value_in >= 0 AND value_out >= 0", name="values"),
        Index("ix_supply_movements_card", "item_id", "moved_on", "id"),
        Index(None, "moved_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("supply_items.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("supply_lots.id"), index=True)
    moved_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16))
    qty_in: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    qty_out: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    unit_price: Mapped[int] = mapped_column(BigInteger)
    value_in: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    value_out: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    #: What a reader of the card sees as the reference (the faktur/BAST number, the request number …).
    reference: Mapped[str] = mapped_column(String(160))
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("supply_receipts.id"))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("supply_requests.id"))
    count_id: Mapped[int | None] = mapped_column(ForeignKey("supply_counts.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
