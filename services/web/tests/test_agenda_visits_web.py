"""The visits pages without a running service: the public form opens without a session with agenda's ticket and a
hidden honeypot, goes to agenda as typed (the letter from multipart to base64) with the client's address the edge
saw, shows the tracking code once and never cached; agenda's messages land by their fields, the limit is a 429;
the status page shows a code's request and offers the pass once approved; the staff's queue and detail show the
contact and only the buttons agenda allows, the decision goes with a room or an address; the reception page is
for signed-in protocol staff (the login page for anyone else)."""
from __future__ import annotations

import base64
import io
from datetime import UTC, date, datetime

import pytest
from agenda.schemas import SCHEMAS
from agenda.schemas.common import AgendaCapabilitiesOut, PublicFormLimitReached
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text
from web import nav
from web.http import codec
from web.sessions import WebSession
from web.views.agenda_visits import approve_payload, visit_payload

NONE = dict.fromkeys(AgendaCapabilitiesOut().fields, False)
PDF = b"%PDF-1.4 surat"
CODE = "KNJ-7K2M-Q9XD-4TZA-B8RW"
FORM = {"agency": "Dinas Pariwisata Gianyar", "leader_wished": "Gubernur", "purpose": "Audiensi festival budaya.",
        "visitor_count": "3", "visitor_names": "I Wayan\r\n\r\nNi Kadek\r\n", "wished_date_1": "2031-05-14",
        "wished_date_2": "", "wished_date_3": "2031-05-16", "contact_name": "I Wayan",
        "contact_phone": "0812 3456 7890", "contact_email": "", "ticket": "1767225600.abc", "website": ""}
RECEIPT = SCHEMAS["VisitReceiptOut"]().dump({"tracking_code": CODE, "status": "pending",
                                             "status_label": "menunggu keputusan", "agency": "Dinas Pariwisata",
                                             "wished_dates": [date(2031, 5, 14)]})
MADE: list[Browser] = []


def browser(*names: str, anonymous: bool = False) -> Browser:
    caps = {**NONE, "read": True, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "agenda": caps})
    made.service.agenda.capabilities.return_value = caps
    made.service.agenda.public_form_ticket.return_value = {"ticket": "1767225600.fresh", "min_seconds": 3}
    made.service.booking.list_resources.return_value = {"items": [{"id": 4, "name": "Ruang Wiswa Sabha",
                                                                   "capacity": 40}], "next_cursor": None}
    if anonymous:
        made.session = WebSession.anonymous()
        made.cookie = codec().dumps(made.session)
    MADE.append(made)
    return made


def visit_row(actions, status="pending", **extra) -> dict:
    return SCHEMAS["VisitRequestOut"]().dump({
        "id": 7, "status": status, "status_label": status, "agency": "Dinas Pariwisata Gianyar", "leader_id": None,
        "leader_title": "Gubernur", "leader_wished": "Gubernur", "purpose": "Audiensi festival budaya.",
        "visitor_count": 3, "visitor_names": ["I Wayan", "Ni Kadek"], "wished_dates": [date(2031, 5, 14)],
        "contact": {"name": "I Wayan", "phone": "+62 812 3456 7890", "email": "wayan@example.id"},
        "letter_name": "surat.pdf", "letter_type": "application/pdf", "created_at": datetime(2031, 5, 1, tzinfo=UTC),
        "starts_at": None, "ends_at": None, "room_resource_id": None, "room_name": None, "room_booking_id": None,
        "room_note": None,
        "address": None, "place": None, "reason": None, "decision_note": None, "decided_at": None,
        "decided_by": None, "checked_in_at": None, "checked_in_by": None, "allowed_actions": actions} | extra)


@pytest.fixture(autouse=True)
def calls_fit_the_rpcs():
    """Every call the pages made to the fake agenda and booking is one the real services take."""
    from agenda.service import AgendaService
    from booking.service import BookingService

    MADE.clear()
    yield
    assert_calls_fit(MADE, AgendaService, "agenda")
    assert_calls_fit(MADE, BookingService, "booking")


def test_the_payloads_are_the_forms_as_agenda_reads_them():
    letter = {"filename": "surat.pdf", "content_b64": "JVBERg=="}
    assert visit_payload(FORM, letter, "t.1") == {
        "agency": "Dinas Pariwisata Gianyar", "leader_wished": "Gubernur", "purpose": "Audiensi festival budaya.",
        "visitor_count": 3, "visitor_names": ["I Wayan", "Ni Kadek"], "wished_dates": ["2031-05-14", "2031-05-16"],
        "contact_name": "I Wayan", "contact_phone": "0812 3456 7890", "contact_email": None,
        "letter_b64": "JVBERg==", "letter_name": "surat.pdf", "ticket": "t.1", "website": ""}
    assert visit_payload({}, None, "")["letter_b64"] is None
    room = {"starts_at": "2031-05-14T10:00", "ends_at": "2031-05-14T11:30", "place": "room", "room_resource_id": "4",
            "address": "ignored", "note": ""}
    assert approve_payload(room) == {"starts_at": "2031-05-14T10:00", "ends_at": "2031-05-14T11:30",
                                     "room_resource_id": 4, "address": None, "note": None}
    assert approve_payload({**room, "place": "address", "address": "Jaya Sabha"})["room_resource_id"] is None


def test_the_public_form_opens_without_a_session_with_the_ticket_and_a_hidden_honeypot():
    made = browser(anonymous=True)
    response = made.call("agenda_visit_form", "/publik/kunjungan")
    assert response.status_code == 200
    body = text(response)
    assert "/publik/kunjungan" in posts(body) and 'enctype="multipart/form-data"' in body
    assert 'name="ticket" value="1767225600.fresh"' in body and 'name="csrf_token"' in body
    honeypot = body[body.index('name="website"') - 300:body.index('name="website"') + 100]
    assert "hidden" in honeypot and 'aria-hidden="true"' in honeypot and 'tabindex="-1"' in honeypot
    made.service.auth.authenticate_token.assert_not_called()


def test_the_form_goes_with_the_letter_and_the_client_address_and_shows_the_code_once():
    made = browser(anonymous=True)
    made.service.agenda.submit_visit_request.return_value = RECEIPT
    response = made.call("agenda_visit_submit", "/publik/kunjungan", "POST",
                         {**FORM, "letter": (io.BytesIO(PDF), "surat.pdf", "application/pdf")})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body = text(response)
    assert CODE in body and "hanya ditampilkan sekali" in body
    sent, kwargs = made.service.agenda.submit_visit_request.call_args
    assert base64.b64decode(sent[0]["letter_b64"]) == PDF and sent[0]["letter_name"] == "surat.pdf"
    assert sent[0]["ticket"] == "1767225600.abc" and sent[0]["wished_dates"] == ["2031-05-14", "2031-05-16"]
    assert "client" in kwargs  # the address the edge saw (the test request has none)


def test_agenda_messages_land_by_their_fields_and_the_limit_is_429():
    made = browser(anonymous=True)
    made.service.agenda.submit_visit_request.side_effect = ValidationFailed(
        "Permohonan kunjungan belum benar.", {"contact_phone": "Nomor telepon hanya angka.",
                                             "wished_dates": "Tanggal paling cepat besok.",
                                             "letter_b64": "Isi berkas bukan PDF."})
    response = made.call("agenda_visit_submit", "/publik/kunjungan", "POST", FORM)
    assert response.status_code == 422
    body = text(response)
    assert body.index("Nomor telepon hanya angka.") > body.index('id="f-contact_phone"')
    assert body.index("Isi berkas bukan PDF.") > body.index('id="f-letter"')
    assert "Tanggal paling cepat besok." in body and 'value="Dinas Pariwisata Gianyar"' in body
    made.service.agenda.submit_visit_request.side_effect = ValidationFailed(
        "Formulir dikirim terlalu cepat.", {"ticket": "Formulir dikirim terlalu cepat; kirim lagi."})
    too_fast = made.call("agenda_visit_submit", "/publik/kunjungan", "POST", FORM)
    assert too_fast.status_code == 422 and "kirim lagi" in text(too_fast)
    assert 'name="ticket" value="1767225600.fresh"' in text(too_fast)  # a fresh ticket to send again
    made.service.agenda.submit_visit_request.side_effect = PublicFormLimitReached(
        "Terlalu banyak permohonan dari perangkat/jaringan ini.", {}, {"retry_after": 60})
    limited = made.call("agenda_visit_submit", "/publik/kunjungan", "POST", FORM)
    assert limited.status_code == 429 and "Terlalu banyak permohonan" in text(limited)


def test_the_status_page_shows_a_code_and_offers_the_pass_once_approved():
    made = browser(anonymous=True)
    assert made.call("agenda_visit_status_form", "/publik/kunjungan/status").status_code == 200
    made.service.agenda.visit_request_status.return_value = SCHEMAS["VisitStatusOut"]().dump({
        "status": "approved", "status_label": "disetujui", "agency": "Dinas Pariwisata", "purpose": "Audiensi",
        "visitor_count": 3, "wished_dates": [date(2031, 5, 14)], "submitted_at": datetime(2031, 5, 1, tzinfo=UTC),
        "decided_at": datetime(2031, 5, 2, tzinfo=UTC), "starts_at": datetime(2031, 5, 14, 2, tzinfo=UTC),
        "ends_at": datetime(2031, 5, 14, 3, 30, tzinfo=UTC), "place": "Ruang Wiswa Sabha", "note": None,
        "reason": None, "pass_available": True})
    found = made.call("agenda_visit_status", "/publik/kunjungan/status", "POST", {"code": CODE})
    assert found.status_code == 200 and found.headers["Cache-Control"] == "no-store"
    body = text(found)
    assert "Ruang Wiswa Sabha" in body and "10.00 WITA" in body and "/publik/kunjungan/kartu" in posts(body)
    made.service.agenda.visit_pass.return_value = {"filename": "kartu-tamu-7.pdf", "content_type": "application/pdf",
                                                   "content_b64": base64.b64encode(b"%PDF pass").decode()}
    document = made.call("agenda_visit_pass", "/publik/kunjungan/kartu", "POST", {"code": CODE})
    assert document.get_data() == b"%PDF pass" and document.headers["Cache-Control"] == "no-store"
    made.service.agenda.visit_pass.assert_called_with(CODE)
    made.service.agenda.visit_request_status.side_effect = NotFound("Kode pelacakan tidak dikenal.")
    unknown = made.call("agenda_visit_status", "/publik/kunjungan/status", "POST", {"code": "KNJ-0000"})
    assert unknown.status_code == 404 and "Kode pelacakan tidak dikenal" in text(unknown)
    made.service.agenda.visit_pass.side_effect = NotFound("Kode pelacakan tidak dikenal.")
    assert made.call("agenda_visit_pass", "/publik/kunjungan/kartu", "POST", {"code": "x"}).status_code == 404


def test_the_portal_lists_the_section_template():
    from web.rendering import render

    body = render("public/sections/kunjungan.html", {})
    assert 'href="/publik/kunjungan"' in body and 'href="/publik/kunjungan/status"' in body


def test_the_queue_shows_contacts_and_the_menu_follows_the_capability():
    made = browser("view_visits")
    made.service.agenda.list_visit_requests.return_value = {"items": [visit_row(["cancel"])], "next_cursor": "c2"}
    response = made.call("agenda_visit_queue", "/kunjungan?status=pending")
    assert response.status_code == 200
    body = text(response)
    assert "+62 812 3456 7890" in body and "wayan@example.id" in body and 'href="/kunjungan/7"' in body
    assert "cursor=c2" in body and "status=pending" in body and "/kunjungan" in menu_links(body)
    made.service.agenda.list_visit_requests.assert_called_with(status="pending", cursor=None, limit=25)
    outsider = browser()
    assert outsider.call("agenda_visit_queue", "/kunjungan").status_code == 403
    outsider.service.agenda.list_visit_requests.assert_not_called()
    assert "/kunjungan" not in {link.url for _, links in nav.menu_for({"agenda": frozenset({"read"})})
                                for link in links}
    areas = {area.key: area for area in nav.areas()}
    assert areas["layanan_publik"].label == "Layanan Publik" and areas["layanan_publik"].icon == "users"


def test_the_detail_shows_only_the_allowed_buttons_and_rooms_from_booking():
    made = browser("view_visits", "decide_visits")
    made.service.agenda.get_visit_request.return_value = visit_row(["approve", "refuse", "cancel"])
    body = text(made.call("agenda_visit_detail", "/kunjungan/7", visit_id=7))
    assert {"/kunjungan/7/setujui", "/kunjungan/7/tolak", "/kunjungan/7/batalkan"} <= posts(body)
    assert "Ruang Wiswa Sabha" in body and 'href="/kunjungan/7/surat"' in body
    made.service.booking.list_resources.assert_called_with(kind="room", limit=200)
    staff_only = browser("view_visits")
    staff_only.service.agenda.get_visit_request.return_value = visit_row(["cancel"])
    body = text(staff_only.call("agenda_visit_detail", "/kunjungan/7", visit_id=7))
    assert posts(body) & {"/kunjungan/7/setujui", "/kunjungan/7/tolak"} == set()
    staff_only.service.booking.list_resources.assert_not_called()


def test_the_decision_goes_with_a_room_and_a_conflict_comes_back_on_the_form():
    made = browser("view_visits", "decide_visits")
    made.service.agenda.get_visit_request.return_value = visit_row(["approve", "refuse", "cancel"])
    made.service.agenda.approve_visit_request.side_effect = Conflict(
        "Ruangan tidak tersedia pada waktu itu: peminjaman #77.", {"room_resource_id": "Dipakai peminjaman #77."})
    form = {"starts_at": "2031-05-14T10:00", "ends_at": "2031-05-14T11:30", "place": "room",
            "room_resource_id": "4", "address": "", "note": ""}
    refused = made.call("agenda_visit_approve", "/kunjungan/7/setujui", "POST", form, visit_id=7)
    assert refused.status_code == 409 and "Dipakai peminjaman #77." in text(refused)
    made.service.agenda.approve_visit_request.assert_called_with(7, {
        "starts_at": "2031-05-14T10:00", "ends_at": "2031-05-14T11:30", "room_resource_id": 4, "address": None,
        "note": None})
    made.service.agenda.approve_visit_request.side_effect = None
    made.service.agenda.approve_visit_request.return_value = visit_row([], status="approved")
    done = made.call("agenda_visit_approve", "/kunjungan/7/setujui", "POST", form, visit_id=7)
    assert done.status_code in (302, 303) and done.headers["Location"].endswith("/kunjungan/7")
    made.call("agenda_visit_refuse", "/kunjungan/7/tolak", "POST", {"reason": "Penuh."}, visit_id=7)
    made.service.agenda.refuse_visit_request.assert_called_with(7, "Penuh.")
    made.call("agenda_visit_cancel", "/kunjungan/7/batalkan", "POST", {"reason": "Berhalangan."}, visit_id=7)
    made.service.agenda.cancel_visit_request.assert_called_with(7, "Berhalangan.")


def test_the_letter_is_a_download():
    made = browser("view_visits")
    made.service.agenda.visit_request_letter.return_value = {
        "filename": "surat.pdf", "content_type": "application/pdf", "content_b64": base64.b64encode(PDF).decode()}
    response = made.call("agenda_visit_letter", "/kunjungan/7/surat", visit_id=7)
    assert response.get_data() == PDF and response.headers["Content-Disposition"].startswith("attachment;")


def test_the_reception_page_is_for_protocol_staff_and_records_the_arrival():
    made = browser("check_in_visitors")
    made.service.agenda.check_visitor_pass.return_value = SCHEMAS["VisitPassCheckOut"]().dump({
        "valid": True, "reason": "valid", "message": "Kartu tamu berlaku untuk kunjungan ini.",
        "visit": {"id": 7, "agency": "Dinas Pariwisata", "visitor_count": 3, "visitor_names": ["I Wayan"],
                  "starts_at": datetime(2031, 5, 14, 2, tzinfo=UTC), "ends_at": datetime(2031, 5, 14, 3, tzinfo=UTC),
                  "place": "Ruang Wiswa Sabha", "checked_in_at": None},
        "allowed_actions": ["check_in"]})
    response = made.call("agenda_visit_check", "/kunjungan/periksa/tok123", token="tok123")
    body = text(response)
    assert response.status_code == 200 and "BERLAKU" in body and "/kunjungan/periksa/tok123/hadir" in posts(body)
    made.service.agenda.check_visitor_pass.assert_called_with("tok123")
    done = made.call("agenda_visit_check_in", "/kunjungan/periksa/tok123/hadir", "POST", {}, token="tok123")
    assert done.status_code in (302, 303)
    made.service.agenda.check_in_visitor.assert_called_with("tok123")
    made.service.agenda.check_in_visitor.side_effect = Conflict("Kedatangan sudah dicatat.")
    again = made.call("agenda_visit_check_in", "/kunjungan/periksa/tok123/hadir", "POST", {}, token="tok123")
    assert again.status_code in (302, 303)  # back to the page with the message
    # an employee who is not protocol staff may not; someone not signed in gets the login page
    assert browser().call("agenda_visit_check", "/kunjungan/periksa/tok123", token="tok123").status_code == 403
    anonymous = browser(anonymous=True)
    login = anonymous.call("agenda_visit_check", "/kunjungan/periksa/tok123", token="tok123")
    assert login.status_code in (302, 303) and "/masuk?" in login.headers["Location"]
    anonymous.service.agenda.check_visitor_pass.assert_not_called()
