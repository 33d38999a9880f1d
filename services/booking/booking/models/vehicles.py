"""The vehicles area's tables: drivers, their absences, vehicle trips, travel's reservations.

* ``Driver``: an employee of the roster copy on the drivers' list (``employee_id`` is the key), their phone,
  working days (ISO weekdays) and hours (WITA wall clock; default Mon–Fri 07:30–16:00 — an official trip may go
  beyond them: a warning, never a refusal), ``active``.
* ``DriverAbsence``: leave, sick, training … over WITA dates ``[starts_on, ends_on]`` (both ends counted): the
  driver cannot be assigned a trip touching those days. Entered by a keeper.
* ``DriverLeave``: kepegawaian's approved leave of any employee (``kepegawaian_leaves``, ``situok_kit.leave_copy``),
  over WITA dates ``[start_date, end_date]``: a driver on it is absent as with a ``DriverAbsence``
  (``domain.driver_leave``). Kept for every employee: one added to the drivers' list later is still known to be
  away.
* ``Trip``: a vehicle booking's trip with its driver (one per booking): ``assigned`` → ``checked_out`` →
  ``returned``; ``cancelled`` with its booking. ``starts_at``/``ends_at`` copy the booking's period; the
  **exclusion constraint** ``ex_trips_driver_no_overlap`` keeps one driver from ever holding two trips at one
  instant, whatever the code does when assignments race (btree_gist, migration 0001). Odometer in km, fuel in
  eighths of a tank (0–8). ``flagged_at``: flagged overdue (once).
* ``TravelReservation``: what booking did about one of travel's approved SPTs with an official vehicle
  (``travel_order_id`` unique: a redelivered event, or the same order again, does nothing new).
"""
from __future__ import annotations

from datetime import date, datetime, time

from situok_kit.leave_copy import LeaveCopyColumns
from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    Time,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

ABSENCE_KINDS = ("leave", "sick", "training", "other")
TRIP_STATUSES = ("assigned", "checked_out", "returned", "cancelled")
RESERVATION_STATUSES = ("reserved", "unavailable", "cancelled")
#: A fuel level is eighths of a tank: 0 (empty) … 8 (full).
FUEL_EIGHTHS = 8


class Driver(Base):
    __tablename__ = "booking_drivers"
    __table_args__ = (
        CheckConstraint("work_end > work_start", name="hours"),
        CheckConstraint("work_days <@ ARRAY[1,2,3,4,5,6,7]::smallint[]", name="work_days"),
    )

    employee_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    phone: Mapped[str | None] = mapped_column(String(40))
    #: ISO weekdays (1 Monday … 7 Sunday).
    work_days: Mapped[list[int]] = mapped_column(ARRAY(SmallInteger), server_default=text("'{1,2,3,4,5}'"))
    work_start: Mapped[time] = mapped_column(Time, server_default=text("'07:30'"))
    work_end: Mapped[time] = mapped_column(Time, server_default=text("'16:00'"))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_by: Mapped[str | None] = mapped_column(String(100))


class DriverAbsence(Base):
    __tablename__ = "booking_driver_absences"
    __table_args__ = (
        CheckConstraint(_in("kind", ABSENCE_KINDS), name="kind"),
        CheckConstraint("ends_on >= starts_on", name="period"),
        Index(None, "driver_employee_id", "starts_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    driver_employee_id: Mapped[int] = mapped_column(ForeignKey("booking_drivers.employee_id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Trip(Base):
    __tablename__ = "booking_trips"
    __table_args__ = (
        CheckConstraint(_in("status", TRIP_STATUSES), name="status"),
        CheckConstraint("ends_at > starts_at", name="period"),
        CheckConstraint("fuel_out IS NULL OR fuel_out BETWEEN 0 AND 8", name="fuel_out"),
        CheckConstraint("fuel_in IS NULL OR fuel_in BETWEEN 0 AND 8", name="fuel_in"),
        CheckConstraint("odometer_out IS NULL OR odometer_out >= 0", name="odometer_out"),
        CheckConstraint("odometer_in IS NULL OR odometer_out IS NULL OR odometer_in >= odometer_out",
                        name="odometer_in"),
        ExcludeConstraint(
            ("driver_employee_id", "="),
            (text("tstzrange(starts_at, ends_at)"), "&&"),
            using="gist", where=text("status <> 'cancelled'"), name="ex_trips_driver_no_overlap",
        ),
        Index(None, "booking_id", unique=True),
        Index(None, "driver_employee_id", "starts_at"),
        Index(None, "status", "ends_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id", ondelete="CASCADE"))
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id"))
    driver_employee_id: Mapped[int] = mapped_column(ForeignKey("booking_drivers.employee_id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(12), server_default=text("'assigned'"))
    assigned_by: Mapped[str | None] = mapped_column(String(100))
    checked_out_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    checked_out_by: Mapped[str | None] = mapped_column(String(100))
    odometer_out: Mapped[int | None] = mapped_column(Integer)
    fuel_out: Mapped[int | None] = mapped_column(SmallInteger)
    notes_out: Mapped[str | None] = mapped_column(Text)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    returned_by: Mapped[str | None] = mapped_column(String(100))
    odometer_in: Mapped[int | None] = mapped_column(Integer)
    fuel_in: Mapped[int | None] = mapped_column(SmallInteger)
    damage: Mapped[str | None] = mapped_column(Text)
    notes_in: Mapped[str | None] = mapped_column(Text)
    #: Flagged overdue by the timer (once).
    flagged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class TravelReservation(Base):
    __tablename__ = "booking_travel_reservations"
    __table_args__ = (
        CheckConstraint(_in("status", RESERVATION_STATUSES), name="status"),
        Index(None, "travel_order_id", unique=True),
        Index(None, "booking_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    travel_order_id: Mapped[int] = mapped_column(Integer)
    order_number: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(12))
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"))
    requester_employee_id: Mapped[int | None] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class DriverLeave(LeaveCopyColumns, Base):
    pass


__all__ = ["Driver", "DriverAbsence", "DriverLeave", "Trip", "TravelReservation", "ABSENCE_KINDS", "TRIP_STATUSES",
           "RESERVATION_STATUSES", "FUEL_EIGHTHS"]
