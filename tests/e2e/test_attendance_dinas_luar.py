"""Official travel shows in attendance as dinas luar without anyone typing it — through the real stack.

travel approves a trip of a non-ASN employee (the demo account ``honorer``) → travel publishes
``travel.order_approved`` through its outbox on the real broker → attendance marks those days dinas luar.
Cancelling the trip takes it back. Statuses exist up to today, so the trip is on a recent working day
(attendance's counting start is moved before it for the test, then restored).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from situok_kit.testing import wait_for

from tests.conftest import DEMO_PASSWORD

from .conftest import Api

pytestmark = pytest.mark.e2e


def login(stack, username: str) -> Api:
    client = Api(stack.base_url)
    client.token = client.token_for(username, DEMO_PASSWORD)
    return client


def recent_working_day(admin: Api) -> date:
    """The last weekday before today (WITA) that is not a holiday in attendance's calendar, this year."""
    today = datetime.now(ZoneInfo("Asia/Makassar")).date()
    holidays = {h["date"] for h in admin.request("GET", "/attendance/holidays",
                                                 params={"year": today.year}).json()["items"]}
    day = today - timedelta(days=1)
    while day.weekday() >= 5 or day.isoformat() in holidays:
        day -= timedelta(days=1)
    assert day.year == today.year, "no working day earlier this year (the first days of January)"
    return day


def status_on(admin: Api, employee_id: int, day: date) -> str:
    answer = admin.request("GET", "/attendance/days", params={"month": day.strftime("%Y-%m"),
                                                             "employee_id": employee_id})
    assert answer.status_code == 200, answer.text
    return next(d["status"] for d in answer.json()["days"] if d["day"] == day.isoformat())


def test_an_approved_trip_is_dinas_luar_and_a_cancelled_one_is_not(stack, admin: Api):
    honorer = login(stack, "honorer")
    me = honorer.request("GET", "/me").json()["employee"]
    assert me["employment_type"] == "non_asn"
    admin.request("POST", "/travel/roster/sync")
    day = recent_working_day(admin)
    before = admin.request("GET", "/attendance/setup").json()["settings"]["tracking_start"]
    assert admin.request("PATCH", "/attendance/settings",
                         json={"tracking_start": day.replace(day=1).isoformat()}).status_code == 200
    try:
        wait_for(lambda: admin.request("GET", "/attendance/days", params={
            "month": day.strftime("%Y-%m"), "employee_id": me["id"]}).status_code == 200, timeout=30,
            message="attendance's roster to know the employee")
        assert status_on(admin, me["id"], day) == "alpa"  # no record, no leave, no duty

        order = admin.request("POST", "/travel/orders", json={
            "travellers": [{"employee_id": me["id"]}],
            "destinations": [{"province_code": "31", "city": "Jakarta Pusat"}],
            "departure_date": day.isoformat(), "return_date": day.isoformat(),
            "category": "luar_kota", "transport": "umum", "basis": ["Nota dinas Kepala Biro"],
            "purpose": "Mengantar dokumen ke Kementerian Dalam Negeri",
            "budget_agency": "Biro Umum dan Protokol Setda Provinsi Bali", "budget_account": "5.1.02.04.01.0001",
        })
        assert order.status_code == 201, order.text
        path = f"/travel/orders/{order.json()['id']}"
        assert admin.request("POST", f"{path}/submit").status_code == 200
        approved = login(stack, "pimpinan").request("POST", f"{path}/approve")
        assert approved.status_code == 200, approved.text

        wait_for(lambda: status_on(admin, me["id"], day) == "dinas_luar", timeout=30,
                 message="attendance to mark the approved trip's day dinas luar")

        cancelled = admin.request("POST", f"{path}/cancel", json={"reason": "Rapat ditunda"})
        assert cancelled.status_code == 200, cancelled.text
        wait_for(lambda: status_on(admin, me["id"], day) == "alpa", timeout=30,
                 message="attendance to take dinas luar back after the cancellation")
    finally:
        admin.request("PATCH", "/attendance/settings", json={"tracking_start": before})
