"""Maintenance: plans by date (and odometer for vehicles), records, windows published to booking."""
from __future__ import annotations

from sqlalchemy.orm import Session


def in_progress(session: Session, asset_id: int) -> bool:
    """Whether a maintenance record of the item is in progress now (the maintenance area implements it)."""
    return False
