"""Availability first: the pure parts (seats needed, fitting, the nearest free slots inside working hours) and
the search through the running service — buffers, facilities and capacity honoured, best fit first, keyset pages,
the nearest alternatives when nothing is free, a blackout and a pending request."""
from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from booking.domain import availability, bookings
from booking.domain.access import Caller
from booking.models import ResourceBlock
from booking_core import make_resource, transaction
from situok_kit.clock import WITA
from situok_kit.errors import ValidationFailed
from sqlalchemy.orm import Session

DAY = datetime(2032, 2, 3, tzinfo=WITA)  # a Tuesday


def at(hour: int, minute: int = 0, days: int = 0) -> datetime:
    return DAY + timedelta(days=days, hours=hour, minutes=minute)


def resource(**fields):
    values = {"id": 1, "kind": "room", "name": "R", "capacity": 10, "facilities": [], "active": True,
              "withdrawn_reason": None, "condition": None, "asset_available": True, "under_maintenance": False}
    return SimpleNamespace(**(values | fields))


# -- pure ---------------------------------------------------------------------------------------------

def test_seats_needed_count_the_driver():
    assert availability.seats_needed("vehicle", None, 4, True) == 5
    assert availability.seats_needed("vehicle", None, 4, False) == 4
    assert availability.seats_needed("room", 30, None, True) == 30
    assert availability.seats_needed("room", None, None, True) is None


def test_fitting_follows_the_rules():
    needs = {"participants": 12, "facilities": ["proyektor"]}
    assert availability.fits(resource(capacity=12, facilities=["proyektor", "ac"]), needs)
    assert not availability.fits(resource(capacity=11, facilities=["proyektor"]), needs)
    assert not availability.fits(resource(capacity=40, facilities=["ac"]), needs)
    assert not availability.fits(resource(capacity=40, facilities=["proyektor"], withdrawn_reason="disposed"), needs)
    assert availability.fits(resource(capacity=None, facilities=["proyektor"]), needs)
    car = resource(kind="vehicle", capacity=7)
    assert availability.fits(car, {"passengers": 6, "needs_driver": True})
    assert not availability.fits(car, {"passengers": 7, "needs_driver": True})
    assert availability.fits(car, {"passengers": 7, "needs_driver": False})
    assert not availability.fits(resource(kind="vehicle", capacity=7, condition="RB"), {"passengers": 1})
    ranked = sorted([resource(id=3, capacity=None, name="A"), resource(id=2, capacity=20, name="B"),
                     resource(id=1, capacity=20, name="A")], key=availability.fit_key)
    assert [r.id for r in ranked] == [1, 2, 3]


def test_the_nearest_slots_before_and_after_inside_working_hours():
    now = at(0, days=-30)
    busy = [(at(8), at(12))]
    # 09:00-11:00 is taken: the nearest free two hours are 06:00? no — before 07:00 is outside working hours,
    # so earlier means the previous afternoon (16:00-18:00) and later 12:00-14:00 the same day
    slots = availability.nearest_slots(busy, at(9), at(11), now=now)
    assert slots == [at(12), at(16, days=-1)]
    # with a 30-minute buffer after each booking the later slot moves to 12:30
    assert availability.nearest_slots(busy, at(9), at(11), before=30, now=now)[0] == at(12, 30)
    # nothing in the past
    assert availability.nearest_slots(busy, at(9), at(11), now=at(11, 59)) == [at(12)]
    # a day fully taken for a week each way: nothing
    full = [(at(0, days=-8), at(0, days=9))]
    assert availability.nearest_slots(full, at(9), at(11), now=now) == []
    # longer than a working day: it starts at an opening
    long = availability.nearest_slots([(at(0), at(23, 59))], at(7), at(7, days=1), now=now)
    assert long == [at(7, days=1), at(7, days=-2)]


# -- through the service ------------------------------------------------------------------------------

def search(proxy, **query):
    data = {"kind": "room", "starts_at": at(9).isoformat(), "ends_at": at(11).isoformat()} | query
    return proxy.search_availability(data)


def approve(engine, bureau, resource_id: int, start: datetime, end: datetime, *, pending: bool = False) -> int:
    with transaction(engine) as tx:
        booking = bookings.create_for_employee(tx, Caller(bureau.pegawai()), {
            "resource_id": resource_id, "starts_at": start, "ends_at": end, "purpose": "Rapat"})
        if not pending:
            bookings.approve(tx, Caller(bureau.admin()), booking.id)
        return booking.id


@pytest.mark.integration
def test_the_search_honours_buffers_facilities_and_capacity(rpc, bureau, booking_db):
    _, engine = booking_db
    facilities = ["video_conference", "papan_tulis"]
    small = make_resource(engine, capacity=8000, facilities=facilities, name="Aula Kecil")
    large = make_resource(engine, capacity=9000, facilities=facilities, name="Aula Besar")
    buffered = make_resource(engine, capacity=8000, facilities=facilities, name="Aula Bersih",
                             buffer_after_minutes=60)
    bare = make_resource(engine, capacity=8000, facilities=["video_conference"], name="Aula Polos")
    tight = make_resource(engine, capacity=7999, facilities=facilities, name="Aula Sempit")
    # the buffered hall's booking ends 08:30, +60 minutes cleaning: still busy at 09:00
    approve(engine, bureau, buffered, at(7), at(8, 30))
    # a booking of the small hall ending at 09:00 touches but does not overlap
    approve(engine, bureau, small, at(7), at(9))
    # a pending request does not make a resource busy
    approve(engine, bureau, large, at(9), at(10), pending=True)
    proxy = rpc(bureau.pegawai())
    found = search(proxy, participants=8000, facilities=facilities)
    mine = [r["id"] for r in found["items"] if r["id"] in {small, large, buffered, bare, tight}]
    assert mine == [small, large]  # best fit first; no buffered, no bare, no tight
    assert found["alternatives"] == []
    assert [r["id"] for r in search(proxy, participants=8000, facilities=facilities,
                                    starts_at=at(9, 30).isoformat())["items"] if r["id"] == buffered] == [buffered]
    # one per page, the cursor walks on
    first = search(proxy, participants=8000, facilities=facilities, limit=1)
    assert [r["id"] for r in first["items"]] == [small] and first["next_cursor"]
    second = search(proxy, participants=8000, facilities=facilities, limit=1, cursor=first["next_cursor"])
    assert [r["id"] for r in second["items"]] == [large]
    # a blackout closes the large hall
    with Session(engine) as session, session.begin():
        session.add(ResourceBlock(resource_id=large, kind="blackout", starts_at=at(10, 30), ends_at=at(12),
                                  reason="Gladi"))
    assert [r["id"] for r in search(proxy, participants=8000, facilities=facilities)["items"]
            if r["id"] in {small, large}] == [small]
    with pytest.raises(ValidationFailed) as bad:
        proxy.search_availability({"kind": "kapal", "starts_at": at(9).isoformat(), "ends_at": at(8).isoformat()})
    assert "kind" in bad.value.fields
    with pytest.raises(ValidationFailed) as backwards:
        search(proxy, ends_at=at(8).isoformat())
    assert set(backwards.value.fields) == {"ends_at"}
    with pytest.raises(ValidationFailed) as people:
        search(proxy, kind="vehicle", participants=3)
    assert set(people.value.fields) == {"participants"}


@pytest.mark.integration
def test_alternatives_when_nothing_fits_the_period(rpc, bureau, booking_db):
    _, engine = booking_db
    facilities = ["panggung", "televisi", "mikrofon"]
    hall = make_resource(engine, "building", capacity=9500, facilities=facilities, name="Gedung Pentas",
                         buffer_after_minutes=30)
    other = make_resource(engine, "building", capacity=9600, facilities=facilities, name="Gedung Budaya")
    approve(engine, bureau, hall, at(8, days=1), at(12, days=1))
    approve(engine, bureau, other, at(8, days=1), at(16, days=1))
    found = rpc(bureau.pegawai()).search_availability({
        "kind": "building", "starts_at": at(9, days=1).isoformat(), "ends_at": at(11, days=1).isoformat(),
        "participants": 9400, "facilities": facilities})
    assert found["items"] == []
    slots = [(a["resource_id"], datetime.fromisoformat(a["starts_at"]), a["shift_minutes"])
             for a in found["alternatives"]]
    # the hall is free again at 12:30 (its 30-minute buffer), the other at 16:00; the day before both are free
    # until 18:00
    assert (hall, at(12, 30, days=1), 210) in slots
    assert (other, at(16, days=1), 420) in slots
    assert (hall, at(16), -1020) in slots
    shifts = [abs(a["shift_minutes"]) for a in found["alternatives"]]
    assert shifts == sorted(shifts) and len(found["alternatives"]) <= 10
    assert all(a["ends_at"] for a in found["alternatives"])
