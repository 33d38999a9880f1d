"""A booking's steps (``BookingStep``): every action, who took it and their note — written in the action's
transaction, read back as the booking's history."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Booking, BookingStep
from .access import Caller

#: Who a step is by when no employee took it.
GUEST, SYSTEM = "guest", "system"


def record(session: Session, booking: Booking, action: str, by: Caller | str, note: str | None = None) -> BookingStep:
    """Write one step of ``booking`` (``by``: the caller, or ``GUEST`` / ``SYSTEM``)."""
    if isinstance(by, Caller):
        step = BookingStep(booking_id=booking.id, action=action, actor_employee_id=by.employee_id,
                           actor=by.username, note=note)
    else:
        step = BookingStep(booking_id=booking.id, action=action, actor=by, note=note)
    session.add(step)
    session.flush()
    return step


def of(session: Session, booking_ids) -> dict[int, list[BookingStep]]:
    """``{booking_id: [steps, oldest first]}`` for the ids given: one query for a page of answers."""
    found: dict[int, list[BookingStep]] = {i: [] for i in booking_ids}
    if not found:
        return found
    for step in session.scalars(select(BookingStep).where(BookingStep.booking_id.in_(found))
                                .order_by(BookingStep.booking_id, BookingStep.id)):
        found[step.booking_id].append(step)
    return found
