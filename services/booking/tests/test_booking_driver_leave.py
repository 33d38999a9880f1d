"""A driver on kepegawaian's approved leave is unavailable, through the broker: ``kepegawaian.leave_approved``
(published as kepegawaian's relay would) takes the driver off the free drivers of a booking on those days and
``assign_driver`` answers 409 naming the leave; travel's vehicle reservation does not pick them (no driver free:
``unavailable``); ``kepegawaian.leave_cancelled`` makes them free again. The whole chain from kepegawaian's own
RPCs is tests/e2e/test_leave_attendance_booking.py."""
from __future__ import annotations

import itertools
from datetime import datetime, timedelta

import pytest
from booking.models import Driver
from booking_core import make_resource
from situok_kit.clock import WITA
from situok_kit.errors import Conflict
from situok_kit.testing import publish_event, wait_for
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

DAY = datetime(2034, 3, 6, tzinfo=WITA)  # a Monday
_leave_ids = itertools.count(770001)
_orders = itertools.count(870001)


def at(hour: int, day: int = 0) -> str:
    return (DAY + timedelta(days=day, hours=hour)).isoformat()


def leave_event(employee_id: int, start: str, end: str, status: str = "approved", leave_id: int | None = None) -> dict:
    return {"id": leave_id or next(_leave_ids), "employee_id": employee_id, "employee_name": "Pengemudi",
            "nip": None, "employment_type": "non_asn", "unit_id": 1, "kind": "non_asn",
            "kind_name": "Cuti Pegawai Non-ASN", "start_date": start, "end_date": end, "days": 1, "half_day": None,
            "status": status, "decided_at": "2034-03-01T02:00:00+00:00"}


def approved_vehicle(rpc, bureau, booking_db, start: str, end: str) -> int:
    vehicle = make_resource(booking_db[1], kind="vehicle", capacity=7, code="DK 9 CT")
    made = rpc(bureau.pegawai()).create_booking({"resource_id": vehicle, "starts_at": start, "ends_at": end,
                                                 "purpose": "Kunjungan kerja", "passengers": 2,
                                                 "destination": "Gianyar"})
    rpc(bureau.admin()).approve_booking(made["id"], {"note": None})
    return made["id"]


def ensure_driver(engine, employee_id: int) -> None:
    with Session(engine) as session, session.begin():
        session.execute(insert(Driver).values(employee_id=employee_id).on_conflict_do_update(
            index_elements=["employee_id"], set_={"active": True}))


def kept(bureau, leave_id: int, cancelled: bool) -> bool:
    return bureau.scalar("SELECT count(*) FROM kepegawaian_leaves WHERE leave_id = :id AND cancelled = :c",
                         {"id": leave_id, "c": cancelled}) == 1


def test_a_driver_on_leave_is_not_free_and_cannot_be_assigned(rpc, bureau, booking_db, broker_uri):
    driver = bureau.employee_ids["operator"]
    ensure_driver(booking_db[1], driver)
    booking = approved_vehicle(rpc, bureau, booking_db, at(8, day=1), at(12, day=1))     # Tuesday 7 March
    approver = rpc(bureau.admin())

    def free() -> list[int]:
        return [d["employee_id"] for d in approver.available_drivers(booking)["items"]]

    assert driver in free()
    # leave that ends the day before does not matter
    before = leave_event(driver, "2034-03-05", "2034-03-06")
    publish_event(broker_uri, "kepegawaian.leave_approved", before)
    wait_for(lambda: kept(bureau, before["id"], False), timeout=20, message="the earlier leave kept")
    assert driver in free()

    leave = leave_event(driver, "2034-03-07", "2034-03-08")
    publish_event(broker_uri, "kepegawaian.leave_approved", leave)
    wait_for(lambda: driver not in free(), timeout=20, message="the driver on leave left out")
    with pytest.raises(Conflict) as refused:
        approver.assign_driver(booking, {"driver_employee_id": driver})
    assert "driver_employee_id" in refused.value.fields
    assert "cuti" in refused.value.fields["driver_employee_id"] and "07-03-2034" in refused.value.message

    publish_event(broker_uri, "kepegawaian.leave_cancelled", {**leave, "status": "cancelled"})
    wait_for(lambda: driver in free(), timeout=20, message="the cancelled leave no longer counts")
    trip = approver.assign_driver(booking, {"driver_employee_id": driver})
    assert (trip["status"], trip["driver_employee_id"]) == ("assigned", driver)
    # a redelivered approval (new event id) after the cancellation changes nothing
    again = publish_event(broker_uri, "kepegawaian.leave_approved", leave)
    wait_for(lambda: bureau.scalar("SELECT count(*) FROM processed_events WHERE event_id = :id", {"id": again}),
             timeout=20, message="the redelivery handled")
    assert kept(bureau, leave["id"], True) and driver in free()


def test_travel_reservation_skips_drivers_on_leave(rpc, bureau, booking_db, broker_uri, observer):
    watch = observer("travel_vehicle_reserved", "travel_vehicle_unavailable")
    engine = booking_db[1]
    make_resource(engine, kind="vehicle", capacity=8, code="DK 8 CT")
    ensure_driver(engine, bureau.employee_ids["operator"])
    with Session(engine) as session:
        drivers = [row[0] for row in session.execute(Driver.__table__.select().with_only_columns(Driver.employee_id))]
    leaves = [leave_event(employee_id, "2034-04-10", "2034-04-12") for employee_id in drivers]
    for leave in leaves:
        publish_event(broker_uri, "kepegawaian.leave_approved", leave)
    wait_for(lambda: all(kept(bureau, leave["id"], False) for leave in leaves), timeout=20,
             message="every driver's leave kept")
    trip = {"order_id": next(_orders), "status": "approved", "number": None, "unit_id": 1,
            "requester_employee_id": bureau.employee_ids["pegawai"], "purpose": "Koordinasi program",
            "destinations": [{"province_code": "51", "city": "Singaraja"}], "category": "dalam_daerah",
            "departure_date": "2034-04-11", "return_date": "2034-04-11", "estimate_total": 0,
            "travellers": [{"employee_id": bureau.employee_ids["pegawai"], "name": "I Kadek", "followers": []}],
            "transport": "dinas"}
    publish_event(broker_uri, "travel.order_approved", trip)
    told = wait_for(lambda: [e for e in watch.poll() if e["type"].startswith("booking.travel_vehicle_")
                             and e["data"]["travel_order_id"] == trip["order_id"]], timeout=20,
                    message="the reservation's answer")[0]
    assert told["type"] == "booking.travel_vehicle_unavailable" and "pengemudi" in told["data"]["reason"]
