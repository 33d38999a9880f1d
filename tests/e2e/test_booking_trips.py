"""A vehicle trip through the whole stack: a car registered in assets through the API reaches booking by
assets' events, is booked, approved, given a driver, checked out and returned through the API — and the
kilometres reach the car's history in assets through the real broker (``booking.trip_returned``)."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from situok_kit.clock import WITA, utcnow
from situok_kit.testing import wait_for

from tests.e2e.conftest import Api, a_person, is_problem, signed_in

pytestmark = pytest.mark.e2e

SEDAN = "1.3.2.02.01.01.001"  # a four-wheeled vehicle (KIB B): booking lends it


def test_a_trips_odometer_reaches_the_cars_history_in_assets(stack, admin: Api, a_unit_id):
    keeper, staff = signed_in(stack, "pengurus_barang"), signed_in(stack, "pegawai")
    # a driver of their own, so no seeded role becomes a driver (the role matrix asks what each one may do)
    driver_id, username = a_person(admin, a_unit_id, "I Ketut Sopir", "Kemudi2026aman")
    assert admin.request("POST", "/booking/roster/sync").status_code == 200
    driver = signed_in(stack, username, "Kemudi2026aman")
    plate = f"DK {uuid.uuid4().int % 8999 + 1000} TR"
    registered = keeper.request("POST", "/assets/items", headers={"Idempotency-Key": uuid.uuid4().hex}, json={
        "code": SEDAN, "name": f"Toyota Innova {plate}", "acquisition_year": 2024, "acquisition_value": 420_000_000,
        "source": "apbd", "condition": "B", "details": {
            "brand": "Toyota", "type": "Innova 2.0 G", "plate_number": plate, "frame_number": f"MHF{plate[3:7]}",
            "engine_number": f"1TR{plate[3:7]}", "bpkb_number": f"P-{plate[3:7]}", "seats": 7, "fuel": "bensin"}})
    assert registered.status_code == 201, registered.text
    asset_id = registered.json()["id"]

    def listed():
        items = admin.request("GET", "/booking/resources", params={"kind": "vehicle", "q": plate}).json()["items"]
        return [r for r in items if r.get("resource_key") == f"vehicle:{asset_id}"]

    vehicle = wait_for(listed, timeout=60, message="booking to list the car from assets' event")[0]

    added = keeper.request("POST", "/booking/drivers", json={"employee_id": driver_id, "phone": "0812 3456 789"})
    assert added.status_code == 201, added.text

    start = (utcnow() + timedelta(minutes=5)).astimezone(WITA).replace(second=0, microsecond=0)
    made = staff.request("POST", "/booking/bookings", json={
        "resource_id": vehicle["id"], "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(), "purpose": "Kunjungan kerja ke Singaraja",
        "passengers": 3, "destination": "Singaraja", "needs_driver": True})
    assert made.status_code == 201, made.text
    booking_id = made.json()["id"]
    approved = admin.request("POST", f"/booking/bookings/{booking_id}/approve", json={"note": "Silakan"})
    assert approved.status_code == 200, approved.text

    free = admin.request("GET", f"/booking/bookings/{booking_id}/available-drivers")
    assert driver_id in [d["employee_id"] for d in free.json()["items"]], free.text
    is_problem(staff.request("POST", f"/booking/bookings/{booking_id}/driver",
                             json={"driver_employee_id": driver_id}), 403)
    assigned = admin.request("POST", f"/booking/bookings/{booking_id}/driver", json={"driver_employee_id": driver_id})
    assert assigned.status_code == 200, assigned.text
    trip_id = assigned.json()["id"]

    mine = driver.request("GET", "/booking/trips/mine").json()["items"]
    assert any(t["id"] == trip_id and t["allowed_actions"] == ["check_out"] for t in mine)
    wrong = is_problem(driver.request("POST", f"/booking/trips/{trip_id}/check-out",
                                      json={"odometer_km": 15000, "fuel": 12}), 422)
    assert "fuel" in str(wrong)
    out = driver.request("POST", f"/booking/trips/{trip_id}/check-out", json={"odometer_km": 15000, "fuel": 7})
    assert out.status_code == 200 and out.json()["status"] == "checked_out", out.text
    less = is_problem(driver.request("POST", f"/booking/trips/{trip_id}/return",
                                     json={"odometer_km": 14000, "fuel": 5}), 422)
    assert "odometer_km" in str(less)
    back = driver.request("POST", f"/booking/trips/{trip_id}/return",
                          json={"odometer_km": 15184, "fuel": 3, "damage": "Lecet bemper belakang"})
    assert back.status_code == 200 and back.json()["km_driven"] == 184, back.text

    def trip_in_history():
        history = keeper.request("GET", f"/assets/items/{asset_id}").json()["history"]
        return [h for h in history if h["kind"] == "trip" and h["reference_id"] == trip_id]

    row = wait_for(trip_in_history, timeout=60, message="the trip in the car's history in assets")[0]
    assert row["odometer_km"] == 15184 and row["data"]["km_driven"] == 184
    assert "Lecet bemper belakang" in row["note"] and row["data"]["destination"] == "Singaraja"
    shown = admin.request("GET", f"/booking/bookings/{booking_id}").json()
    assert shown["trip"]["status"] == "returned" and shown["trip"]["driver_employee_id"] == driver_id
