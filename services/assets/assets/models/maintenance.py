"""Maintenance of items (pemeliharaan):

* ``MaintenancePlan``: recurring work on one item — every ``interval_months`` and/or (vehicles) every
  ``interval_km``; ``next_due_on`` / ``next_due_km`` are computed from the last time it was done and move when
  a record of the plan is done. A CHECK wants at least one interval.
* ``MaintenanceRecord``: one piece of work: ``scheduled`` (a window ``starts_at``–``ends_at``, UTC, published
  to booking so the vehicle is not lent then) → ``in_progress`` (the item is under maintenance: a vehicle is
  unavailable) → ``done`` (the work, vendor, cost in integer rupiah, odometer; a ``maintenance`` row of the
  item's history) or ``cancelled``. A past maintenance is recorded directly as ``done``.
"""
from __future__ import annotations

from datetime import date, datetime

from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    BigInteger,
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
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

__all__ = ["MAINTENANCE_STATUSES", "MaintenancePlan", "MaintenanceRecord"]

MAINTENANCE_STATUSES = ("scheduled", "in_progress", "done", "cancelled")


class MaintenancePlan(Base):
    __tablename__ = "maintenance_plans"
    __table_args__ = (
        CheckConstraint("interval_months IS NOT NULL OR interval_km IS NOT NULL", name="interval"),
        CheckConstraint("interval_months IS NULL OR interval_months > 0", name="interval_months"),
        CheckConstraint("interval_km IS NULL OR interval_km > 0", name="interval_km"),
        Index(None, "asset_id"),
        Index("ix_maintenance_plans_active_next_due_on", "active", "next_due_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"))
    work: Mapped[str] = mapped_column(String(300))
    interval_months: Mapped[int | None] = mapped_column(SmallInteger)
    interval_km: Mapped[int | None] = mapped_column(Integer)
    last_done_on: Mapped[date | None] = mapped_column(Date)
    last_done_km: Mapped[int | None] = mapped_column(Integer)
    next_due_on: Mapped[date | None] = mapped_column(Date)
    next_due_km: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    created_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())


class MaintenanceRecord(Base):
    __tablename__ = "maintenance_records"
    __table_args__ = (
        CheckConstraint(_in("status", MAINTENANCE_STATUSES), name="status"),
        CheckConstraint("cost >= 0", name="cost"),
        CheckConstraint("odometer_km IS NULL OR odometer_km >= 0", name="odometer_km"),
        CheckConstraint("ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at", name="window"),
        Index("ix_maintenance_records_asset_id_status", "asset_id", "status"),
        Index("ix_maintenance_records_status_id", "status", "id"),
        Index(None, "plan_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"))
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("maintenance_plans.id"))
    status: Mapped[str] = mapped_column(String(12))
    work: Mapped[str] = mapped_column(String(300))
    vendor: Mapped[str | None] = mapped_column(String(200))
    cost: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    odometer_km: Mapped[int | None] = mapped_column(Integer)
    #: The window (UTC) booking blocks; a past maintenance recorded as done may have none.
    starts_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: The WITA day the work was done (a done record).
    done_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    created_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())
    updated_by: Mapped[str | None] = mapped_column(String(100))
