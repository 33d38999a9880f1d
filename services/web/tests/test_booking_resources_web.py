"""The booking resources pages without a running service (booking replaced, its answers dumped through booking's
own schemas): the menu by capability, the search with its "Ajukan" links and alternatives, refusals landing by
their fields, the day overview, a resource's calendar with its blackout form, the keepers' list and forms."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from booking.schemas.common import BookingCapabilitiesOut
from booking.schemas.resources import AvailabilityOut, CalendarOverviewOut, ResourceCalendarOut, ResourceOut
from situok_kit.clock import WITA
from situok_kit.errors import Conflict, ValidationFailed
from situok_kit.identity import Identity
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text
from web.views import booking_resources

KEEPER = Identity(account_id=3, username="pengurus_barang", employee_id=9, roles=frozenset({"pengurus_barang"}))
NONE = dict.fromkeys(BookingCapabilitiesOut().fields, False)
START = datetime(2031, 6, 10, 9, tzinfo=WITA)
END = datetime(2031, 6, 10, 11, tzinfo=WITA)


def resource_values(**fields) -> dict:
    values = {"id": 7, "kind": "room", "kind_label": "ruangan", "source": "local", "resource_key": None,
              "asset_id": None, "name": "Ruang Rapat Merak", "code": "RM-1", "location": "Gedung A, Lantai 2",
              "description": None, "capacity": 30, "facilities": ["ac", "proyektor"], "brand": None, "fuel": None,
              "odometer_km": None, "condition": None, "asset_available": True, "under_maintenance": False,
              "withdrawn_reason": None, "manager_employee_id": 4, "manager_name": "Ni Luh Putu Sari",
              "approver_role": None, "effective_approver_role": "kepala_bagian", "buffer_before_minutes": 0,
              "buffer_after_minutes": 15, "guest_bookable": False, "active": True, "bookable": True,
              "unbookable_reason": None, "updated_at": START, "updated_by": "pengurus_barang",
              "allowed_actions": ["edit", "add_blackout", "remove_blackout", "request"]}
    return values | fields


def resource(**fields) -> dict:
    return ResourceOut().dump(resource_values(**fields))


def entry(**fields) -> dict:
    return {"kind": "booking", "resource_id": 7, "booking_id": 31, "block_id": None, "starts_at": START,
            "ends_at": END, "label": "Rapat anggaran", "status": "approved", "pending": False,
            "source": "staff"} | fields


def calendar(view: str = "week", **resource_fields) -> dict:
    days = [{"date": date(2031, 6, 9 + n), "weekday": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu",
                                                        "Minggu")[n],
             "entries": [entry(), entry(booking_id=32, status="pending", pending=True, label="Sosialisasi",
                                    starts_at=START.replace(hour=13), ends_at=END.replace(hour=14))]
             if n == 1 else []} for n in range(7)]
    return ResourceCalendarOut().dump({
        "resource": resource_values(**resource_fields), "view": view, "date": date(2031, 6, 10),
        "starts_on": date(2031, 6, 9), "ends_on": date(2031, 6, 15), "previous_date": date(2031, 6, 3),
        "next_date": date(2031, 6, 17), "days": days})


MADE: list[Browser] = []


def browser(*names: str, identity: Identity = KEEPER) -> Browser:
    caps = {**NONE, "read": True, "request": True, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "booking": caps}, identity)
    made.service.booking.capabilities.return_value = caps
    made.service.booking.resource_calendar.return_value = calendar()
    made.service.booking.list_blocks.return_value = {"items": []}
    made.service.booking.get_resource.return_value = resource()
    MADE.append(made)
    return made


@pytest.fixture(autouse=True)
def calls_fit_booking_rpcs():
    """Every call the pages made to the fake booking is one the real ``BookingService`` takes."""
    from booking.service import BookingService

    MADE.clear()
    yield
    assert_calls_fit(MADE, BookingService, "booking")


def test_the_menu_links_follow_the_capabilities():
    keeper = menu_links(text(browser("manage_resources").call("dashboard", "/")))
    assert {"/peminjaman/cari", "/peminjaman/kalender", "/peminjaman/sumber-daya"} <= keeper
    pegawai = menu_links(text(browser().call("dashboard", "/")))
    assert "/peminjaman/cari" in pegawai and "/peminjaman/sumber-daya" not in pegawai
    assert browser().call("booking_resources", "/peminjaman/sumber-daya").status_code == 403
    assert browser().call("booking_resource_new", "/peminjaman/sumber-daya/baru").status_code == 403


def test_the_search_lists_what_is_free_with_a_request_link():
    made = browser()
    empty = made.call("booking_search", "/peminjaman/cari")
    assert empty.status_code == 200 and 'name="participants"' in text(empty)
    made.service.booking.search_availability.assert_not_called()
    made.service.booking.search_availability.return_value = AvailabilityOut().dump({
        "items": [resource(id=7)], "next_cursor": "abc", "alternatives": [], "starts_at": START, "ends_at": END,
        "kind": "room"})
    body = text(made.call("booking_search", "/peminjaman/cari?kind=room&date=2031-06-10&start=09:00&end=11:00"
                                            "&participants=12&facilities=proyektor&facilities=ac"))
    made.service.booking.search_availability.assert_called_once_with({
        "kind": "room", "starts_at": "2031-06-10T09:00", "ends_at": "2031-06-10T11:00", "participants": 12,
        "facilities": ["proyektor", "ac"]})
    assert ('href="/peminjaman/ajukan?resource_id=7&amp;starts_at=2031-06-10T09%3A00%3A00%2B08%3A00&amp;'
            'ends_at=2031-06-10T11%3A00%3A00%2B08%3A00&amp;participants=12"') in body
    assert "Ruang Rapat Merak" in body and "cursor=abc" in body
    # a vehicle: passengers, without a driver
    made.call("booking_search", "/peminjaman/cari?kind=vehicle&date=2031-06-10&start=07:00&end=17:00"
                                "&passengers=4&needs_driver=0&destination=Singaraja")
    made.service.booking.search_availability.assert_called_with({
        "kind": "vehicle", "starts_at": "2031-06-10T07:00", "ends_at": "2031-06-10T17:00", "passengers": 4,
        "needs_driver": False, "destination": "Singaraja"})


def test_nothing_free_shows_the_nearest_alternatives_and_refusals_land_by_their_fields():
    made = browser()
    made.service.booking.search_availability.return_value = AvailabilityOut().dump({
        "items": [], "next_cursor": None, "starts_at": START, "ends_at": END, "kind": "room",
        "alternatives": [{"resource_id": 7, "resource_name": "Ruang Rapat Merak", "resource_code": "RM-1",
                          "capacity": 30, "starts_at": START.replace(hour=13), "ends_at": END.replace(hour=15),
                          "shift_minutes": 240}]})
    body = text(made.call("booking_search", "/peminjaman/cari?kind=room&date=2031-06-10&start=09:00&end=11:00"))
    assert "Waktu bebas terdekat" in body and "13.00–15.00" in body
    assert "resource_id=7&amp;starts_at=2031-06-10T13%3A00%3A00%2B08%3A00" in body
    made.service.booking.search_availability.side_effect = ValidationFailed(
        "Data tidak valid.", {"ends_at": "Waktu selesai harus setelah waktu mulai."})
    refused = made.call("booking_search", "/peminjaman/cari?kind=room&date=2031-06-10&start=11:00&end=09:00")
    assert refused.status_code == 422
    assert 'id="e-end">Waktu selesai harus setelah waktu mulai.' in text(refused)


def test_the_overview_lists_each_resource_by_day():
    made = browser()
    made.service.booking.calendar_overview.return_value = CalendarOverviewOut().dump({
        "kind": "room", "date": date(2031, 6, 10), "previous_date": date(2031, 6, 9),
        "next_date": date(2031, 6, 11), "rows": [
            {"resource_id": 7, "resource_name": "Ruang Rapat Merak", "resource_code": "RM-1", "capacity": 30,
             "bookable": True, "entries": [entry(), entry(kind="blackout", booking_id=None, block_id=2,
                                                          status=None, label="Renovasi",
                                                          starts_at=START.replace(hour=13),
                                                          ends_at=END.replace(hour=17))]},
            {"resource_id": 8, "resource_name": "Ruang Kecil", "resource_code": None, "capacity": 8,
             "bookable": True, "entries": []}]})
    body = text(made.call("booking_calendar", "/peminjaman/kalender?kind=room&date=2031-06-10"))
    made.service.booking.calendar_overview.assert_called_once_with("room", "2031-06-10")
    assert "09.00–11.00" in body and "Rapat anggaran" in body and "Renovasi" in body and "Ditutup" in body
    assert "Bebas sepanjang hari." in body and "10-06-2031" in body


def test_a_resources_calendar_and_its_blackout_form():
    made = browser()
    body = text(made.call("booking_resource", "/peminjaman/sumber-daya/7?view=week&date=2031-06-10",
                          resource_id=7))
    made.service.booking.resource_calendar.assert_called_once_with(7, "week", "2031-06-10")
    assert "Menunggu persetujuan" in body and "Sosialisasi" in body and "Selasa, 10-06-2031" in body
    assert "/peminjaman/sumber-daya/7/masa-tutup" in posts(body)
    made.service.booking.add_blackout.side_effect = Conflict(
        "Ada 1 peminjaman disetujui pada masa itu: #31.", {"cancel_overlapping": "Batalkan dulu: #31."})
    refused = made.call("booking_resource_blackout", "/peminjaman/sumber-daya/7/masa-tutup", "POST",
                        {"starts_at": "2031-06-10T00:00", "ends_at": "2031-06-11T00:00", "reason": "Renovasi"},
                        resource_id=7)
    assert refused.status_code == 409 and 'id="e-cancel_overlapping">Batalkan dulu: #31.' in text(refused)
    made.service.booking.add_blackout.side_effect = None
    made.service.booking.add_blackout.return_value = {"block": {"id": 3}, "cancelled_booking_ids": [31]}
    done = made.call("booking_resource_blackout", "/peminjaman/sumber-daya/7/masa-tutup", "POST",
                     {"starts_at": "2031-06-10T00:00", "ends_at": "2031-06-11T00:00", "reason": "Renovasi",
                      "cancel_overlapping": "1"}, resource_id=7)
    assert done.status_code == 303
    made.service.booking.add_blackout.assert_called_with(7, {"starts_at": "2031-06-10T00:00",
                                                             "ends_at": "2031-06-11T00:00", "reason": "Renovasi",
                                                             "cancel_overlapping": True})
    made.service.booking.remove_blackout.return_value = {"items": []}
    removed = made.call("booking_blackout_remove", "/peminjaman/masa-tutup/3/hapus", "POST", {"resource_id": "7"},
                        block_id=3)
    assert removed.status_code == 303 and removed.headers["Location"].endswith("/peminjaman/sumber-daya/7")
    # a pegawai sees the calendar, not the form
    pegawai = browser(identity=Identity(account_id=11, username="pegawai", employee_id=5,
                                        roles=frozenset({"pegawai"})))
    pegawai.service.booking.resource_calendar.return_value = calendar(allowed_actions=["request"])
    plain = text(pegawai.call("booking_resource", "/peminjaman/sumber-daya/7", resource_id=7))
    assert "Rapat anggaran" in plain and "/peminjaman/sumber-daya/7/masa-tutup" not in posts(plain)
    pegawai.service.booking.list_blocks.assert_not_called()


def test_the_keepers_list_and_forms():
    made = browser("manage_resources")
    made.service.booking.list_resources.return_value = {"items": [resource(), resource(
        id=8, kind="vehicle", source="assets", name="Toyota Innova", code="DK 1234 AB", bookable=False,
        unbookable_reason="Ini kendaraan dalam kondisi rusak berat.")], "next_cursor": None}
    body = text(made.call("booking_resources", "/peminjaman/sumber-daya?kind=vehicle&include_inactive=1"))
    made.service.booking.list_resources.assert_called_once_with(kind="vehicle", q=None, include_inactive=True,
                                                                cursor=None, limit=50)
    assert "DK 1234 AB" in body and "rusak berat" in body and "dari aset" in body
    made.service.booking.create_resource.side_effect = ValidationFailed(
        "Data tidak valid.", {"capacity": "Harus antara 1 dan 10000.", "facilities.0": "Tidak dikenal."})
    refused = made.call("booking_resource_create", "/peminjaman/sumber-daya/baru", "POST", {
        "kind": "room", "name": "Ruang Baru", "capacity": "-3", "buffer_after_minutes": "15",
        "facilities": ["proyektor"], "active": "1"})
    assert refused.status_code == 422
    page = text(refused)
    assert 'id="e-capacity">Harus antara 1 dan 10000.' in page and 'id="e-facilities">Tidak dikenal.' in page
    sent = made.service.booking.create_resource.call_args.args[0]
    assert (sent["capacity"], sent["buffer_after_minutes"], sent["facilities"], sent["active"]) == (
        "-3", 15, ["proyektor"], True)
    # a resource kept from assets: only booking's own fields are sent
    made.service.booking.get_resource.return_value = resource(id=8, kind="vehicle", source="assets")
    made.service.booking.update_resource.return_value = resource(id=8)
    form = text(made.call("booking_resource_edit", "/peminjaman/sumber-daya/8/ubah", resource_id=8))
    assert 'name="capacity"' not in form and 'name="buffer_after_minutes"' in form
    done = made.call("booking_resource_update", "/peminjaman/sumber-daya/8/ubah", "POST", {
        "manager_employee_id": "4", "buffer_before_minutes": "", "buffer_after_minutes": "30", "active": "1",
        "capacity": "99"}, resource_id=8)
    assert done.status_code == 303
    made.service.booking.update_resource.assert_called_once_with(8, {
        "manager_employee_id": 4, "approver_role": None, "buffer_before_minutes": 0, "buffer_after_minutes": 30,
        "guest_bookable": False, "active": True})


def test_times_are_shown_in_wita():
    assert booking_resources.span_text("2031-06-10T01:00:00+00:00", "2031-06-10T03:00:00+00:00",
                                       date(2031, 6, 10)) == "09.00–11.00"
    assert booking_resources.span_text("2031-06-10T14:00:00+00:00", "2031-06-10T18:00:00+00:00") == (
        "10-06-2031 22.00 – 11-06-2031 02.00")
