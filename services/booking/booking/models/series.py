"""Recurring series (weekly or monthly meetings).

* ``BookingSeries``: the rule (an RFC 5545 rule, ``dateutil.rrule``) and what every occurrence shares; each
  occurrence is a ``Booking`` with ``series_id`` and ``occurrence_start`` (the slot the rule gave it, kept when
  the occurrence is moved alone, so the rule never re-creates it). Editing "this and following" ends the series
  at the occurrence and starts a new one (``split_from_id``).
"""
from __future__ import annotations

from datetime import date, datetime, time

from situok_kit.tables import sql_in as _in
from sqlalchemy import (
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
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

SERIES_FREQUENCIES = ("weekly", "monthly")
SERIES_STATUSES = ("active", "ended", "cancelled")


class BookingSeries(Base):
    __tablename__ = "booking_series"
    __table_args__ = (
        CheckConstraint(_in("frequency", SERIES_FREQUENCIES), name="frequency"),
        CheckConstraint(_in("status", SERIES_STATUSES), name="status"),
        CheckConstraint("interval BETWEEN 1 AND 12", name="interval"),
        CheckConstraint("until_on >= starts_on", name="period"),
        CheckConstraint("end_time > start_time", name="times"),
        Index(None, "requester_employee_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id"))
    requester_employee_id: Mapped[int | None] = mapped_column(Integer)
    requester_unit_id: Mapped[int | None] = mapped_column(Integer)
    frequency: Mapped[str] = mapped_column(String(10))
    interval: Mapped[int] = mapped_column(SmallInteger, server_default=text("1"))
    #: Weekly: ISO weekdays 1 (Monday) … 7; monthly: null (the day of ``starts_on``) or ``month_day``.
    weekdays: Mapped[list[int] | None] = mapped_column(ARRAY(SmallInteger))
    month_day: Mapped[int | None] = mapped_column(SmallInteger)
    #: WITA dates the rule gives that the series leaves out (a holiday; the dates a detached occurrence of
    #: the series it was split from keeps). Holidays are not skipped by themselves.
    except_dates: Mapped[list[date]] = mapped_column(ARRAY(Date), server_default=text("'{}'"))
    #: WITA dates and wall-clock times of each occurrence.
    starts_on: Mapped[date] = mapped_column(Date)
    until_on: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    purpose: Mapped[str] = mapped_column(Text)
    participants: Mapped[int | None] = mapped_column(Integer)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(10), server_default=text("'active'"))
    #: The series this one was split from ("this and following").
    split_from_id: Mapped[int | None] = mapped_column(ForeignKey("booking_series.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    created_by: Mapped[str | None] = mapped_column(String(100))


__all__ = ["BookingSeries", "SERIES_FREQUENCIES", "SERIES_STATUSES"]
