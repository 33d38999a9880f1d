"""The guests pages without a running service: the public portal's form and status page open without a session,
the form goes to booking as typed with the client's address the edge saw, the honeypot is in the form but hidden
from people, the tracking code is shown once and never cached, booking's messages land by their fields, the
staff's queue shows the guests' contacts and links to the booking's page."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from booking.schemas import SCHEMAS
from booking.schemas.common import BookingCapabilitiesOut
from booking.schemas.guests import GuestLimitReached
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text
from web import nav
from web.http import codec
from web.sessions import WebSession

NONE = dict.fromkeys(BookingCapabilitiesOut().fields, False)
HALL = {"id": 3, "kind": "building", "name": "Gedung Ksirarnawa", "location": "Renon", "capacity": 500,
        "facilities": ["sound_system", "panggung"], "description": None}
RECEIPT = SCHEMAS["GuestReceiptOut"]().dump({
    "tracking_code": "PGJ-7K2M-Q9XD-4TZA-B8RW", "status": "pending", "status_label": "menunggu persetujuan",
    "resource_name": "Gedung Ksirarnawa", "starts_at": datetime(2031, 6, 10, 1, tzinfo=UTC),
    "ends_at": datetime(2031, 6, 10, 7, tzinfo=UTC)})
FORM = {"resource_id": "3", "starts_at": "2031-06-10T09:00", "ends_at": "2031-06-10T15:00",
        "purpose": "Seminar kebudayaan", "participants": "80", "agency": "", "name": "I Made Suarsana",
        "phone": "0812 3456 7890", "email": "", "website": ""}
MADE: list[Browser] = []


def browser(*names: str, anonymous: bool = False) -> Browser:
    caps = {**NONE, "read": True, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "booking": caps})
    made.service.booking.capabilities.return_value = caps
    made.service.booking.guest_resources.return_value = {"items": [HALL]}
    if anonymous:
        made.session = WebSession.anonymous()
        made.cookie = codec().dumps(made.session)
    MADE.append(made)
    return made


def booking_row(**extra) -> dict:
    return SCHEMAS["BookingOut"]().dump({
        "id": 41, "resource_id": 3, "resource_kind": "building", "resource_name": "Gedung Ksirarnawa",
        "source": "guest", "status": "pending", "status_label": "menunggu persetujuan", "purpose": "Seminar",
        "starts_at": datetime(2031, 6, 10, 1, tzinfo=UTC), "ends_at": datetime(2031, 6, 10, 7, tzinfo=UTC),
        "occupied_from": datetime(2031, 6, 10, 1, tzinfo=UTC), "occupied_to": datetime(2031, 6, 10, 7, tzinfo=UTC),
        "participants": 80, "created_at": datetime(2031, 5, 1, tzinfo=UTC), "allowed_actions": ["approve", "reject"],
        "guest": {"agency": "Dinas Kebudayaan Gianyar", "name": "I Made Suarsana", "email": "made@example.id",
                  "phone": "+62 812 3456 7890"}} | extra)


@pytest.fixture(autouse=True)
def calls_fit_booking_rpcs():
    """Every call the pages made to the fake booking is one the real ``BookingService`` takes."""
    from booking.service import BookingService

    MADE.clear()
    yield
    assert_calls_fit(MADE, BookingService, "booking")


def test_the_public_form_opens_without_a_session_with_a_hidden_honeypot():
    made = browser(anonymous=True)
    response = made.call("booking_guest_form", "/publik/peminjaman")
    assert response.status_code == 200
    body = text(response)
    assert "Gedung Ksirarnawa" in body and "Renon" in body and "/publik/peminjaman" in posts(body)
    assert 'name="csrf_token"' in body
    honeypot = body[body.index('name="website"') - 300:body.index('name="website"') + 100]
    assert "hidden" in honeypot and 'aria-hidden="true"' in honeypot and 'tabindex="-1"' in honeypot
    made.service.auth.authenticate_token.assert_not_called()


def test_the_form_goes_as_typed_with_the_client_address_and_shows_the_code_once():
    made = browser(anonymous=True)
    made.service.booking.submit_guest_request.return_value = RECEIPT
    response = made.call("booking_guest_submit", "/publik/peminjaman", "POST", FORM)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body = text(response)
    assert "PGJ-7K2M-Q9XD-4TZA-B8RW" in body and "hanya ditampilkan sekali" in body
    sent, kwargs = made.service.booking.submit_guest_request.call_args
    assert sent[0] == {"resource_id": 3, "starts_at": "2031-06-10T09:00", "ends_at": "2031-06-10T15:00",
                       "purpose": "Seminar kebudayaan", "participants": 80, "agency": None,
                       "name": "I Made Suarsana", "phone": "0812 3456 7890", "email": None, "website": ""}
    assert "client" in kwargs  # the address the edge saw (the test request has none)


def test_a_public_post_needs_the_csrf_token():
    made = browser(anonymous=True)
    made.session.csrf = "other"
    made.cookie = codec().dumps(WebSession.anonymous())
    response = made.call("booking_guest_submit", "/publik/peminjaman", "POST", FORM)
    assert response.status_code == 403
    made.service.booking.submit_guest_request.assert_not_called()


def test_booking_messages_land_by_their_fields_and_the_limit_is_429():
    made = browser(anonymous=True)
    made.service.booking.submit_guest_request.side_effect = ValidationFailed(
        "Permohonan peminjaman belum benar.", {"phone": "Nomor telepon hanya angka.", "purpose": "Terlalu panjang."})
    response = made.call("booking_guest_submit", "/publik/peminjaman", "POST", FORM)
    assert response.status_code == 422
    body = text(response)
    assert body.index("Nomor telepon hanya angka.") > body.index('id="f-phone"')
    assert 'value="I Made Suarsana"' in body  # what was typed stays
    made.service.booking.submit_guest_request.side_effect = Conflict("Waktu ini bentrok.", {"starts_at": "Bentrok."})
    assert made.call("booking_guest_submit", "/publik/peminjaman", "POST", FORM).status_code == 409
    made.service.booking.submit_guest_request.side_effect = GuestLimitReached(
        "Terlalu banyak permohonan dari perangkat/jaringan ini.", {}, {"retry_after": 60})
    limited = made.call("booking_guest_submit", "/publik/peminjaman", "POST", FORM)
    assert limited.status_code == 429 and "Terlalu banyak permohonan" in text(limited)


def test_the_status_page_shows_a_code_and_one_answer_for_unknown_codes():
    made = browser(anonymous=True)
    assert made.call("booking_guest_status_form", "/publik/peminjaman/status").status_code == 200
    made.service.booking.guest_request_status.return_value = SCHEMAS["GuestRequestStatusOut"]().dump({
        "status": "rejected", "status_label": "ditolak", "resource_name": "Gedung Ksirarnawa",
        "resource_location": "Renon", "purpose": "Seminar", "participants": 80,
        "starts_at": datetime(2031, 6, 10, 1, tzinfo=UTC), "ends_at": datetime(2031, 6, 10, 7, tzinfo=UTC),
        "submitted_at": datetime(2031, 5, 1, tzinfo=UTC), "decided_at": datetime(2031, 5, 2, tzinfo=UTC),
        "reason": "Gedung dipakai upacara."})
    found = made.call("booking_guest_status", "/publik/peminjaman/status", "POST",
                      {"code": "PGJ-7K2M-Q9XD-4TZA-B8RW"})
    assert found.status_code == 200 and found.headers["Cache-Control"] == "no-store"
    assert "Gedung dipakai upacara." in text(found) and "Ditolak" in text(found)
    made.service.booking.guest_request_status.assert_called_with("PGJ-7K2M-Q9XD-4TZA-B8RW")
    made.service.booking.guest_request_status.side_effect = NotFound("Kode pelacakan tidak dikenal.")
    unknown = made.call("booking_guest_status", "/publik/peminjaman/status", "POST", {"code": "PGJ-0000"})
    assert unknown.status_code == 404 and "Kode pelacakan tidak dikenal" in text(unknown)


def test_the_portal_lists_the_section():
    body = text(browser(anonymous=True).call("public_home", "/publik"))
    assert 'href="/publik/peminjaman"' in body and 'href="/publik/peminjaman/status"' in body


def test_the_staff_queue_shows_contacts_and_links_to_the_booking():
    made = browser("approve", "view_guest_requests")
    made.service.booking.list_guest_requests.return_value = {"items": [booking_row()], "next_cursor": "c2"}
    response = made.call("booking_guest_queue", "/peminjaman/tamu?status=pending")
    assert response.status_code == 200
    body = text(response)
    assert "+62 812 3456 7890" in body and "made@example.id" in body and "Dinas Kebudayaan Gianyar" in body
    assert 'href="/peminjaman/41"' in body and "cursor=c2" in body and "status=pending" in body
    made.service.booking.list_guest_requests.assert_called_with(status="pending", cursor=None, limit=25)
    assert "/peminjaman/tamu" in menu_links(body)


def test_the_queue_and_its_link_follow_the_capability():
    made = browser("request")
    assert made.call("booking_guest_queue", "/peminjaman/tamu").status_code == 403
    made.service.booking.list_guest_requests.assert_not_called()
    granted = {"booking": frozenset({"read", "view_guest_requests"})}
    urls = {link.url for _, links in nav.menu_for(granted) for link in links}
    assert "/peminjaman/tamu" in urls
    assert "/peminjaman/tamu" not in {link.url for _, links in nav.menu_for({"booking": frozenset({"read"})})
                                      for link in links}
