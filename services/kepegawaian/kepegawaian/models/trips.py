"""kepegawaian's copy of travel's approved trips, one row per (order, traveller), from travel's events:
``travel.order_approved`` makes or refreshes the row (``order_issued`` adds the SPT number),
``travel.order_cancelled`` marks it cancelled — even when the cancellation arrives first (the row is made
cancelled, without dates), so a late approval stays off. A rejected order was never approved (nothing to keep); a
completed or realized trip still happened (kept).

Leave (``domain.leave``) asks ``domain.trips.conflicts`` whether an employee travels on any day of a request.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, Index, Integer, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class EmployeeTrip(Base):
    """One traveller of one approved travel order (SPT): away on dinas from ``start_date`` to ``end_date``
    (inclusive). ``number`` is the SPT's number once issued (``travel.order_issued``; null before)."""

    __tablename__ = "employee_trips"
    __table_args__ = (
        CheckConstraint("cancelled OR (start_date IS NOT NULL AND end_date IS NOT NULL AND start_date <= end_date)",
                        name="dates"),
        Index(None, "employee_id", "start_date"),
    )

    order_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    employee_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    number: Mapped[str | None] = mapped_column(String(200))
    purpose: Mapped[str | None] = mapped_column(Text)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


__all__ = ["EmployeeTrip"]
