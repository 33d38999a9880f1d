"""iCal feeds on the real stack: a person's feed and a resource's feed read back by the ``icalendar`` parser,
reached by a token without any identity; a rotated or revoked token answers 404; the resource feed never
carries a guest's contact details; only the token's SHA-256 is stored."""
from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from booking.domain import bookings
from booking.domain.access import Caller
from booking_core import make_resource, transaction
from booking_testkit import unique
from icalendar import Calendar
from situok_kit.clock import WITA, wita_day
from situok_kit.errors import NotFound
from sqlalchemy import text

pytestmark = pytest.mark.integration

BASE = wita_day() + timedelta(days=20)


def at(day: int, hour: int) -> datetime:
    return datetime.combine(BASE + timedelta(days=day), time(hour), WITA)


def events(answer: dict) -> dict:
    assert answer["content_type"] == "text/calendar; charset=utf-8" and answer["filename"].endswith(".ics")
    return {str(e["UID"]): e for e in Calendar.from_ical(answer["calendar"]).walk("VEVENT")}


def test_my_feed_reads_back_and_follows_my_bookings(rpc, bureau, booking_db):
    _, engine = booking_db
    room = make_resource(engine, name=unique("Ruang Rapat Feed "))
    staff = bureau.pegawai()
    me = rpc(staff)
    assert me.get_feed_token() == {"active": False, "created_at": None, "last_used_at": None}
    token = me.create_feed_token()["token"]
    assert len(token) >= 32
    with transaction(engine) as tx:
        mine = bookings.create_for_employee(tx, Caller(staff), {
            "resource_id": room, "starts_at": at(1, 9), "ends_at": at(1, 11), "purpose": "Rapat evaluasi"}).id
        other = bookings.create_for_employee(tx, Caller(bureau.keeper()), {
            "resource_id": room, "starts_at": at(2, 9), "ends_at": at(2, 11), "purpose": "Rapat orang lain"}).id
        old = bookings.create_for_employee(tx, Caller(staff), {
            "resource_id": room, "starts_at": at(1, 13), "ends_at": at(1, 14), "purpose": "Lama"}).id
    # far outside the window: moved in the database past the code's rules
    with engine.begin() as connection:
        connection.execute(text("UPDATE bookings SET starts_at = starts_at - interval '90 days', ends_at = ends_at - "
                                "interval '90 days', occupied_from = occupied_from - interval '90 days', occupied_to "
                                "= occupied_to - interval '90 days' WHERE id = :id"), {"id": old})
    found = events(rpc().feed_calendar(token, "mine"))  # no identity: the token is the proof
    uid = f"booking-{mine}@situok-booking"
    assert uid in found and f"booking-{other}@situok-booking" not in found
    assert f"booking-{old}@situok-booking" not in found
    event = found[uid]
    assert event.decoded("DTSTART") == at(1, 9).astimezone(UTC) and event.decoded("DTEND") == at(1, 11)
    assert str(event["SUMMARY"]).startswith("Rapat evaluasi") and str(event["STATUS"]) == "TENTATIVE"
    with transaction(engine) as tx:
        bookings.approve(tx, Caller(bureau.admin()), mine)
    event = events(rpc().feed_calendar(token, "mine"))[uid]
    assert str(event["STATUS"]) == "CONFIRMED" and int(event["SEQUENCE"]) >= 0
    state = me.get_feed_token()
    assert state["active"] and state["last_used_at"] and "token" not in state
    # only the SHA-256 of the token is stored
    assert bureau.scalar("SELECT count(*) FROM feed_tokens WHERE token_hash LIKE :t", {"t": f"%{token}%"}) == 0


def test_a_rotated_or_revoked_token_answers_404(rpc, bureau, booking_db):
    me = rpc(bureau.manager())
    first = me.create_feed_token()["token"]
    assert rpc().feed_calendar(first, "mine")["calendar"].startswith("BEGIN:VCALENDAR")
    second = me.create_feed_token()["token"]
    assert second != first
    with pytest.raises(NotFound) as old:
        rpc().feed_calendar(first, "mine")
    assert "token" in old.value.fields
    assert rpc().feed_calendar(second, "mine")
    assert me.revoke_feed_token()["active"] is False
    for gone in (second, "x" * 300, "", None):
        with pytest.raises(NotFound):
            rpc().feed_calendar(gone, "mine")
    assert me.get_feed_token()["active"] is False


def test_a_resource_feed_shows_approved_and_pending_purposes_without_guest_details(rpc, bureau, booking_db):
    _, engine = booking_db
    building = make_resource(engine, "building", capacity=300, guest_bookable=True, name=unique("Gedung Feed "))
    receipt = rpc().submit_guest_request({
        "resource_id": building, "starts_at": at(3, 8).isoformat(), "ends_at": at(3, 12).isoformat(),
        "purpose": "Lomba baleganjur", "participants": 150, "agency": "Sekaa Gong Desa Adat",
        "name": "Ketut Rahasia", "phone": "081999888777", "email": "ketut@example.id"}, client=unique("10.7.7."))
    assert receipt["status"] == "pending"
    with transaction(engine) as tx:
        refused = bookings.create_for_employee(tx, Caller(bureau.pegawai()), {
            "resource_id": building, "starts_at": at(4, 8), "ends_at": at(4, 9), "purpose": "Ditolak"}).id
        bookings.reject(tx, Caller(bureau.admin()), refused, "Tidak tersedia")
    token = rpc(bureau.pegawai()).create_feed_token()["token"]
    answer = rpc().feed_calendar(token, "resource", building)
    found = events(answer)
    assert [str(e["SUMMARY"]) for e in found.values()] == ["Lomba baleganjur"]
    assert str(next(iter(found.values()))["STATUS"]) == "TENTATIVE"
    for secret in ("Ketut Rahasia", "081999888777", "ketut@example.id", "Sekaa Gong", "Ditolak"):
        assert secret not in answer["calendar"]
    with pytest.raises(NotFound):
        rpc().feed_calendar(token, "resource", 999_999_999)


def test_my_feed_holds_the_trips_i_drive(rpc, bureau, booking_db):
    _, engine = booking_db
    driver = bureau.driver()
    vehicle = make_resource(engine, "vehicle", capacity=7, name=unique("Innova Feed "))
    day = 200 + int(unique("").split("-")[-1]) % 100  # away from other tests' trips of the same driver
    with transaction(engine) as tx:
        booked = bookings.create_for_employee(tx, Caller(bureau.keeper()), {
            "resource_id": vehicle, "starts_at": at(day, 7), "ends_at": at(day, 10), "purpose": "Antar tamu",
            "passengers": 3, "destination": "Bandara"}).id
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO booking_drivers (employee_id) VALUES (:e) ON CONFLICT DO NOTHING"),
                           {"e": driver.employee_id})
        connection.execute(text("INSERT INTO booking_trips (booking_id, resource_id, driver_employee_id, starts_at, "
                                "ends_at) VALUES (:b, :r, :e, :s, :t)"),
                           {"b": booked, "r": vehicle, "e": driver.employee_id, "s": at(day, 7), "t": at(day, 10)})
    token = rpc(driver).create_feed_token()["token"]
    found = events(rpc().feed_calendar(token, "mine"))
    assert str(found[f"booking-{booked}@situok-booking"]["SUMMARY"]).startswith("Antar tamu")
