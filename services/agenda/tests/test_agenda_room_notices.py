"""A room agenda booked, cancelled in booking by someone else (booking's ``booking.cancelled`` with source
``agenda``, published as booking's outbox relay would): the event holding it says its room is unavailable and
why, the approved visit holding it loses the booking and keeps the reason; another source, an unknown booking and
a redelivery change nothing."""
from __future__ import annotations

import itertools
import os
from datetime import timedelta

import pytest
from agenda.domain import visits
from agenda.models import AgendaEvent, EventStep, VisitRequest
from situok_kit.testing import publish_event, wait_for
from sqlalchemy import select
from sqlalchemy.orm import Session
from test_agenda_visits import END, START, FakeRooms, caller, submit, transaction

pytestmark = pytest.mark.integration

_bookings = itertools.count(600_000 + (os.getpid() % 1000) * 100)


def cancelled(booking_id: int, source: str = "agenda", note: str = "Ruangan dipakai rapat mendadak") -> dict:
    return {"booking_id": booking_id, "resource_id": 4, "source": source, "status": "cancelled",
            "starts_at": START.isoformat(), "ends_at": END.isoformat(), "purpose": "x", "note": note}


def test_a_room_cancelled_in_booking_shows_on_the_event_and_the_visit(agenda_db, broker_uri, services, rpc,
                                                                      bureau):
    engine = agenda_db[1]
    event_booking, visit_booking, other = next(_bookings), next(_bookings), next(_bookings)
    with Session(engine) as session, session.begin():
        event = AgendaEvent(title="Rapat dengan OPD", starts_at=START, ends_at=END + timedelta(hours=1),
                            location_kind="internal", room_resource_id=4, room_name="Ruang Wiswa Sabha",
                            room_booking_id=event_booking, room_status="reserved")
        untouched = AgendaEvent(title="Rapat lain", starts_at=START, ends_at=END, location_kind="internal",
                                room_resource_id=5, room_name="Ruang Praja", room_booking_id=other,
                                room_status="reserved")
        session.add_all([event, untouched])
        session.flush()
        event_id, untouched_id = event.id, untouched.id
    _, visit_id = submit(rpc, bureau)
    rooms = FakeRooms()
    rooms_answer = rooms.reserve

    def reserve(**kwargs):
        return rooms_answer(**kwargs) | {"booking_id": visit_booking}

    with transaction(engine) as tx:
        visits.approve(tx, caller(engine, bureau.approver()), visit_id,
                       {"starts_at": START, "ends_at": END, "room_resource_id": 4}, reserve)

    publish_event(broker_uri, "booking.cancelled", cancelled(other, source="staff"))
    first = publish_event(broker_uri, "booking.cancelled", cancelled(event_booking))
    publish_event(broker_uri, "booking.cancelled", cancelled(visit_booking))

    def event_state():
        with Session(engine) as session:
            row = session.get(AgendaEvent, event_id)
            return (row.room_status, row.room_note) if row.room_status != "reserved" else None

    status, note = wait_for(event_state, timeout=20, message="the event to hear of its room")
    assert status == "unavailable" and "Ruangan dipakai rapat mendadak" in note and f"#{event_booking}" in note

    def visit_state():
        with Session(engine) as session:
            row = session.get(VisitRequest, visit_id)
            return row if row.room_booking_id is None else None

    visit = wait_for(visit_state, timeout=20, message="the visit to hear of its room")
    assert visit.status == "approved" and "Ruangan dipakai rapat mendadak" in visit.room_note
    assert "Ruangan dipakai" not in (visit.decision_note or "")  # the visitor's status page shows that one

    publish_event(broker_uri, "booking.cancelled", cancelled(event_booking), event_id=first)  # redelivered
    with Session(engine) as session:
        assert session.get(AgendaEvent, untouched_id).room_status == "reserved"  # another source: not agenda's
        steps = session.scalars(select(EventStep.action).where(EventStep.event_id == event_id)).all()
    assert steps.count("room_cancelled_in_booking") == 1
