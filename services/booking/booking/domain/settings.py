"""booking's settings (one row, ``BookingSettings``): who approves each kind of resource when it names no
manager, the overdue grace of vehicle trips, the guest form's limits."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import BookingSettings, utcnow
from .access import Caller


def get_settings(session: Session) -> BookingSettings:
    """The settings row (created with its defaults when missing: the seed normally makes it)."""
    row = session.get(BookingSettings, 1)
    if row is None:
        row = BookingSettings(id=1)
        session.add(row)
        session.flush()
        session.refresh(row)
    return row


def update_settings(session: Session, caller: Caller, changes: dict) -> BookingSettings:
    """Admin: change the fields sent (``BookingSettingsIn``, loaded)."""
    caller.require_admin()
    row = session.scalar(select(BookingSettings).where(BookingSettings.id == 1).with_for_update())
    if row is None:
        row = get_settings(session)
    for key, value in changes.items():
        setattr(row, key, value)
    row.updated_at = utcnow()
    row.updated_by = caller.username
    session.flush()
    return row


def approver_role_of_kind(settings: BookingSettings, kind: str) -> str:
    return {"room": settings.room_approver_role, "building": settings.building_approver_role,
            "vehicle": settings.vehicle_approver_role}[kind]


def seed(session: Session) -> dict:
    """The settings row with its defaults, when missing."""
    created = session.get(BookingSettings, 1) is None
    get_settings(session)
    return {"settings": int(created)}
