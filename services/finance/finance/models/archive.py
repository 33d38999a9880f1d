"""The archive ("Pencatatan G Drive"): the register of every supporting document of finance.

* ``ArchiveClassification``: the archive classification list (Permendagri 83/2022 style: ``900.1``
  Keuangan and its sub-codes) with the retention of each code — years active, years inactive — and its final
  disposition (``musnah`` destroyed, ``permanen`` kept). The list is data (``finance/data``), loaded by the
  seeder and replaceable by an admin.
* ``ArchiveDocument``: one document. ``kind`` ``file``: its bytes are in the archive's storage
  (``domain.storage``) under ``storage_key`` with their ``sha256``; ``link``: a document kept elsewhere (a
  Drive URL), with its checksum when one was given. ``retention_until`` is the end of its retention
  (the document's year + active + inactive years of its classification). ``integrity`` is the result of the
  last check (``domain.integrity``): ``unchecked``, ``ok``, ``mismatch`` (the bytes no longer match the
  sha256), ``missing`` (no file under the key). ``search`` is a generated ``tsvector`` (``simple``
  configuration: Indonesian has no stemmer in PostgreSQL) over number, title, description and vendor.
"""
from __future__ import annotations

from datetime import date, datetime

from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
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
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

__all__ = ["ARCHIVE_KINDS", "DISPOSITIONS", "INTEGRITY_STATES", "ArchiveClassification", "ArchiveDocument"]

ARCHIVE_KINDS = ("file", "link")
DISPOSITIONS = ("musnah", "permanen")
INTEGRITY_STATES = ("unchecked", "ok", "mismatch", "missing")

#: The text the register's full-text search reads (``simple``: no stemming, no stop words).
SEARCH_EXPRESSION = (
    "to_tsvector('simple'::regconfig, coalesce(number, '') || ' ' || coalesce(title, '') || ' ' || "
    "coalesce(description, '') || ' ' || coalesce(vendor, ''))"
)


class ArchiveClassification(Base):
    __tablename__ = "archive_classifications"
    __table_args__ = (
        CheckConstraint(_in("disposition", DISPOSITIONS), name="disposition"),
        CheckConstraint("active_years >= 0 AND inactive_years >= 0", name="years"),
    )

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    active_years: Mapped[int] = mapped_column(Integer)
    inactive_years: Mapped[int] = mapped_column(Integer)
    disposition: Mapped[str] = mapped_column(String(10))
    #: A code no longer in the loaded list (documents keep it; new documents cannot use it).
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    note: Mapped[str | None] = mapped_column(String(500))


class ArchiveDocument(Base):
    __tablename__ = "archive_documents"
    __table_args__ = (
        CheckConstraint(_in("kind", ARCHIVE_KINDS), name="kind"),
        CheckConstraint(_in("integrity", INTEGRITY_STATES), name="integrity"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
        CheckConstraint("size_bytes IS NULL OR size_bytes >= 0", name="size"),
        CheckConstraint("kind <> 'file' OR (storage_key IS NOT NULL AND sha256 IS NOT NULL)", name="file"),
        CheckConstraint("kind <> 'link' OR url IS NOT NULL", name="link"),
        Index(None, "fiscal_year", "month", "id"),
        Index(None, "classification_code"),
        Index(None, "spj_id"),
        Index(None, "unit_id"),
        Index(None, "vendor"),
        Index(None, "account_code"),
        Index(None, "number"),
        Index(None, "document_date"),
        Index("ix_archive_documents_search", "search", postgresql_using="gin"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: The document's (evidence) number: a receipt, invoice, SPJ number.
    number: Mapped[str | None] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    classification_code: Mapped[str] = mapped_column(ForeignKey("archive_classifications.code"))
    retention_until: Mapped[date] = mapped_column(Date)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    #: The unit the document belongs to (a roster unit id; no FK: the roster copy may lag).
    unit_id: Mapped[int | None] = mapped_column(Integer)
    vendor: Mapped[str | None] = mapped_column(String(200))
    account_code: Mapped[str | None] = mapped_column(String(40))
    document_date: Mapped[date | None] = mapped_column(Date)
    #: The SPJ it supports (no FK: the archive stays independent of the SPJ tables).
    spj_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(4))
    storage_key: Mapped[str | None] = mapped_column(String(500), unique=True)
    filename: Mapped[str | None] = mapped_column(String(255))
    content_type: Mapped[str | None] = mapped_column(String(100))
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))
    url: Mapped[str | None] = mapped_column(String(2000))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    integrity: Mapped[str] = mapped_column(String(10), server_default=text("'unchecked'"))
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    search = mapped_column(TSVECTOR, Computed(SEARCH_EXPRESSION, persisted=True))
