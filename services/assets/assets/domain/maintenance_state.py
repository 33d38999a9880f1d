"""Whether an item is under maintenance now: the one question other areas (resources, booking's view of a
vehicle) ask of maintenance. The maintenance area answers it from its records."""
from __future__ import annotations

from sqlalchemy.orm import Session


def under_maintenance(session: Session, asset_id: int) -> bool:
    """True while a maintenance record of the item is in progress (``domain.maintenance`` fills this in)."""
    from . import maintenance

    return maintenance.in_progress(session, asset_id)
