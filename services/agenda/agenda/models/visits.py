"""Official visit and audience requests from the public (izin kunjungan resmi / audiensi).

* ``VisitRequest``: one request sent through the public portal without an account — the agency, the leader
  wished (a known ``leader_id`` or a free text), the purpose, the visitors (a count and their names), one to
  three wished dates, the contact (**personal data**: shown to protocol staff only, never in an event payload
  nor on the status page), the letter (PDF or image, checked by its content, at most 5 MB; loaded only when
  asked for: ``deferred``), the SHA-256 of the tracking code (``KNJ-``; the code itself is shown once) and of the
  client's address (the per-client hourly limit).

  ``status``: ``pending`` → ``approved`` (a time ``[starts_at, ends_at)`` and a place: a room booked through
  booking — ``room_resource_id``, ``room_name``, ``room_booking_id`` under the reference ``agenda-visit:<id>`` —
  or an address) or ``refused`` (``reason``); ``approved``/``pending`` → ``cancelled`` by staff (``reason``; the
  room released). The visitor pass is issued at approval: ``pass_token_hash`` is the SHA-256 of a random token
  (128 bits) the pass's QR carries; the token itself is kept nowhere but on the pass (it is re-issued when the
  pass is downloaded again, so only the latest printed pass checks in). ``checked_in_at``/``checked_in_by``:
  the arrival, recorded once.
"""
from __future__ import annotations

from datetime import date, datetime

from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

VISIT_STATUSES = ("pending", "approved", "refused", "cancelled")


class VisitRequest(Base):
    __tablename__ = "visit_requests"
    __table_args__ = (
        UniqueConstraint("code_hash"),
        UniqueConstraint("pass_token_hash"),
        CheckConstraint(_in("status", VISIT_STATUSES), name="status"),
        CheckConstraint("visitor_count BETWEEN 1 AND 500", name="visitor_count"),
        CheckConstraint("status <> 'approved' OR (starts_at IS NOT NULL AND ends_at > starts_at "
                        "AND (room_resource_id IS NOT NULL OR address IS NOT NULL))", name="approved_place"),
        Index(None, "client_hash", "created_at"),
        Index(None, "status", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    agency: Mapped[str] = mapped_column(String(200))
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("leaders.id", ondelete="SET NULL"))
    leader_wished: Mapped[str | None] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text)
    visitor_count: Mapped[int] = mapped_column(Integer)
    visitor_names: Mapped[list] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    wished_dates: Mapped[list[date]] = mapped_column(ARRAY(Date))
    contact_name: Mapped[str] = mapped_column(String(120))
    contact_phone: Mapped[str] = mapped_column(String(30))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    letter_content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    letter_type: Mapped[str] = mapped_column(String(80))
    letter_name: Mapped[str] = mapped_column(String(200))
    client_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    status: Mapped[str] = mapped_column(String(10), server_default=text("'pending'"))
    starts_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    room_resource_id: Mapped[int | None] = mapped_column(Integer)
    room_name: Mapped[str | None] = mapped_column(String(200))
    room_booking_id: Mapped[int | None] = mapped_column(Integer)
    address: Mapped[str | None] = mapped_column(String(300))
    #: Why it was refused or cancelled.
    reason: Mapped[str | None] = mapped_column(Text)
    #: The approver's note to the visitor (shown on the status page and the pass).
    decision_note: Mapped[str | None] = mapped_column(Text)
    #: Staff only (never on the visitor's status page): the room's booking cancelled in booking by someone else.
    room_note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(120))
    decided_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    pass_token_hash: Mapped[str | None] = mapped_column(String(64))
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    checked_in_by: Mapped[str | None] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))


__all__ = ["VISIT_STATUSES", "VisitRequest"]
