"""The core of bookings on the real database: a request, its approval, a second approval of an overlapping
request refused — by the code and, written directly past it, by the exclusion constraint — buffers counted,
blocks refusing a request."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from booking.domain import bookings
from booking.domain.access import Caller
from booking.models import Booking, ResourceBlock
from booking_core import make_resource, transaction
from situok_kit.clock import WITA
from situok_kit.errors import Conflict, ValidationFailed
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

DAY = datetime(2031, 3, 4, tzinfo=WITA)


def at(hour: int, minute: int = 0, day: datetime = DAY) -> datetime:
    return day + timedelta(hours=hour, minutes=minute)


def request(resource_id: int, start: datetime, end: datetime, **extra) -> dict:
    return {"resource_id": resource_id, "starts_at": start, "ends_at": end, "purpose": "Rapat koordinasi"} | extra


def test_two_overlapping_requests_one_approved_the_other_refused(bureau, booking_db):
    _, engine = booking_db
    room = make_resource(engine, buffer_after_minutes=30)
    staff, manager = Caller(bureau.pegawai()), Caller(bureau.admin())
    with transaction(engine) as tx:
        first = bookings.create_for_employee(tx, staff, request(room, at(9), at(11))).id
    with transaction(engine) as tx:
        # 11:15 falls in the first booking's 30-minute cleaning buffer: a pending request may still be made
        # (nothing approved yet), and it shows the other as a conflict
        second = bookings.create_for_employee(tx, Caller(bureau.keeper()), request(room, at(11, 15), at(12))).id
    with transaction(engine) as tx:
        bookings.approve(tx, manager, first, "Silakan")
    with pytest.raises(Conflict) as refused, transaction(engine) as tx:
        bookings.approve(tx, manager, second)
    assert "starts_at" in refused.value.fields
    with Session(engine) as session:
        assert session.get(Booking, second).status == "pending"
        events = session.execute(text("SELECT event_type FROM outbox_events WHERE envelope->'data'->>'booking_id' "
                                      "= :id ORDER BY id"), {"id": str(first)}).scalars().all()
    assert events == ["booking.requested", "booking.approved"]
    # a new request in the approved time is refused at once
    with pytest.raises(Conflict), transaction(engine) as tx:
        bookings.create_for_employee(tx, staff, request(room, at(10), at(10, 30)))


def test_the_constraint_refuses_an_overlap_written_past_the_code(bureau, booking_db):
    _, engine = booking_db
    room = make_resource(engine)
    with transaction(engine) as tx:
        bookings.approve(tx, Caller(bureau.admin()), bookings.create_for_employee(
            tx, Caller(bureau.pegawai()), request(room, at(13), at(15))).id)
    with pytest.raises(IntegrityError) as refused, Session(engine) as session, session.begin():
        session.add(Booking(resource_id=room, source="staff", requester_employee_id=1, purpose="x",
                            starts_at=at(14), ends_at=at(16), occupied_from=at(14), occupied_to=at(16),
                            status="approved"))
    assert refused.value.orig.pgcode == "23P01"
    # touching ends are fine
    with Session(engine) as session, session.begin():
        session.add(Booking(resource_id=room, source="staff", requester_employee_id=1, purpose="x",
                            starts_at=at(15), ends_at=at(16), occupied_from=at(15), occupied_to=at(16),
                            status="approved"))


def test_a_block_refuses_a_request_and_the_rules_name_their_field(bureau, booking_db):
    _, engine = booking_db
    room = make_resource(engine, capacity=10)
    with Session(engine) as session, session.begin():
        session.add(ResourceBlock(resource_id=room, kind="maintenance", starts_at=at(8), ends_at=at(17),
                                  reason="Servis AC", source_ref=f"maintenance:test-{room}"))
    staff = Caller(bureau.pegawai())
    with pytest.raises(Conflict) as refused, transaction(engine) as tx:
        bookings.create_for_employee(tx, staff, request(room, at(9), at(10)))
    assert "pemeliharaan" in refused.value.message
    with pytest.raises(ValidationFailed) as wrong, transaction(engine) as tx:
        bookings.create_for_employee(tx, staff, request(room, at(19), at(18), participants=11))
    assert set(wrong.value.fields) == {"ends_at", "participants"}


def test_the_constraint_counts_buffers_when_a_second_booking_is_updated_to_approved(bureau, booking_db):
    _, engine = booking_db
    room = make_resource(engine, buffer_before_minutes=10, buffer_after_minutes=30)
    staff, manager = Caller(bureau.pegawai()), Caller(bureau.admin())
    with transaction(engine) as tx:
        first = bookings.create_for_employee(tx, staff, request(room, at(9, day=DAY + timedelta(days=1)),
                                                                at(11, day=DAY + timedelta(days=1)))).id
        # starts 11:20: clear of the first's hours, not of its 30-minute buffer (and its own 10 before)
        second = bookings.create_for_employee(tx, staff, request(room, at(11, 20, day=DAY + timedelta(days=1)),
                                                                 at(12, day=DAY + timedelta(days=1)))).id
        bookings.approve(tx, manager, first)
    with pytest.raises(IntegrityError) as refused, Session(engine) as session, session.begin():
        session.execute(text("UPDATE bookings SET status = 'approved' WHERE id = :id"), {"id": second})
    assert refused.value.orig.pgcode == "23P01"
    with Session(engine) as session:
        assert session.get(Booking, second).status == "pending"
        occupied = session.get(Booking, second)
        assert (occupied.occupied_from, occupied.occupied_to) == (at(11, 10, day=DAY + timedelta(days=1)),
                                                                  at(12, 30, day=DAY + timedelta(days=1)))
