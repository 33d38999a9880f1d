"""Personnel documents (dokumen kepegawaian): the types an employee may or must hold, and each employee's
documents.

* ``DocumentType``: reference data (``domain.documents.seed``; admin may edit) — ``code`` (``sk_cpns``,
  ``ijazah`` …), its name, the employment types that must hold it (``required_for``: ``pns``, ``pppk``,
  ``non_asn``), whether the paper's number, issue date, TMT and expiry apply (``none``/``optional``/
  ``required`` each), whether one employee may hold several (``multiple``: diplomas, certificates, a child's
  birth certificate) and the schema of its ``details`` (``detail_fields``: a list of ``{name, label, kind
  (text|integer|date|choice), required, choices?, min?, max?}``, validated by ``domain.document_rules``).
* ``EmployeeDocument``: one paper of one employee — type, number as on the paper, issue date, TMT, expiry,
  ``details`` (validated against its type), the file (PDF/JPEG/PNG judged by content, images re-encoded without
  metadata; loaded only when asked for: ``deferred``), who uploaded it and when.
  ``status``: ``waiting`` → ``verified`` | ``rejected`` (``reason``) by a staff officer; an update (new file or
  data) puts it back to ``waiting`` (``domain.document_rules.DOCUMENT``: the one transition table).
"""
from __future__ import annotations

from datetime import date, datetime

from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

DOCUMENT_STATUSES = ("waiting", "verified", "rejected")
#: Whether a field of the paper applies to a type.
APPLIES = ("none", "optional", "required")


class DocumentType(Base):
    __tablename__ = "document_types"
    __table_args__ = (
        CheckConstraint(_in("number_rule", APPLIES), name="number_rule"),
        CheckConstraint(_in("issued_rule", APPLIES), name="issued_rule"),
        CheckConstraint(_in("tmt_rule", APPLIES), name="tmt_rule"),
        CheckConstraint(_in("expiry_rule", APPLIES), name="expiry_rule"),
    )

    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(Text)
    #: Employment types that must hold it (``pns``, ``pppk``, ``non_asn``); empty: optional for everyone.
    required_for: Mapped[list] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    number_rule: Mapped[str] = mapped_column(String(10), server_default=text("'optional'"))
    issued_rule: Mapped[str] = mapped_column(String(10), server_default=text("'optional'"))
    tmt_rule: Mapped[str] = mapped_column(String(10), server_default=text("'none'"))
    expiry_rule: Mapped[str] = mapped_column(String(10), server_default=text("'none'"))
    multiple: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    detail_fields: Mapped[list] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    sort_order: Mapped[int] = mapped_column(Integer, server_default=text("100"))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class EmployeeDocument(Base):
    __tablename__ = "employee_documents"
    __table_args__ = (
        CheckConstraint(_in("status", DOCUMENT_STATUSES), name="status"),
        CheckConstraint("status <> 'rejected' OR reason IS NOT NULL", name="rejected_reason"),
        CheckConstraint("expires_on IS NULL OR issued_on IS NULL OR expires_on >= issued_on", name="expiry_order"),
        Index(None, "employee_id", "type_code", "id"),
        Index(None, "status", "id"),
        Index(None, "expires_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(Integer)
    type_code: Mapped[str] = mapped_column(ForeignKey("document_types.code", onupdate="CASCADE"))
    number: Mapped[str | None] = mapped_column(String(100))
    issued_on: Mapped[date | None] = mapped_column(Date)
    tmt: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    details: Mapped[dict] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    file_content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    file_type: Mapped[str] = mapped_column(String(80))
    file_name: Mapped[str] = mapped_column(String(200))
    file_size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), server_default=text("'waiting'"))
    reason: Mapped[str | None] = mapped_column(Text)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    uploaded_by: Mapped[str | None] = mapped_column(String(120))
    uploaded_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    verified_by: Mapped[str | None] = mapped_column(String(120))
    verified_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))


__all__ = ["APPLIES", "DOCUMENT_STATUSES", "DocumentType", "EmployeeDocument"]
