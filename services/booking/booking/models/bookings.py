"""Bookings and every step they went through (their series: ``models.series``).

* ``Booking``: one request for one resource over ``[starts_at, ends_at)``, by an employee (``source`` ``staff``),
  a guest from the public portal (``guest``, details in ``guests.GuestRequest``), travel (``travel``: an
  approved SPT with an official vehicle) or agenda (``agenda``: a leader's internal event or an approved official
  visit, ``agenda.AgendaReservation``; approved by the system when made, the requester its contact employee or
  none). ``status``: ``pending`` → ``approved`` / ``rejected``; ``pending`` or
  ``approved`` → ``cancelled`` (the transitions: ``domain.requests_workflow``).
  ``occupied_from``/``occupied_to`` are the period with the resource's buffers (cleaning, vehicle turnaround)
  as they were when the booking was made; the **exclusion constraint** ``ex_bookings_no_overlap`` keeps two
  approved bookings of one resource from ever occupying the same instant, whatever the code does when approvals
  race (btree_gist, migration 0001).
* ``BookingStep``: what happened to a booking, who did it and their note (submitted, approved, rejected,
  cancelled, moved, driver assigned …): the audit a requester and a manager read.
"""
from __future__ import annotations

from datetime import datetime

from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    Boolean,
    CheckConstraint,
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
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

BOOKING_STATUSES = ("pending", "approved", "rejected", "cancelled")
BOOKING_SOURCES = ("staff", "guest", "travel", "agenda")


class Booking(Base):
    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint(_in("status", BOOKING_STATUSES), name="status"),
        CheckConstraint(_in("source", BOOKING_SOURCES), name="source"),
        CheckConstraint("ends_at > starts_at", name="period"),
        CheckConstraint("occupied_from <= starts_at AND occupied_to >= ends_at", name="occupied"),
        CheckConstraint("participants IS NULL OR participants >= 1", name="participants"),
        CheckConstraint("passengers IS NULL OR passengers >= 1", name="passengers"),
        CheckConstraint("source <> 'staff' OR requester_employee_id IS NOT NULL", name="staff_requester"),
        UniqueConstraint("series_id", "occurrence_start", name="uq_bookings_series_occurrence"),
        ExcludeConstraint(
            ("resource_id", "="),
            (text("tstzrange(occupied_from, occupied_to, '[)')"), "&&"),
            using="gist", where=text("status = 'approved'"), name="ex_bookings_no_overlap",
        ),
        Index(None, "resource_id", "starts_at"),
        Index(None, "requester_employee_id", "id"),
        #: "my bookings" by start (``domain.inbox.mine``, keyset on ``(starts_at, id)``)
        Index("ix_bookings_requester_start", "requester_employee_id", "starts_at", "id"),
        Index(None, "status", "id"),
        Index("ix_bookings_resource_period", "resource_id", text("tstzrange(occupied_from, occupied_to, '[)')"),
              postgresql_using="gist", postgresql_where=text("status IN ('pending', 'approved')")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id"))
    source: Mapped[str] = mapped_column(String(10), server_default=text("'staff'"))
    series_id: Mapped[int | None] = mapped_column(ForeignKey("booking_series.id"))
    occurrence_start: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Moved or changed alone: the series' later edits leave it as it is.
    detached: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    requester_employee_id: Mapped[int | None] = mapped_column(Integer)
    requester_unit_id: Mapped[int | None] = mapped_column(Integer)
    #: travel's SPT (order id) a vehicle booking was made for.
    travel_order_id: Mapped[int | None] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(Text)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    occupied_from: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    occupied_to: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    participants: Mapped[int | None] = mapped_column(Integer)
    passengers: Mapped[int | None] = mapped_column(Integer)
    destination: Mapped[str | None] = mapped_column(String(200))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    needs_driver: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    status: Mapped[str] = mapped_column(String(10), server_default=text("'pending'"))
    decided_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_note: Mapped[str | None] = mapped_column(Text)
    cancelled_by: Mapped[str | None] = mapped_column(String(100))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    created_by: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class BookingStep(Base):
    __tablename__ = "booking_steps"
    __table_args__ = (Index(None, "booking_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(30))
    actor_employee_id: Mapped[int | None] = mapped_column(Integer)
    #: The username, ``guest`` or ``system`` (travel, assets' withdrawal).
    actor: Mapped[str] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


__all__ = ["Booking", "BookingStep", "BOOKING_STATUSES", "BOOKING_SOURCES"]
