"""An event's documentation (Dokumentasi Pimpinan): what becomes public only after approval.

* ``Documentation``: one per event — the minutes (notulen; internal unless ``minutes_public``), the press release,
  ``status`` (draft → submitted → approved; submitted → returned → submitted …: ``domain.documentation``), who
  approved it and when, an optional ``embargo_until``; ``public_from`` is when it became (or becomes) public:
  the approval, or the embargo's end when later. ``announced`` is set once ``agenda.documentation_published``
  went out (at approval, or by the embargo timer).
* ``DocumentationPhoto``: a photo re-encoded on upload (EXIF/GPS and everything that is not pixels gone:
  ``situok_kit.uploads.reencode_image``), its web-sized copy and thumbnail, caption and **alt text** (required
  before the documentation can be submitted: WCAG 1.1.1).
* ``DocumentationAttachment``: a file (PDF, DOCX, XLSX, image) checked by its content; ``public`` says whether the
  portal offers it once published.
"""
from __future__ import annotations

from datetime import datetime

from situok_kit.migrate import COMPARED
from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    Boolean,
    CheckConstraint,
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
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

DOCUMENTATION_STATUSES = ("draft", "submitted", "returned", "approved")


class Documentation(Base):
    __tablename__ = "documentations"
    __table_args__ = (
        CheckConstraint(_in("status", DOCUMENTATION_STATUSES), name="status"),
        CheckConstraint("status <> 'approved' OR public_from IS NOT NULL", name="approved_public_from"),
        Index("ix_documentations_public", "public_from", "id", postgresql_where=text("status = 'approved'")),
        #: the portal's search over press releases (``domain.portal``, migration 0005)
        Index("ix_documentations_search", text("to_tsvector('simple'::regconfig, coalesce(press_release, ''))"),
              postgresql_using="gin", info={COMPARED: False}),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("agenda_events.id", ondelete="CASCADE"), unique=True)
    status: Mapped[str] = mapped_column(String(10), server_default=text("'draft'"))
    minutes: Mapped[str | None] = mapped_column(Text)
    minutes_public: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    press_release: Mapped[str | None] = mapped_column(Text)
    embargo_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Who submitted it last: they may not approve it themselves (separation of duties).
    submitted_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    return_note: Mapped[str | None] = mapped_column(Text)
    public_from: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    announced: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))


class DocumentationPhoto(Base):
    __tablename__ = "documentation_photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    documentation_id: Mapped[int] = mapped_column(ForeignKey("documentations.id", ondelete="CASCADE"), index=True)
    caption: Mapped[str | None] = mapped_column(String(500))
    alt_text: Mapped[str | None] = mapped_column(String(300))
    content_type: Mapped[str] = mapped_column(String(40))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    web_copy: Mapped[bytes] = mapped_column(LargeBinary)
    thumbnail: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    uploaded_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class DocumentationAttachment(Base):
    __tablename__ = "documentation_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    documentation_id: Mapped[int] = mapped_column(ForeignKey("documentations.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    public: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    uploaded_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


__all__ = ["Documentation", "DocumentationPhoto", "DocumentationAttachment", "DOCUMENTATION_STATUSES"]
