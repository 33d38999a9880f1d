"""Guest requests from the public portal (built by the guests area). What the requests area reads of them."""
from __future__ import annotations

from sqlalchemy.orm import Session


def contacts_of(session: Session, booking_ids) -> dict[int, dict]:
    """``{booking_id: GuestContactOut fields}`` of the guest bookings among ``booking_ids``."""
    return {}
