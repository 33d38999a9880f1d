"""Guest requests from the public portal on the real stack: a request made without any identity, followed by its
tracking code from submission to the approver's decision; codes nobody can guess or enumerate; the per-client
limit, the honeypot and the size limits; the guest's contact details shown to the approver only."""
from __future__ import annotations

import hashlib
from datetime import datetime, time, timedelta

import pytest
from booking.domain import bookings, guest_codes
from booking.domain.access import Caller
from booking.models import Booking, GuestRequest
from booking.schemas.guests import GuestLimitReached
from booking_core import make_resource, transaction
from booking_testkit import unique
from situok_kit.clock import WITA, wita_day
from situok_kit.errors import Forbidden, NotFound, ValidationFailed
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration


#: Guests may ask at most ``guest_horizon_days`` (180) ahead: the tests' days count from 40 days after today.
BASE = wita_day() + timedelta(days=40)


def on(day: int, hour: int) -> str:
    """An ISO time without offset (WITA) ``day`` days after ``BASE``."""
    return datetime.combine(BASE + timedelta(days=day), time(hour)).isoformat()


def form(resource_id: int, day: int = 10, **extra) -> dict:
    return {"resource_id": resource_id, "starts_at": on(day, 9), "ends_at": on(day, 15),
            "purpose": "Seminar kebudayaan Bali", "participants": 80,
            "agency": "Dinas Kebudayaan Kab. Gianyar", "name": "I Made Suarsana", "phone": "+62 812 3456 7890",
            "email": "made@example.id"} | extra


def hall(engine, **fields) -> int:
    return make_resource(engine, "building", capacity=200, guest_bookable=True, location="Renon", **fields)


def test_a_guest_request_followed_by_its_tracking_code_from_request_to_decision(rpc, bureau, booking_db):
    _, engine = booking_db
    building = hall(engine)
    guest = rpc()  # no identity at all
    assert building in [r["id"] for r in guest.guest_resources()["items"]]
    first = guest.submit_guest_request(form(building), client=unique("198.51.100."))
    code = first["tracking_code"]
    assert guest_codes.normalise(code) and first["status"] == "pending"
    seen = guest.guest_request_status(code)
    assert seen["status"] == "pending" and seen["resource_name"] and seen["reason"] is None
    assert datetime.fromisoformat(seen["starts_at"]) == datetime.combine(BASE + timedelta(days=10), time(9), WITA)
    assert "phone" not in seen and "name" not in seen
    # the approver (Kepala Bagian approves buildings by default) decides it as any booking
    booking_id = bureau.scalar("SELECT booking_id FROM guest_requests WHERE code_hash = :h",
                               {"h": guest_codes.digest(guest_codes.normalise(code))})
    approver = rpc(bureau.kabag())
    assert approver.approve_booking(booking_id, {"note": "Silakan, hubungi bagian rumah tangga."})["status"] \
        == "approved"
    decided = guest.guest_request_status(code.lower().replace("-", " "))  # forgiving of case and separators
    assert decided["status"] == "approved" and decided["reason"] == "Silakan, hubungi bagian rumah tangga."
    # another request, refused with a reason
    second = guest.submit_guest_request(form(building, 11), client=unique("198.51.100."))
    second_id = bureau.scalar("SELECT booking_id FROM guest_requests WHERE code_hash = :h",
                              {"h": guest_codes.digest(guest_codes.normalise(second["tracking_code"]))})
    with pytest.raises(ValidationFailed):
        approver.reject_booking(second_id, {})  # a reason is required
    approver.reject_booking(second_id, {"note": "Gedung dipakai upacara hari jadi."})
    refused = guest.guest_request_status(second["tracking_code"])
    assert refused["status"] == "rejected" and refused["reason"] == "Gedung dipakai upacara hari jadi."
    # the first code still shows its own request only
    assert guest.guest_request_status(code)["status"] == "approved"
    with Session(engine) as session:
        made = session.get(Booking, booking_id)
        assert made.source == "guest" and made.requester_employee_id is None and made.contact_phone is None


def test_tracking_codes_cannot_be_guessed_or_enumerated(rpc, bureau, booking_db):
    _, engine = booking_db
    made = {guest_codes.new_code() for _ in range(500)}
    assert len(made) == 500 and guest_codes.BITS >= 80
    assert all(len(guest_codes.normalise(c)) == 16 and set(guest_codes.normalise(c)) <= set(guest_codes.ALPHABET)
               for c in made)
    building = hall(engine)
    guest = rpc()
    codes = [guest.submit_guest_request(form(building, 12 + i), client=unique("192.0.2."))["tracking_code"]
             for i in range(3)]
    bodies = [guest_codes.normalise(c) for c in codes]
    # not sequential: consecutive codes differ in most of their characters
    assert all(sum(a != b for a, b in zip(x, y, strict=True)) >= 8 for x, y in zip(bodies, bodies[1:], strict=False))
    # a code one character off, a malformed one, an empty one: the same 404 with the same message
    body = bodies[0]
    off = body[:-1] + ("0" if body[-1] != "0" else "1")
    answers = []
    for wrong in (f"PGJ-{off}", "PGJ-XXXX", "'; DROP TABLE guest_requests; --", "", "A" * 500):
        with pytest.raises(NotFound) as unknown:
            guest.guest_request_status(wrong)
        answers.append((unknown.value.message, unknown.value.fields))
    assert len(set(map(str, answers))) == 1
    # the database holds only the SHA-256 of each code
    with Session(engine) as session:
        rows = session.execute(text("SELECT g.*::text FROM guest_requests g")).scalars().all()
        dump = " ".join(rows)
        for code, plain in zip(codes, bodies, strict=True):
            assert plain not in dump and code not in dump
            assert session.scalar(select(func.count()).select_from(GuestRequest).where(
                GuestRequest.code_hash == hashlib.sha256(f"PGJ:{plain}".encode()).hexdigest())) == 1


def test_the_per_client_limit_lives_in_the_database(rpc, bureau, booking_db):
    _, engine = booking_db
    building = hall(engine)
    guest = rpc()
    per_hour = bureau.scalar("SELECT guest_requests_per_hour FROM booking_settings WHERE id = 1")
    client = unique("203.0.113.")
    for i in range(per_hour):
        guest.submit_guest_request(form(building, 1 + i % 28), client=client)
    with pytest.raises(GuestLimitReached) as limited:
        guest.submit_guest_request(form(building, 20), client=client)
    assert limited.value.status == 429 and int(limited.value.extra["retry_after"]) > 0
    # another client is still fine
    assert guest.submit_guest_request(form(building, 20), client=unique("203.0.113."))["status"] == "pending"


def test_a_bot_filling_the_honeypot_gets_a_receipt_and_nothing_is_stored(rpc, bureau, booking_db):
    _, engine = booking_db
    building = hall(engine)
    before = bureau.scalar("SELECT count(*) FROM bookings WHERE resource_id = :r", {"r": building})
    answer = rpc().submit_guest_request(form(building, website="http://spam.example"), client=unique("10.9.8."))
    assert answer["status"] == "pending" and guest_codes.normalise(answer["tracking_code"])
    assert bureau.scalar("SELECT count(*) FROM bookings WHERE resource_id = :r", {"r": building}) == before == 0
    with pytest.raises(NotFound):
        rpc().guest_request_status(answer["tracking_code"])


def test_size_limits_and_the_guest_rules_name_their_fields(rpc, bureau, booking_db):
    _, engine = booking_db
    building = hall(engine)
    room_for_staff = make_resource(engine, "room")
    guest = rpc()
    with pytest.raises(ValidationFailed) as wrong:
        guest.submit_guest_request(form(building, purpose="x" * 501, name="N" * 121, agency="A" * 201,
                                        phone="call me maybe", email="not-an-email", website="w" * 201),
                                   client=unique("10.1.1."))
    assert {"purpose", "name", "agency", "phone", "email", "website"} <= set(wrong.value.fields)
    with pytest.raises(ValidationFailed) as missing:
        guest.submit_guest_request({"resource_id": building}, client=unique("10.1.1."))
    assert {"starts_at", "ends_at", "purpose", "participants", "name", "phone"} <= set(missing.value.fields)
    with pytest.raises(ValidationFailed) as extra:
        guest.submit_guest_request(form(building, requester_employee_id=1), client=unique("10.1.1."))
    assert "requester_employee_id" in extra.value.fields
    with pytest.raises(ValidationFailed) as not_for_guests:
        guest.submit_guest_request(form(room_for_staff), client=unique("10.1.1."))
    assert set(not_for_guests.value.fields) == {"resource_id"}
    with pytest.raises(ValidationFailed) as too_long:
        guest.submit_guest_request(form(building, ends_at=on(20, 9)), client=unique("10.1.1."))
    assert "ends_at" in too_long.value.fields
    with pytest.raises(ValidationFailed) as too_far:
        guest.submit_guest_request(form(building, starts_at=on(400, 9), ends_at=on(400, 12)),
                                   client=unique("10.1.1."))
    assert "starts_at" in too_far.value.fields


def test_guest_contacts_are_shown_to_the_approver_only(rpc, bureau, booking_db):
    _, engine = booking_db
    building = hall(engine)
    code = rpc().submit_guest_request(form(building, 25), client=unique("10.2.2."))["tracking_code"]
    booking_id = bureau.scalar("SELECT booking_id FROM guest_requests WHERE code_hash = :h",
                               {"h": guest_codes.digest(guest_codes.normalise(code))})
    with Session(engine) as session:
        booking = bookings.get_booking(session, booking_id)
        (staff_view,) = bookings.views(session, Caller(bureau.pegawai()), [booking])
        (approver_view,) = bookings.views(session, Caller(bureau.kabag()), [booking])
    assert staff_view.guest is None
    assert approver_view.guest == {"agency": "Dinas Kebudayaan Kab. Gianyar", "name": "I Made Suarsana",
                                   "email": "made@example.id", "phone": "+62 812 3456 7890"}
    # the same through the RPC every page uses
    assert rpc(bureau.pegawai()).get_booking(booking_id).get("guest") is None
    assert rpc(bureau.kabag()).get_booking(booking_id)["guest"]["name"] == "I Made Suarsana"
    # the staff's queue: the approver sees it with the contact; a pegawai may not open the queue
    queue = rpc(bureau.kabag()).list_guest_requests(status="pending", limit=200)
    mine = [b for b in queue["items"] if b["id"] == booking_id]
    assert mine and mine[0]["guest"]["phone"] == "+62 812 3456 7890" and mine[0]["source"] == "guest"
    assert all(b["source"] == "guest" and b["status"] == "pending" for b in queue["items"])
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).list_guest_requests()
    with pytest.raises(ValidationFailed):
        rpc(bureau.kabag()).list_guest_requests(status="nonsense")


def test_the_queue_pages_with_a_cursor(rpc, bureau, booking_db):
    _, engine = booking_db
    building = hall(engine)
    for day in (3, 4, 5):
        rpc().submit_guest_request(form(building, day), client=unique("10.3.3."))
    admin = rpc(bureau.admin())
    first = admin.list_guest_requests(limit=2)
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = admin.list_guest_requests(cursor=first["next_cursor"], limit=2)
    assert {b["id"] for b in first["items"]}.isdisjoint({b["id"] for b in second["items"]})
    assert first["items"][0]["id"] > first["items"][1]["id"] > second["items"][0]["id"]


def test_a_taken_time_is_refused_to_a_guest_too(rpc, bureau, booking_db):
    _, engine = booking_db
    building = hall(engine)
    with transaction(engine) as tx:
        taken = bookings.create_for_employee(tx, Caller(bureau.pegawai()), {
            "resource_id": building, "starts_at": datetime.fromisoformat(on(30, 8)).replace(tzinfo=WITA),
            "ends_at": datetime.fromisoformat(on(30, 17)).replace(tzinfo=WITA), "purpose": "Rapat paripurna"})
        bookings.approve(tx, Caller(bureau.admin()), taken.id)
    from situok_kit.errors import Conflict

    with pytest.raises(Conflict):
        rpc().submit_guest_request(form(building, starts_at=on(30, 10), ends_at=on(30, 12)),
                                   client=unique("10.4.4."))
