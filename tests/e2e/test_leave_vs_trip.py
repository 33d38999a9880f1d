"""Leave against official travel, both ways, through the whole stack (gateway, kepegawaian, travel, the real
broker): issue 15's "leave is refused over an approved trip and a trip over approved leave".

(a) travel approves a trip of ``pegawai`` → ``travel.order_approved`` on the broker → kepegawaian keeps it →
    ``pegawai``'s leave request over those days is refused with a 422 on ``start_date`` naming the trip;
(b) ``bendahara``'s leave goes request → the direct supervisor's consideration (``kasubbag``) → the official's
    decision (``pimpinan``) through the gateway → ``kepegawaian.leave_approved`` → travel keeps it → an SPT
    sending ``bendahara`` on those days is refused with a 422 on ``travellers.0.employee_id`` naming the leave;
    cancelling the leave (``kepegawaian.leave_cancelled``) lets the same SPT through.

The days are working days still ahead in this year (travel's rate table is this year's; the leave must not start
in the past). Waiting is on conditions with a bound (the preview, which saves nothing, shows when kepegawaian
knows of the trip; a draft SPT that is refused, then accepted, shows when travel knows of the leave).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from situok_kit.testing import wait_for

from .conftest import Api, is_problem, signed_in

pytestmark = pytest.mark.e2e

LEAVE = "/kepegawaian/leave"


def working_days_ahead(admin: Api, count: int) -> list[date]:
    """``count`` weekdays that are no holiday (national, cuti bersama), from a week ahead, in this year."""
    today = datetime.now(ZoneInfo("Asia/Makassar")).date()
    answer = admin.request("GET", "/attendance/holidays", params={"year": today.year})
    assert answer.status_code == 200, answer.text
    holidays = {h["date"] for h in answer.json()["items"]}
    days, day = [], today + timedelta(days=7)
    while len(days) < count and day.year == today.year:
        if day.weekday() < 5 and day.isoformat() not in holidays:
            days.append(day)
        day += timedelta(days=1)
    if len(days) < count:
        pytest.skip("not enough working days left in this year for travel's rate table")
    return days


def order_form(employee_id: int, start: date, end: date) -> dict:
    return {"travellers": [{"employee_id": employee_id}],
            "destinations": [{"province_code": "31", "city": "Jakarta Pusat"}],
            "departure_date": start.isoformat(), "return_date": end.isoformat(),
            "category": "luar_kota", "transport": "umum", "basis": ["Nota dinas Kepala Biro"],
            "purpose": "Konsultasi penatausahaan kepegawaian ke BKN",
            "budget_agency": "Biro Umum dan Protokol Setda Provinsi Bali", "budget_account": "5.1.02.04.01.0001"}


def leave_form(start: date, end: date) -> dict:
    return {"kind": "tahunan", "start_date": start.isoformat(), "end_date": end.isoformat(),
            "reason": "Keperluan keluarga", "address": "Jl. Udayana 1, Denpasar", "phone": "081234567890"}


def employee_of(client: Api) -> dict:
    return client.request("GET", "/me").json()["employee"]


def test_leave_is_refused_over_an_approved_trip(stack, admin: Api):
    pegawai, pimpinan = signed_in(stack, "pegawai"), signed_in(stack, "pimpinan")
    me = employee_of(pegawai)
    admin.request("POST", "/travel/roster/sync")
    start, end = working_days_ahead(admin, 2)
    # the days are free before the trip
    free = pegawai.request("POST", f"{LEAVE}/preview", json=leave_form(start, end))
    assert free.status_code == 200, free.text
    assert "start_date" not in free.json()["problems"], free.text

    order = admin.request("POST", "/travel/orders", json=order_form(me["id"], start, end))
    assert order.status_code == 201, order.text
    path = f"/travel/orders/{order.json()['id']}"
    assert admin.request("POST", f"{path}/submit").status_code == 200
    approved = pimpinan.request("POST", f"{path}/approve")
    assert approved.status_code == 200, approved.text
    issued = pimpinan.request("POST", f"{path}/issue")          # the SPT number, which the refusal names
    assert issued.status_code == 200, issued.text
    number = issued.json()["number"]

    def trip_known(named: bool = True) -> bool:
        preview = pegawai.request("POST", f"{LEAVE}/preview", json=leave_form(start, end))
        problem = preview.json()["problems"].get("start_date", "")
        return "perjalanan dinas" in problem and (number in problem or not named)

    wait_for(trip_known, timeout=30, message="kepegawaian to learn of the approved and issued trip")
    # only the trip's last day asked for: still refused, naming the trip
    refused = is_problem(pegawai.request("POST", LEAVE, json=leave_form(end, end)), 422)
    message = refused["fields"]["start_date"]
    assert "perjalanan dinas" in message and number in message, message

    # cancelled, the trip no longer stands in the way
    assert admin.request("POST", f"{path}/cancel", json={"reason": "Kegiatan ditunda"}).status_code == 200
    wait_for(lambda: not trip_known(named=False), timeout=30, message="kepegawaian to learn of the cancellation")


def test_a_trip_is_refused_over_approved_leave_until_the_leave_is_cancelled(stack, admin: Api):
    bendahara = signed_in(stack, "bendahara")
    kasubbag, pimpinan = signed_in(stack, "kasubbag"), signed_in(stack, "pimpinan")
    me = employee_of(bendahara)
    admin.request("POST", "/travel/roster/sync")
    start, end = working_days_ahead(admin, 4)[2:]      # not the days of the other test

    requested = bendahara.request("POST", LEAVE, json=leave_form(start, end))
    assert requested.status_code == 201, requested.text
    leave_path = f"{LEAVE}/{requested.json()['id']}"
    considered = kasubbag.request("POST", f"{leave_path}/consider", json={"option": "setuju"})
    assert considered.status_code == 200, considered.text
    decided = pimpinan.request("POST", f"{leave_path}/decide", json={"option": "setuju"})
    assert decided.status_code == 200, decided.text
    assert decided.json()["status"] == "approved"

    def order_refused() -> dict | None:
        answer = admin.request("POST", "/travel/orders", json=order_form(me["id"], start, end))
        if answer.status_code == 201:      # travel does not know of the leave yet: drop the draft, try again
            path = f"/travel/orders/{answer.json()['id']}"
            assert admin.request("POST", f"{path}/cancel", json={"reason": "uji"}).status_code == 200
            return None
        return is_problem(answer, 422)

    refused = wait_for(order_refused, timeout=30, interval=0.5, message="travel to learn of the approved leave")
    message = refused["fields"]["travellers.0.employee_id"]
    assert "Cuti Tahunan" in message and start.isoformat() in message and end.isoformat() in message, message

    cancelled = pimpinan.request("POST", f"{leave_path}/cancel", json={"reason": "Dipanggil tugas"})
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"

    def order_accepted() -> dict | None:
        answer = admin.request("POST", "/travel/orders", json=order_form(me["id"], start, end))
        return answer.json() if answer.status_code == 201 else None

    order = wait_for(order_accepted, timeout=30, interval=0.5, message="travel to learn of the cancellation")
    path = f"/travel/orders/{order['id']}"
    assert admin.request("POST", f"{path}/submit").status_code == 200
    approved = pimpinan.request("POST", f"{path}/approve")
    assert approved.status_code == 200, approved.text
    admin.request("POST", f"{path}/cancel", json={"reason": "uji selesai"})
