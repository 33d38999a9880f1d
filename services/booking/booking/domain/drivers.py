"""Drivers: employees on the drivers' list (filled in by the vehicles area)."""
from __future__ import annotations

from sqlalchemy.orm import Session


def is_driver(session: Session, employee_id: int | None) -> bool:
    """Whether ``employee_id`` is an active driver (the capabilities' ``drive``)."""
    return False
