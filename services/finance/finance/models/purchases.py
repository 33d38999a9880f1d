"""Small-purchase SPJ: the purchases of an SPJ, their items and taxes, and the reference data they are judged by.

* ``SpjPurchase``: one purchase (one receipt) of an SPJ — vendor (name, its comparison key, NPWP digits,
  PKP), date with its ISO week (the split-purchase check), receipt number, the evidence document in the
  archive (``archive_documents``), the evidence kind its total needs, the meterai flag, the verifier's note
  when the SPJ was returned. ``total`` is the sum of its items.
* ``SpjPurchaseItem``: what, quantity, unit, unit price, ``amount`` (quantity × unit price, integer rupiah),
  category (barang | jasa | honorarium) and the taxes computed on it (``domain.taxes``).
* ``SpjTax``: a tax entry to deposit (per purchase, kind and rate: base, amount); the billing code, NTPN,
  date and the BKU posting are recorded when it is deposited.
* ``SpjTaxRate`` (versioned by ``valid_from``) and ``SpjEvidenceTier``: the data in ``finance/data``.
* ``SpjSettings``: one row — the amount above which the PA/KPA approves, the procurement limit of one
  purchase, the meterai threshold, the SPJ number template.
* ``SpjNumberCounter``: the last number given per scope (year), locked while numbering (no gaps).

Amounts are integer rupiah (``BigInteger``); rates are basis points.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

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
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base

__all__ = ["ITEM_CATEGORIES", "TAX_KINDS", "SpjEvidenceTier", "SpjNumberCounter", "SpjPurchase",
           "SpjPurchaseItem", "SpjSettings", "SpjTax", "SpjTaxRate"]

ITEM_CATEGORIES = ("barang", "jasa", "honorarium")
TAX_KINDS = ("ppn", "pph21", "pph22", "pph23")
EVIDENCE_KINDS = ("nota", "kuitansi", "spk", "kontrak")


class SpjPurchase(Base):
    __tablename__ = "spj_purchases"
    __table_args__ = (
        CheckConstraint("total >= 0", name="total"),
        CheckConstraint("vendor_npwp IS NULL OR length(vendor_npwp) IN (15, 16)", name="npwp"),
        Index(None, "spj_id", "position"),
        Index(None, "iso_year", "iso_week", "vendor_key"),
        Index(None, "vendor_npwp"),
        Index(None, "evidence_document_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    spj_id: Mapped[int] = mapped_column(ForeignKey("spj.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    vendor_name: Mapped[str] = mapped_column(String(200))
    #: ``domain.spj_evidence.vendor_key``: the name as the split-purchase check compares it.
    vendor_key: Mapped[str] = mapped_column(String(200))
    vendor_npwp: Mapped[str | None] = mapped_column(String(16))
    vendor_pkp: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    purchased_on: Mapped[date] = mapped_column(Date)
    iso_year: Mapped[int] = mapped_column(Integer)
    iso_week: Mapped[int] = mapped_column(Integer)
    receipt_number: Mapped[str | None] = mapped_column(String(120))
    evidence_document_id: Mapped[int | None] = mapped_column(ForeignKey("archive_documents.id"))
    evidence_kind: Mapped[str] = mapped_column(String(10))
    total: Mapped[int] = mapped_column(BigInteger)
    meterai_required: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    #: The verifier's note when the SPJ was returned (cleared when the purchases are replaced).
    return_note: Mapped[str | None] = mapped_column(Text)

    items: Mapped[list[SpjPurchaseItem]] = relationship(order_by="SpjPurchaseItem.position",
                                                        cascade="all, delete-orphan")


class SpjPurchaseItem(Base):
    __tablename__ = "spj_purchase_items"
    __table_args__ = (
        CheckConstraint(_in("category", ITEM_CATEGORIES), name="category"),
        CheckConstraint("quantity > 0 AND unit_price >= 0 AND amount >= 0", name="amounts"),
        CheckConstraint("ppn >= 0 AND pph >= 0", name="taxes"),
        CheckConstraint("pph_kind IS NULL OR " + _in("pph_kind", TAX_KINDS[1:]), name="pph_kind"),
        Index(None, "purchase_id", "position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purchase_id: Mapped[int] = mapped_column(ForeignKey("spj_purchases.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 3))
    unit: Mapped[str] = mapped_column(String(40))
    unit_price: Mapped[int] = mapped_column(BigInteger)
    amount: Mapped[int] = mapped_column(BigInteger)
    category: Mapped[str] = mapped_column(String(12))
    dpp: Mapped[int] = mapped_column(BigInteger)
    ppn: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    pph_kind: Mapped[str | None] = mapped_column(String(10))
    pph_rate_bp: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    pph: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))


class SpjTax(Base):
    __tablename__ = "spj_taxes"
    __table_args__ = (
        CheckConstraint(_in("kind", TAX_KINDS), name="kind"),
        CheckConstraint("base >= 0 AND amount > 0 AND rate_bp > 0", name="amounts"),
        CheckConstraint("(ntpn IS NULL) = (deposited_on IS NULL)", name="deposit"),
        Index(None, "spj_id"),
        Index(None, "purchase_id"),
        UniqueConstraint("ntpn"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    spj_id: Mapped[int] = mapped_column(ForeignKey("spj.id", ondelete="CASCADE"))
    purchase_id: Mapped[int | None] = mapped_column(ForeignKey("spj_purchases.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    base: Mapped[int] = mapped_column(BigInteger)
    rate_bp: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)
    billing_code: Mapped[str | None] = mapped_column(String(20))
    ntpn: Mapped[str | None] = mapped_column(String(20))
    deposited_on: Mapped[date | None] = mapped_column(Date)
    deposited_by: Mapped[str | None] = mapped_column(String(100))
    posting_id: Mapped[int | None] = mapped_column(ForeignKey("cash_postings.id"))


class SpjTaxRate(Base):
    __tablename__ = "spj_tax_rates"
    __table_args__ = (
        UniqueConstraint("kind", "valid_from"),
        CheckConstraint(_in("kind", TAX_KINDS), name="kind"),
        CheckConstraint("rate_bp >= 0 AND rate_bp_no_npwp >= 0 AND threshold >= 0", name="amounts"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    valid_from: Mapped[date] = mapped_column(Date)
    #: Item categories it applies to, ``|``-separated.
    categories: Mapped[str] = mapped_column(String(60))
    rate_bp: Mapped[int] = mapped_column(Integer)
    rate_bp_no_npwp: Mapped[int] = mapped_column(Integer)
    threshold: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    pkp_only: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    verified: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    note: Mapped[str | None] = mapped_column(String(500))


class SpjEvidenceTier(Base):
    __tablename__ = "spj_evidence_tiers"
    __table_args__ = (CheckConstraint(_in("kind", EVIDENCE_KINDS), name="kind"),)

    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    label: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer)
    #: The largest total (inclusive) the tier covers; null: no upper limit.
    up_to: Mapped[int | None] = mapped_column(BigInteger)
    verified: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))


class SpjSettings(Base):
    __tablename__ = "spj_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single"),
        CheckConstraint("approval_threshold >= 0 AND purchase_limit > 0 AND meterai_threshold >= 0",
                        name="amounts"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Above this gross the PA/KPA (``pimpinan``) approves; up to it the PPK-SKPD.
    approval_threshold: Mapped[int] = mapped_column(BigInteger, server_default=text("5000000"))
    #: One purchase of this amount or more needs the procurement procedure.
    purchase_limit: Mapped[int] = mapped_column(BigInteger, server_default=text("10000000"))
    #: A receipt stating more than this bears a Rp10.000 meterai.
    meterai_threshold: Mapped[int] = mapped_column(BigInteger, server_default=text("5000000"))
    number_template: Mapped[str] = mapped_column(String(120),
                                                 server_default=text("'900.1.2.3/{seq}/SPJ/{year}'"))
    updated_by: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class SpjNumberCounter(Base):
    __tablename__ = "spj_number_counters"

    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, server_default=text("0"))
