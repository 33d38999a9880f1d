"""Vehicle trips (built by the vehicles area). What the requests area reads of them and tells them."""
from __future__ import annotations

from sqlalchemy.orm import Session


def summaries_of(session: Session, booking_ids) -> dict[int, dict]:
    """``{booking_id: TripSummaryOut fields}`` of the vehicle bookings among ``booking_ids`` that have a trip."""
    return {}


def booking_cancelled(tx, booking) -> None:
    """A vehicle booking was cancelled: its trip (if any, not yet returned) is cancelled with it."""
