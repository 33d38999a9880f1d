"""Approved leave reaching attendance and booking through the whole stack (gateway, kepegawaian, attendance,
booking, the real broker): issue 15's "attendance shows cuti for non-ASN staff from approved leave; booking treats
a driver on leave as unavailable".

A non-ASN employee of their own (``a_person``: no seeded role changes, no supervisor above them, so the request
goes straight to the official) who is also on booking's drivers' list asks for annual leave today; the official
(``pimpinan``) approves it through the gateway → ``kepegawaian.leave_approved`` →
(a) attendance shows today as ``cuti`` in the employee's days;
(b) booking leaves the driver out of a vehicle booking's free drivers today and refuses the assignment (409);
cancelling the leave (``kepegawaian.leave_cancelled``) takes both back. Waiting is on conditions with a bound.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from situok_kit.testing import wait_for

from .conftest import Api, a_person, is_problem, signed_in

pytestmark = pytest.mark.e2e

WITA = ZoneInfo("Asia/Makassar")
LEAVE = "/kepegawaian/leave"
PASSWORD = "Cuti2026aman!"


def test_approved_leave_is_cuti_in_attendance_and_the_driver_is_not_free(stack, admin: Api, a_unit_id):
    now = datetime.now(WITA)
    today = now.date()
    holidays = admin.request("GET", "/attendance/holidays", params={"year": today.year}).json()["items"]
    if today.weekday() >= 5 or today.isoformat() in {h["date"] for h in holidays}:
        pytest.skip("today is no working day: annual leave counts working days")
    if now.hour >= 21:
        pytest.skip("too late today for a two-hour booking on the same WITA day")
    pimpinan, keeper = signed_in(stack, "pimpinan"), signed_in(stack, "pengurus_barang")
    employee_id, username = a_person(admin, a_unit_id, "Ni Wayan Cuti", PASSWORD)
    person = signed_in(stack, username, PASSWORD)
    for path in ("/attendance/roster/sync", "/booking/roster/sync"):
        assert admin.request("POST", path).status_code == 200, path

    # a driver with a vehicle booking today, free before the leave
    added = keeper.request("POST", "/booking/drivers", json={"employee_id": employee_id, "phone": "0812 3456 789"})
    assert added.status_code == 201, added.text
    vehicle = keeper.request("POST", "/booking/resources", json={
        "kind": "vehicle", "name": "Toyota Avanza uji cuti", "code": f"DK {employee_id % 9000 + 1000} CT",
        "capacity": 7})
    assert vehicle.status_code == 201, vehicle.text
    start = (now + timedelta(minutes=10)).replace(second=0, microsecond=0)
    made = signed_in(stack, "pegawai").request("POST", "/booking/bookings", json={
        "resource_id": vehicle.json()["id"], "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(), "purpose": "Mengantar berkas ke Tabanan",
        "passengers": 2, "destination": "Tabanan", "needs_driver": True})
    assert made.status_code == 201, made.text
    booking = f"/booking/bookings/{made.json()['id']}"
    assert admin.request("POST", f"{booking}/approve", json={"note": None}).status_code == 200

    def free_drivers() -> list[int]:
        answer = admin.request("GET", f"{booking}/available-drivers")
        assert answer.status_code == 200, answer.text
        return [d["employee_id"] for d in answer.json()["items"]]

    assert employee_id in free_drivers()

    def my_today() -> str:
        answer = person.request("GET", "/attendance/days", params={"month": today.strftime("%Y-%m")})
        assert answer.status_code == 200, answer.text
        return next(d["status"] for d in answer.json()["days"] if d["day"] == today.isoformat())

    assert my_today() != "cuti"

    # the leave: asked by the employee (once kepegawaian knows them), approved by the official
    form = {"kind": "tahunan", "start_date": today.isoformat(), "end_date": today.isoformat(),
            "reason": "Upacara adat keluarga", "address": "Jl. Udayana 1, Denpasar", "phone": "081234567890"}

    def requested():
        answer = person.request("POST", LEAVE, json=form)
        return answer if answer.status_code == 201 else None

    leave = wait_for(requested, timeout=30, message="kepegawaian to know the new employee").json()
    assert leave["employment_type"] == "non_asn" and leave["status"] == "considered", leave
    decided = pimpinan.request("POST", f"{LEAVE}/{leave['id']}/decide", json={"option": "setuju"})
    assert decided.status_code == 200 and decided.json()["status"] == "approved", decided.text

    # (a) attendance: today is cuti
    wait_for(lambda: my_today() == "cuti", timeout=30, message="attendance to show the approved leave as cuti")
    # (b) booking: the driver is not free and cannot be assigned
    wait_for(lambda: employee_id not in free_drivers(), timeout=30, message="booking to learn of the leave")
    refused = is_problem(admin.request("POST", f"{booking}/driver", json={"driver_employee_id": employee_id}), 409)
    assert "cuti" in refused["fields"]["driver_employee_id"], refused

    # cancelled, the leave no longer counts anywhere
    cancelled = pimpinan.request("POST", f"{LEAVE}/{leave['id']}/cancel", json={"reason": "Dipanggil tugas"})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled", cancelled.text
    wait_for(lambda: my_today() != "cuti", timeout=30, message="attendance to take the cuti off")
    wait_for(lambda: employee_id in free_drivers(), timeout=30, message="booking to free the driver")
    assigned = admin.request("POST", f"{booking}/driver", json={"driver_employee_id": employee_id})
    assert assigned.status_code == 200, assigned.text
    admin.request("POST", f"{booking}/cancel", json={"reason": "uji selesai"})
