"""agenda's rooms: a leader's internal event or an approved official visit booked here by agenda (``booking.
reserve_for_agenda``, as the system).

* ``AgendaReservation``: one per agenda ``reference`` (``agenda-event:<id>`` / ``agenda-visit:<id>``, unique):
  the booking that holds its room now (``booking_id``; the booking's ``source`` is ``agenda``). Asked again,
  the same reference answers or moves that booking, never makes a second one; released, its booking is
  cancelled and the row stays (asked again later, a new booking takes its place).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

#: ``agenda-event:<id>`` (an internal event) or ``agenda-visit:<id>`` (an approved visit/audience).
AGENDA_REFERENCE_PATTERN = r"^agenda-(event|visit):[1-9][0-9]{0,17}$"


class AgendaReservation(Base):
    __tablename__ = "booking_agenda_reservations"
    __table_args__ = (
        Index(None, "reference", unique=True),
        Index(None, "booking_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40))
    #: The booking that holds the room now (null only inside the transaction that claims the reference).
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


__all__ = ["AgendaReservation", "AGENDA_REFERENCE_PATTERN"]
