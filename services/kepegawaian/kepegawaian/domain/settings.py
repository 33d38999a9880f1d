"""kepegawaian's settings row (``KepegawaianSettings``): read by every rule that names the staff officers' unit,
the leave official's role, half days or a reminder's lead time; seeded with the defaults."""
from __future__ import annotations

from situok_contracts.roles import ROLES
from situok_kit.errors import ValidationFailed
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import KepegawaianSettings

EDITABLE = ("staff_unit_code", "official_role", "half_days", "reminder_days", "retirement_reminder_days")


def get_settings(session: Session) -> KepegawaianSettings:
    row = session.get(KepegawaianSettings, 1)
    if row is None:  # a database the seed has not reached yet: the defaults, written once
        seed(session)
        row = session.get(KepegawaianSettings, 1)
    return row


def update(session: Session, values: dict) -> KepegawaianSettings:
    """``values``: ``KepegawaianSettingsIn``, loaded (only the fields given change)."""
    if values.get("official_role") and values["official_role"] not in ROLES:
        raise ValidationFailed("Pengaturan kepegawaian belum benar.", {"official_role": "Peran tidak dikenal."})
    row = get_settings(session)
    for name in EDITABLE:
        if name in values:
            setattr(row, name, values[name])
    session.flush()
    return row


def seed(session: Session) -> dict:
    if session.scalar(select(KepegawaianSettings.id).where(KepegawaianSettings.id == 1)) is not None:
        return {"settings": 0}
    session.add(KepegawaianSettings(id=1))
    session.flush()
    return {"settings": 1}
