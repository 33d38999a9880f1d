"""A room agenda booked, cancelled in booking by someone else: the resource's approver or keeper, or booking
itself (the room withdrawn, a maintenance window). agenda's own releases go through ``domain.rooms.release``
after it has marked the event ``released`` or the visit cancelled/moved, so they match nothing here.

* an **event** still holding that booking (``room_status`` ``reserved``): ``unavailable``, with booking's reason
  in ``room_note`` and a step by the system — the staff see on the event that they must find another room;
* a **visit** still approved with that booking: the booking id is cleared and the reason kept in its staff-only
  ``room_note`` (never on the visitor's status page), so the staff see it in the visit's detail.

Redelivered events change nothing the second time (the rows no longer hold the booking).
"""
from __future__ import annotations

from sqlalchemy import select

from ..models import AgendaEvent, VisitRequest
from . import steps

SYSTEM = steps.SYSTEM


def booking_cancelled(tx, data: dict) -> dict:
    """``booking.cancelled`` (``AgendaBookingCancelledIn``, loaded): what it changed."""
    if data.get("source") != "agenda":
        return {"events": 0, "visits": 0}
    session = tx.session
    reason = data.get("note") or "tanpa alasan"
    note = f"Peminjaman ruangan #{data['booking_id']} dibatalkan di layanan peminjaman: {reason}"[:1000]
    events = list(session.scalars(select(AgendaEvent).where(
        AgendaEvent.room_booking_id == data["booking_id"], AgendaEvent.room_status == "reserved").with_for_update()))
    for event in events:
        event.room_status = "unavailable"
        event.room_note = note
        steps.record(session, event.id, "room_cancelled_in_booking", SYSTEM, note)
    visits = list(session.scalars(select(VisitRequest).where(
        VisitRequest.room_booking_id == data["booking_id"], VisitRequest.status == "approved").with_for_update()))
    for visit in visits:
        visit.room_booking_id = None
        visit.room_note = note
    session.flush()
    return {"events": len(events), "visits": len(visits)}
