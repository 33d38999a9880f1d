"""travel's SPTs with an official vehicle, through the broker: ``travel.order_approved`` published as travel's
relay would; a vehicle and driver reserved (or ``unavailable`` with the reason), a redelivery doing nothing new,
a cancellation cancelling the booking."""
from __future__ import annotations

import itertools

import pytest
from booking.models import Driver, DriverAbsence
from booking_core import make_resource
from situok_kit.testing import publish_event, wait_for
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

_orders = itertools.count(880001)


def order(bureau, departure: str, back: str, travellers: int = 2, **extra) -> dict:
    people = [{"employee_id": bureau.employee_ids["pegawai"], "name": "I Kadek", "followers": []}]
    people += [{"employee_id": None, "name": f"Pelaksana {i}"} for i in range(travellers - 1)]
    return {"order_id": next(_orders), "status": "approved", "number": None, "unit_id": 1,
            "requester_employee_id": bureau.employee_ids["pegawai"], "purpose": "Koordinasi program",
            "destinations": [{"province_code": "51", "city": "Singaraja"}], "category": "dalam_daerah",
            "departure_date": departure, "return_date": back, "estimate_total": 0, "travellers": people,
            "transport": "dinas"} | extra


def travel_events(watch, order_id: int) -> list[dict]:
    return [e for e in watch.poll() if e["type"].startswith("booking.travel_vehicle_")
            and e["data"]["travel_order_id"] == order_id]


def ensure_driver(engine, employee_id: int) -> None:
    with Session(engine) as session, session.begin():
        session.execute(insert(Driver).values(employee_id=employee_id).on_conflict_do_update(
            index_elements=["employee_id"], set_={"active": True}))


def test_an_approved_spt_reserves_a_vehicle_and_driver_once_and_its_cancellation_cancels(
        rpc, bureau, booking_db, broker_uri, observer):
    watch = observer("travel_vehicle_reserved", "travel_vehicle_unavailable")
    engine = booking_db[1]
    ensure_driver(engine, bureau.employee_ids["teknisi"])
    make_resource(engine, kind="vehicle", capacity=8, name="Toyota Innova DK 1001 A", code="DK 1001 A")
    spt = order(bureau, "2033-03-07", "2033-03-08", travellers=3)
    event_id = publish_event(broker_uri, "travel.order_approved", spt)
    reserved = wait_for(lambda: travel_events(watch, spt["order_id"]), timeout=20, message="reserved")[0]
    data = reserved["data"]
    assert reserved["type"] == "booking.travel_vehicle_reserved" and data["status"] == "reserved"
    assert data["starts_at"].startswith("2033-03-06T23:00:00") and data["ends_at"].startswith("2033-03-08T10:00:00")
    assert data["driver_employee_id"] and data["booking_id"] and data["requester_employee_id"] == \
        bureau.employee_ids["pegawai"]
    booking = rpc(bureau.admin()).get_booking(data["booking_id"])
    assert (booking["source"], booking["status"], booking["travel_order_id"], booking["passengers"]) == (
        "travel", "approved", spt["order_id"], 3)
    assert booking["trip"]["driver_employee_id"] == data["driver_employee_id"]
    assert booking["destination"] == "Singaraja"
    # redelivered (same event id) and the same order again (a new id): nothing new
    publish_event(broker_uri, "travel.order_approved", spt, event_id=event_id)
    publish_event(broker_uri, "travel.order_approved", spt)
    marker = order(bureau, "2033-03-07", "2033-03-07", transport="umum")  # processed after them: ignored
    publish_event(broker_uri, "travel.order_approved", marker)
    wait_for(lambda: bureau.scalar("SELECT count(*) FROM processed_events WHERE handler LIKE "
                                   "'%on_travel_order_approved'") >= 3 and
             bureau.scalar("SELECT count(*) FROM booking_travel_reservations WHERE travel_order_id = :id",
                           {"id": spt["order_id"]}) == 1, timeout=20, message="redeliveries processed")
    assert bureau.scalar("SELECT count(*) FROM bookings WHERE travel_order_id = :id", {"id": spt["order_id"]}) == 1
    assert len(travel_events(watch, spt["order_id"])) == 1  # the first one only: nothing new published
    assert bureau.scalar("SELECT count(*) FROM booking_travel_reservations WHERE travel_order_id = :id",
                         {"id": marker["order_id"]}) == 0

    publish_event(broker_uri, "travel.order_cancelled", spt | {"status": "cancelled", "reason": "Acara ditunda"})
    wait_for(lambda: bureau.scalar("SELECT status FROM bookings WHERE id = :id", {"id": data["booking_id"]})
             == "cancelled", timeout=20, message="booking cancelled")
    assert bureau.scalar("SELECT status FROM booking_trips WHERE booking_id = :id",
                         {"id": data["booking_id"]}) == "cancelled"
    assert "SPT dibatalkan" in bureau.scalar("SELECT cancel_reason FROM bookings WHERE id = :id",
                                             {"id": data["booking_id"]})


def test_no_vehicle_or_no_driver_free_is_reported_unavailable(rpc, bureau, booking_db, broker_uri, observer):
    watch = observer("travel_vehicle_unavailable")
    engine = booking_db[1]
    make_resource(engine, kind="vehicle", capacity=8)
    crowd = order(bureau, "2033-04-07", "2033-04-08", travellers=50)
    publish_event(broker_uri, "travel.order_approved", crowd)
    told = wait_for(lambda: travel_events(watch, crowd["order_id"]), timeout=20, message="unavailable")[0]
    assert told["data"]["status"] == "unavailable" and "50 kursi" in told["data"]["reason"]
    assert told["data"]["booking_id"] is None
    # every driver away on 2033-05-05: a vehicle is free, no driver is
    ensure_driver(engine, bureau.employee_ids["teknisi"])
    with Session(engine) as session, session.begin():
        for (employee_id,) in session.execute(Driver.__table__.select().with_only_columns(Driver.employee_id)):
            session.add(DriverAbsence(driver_employee_id=employee_id, kind="training", starts_on="2033-05-05",
                                      ends_on="2033-05-05", reason="Diklat"))
    busy = order(bureau, "2033-05-05", "2033-05-05", travellers=1)
    publish_event(broker_uri, "travel.order_approved", busy)
    told = wait_for(lambda: travel_events(watch, busy["order_id"]), timeout=20, message="no driver")[0]
    assert told["type"] == "booking.travel_vehicle_unavailable" and "pengemudi" in told["data"]["reason"]
    assert bureau.scalar("SELECT count(*) FROM bookings WHERE travel_order_id = :id", {"id": busy["order_id"]}) == 0
