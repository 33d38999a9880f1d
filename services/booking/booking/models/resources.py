"""What can be booked, and when it cannot.

* ``Resource``: a building, a room or a four-wheeled official vehicle. ``source`` says where it comes from:
  ``assets`` (kept from assets' ``resource_published`` / ``resource_withdrawn`` events, ``resource_key``
  ``vehicle:<asset_id>`` / ``room:<id>`` / ``building:<id>``) or ``local`` (entered in booking by a manager, for
  an installation without assets, or before its events exist; linked to assets' key when assets publishes the
  same resource). Assets' facts (``condition``, ``asset_available``, ``under_maintenance``, ``withdrawn_reason``)
  are never edited here; booking's own (``manager_employee_id``, ``approver_role``, the buffers, ``active``)
  are. A resource can be booked when it is active, not withdrawn, assets says it is available and its condition
  is not ``RB`` (rusak berat) — ``domain.resources.bookable``.
* ``ResourceBlock``: a time a resource cannot be booked: a manager's ``blackout`` or an assets ``maintenance``
  window (``source_ref`` ``maintenance:<record_id>``, unique, so a redelivered event changes the same row).
* ``BookingSettings``: one row: who approves each kind of resource when the resource names nobody, the vehicle
  overdue grace, the guest form's limits.

Times are UTC (``timestamptz``); a day on a calendar is a WITA day (Asia/Makassar).
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
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

RESOURCE_KINDS = ("room", "building", "vehicle")
RESOURCE_SOURCES = ("local", "assets")
CONDITIONS = ("B", "KB", "RB")
BLOCK_KINDS = ("blackout", "maintenance")
WITHDRAWN_REASONS = ("disposed", "not_bookable", "inactive")
#: Facilities a room or building may offer (data for the search's checkboxes; free text is refused).
FACILITIES = ("proyektor", "layar", "sound_system", "mikrofon", "video_conference", "ac", "papan_tulis",
              "panggung", "wifi", "televisi")


class Resource(Base):
    __tablename__ = "resources"
    __table_args__ = (
        CheckConstraint(_in("kind", RESOURCE_KINDS), name="kind"),
        CheckConstraint(_in("source", RESOURCE_SOURCES), name="source"),
        CheckConstraint(_in("condition", CONDITIONS), name="condition"),
        CheckConstraint(_in("withdrawn_reason", WITHDRAWN_REASONS), name="withdrawn_reason"),
        CheckConstraint("buffer_before_minutes BETWEEN 0 AND 1440", name="buffer_before"),
        CheckConstraint("buffer_after_minutes BETWEEN 0 AND 1440", name="buffer_after"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity"),
        CheckConstraint("source = 'local' OR resource_key IS NOT NULL", name="assets_key"),
        Index(None, "kind", "name", "id"),
        Index(None, "resource_key", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(10), server_default=text("'local'"))
    #: assets' key (``vehicle:<asset_id>``, ``room:<id>``, ``building:<id>``); null for a local resource.
    resource_key: Mapped[str | None] = mapped_column(String(60))
    asset_id: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    #: A room's or building's code, a vehicle's plate (normalised, e.g. ``DK 1234 AB``).
    code: Mapped[str | None] = mapped_column(String(60))
    location: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    #: People (room, building) or seats (vehicle), the driver's included.
    capacity: Mapped[int | None] = mapped_column(Integer)
    facilities: Mapped[list[str]] = mapped_column(ARRAY(String(40)), server_default=text("'{}'"))
    brand: Mapped[str | None] = mapped_column(String(120))
    fuel: Mapped[str | None] = mapped_column(String(40))
    odometer_km: Mapped[int | None] = mapped_column(Integer)
    condition: Mapped[str | None] = mapped_column(String(2))
    #: assets' word: available now (active, not RB, not under maintenance); true for a local resource.
    asset_available: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    under_maintenance: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    #: Set when assets withdrew it (disposed, no longer lent, inactive): never bookable again until re-published.
    withdrawn_reason: Mapped[str | None] = mapped_column(String(20))
    #: booking's own: the manager who approves (else ``BookingSettings`` says which role does).
    manager_employee_id: Mapped[int | None] = mapped_column(Integer)
    approver_role: Mapped[str | None] = mapped_column(String(30))
    buffer_before_minutes: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    buffer_after_minutes: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    #: Guests (the public portal) may ask for it (halls and buildings typically).
    guest_bookable: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    #: assets' ``updated_at`` of the last event applied: an older event is ignored.
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_by: Mapped[str | None] = mapped_column(String(100))


class ResourceBlock(Base):
    __tablename__ = "resource_blocks"
    __table_args__ = (
        CheckConstraint(_in("kind", BLOCK_KINDS), name="kind"),
        CheckConstraint("ends_at > starts_at", name="period"),
        Index(None, "resource_id", "starts_at"),
        Index(None, "source_ref", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str | None] = mapped_column(Text)
    #: ``maintenance:<record_id>`` for assets' windows; null for a blackout.
    source_ref: Mapped[str | None] = mapped_column(String(60))
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class BookingSettings(Base):
    __tablename__ = "booking_settings"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, server_default=text("1"))
    #: The role that approves a kind's bookings when the resource names no manager.
    room_approver_role: Mapped[str] = mapped_column(String(30), server_default=text("'kepala_bagian'"))
    building_approver_role: Mapped[str] = mapped_column(String(30), server_default=text("'kepala_bagian'"))
    vehicle_approver_role: Mapped[str] = mapped_column(String(30), server_default=text("'kepala_bagian'"))
    #: Minutes after a trip's planned end before an unreturned vehicle is flagged overdue.
    overdue_grace_minutes: Mapped[int] = mapped_column(Integer, server_default=text("30"))
    #: The guest form: requests per client per hour, the longest booking in days, how far ahead.
    guest_requests_per_hour: Mapped[int] = mapped_column(Integer, server_default=text("5"))
    guest_max_days: Mapped[int] = mapped_column(Integer, server_default=text("3"))
    guest_horizon_days: Mapped[int] = mapped_column(Integer, server_default=text("180"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_by: Mapped[str | None] = mapped_column(String(100))


__all__ = ["Resource", "ResourceBlock", "BookingSettings", "RESOURCE_KINDS", "RESOURCE_SOURCES", "CONDITIONS",
           "BLOCK_KINDS", "WITHDRAWN_REASONS", "FACILITIES"]
