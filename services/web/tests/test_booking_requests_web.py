"""The requests pages without a running service: the form goes as typed (WITA date + time), booking's per-field
messages land by their inputs, the inbox spells out each request's conflicts, the buttons come from
``allowed_actions``, the menu links from the capabilities."""
from __future__ import annotations

from datetime import datetime

import pytest
from booking.schemas import SCHEMAS
from booking.schemas.common import BookingCapabilitiesOut
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from situok_kit.identity import Identity
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text

MANAGER = Identity(account_id=21, username="kasubbag_rtp", employee_id=15, roles=frozenset({"kasubbag", "pegawai"}))
NONE = dict.fromkeys(BookingCapabilitiesOut().fields, False)


def moments(record: dict) -> dict:
    """ISO strings of a record (and its steps and conflicts) as the datetimes the schema dumps."""
    def one(value):
        if isinstance(value, str) and value.startswith("20") and "T" in value:
            return datetime.fromisoformat(value)
        if isinstance(value, list):
            return [moments(v) if isinstance(v, dict) else v for v in value]
        return value
    return {key: one(value) for key, value in record.items()}


def booking(status="pending", actions=("reschedule", "cancel"), conflicts=(), **extra):
    return SCHEMAS["BookingOut"]().dump(moments({
        "id": 41, "resource_id": 3, "resource_kind": "room", "resource_name": "Ruang Rapat Kenanga",
        "resource_code": "R-201", "source": "staff", "status": status, "status_label": status,
        "purpose": "Rapat koordinasi anggaran", "starts_at": "2030-03-04T01:00:00+00:00",
        "ends_at": "2030-03-04T03:00:00+00:00", "occupied_from": "2030-03-04T01:00:00+00:00",
        "occupied_to": "2030-03-04T03:30:00+00:00", "participants": 12, "passengers": None, "destination": None,
        "needs_driver": False, "contact_name": "Made", "contact_phone": "0812", "requester_employee_id": 5,
        "requester_name": "I Kadek Agus Wirawan", "requester_unit_id": 2, "created_at": "2030-02-01T01:00:00+00:00",
        "series_id": None, "occurrence_start": None, "detached": False, "travel_order_id": None,
        "decided_by_employee_id": None, "decided_at": None, "decision_note": None, "cancelled_by": None,
        "cancelled_at": None, "cancel_reason": None, "guest": None, "trip": None,
        "conflicts": list(conflicts), "allowed_actions": list(actions),
        "steps": [{"action": "submitted", "actor": "pegawai", "actor_employee_id": 5, "note": None,
                   "at": "2030-02-01T01:00:00+00:00"}]} | extra))


def ours(body: str) -> set[str]:
    """The forms of this area on a page (not the layout's language switch or sign-out)."""
    return {action for action in posts(body) if action.startswith("/peminjaman/")}


MADE: list[Browser] = []


def browser(*names: str, identity: Identity | None = None) -> Browser:
    caps = {**NONE, "read": True, **dict.fromkeys(names, True)}
    made = Browser(STAFF, identity) if identity else Browser(STAFF)
    made.service.booking.capabilities.return_value = caps
    MADE.append(made)
    return made


@pytest.fixture(autouse=True)
def calls_fit_booking_rpcs():
    """Every call the pages made to the fake booking is one the real ``BookingService`` takes."""
    from booking.service import BookingService

    MADE.clear()
    yield
    assert_calls_fit(MADE, BookingService, "booking")


ROOM = {"id": 3, "kind": "room", "name": "Ruang Rapat Kenanga", "code": "R-201", "capacity": 20,
        "location": "Lantai 2"}
VAN = {"id": 9, "kind": "vehicle", "name": "Toyota HiAce", "code": "DK 1234 A", "capacity": 12, "location": None}


def resources(made: Browser) -> None:
    def get_resource(resource_id):
        if resource_id not in (3, 9):
            raise NotFound("Sumber daya tidak ditemukan.")
        return {3: ROOM, 9: VAN}[resource_id]

    made.service.booking.get_resource.side_effect = get_resource
    made.service.booking.list_resources.return_value = {"items": [ROOM, VAN], "next_cursor": None}


def test_the_form_comes_prefilled_in_wita_and_goes_as_typed():
    made = browser("request")
    resources(made)
    body = text(made.call("booking_request_new", "/peminjaman/ajukan?resource_id=3"
                                                "&starts_at=2030-03-04T01:00:00%2B00:00&ends_at=2030-03-04T03:00:00Z"))
    assert 'value="2030-03-04"' in body and 'value="09:00"' in body and 'value="11:00"' in body
    assert "Ruang Rapat Kenanga" in body and 'name="resource_id" value="3"' in body
    assert 'name="passengers"' not in body and "/peminjaman/ajukan" in posts(body)
    made.service.booking.list_resources.assert_not_called()
    choose = text(made.call("booking_request_new", "/peminjaman/ajukan?resource_id=77"))  # unknown: choose one
    assert '<option value="9">Kendaraan — Toyota HiAce (DK 1234 A)</option>' in choose
    made.service.booking.list_resources.assert_called_with(kind=None, limit=200)
    made.call("booking_request_new", "/peminjaman/ajukan?kind=vehicle")
    made.service.booking.list_resources.assert_called_with(kind="vehicle", limit=200)

    made.service.booking.create_booking.return_value = booking()
    response = made.call("booking_request_create", "/peminjaman/ajukan", "POST", {
        "resource_id": "3", "purpose": "Rapat koordinasi anggaran", "start_date": "2030-03-04",
        "start_time": "09:00", "end_time": "11:00", "participants": "12", "contact_name": "Made",
        "contact_phone": ""})
    assert response.status_code == 303 and response.headers["Location"] == "/peminjaman/41"
    assert made.service.booking.create_booking.call_args.args[0] == {
        "resource_id": 3, "purpose": "Rapat koordinasi anggaran", "starts_at": "2030-03-04T09:00:00+08:00",
        "ends_at": "2030-03-04T11:00:00+08:00", "participants": 12, "contact_name": "Made"}

    vehicle = made.call("booking_request_new", "/peminjaman/ajukan?resource_id=9")
    assert 'name="participants"' not in text(vehicle) and 'name="needs_driver"' in text(vehicle)
    made.call("booking_request_create", "/peminjaman/ajukan", "POST", {
        "resource_id": "9", "purpose": "Kunjungan kerja", "start_date": "2030-03-04",
        "start_time": "07:00", "end_date": "2030-03-05", "end_time": "17:00", "passengers": "3",
        "destination": "Singaraja"})
    assert made.service.booking.create_booking.call_args.args[0] == {
        "resource_id": 9, "purpose": "Kunjungan kerja", "starts_at": "2030-03-04T07:00:00+08:00",
        "ends_at": "2030-03-05T17:00:00+08:00", "passengers": 3, "destination": "Singaraja", "needs_driver": False}


def test_a_refused_request_shows_the_form_again_with_each_fields_message():
    made = browser("request")
    resources(made)
    made.service.booking.create_booking.side_effect = ValidationFailed("Permohonan peminjaman belum benar.", {
        "ends_at": "Waktu selesai harus setelah waktu mulai.", "participants": "Kapasitas ruangan ini 10 orang.",
        "warna": "Kolom tidak dikenal."})
    response = made.call("booking_request_create", "/peminjaman/ajukan", "POST", {
        "resource_id": "3", "purpose": "Rapat", "start_date": "2030-03-04", "start_time": "11:00",
        "end_time": "09:00", "participants": "30"})
    assert response.status_code == 422
    body = text(response)
    assert body.index("Waktu selesai harus setelah waktu mulai.") > body.index('id="f-end_time"')
    assert body.index("Kapasitas ruangan ini 10 orang.") > body.index('id="f-participants"')
    assert "Kolom tidak dikenal." in body and 'value="30"' in body and ">Rapat</textarea>" in body
    made.service.booking.create_booking.side_effect = Conflict(
        "Waktu ini bentrok dengan peminjaman lain yang sudah disetujui.", {"starts_at": "Bentrok 09:00–11:00."})
    clash = made.call("booking_request_create", "/peminjaman/ajukan", "POST", {"resource_id": "3"})
    assert clash.status_code == 409 and text(clash).index("Bentrok 09:00–11:00.") > text(clash).index(
        'id="f-start_time"')
    made.service.booking.create_booking.side_effect = NotFound("Sumber daya tidak ditemukan.",
                                                               {"resource_id": "Tidak ada sumber daya dengan id ini."})
    unknown = made.call("booking_request_create", "/peminjaman/ajukan", "POST", {"resource_id": "999"})
    assert unknown.status_code == 404 and "Tidak ada sumber daya dengan id ini." in text(unknown)


def test_my_bookings_upcoming_first_with_their_cancel_form():
    made = browser("request")
    made.service.booking.list_my_bookings.return_value = {
        "items": [booking(), booking(status="rejected", actions=(), id=42)], "next_cursor": "abc"}
    body = text(made.call("booking_request_mine", "/peminjaman/saya"))
    made.service.booking.list_my_bookings.assert_called_once_with(upcoming=True, cursor=None, limit=20)
    assert "Ruang Rapat Kenanga" in body and "4 Maret 2030 09.00 WITA" in body
    assert posts(body) >= {"/peminjaman/41/batalkan"} and "/peminjaman/42/batalkan" not in posts(body)
    assert "/peminjaman/saya?cursor=abc" in body
    made.call("booking_request_mine", "/peminjaman/saya?lewat=1")
    made.service.booking.list_my_bookings.assert_called_with(upcoming=False, cursor=None, limit=20)

    made.service.booking.cancel_booking.return_value = booking(status="cancelled", actions=())
    done = made.call("booking_request_cancel", "/peminjaman/41/batalkan", "POST",
                     {"reason": "Rapat ditunda", "next": "/peminjaman/saya"}, booking_id=41)
    assert done.status_code == 303 and done.headers["Location"] == "/peminjaman/saya"
    made.service.booking.cancel_booking.assert_called_once_with(41, {"reason": "Rapat ditunda"})
    away = made.call("booking_request_cancel", "/peminjaman/41/batalkan", "POST",
                     {"reason": "x", "next": "https://evil.example/"}, booking_id=41)
    assert away.headers["Location"] == "/peminjaman/41"


def test_the_inbox_spells_out_conflicts_and_decides():
    made = browser("request", "approve", identity=MANAGER)
    clash = {"kind": "booking", "booking_id": 40, "block_id": None, "starts_at": "2030-03-04T02:00:00+00:00",
             "ends_at": "2030-03-04T04:00:00+00:00", "label": "Rapat pimpinan", "status": "pending"}
    made.service.booking.list_inbox.return_value = {
        "items": [booking(actions=("approve", "reject", "reschedule", "cancel"), conflicts=[clash])],
        "next_cursor": None}
    body = text(made.call("booking_request_inbox", "/peminjaman/persetujuan?jenis=room"))
    made.service.booking.list_inbox.assert_called_once_with(kind="room", cursor=None, limit=20)
    assert "Rapat pimpinan" in body and 'href="/peminjaman/40"' in body and "Bentrok dengan 1 jadwal lain" in body
    assert {"/peminjaman/41/setujui", "/peminjaman/41/tolak"} <= posts(body)
    assert "/peminjaman/persetujuan" in menu_links(body) and "/peminjaman/saya" in menu_links(body)

    made.service.booking.approve_booking.side_effect = Conflict(
        "Waktu ini baru saja disetujui untuk peminjaman lain.", {"starts_at": "… (peminjaman #40)"})
    refused = made.call("booking_request_approve", "/peminjaman/41/setujui", "POST",
                        {"note": "", "next": "/peminjaman/persetujuan"}, booking_id=41)
    assert refused.headers["Location"] == "/peminjaman/persetujuan"
    made.service.booking.approve_booking.assert_called_once_with(41, {"note": None})
    made.service.booking.reject_booking.return_value = booking(status="rejected", actions=())
    made.call("booking_request_reject", "/peminjaman/41/tolak", "POST", {"reason": "Dipakai pimpinan"},
              booking_id=41)
    made.service.booking.reject_booking.assert_called_once_with(41, {"note": "Dipakai pimpinan"})


def test_the_detail_shows_the_buttons_booking_allows_and_its_steps():
    made = browser("request")
    made.service.booking.get_booking.return_value = booking(status="approved", actions=("reschedule", "cancel"))
    body = text(made.call("booking_request_detail", "/peminjaman/41", booking_id=41))
    assert ours(body) == {"/peminjaman/41/ubah-jadwal", "/peminjaman/41/batalkan"}
    assert "/peminjaman/41/setujui" not in body and "Diajukan" in body and "Jadwal baru perlu disetujui lagi" in body
    assert "Terpakai (dengan jeda)" in body  # its 30-minute buffer

    made.service.booking.get_booking.return_value = booking(status="rejected", actions=())
    assert ours(text(made.call("booking_request_detail", "/peminjaman/41", booking_id=41))) == set()

    made.service.booking.get_booking.return_value = booking()
    made.service.booking.reschedule_booking.side_effect = ValidationFailed(
        "Jadwal baru belum benar.", {"ends_at": "Waktu selesai harus setelah waktu mulai."})
    response = made.call("booking_request_reschedule", "/peminjaman/41/ubah-jadwal", "POST", {
        "start_date": "2030-03-05", "start_time": "10:00", "end_time": "09:00"}, booking_id=41)
    assert response.status_code == 422
    assert text(response).index("Waktu selesai harus setelah waktu mulai.") > text(response).index('id="f-end_time"')
    made.service.booking.reschedule_booking.assert_called_once_with(41, {
        "starts_at": "2030-03-05T10:00:00+08:00", "ends_at": "2030-03-05T09:00:00+08:00"})


def test_the_menu_follows_the_capabilities():
    staff = text(browser("request").call("booking_request_mine", "/peminjaman/saya"))
    assert {"/peminjaman/ajukan", "/peminjaman/saya"} <= menu_links(staff)
    assert "/peminjaman/persetujuan" not in menu_links(staff)
    refused = browser("request").call("booking_request_inbox", "/peminjaman/persetujuan")
    assert refused.status_code == 403
