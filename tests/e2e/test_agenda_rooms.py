"""agenda's rooms through booking over the real broker, the whole stack running: an approved visit books its room
in booking (approved by the system, source ``agenda``); a second visit asking the same room at an overlapping
time is refused with a 409 naming booking's conflict and stays pending; cancelling the first visit releases the
room; an internal event in a leader's agenda books a room and cancelling the event releases it."""
from __future__ import annotations

import base64
import uuid
from datetime import date, timedelta

import pytest

from tests.e2e.conftest import Api, is_problem, signed_in

pytestmark = pytest.mark.e2e

PDF = base64.b64encode(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").decode()


@pytest.fixture
def public_forms_open(admin: Api):
    """The public forms without their time-to-submit floor and with room for this test's requests (every e2e
    request comes from 127.0.0.1: one client); put back after."""
    before = admin.request("GET", "/agenda/settings").json()
    changed = admin.request("PATCH", "/agenda/settings", json={"form_min_seconds": 0, "visit_requests_per_hour": 100})
    assert changed.status_code == 200, changed.text
    yield
    admin.request("PATCH", "/agenda/settings", json={
        "form_min_seconds": before["form_min_seconds"],
        "visit_requests_per_hour": before["visit_requests_per_hour"]}).raise_for_status()


def request_visit(api: Api, agency: str, day: date) -> int:
    ticket = api.request("GET", "/public/agenda/form-ticket", token="").json()["ticket"]
    sent = api.request("POST", "/public/agenda/visits", token="", json={
        "agency": agency, "purpose": "Audiensi koordinasi kegiatan budaya", "visitor_count": 3,
        "wished_dates": [day.isoformat()], "contact_name": "I Made Uji", "contact_phone": "+62 812 3456 7890",
        "letter_b64": PDF, "letter_name": "surat.pdf", "ticket": ticket})
    assert sent.status_code == 201, sent.text
    return sent.json()["tracking_code"]


def visit_of(protocol: Api, agency: str) -> dict:
    listed = protocol.request("GET", "/agenda/visits", params={"limit": 100}).json()["items"]
    return next(v for v in listed if v["agency"] == agency)


def test_a_visit_and_an_event_book_their_rooms_in_booking(stack, admin: Api, public_forms_open):
    keeper = signed_in(stack, "pengurus_barang")
    protocol, approver = signed_in(stack, "protokol"), signed_in(stack, "kabag_protokol")
    room = keeper.request("POST", "/booking/resources", json={
        "kind": "room", "name": f"Ruang Audiensi {uuid.uuid4().hex[:6]}", "capacity": 20})
    assert room.status_code == 201, room.text
    room_id = room.json()["id"]
    day = date.today() + timedelta(days=20)
    period = {"starts_at": f"{day}T10:00:00+08:00", "ends_at": f"{day}T11:00:00+08:00"}

    first, second = (f"Dinas Uji Ruang {uuid.uuid4().hex[:6]}" for _ in range(2))
    public = Api(stack.base_url)
    request_visit(public, first, day)
    request_visit(public, second, day)
    one, two = visit_of(protocol, first), visit_of(protocol, second)

    # the first visit: approved with the room — booked in booking by the system, approved, source agenda
    approved = approver.request("POST", f"/agenda/visits/{one['id']}/approve", json={
        **period, "room_resource_id": room_id})
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved" and approved.json()["room_booking_id"]
    booking_id = approved.json()["room_booking_id"]
    booking = admin.request("GET", f"/booking/bookings/{booking_id}").json()
    assert (booking["status"], booking["source"], booking["resource_id"]) == ("approved", "agenda", room_id)

    # the second, same room at an overlapping time: 409 naming booking's conflict; the visit stays pending
    clash = approver.request("POST", f"/agenda/visits/{two['id']}/approve", json={
        "starts_at": f"{day}T10:30:00+08:00", "ends_at": f"{day}T11:30:00+08:00", "room_resource_id": room_id})
    problem = is_problem(clash, 409)
    assert f"#{booking_id}" in problem["detail"] + str(problem.get("fields"))
    assert approver.request("GET", f"/agenda/visits/{two['id']}").json()["status"] == "pending"
    approved_ids = {b["id"] for b in admin.request("GET", "/booking/bookings", params={
        "resource_id": room_id, "status": "approved"}).json()["items"]}
    assert approved_ids == {booking_id}

    # cancelling the first visit releases the room: the second can have it now
    cancelled = protocol.request("POST", f"/agenda/visits/{one['id']}/cancel", json={"reason": "Pimpinan berhalangan"})
    assert cancelled.status_code == 200, cancelled.text
    assert admin.request("GET", f"/booking/bookings/{booking_id}").json()["status"] == "cancelled"
    retried = approver.request("POST", f"/agenda/visits/{two['id']}/approve", json={
        "starts_at": f"{day}T10:30:00+08:00", "ends_at": f"{day}T11:30:00+08:00", "room_resource_id": room_id})
    assert retried.status_code == 200, retried.text

    # an internal event in a leader's agenda books a room; cancelling the event releases it
    leader = protocol.request("GET", "/agenda/leaders").json()["items"][0]
    event = protocol.request("POST", "/agenda/events", json={
        "title": "Rapat koordinasi protokol", "starts_at": f"{day}T14:00:00+08:00",
        "ends_at": f"{day}T15:00:00+08:00", "location_kind": "internal", "room_resource_id": room_id,
        "leaders": [{"leader_id": leader["id"]}]})
    assert event.status_code == 201, event.text
    assert event.json()["room_status"] == "reserved" and event.json()["room_booking_id"]
    event_booking = event.json()["room_booking_id"]
    assert admin.request("GET", f"/booking/bookings/{event_booking}").json()["status"] == "approved"
    dropped = protocol.request("POST", f"/agenda/events/{event.json()['id']}/cancel", json={"reason": "Ditunda"})
    assert dropped.status_code == 200, dropped.text
    assert admin.request("GET", f"/booking/bookings/{event_booking}").json()["status"] == "cancelled"
