"""booking's guests tables: requests from the public portal (no account).

* ``GuestRequest``: the guest's side of a guest booking (``Booking.source = 'guest'``, one row per booking): the
  SHA-256 of its **tracking code** (the code itself is shown once to the guest and never stored; at least 80
  random bits, ``domain.guest_codes``), the guest's contact details (agency, name, phone, email — shown to the
  resource's approvers only, never in an event), and the hash of the client address the edge saw (the per-client
  limit: ``BookingSettings.guest_requests_per_hour`` requests per hour, counted here so every instance shares
  it).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class GuestRequest(Base):
    __tablename__ = "guest_requests"
    __table_args__ = (
        CheckConstraint("char_length(code_hash) = 64", name="code_hash"),
        Index(None, "code_hash", unique=True),
        Index(None, "client_hash", "created_at"),
    )

    booking_id: Mapped[int] = mapped_column(Integer, ForeignKey("bookings.id", ondelete="CASCADE"),
                                            primary_key=True, autoincrement=False)
    #: hex SHA-256 of the normalised tracking code (``PGJ-`` and dashes removed).
    code_hash: Mapped[str] = mapped_column(String(64))
    agency: Mapped[str | None] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(254))
    #: hex SHA-256 of the client address the edge passed (never the address itself).
    client_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


__all__ = ["GuestRequest"]
