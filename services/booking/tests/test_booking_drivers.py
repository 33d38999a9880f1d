"""Drivers, assignment and trips through the running service: the keeper's list, hours, absences, the schedule,
``assign_driver`` answering 409 for a busy driver, the driver's phone page (check-out, return) with its 422s
naming fields and 403s, events observed."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from booking_core import make_resource
from situok_kit.clock import WITA, utcnow
from situok_kit.errors import Conflict, Forbidden, ValidationFailed
from situok_kit.testing import wait_for

pytestmark = pytest.mark.integration

DAY = datetime(2031, 9, 1, tzinfo=WITA)  # a Monday


def at(hour: int, minute: int = 0, day: int = 0) -> str:
    return (DAY + timedelta(days=day, hours=hour, minutes=minute)).isoformat()


def put_on_list(rpc, bureau, key: str, **extra) -> dict:
    keeper = rpc(bureau.keeper())
    employee_id = bureau.employee_ids[key]
    try:
        return keeper.add_driver({"employee_id": employee_id, "phone": "0812 3456 789"} | extra)
    except Conflict:
        return keeper.update_driver(employee_id, {"active": True} | extra)


def approved_vehicle(rpc, bureau, booking_db, start: str, end: str) -> int:
    vehicle = make_resource(booking_db[1], kind="vehicle", capacity=7, code="DK 1 AB")
    made = rpc(bureau.pegawai()).create_booking({"resource_id": vehicle, "starts_at": start, "ends_at": end,
                                                 "purpose": "Kunjungan kerja", "passengers": 2,
                                                 "destination": "Tabanan"})
    rpc(bureau.admin()).approve_booking(made["id"], {"note": None})
    return made["id"]


def test_the_keepers_drivers_list_hours_and_absences(rpc, bureau):
    keeper, staff = rpc(bureau.keeper()), rpc(bureau.pegawai())
    offered = [e["employee_id"] for e in keeper.driver_candidates("Budiarta")["items"]]
    assert bureau.employee_ids["pengemudi"] in offered or keeper.list_drivers()["items"]
    added = put_on_list(rpc, bureau, "pengemudi")
    assert bureau.employee_ids["pengemudi"] not in [e["employee_id"] for e in keeper.driver_candidates()["items"]]
    assert added["work_days"] == [1, 2, 3, 4, 5] and added["work_start"] == "07:30" and added["work_end"] == "16:00"
    assert added["hours_label"] == "Sen–Jum 07.30–16.00 WITA" and added["name"]
    with pytest.raises(Conflict) as twice:
        keeper.add_driver({"employee_id": bureau.employee_ids["pengemudi"]})
    assert "employee_id" in twice.value.fields
    with pytest.raises(ValidationFailed) as wrong:
        keeper.add_driver({"employee_id": 99999999, "work_days": [0, 8]})
    assert "work_days.0" in wrong.value.fields
    with pytest.raises(ValidationFailed) as hours:
        keeper.update_driver(bureau.employee_ids["pengemudi"], {"work_start": "17:00", "work_end": "08:00"})
    assert "work_end" in hours.value.fields
    with pytest.raises(Forbidden):
        staff.add_driver({"employee_id": bureau.employee_ids["pegawai"]})
    with pytest.raises(Forbidden):
        staff.list_drivers()
    changed = keeper.update_driver(bureau.employee_ids["pengemudi"], {"work_days": [1, 2, 3, 4, 5, 6]})
    assert changed["hours_label"].startswith("Sen–Sab")
    absence = keeper.add_driver_absence(bureau.employee_ids["pengemudi"], {
        "kind": "sick", "starts_on": "2031-09-10", "ends_on": "2031-09-11", "reason": "Demam"})
    assert absence["kind_label"] == "sakit"
    with pytest.raises(ValidationFailed) as backwards:
        keeper.add_driver_absence(bureau.employee_ids["pengemudi"], {"kind": "leave", "starts_on": "2031-09-12",
                                                                     "ends_on": "2031-09-11"})
    assert "ends_on" in backwards.value.fields
    listed = {d["employee_id"]: d for d in keeper.list_drivers()["items"]}
    assert absence["id"] in [a["id"] for a in listed[bureau.employee_ids["pengemudi"]]["absences"]]
    schedule = keeper.driver_schedule("2031-09-08", "2031-09-14")
    mine = next(d for d in schedule["drivers"] if d["employee_id"] == bureau.employee_ids["pengemudi"])
    assert [a["id"] for a in mine["absences"]] == [absence["id"]]
    # the driver sees their own schedule only; a plain employee none
    own = rpc(bureau.driver()).driver_schedule("2031-09-08", "2031-09-14")
    assert [d["employee_id"] for d in own["drivers"]] == [bureau.employee_ids["pengemudi"]]
    with pytest.raises(Forbidden):
        staff.driver_schedule("2031-09-08", "2031-09-14")
    assert keeper.remove_driver_absence(absence["id"])["removed"] is True
    assert rpc(bureau.driver()).capabilities()["drive"] is True


def test_assign_driver_refuses_a_busy_driver_with_409(rpc, bureau, booking_db, observer):
    watch = observer("driver_assigned")
    driver = put_on_list(rpc, bureau, "admin_umum")["employee_id"]
    first = approved_vehicle(rpc, bureau, booking_db, at(8), at(12))
    second = approved_vehicle(rpc, bureau, booking_db, at(10), at(13))
    approver = rpc(bureau.admin())
    assert driver in [d["employee_id"] for d in approver.available_drivers(first)["items"]]
    trip = approver.assign_driver(first, {"driver_employee_id": driver})
    assert (trip["status"], trip["driver_employee_id"], trip["booking_id"]) == ("assigned", driver, first)
    assert driver not in [d["employee_id"] for d in approver.available_drivers(second)["items"]]
    with pytest.raises(Conflict) as busy:
        approver.assign_driver(second, {"driver_employee_id": driver})
    assert "driver_employee_id" in busy.value.fields
    with pytest.raises(ValidationFailed) as missing:
        approver.assign_driver(second, {})
    assert "driver_employee_id" in missing.value.fields
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).assign_driver(second, {"driver_employee_id": driver})
    shown = approver.get_booking(first)
    assert shown["trip"]["driver_employee_id"] == driver and shown["trip"]["status"] == "assigned"
    event = wait_for(lambda: [e["data"] for e in watch.of_type("booking.driver_assigned")
                              if e["data"]["booking_id"] == first], timeout=20, message="driver_assigned")[0]
    assert event["trip_id"] == trip["id"] and event["driver_employee_id"] == driver


def test_the_driver_checks_out_and_returns_today(rpc, bureau, booking_db, observer):
    watch = observer("trip_checked_out", "trip_returned")
    driver = put_on_list(rpc, bureau, "pengemudi")["employee_id"]
    start = (utcnow() + timedelta(minutes=5)).astimezone(WITA).replace(second=0, microsecond=0)
    booking = approved_vehicle(rpc, bureau, booking_db, start.isoformat(), (start + timedelta(hours=1)).isoformat())
    trip = rpc(bureau.admin()).assign_driver(booking, {"driver_employee_id": driver})
    me = rpc(bureau.driver())
    listed = me.my_trips()
    assert listed["items"][0]["id"] == trip["id"] and listed["items"][0]["allowed_actions"] == ["check_out"]
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).check_out_trip(trip["id"], {"odometer_km": 100, "fuel": 4})
    with pytest.raises(ValidationFailed) as fuel:
        me.check_out_trip(trip["id"], {"odometer_km": 100, "fuel": 9})
    assert "fuel" in fuel.value.fields
    out = me.check_out_trip(trip["id"], {"odometer_km": 100, "fuel": 4, "notes": "Ban baik"})
    assert (out["status"], out["allowed_actions"]) == ("checked_out", ["return"])
    with pytest.raises(ValidationFailed) as less:
        me.return_trip(trip["id"], {"odometer_km": 90, "fuel": 2})
    assert "odometer_km" in less.value.fields
    back = me.return_trip(trip["id"], {"odometer_km": 142, "fuel": 2, "damage": None})
    assert (back["status"], back["km_driven"], back["allowed_actions"]) == ("returned", 42, [])
    with pytest.raises(Conflict):
        me.return_trip(trip["id"], {"odometer_km": 150, "fuel": 2})
    wait_for(lambda: [e for e in watch.of_type("booking.trip_checked_out") if e["data"]["trip_id"] == trip["id"]],
             timeout=20, message="trip_checked_out")
    # a local vehicle: no trip_returned (assets requires an asset_id)
    assert not [e for e in watch.of_type("booking.trip_returned") if e["data"]["trip_id"] == trip["id"]]
    assert trip["id"] not in [t["id"] for t in rpc(bureau.keeper()).list_overdue_trips()["items"]]
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).list_overdue_trips()
    assert rpc(bureau.keeper()).get_trip(trip["id"])["odometer_in"] == 142
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).get_trip(trip["id"])
