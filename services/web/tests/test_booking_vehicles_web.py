"""The drivers' and trips' pages without a running service: the keeper's list sends what was typed and shows
booking's messages under their fields, the driver's phone page shows the buttons booking allows (check-out,
return) and sends odometer and fuel as numbers, assigning a driver lists the free ones with their warnings; the
menu links follow the capabilities; every call fits the real service's RPCs."""
from __future__ import annotations

from booking.schemas import SCHEMAS
from booking.schemas.common import BookingCapabilitiesOut
from booking.service import BookingService
from situok_kit.errors import Conflict, ValidationFailed
from test_web_page_actions import STAFF, Browser, assert_calls_fit, posts, text
from web import nav

NONE = dict.fromkeys(BookingCapabilitiesOut().fields, False)
DRIVER = {"employee_id": 29, "name": "I Ketut Budiarta", "nip": None, "phone": "0812 3456 789",
          "work_days": [1, 2, 3, 4, 5], "work_start": "07:30", "work_end": "16:00",
          "hours_label": "Sen–Jum 07.30–16.00 WITA", "active": True, "note": None,
          "absences": [{"id": 5, "driver_employee_id": 29, "driver_name": "I Ketut Budiarta", "kind": "leave",
                        "kind_label": "cuti", "starts_on": "2031-09-10", "ends_on": "2031-09-11", "reason": None}],
          "updated_at": None}


def trip(trip_id: int, status: str, actions) -> dict:
    answer = ({
        "id": trip_id, "booking_id": 40 + trip_id, "resource_id": 3, "vehicle_name": "Toyota Innova",
        "plate": "DK 1001 A", "driver_employee_id": 29, "driver_name": "I Ketut Budiarta", "driver_phone": None,
        "status": status, "status_label": status, "starts_at": "2031-09-01T00:00:00+00:00",
        "ends_at": "2031-09-01T08:00:00+00:00", "purpose": "Kunjungan kerja", "destination": "Singaraja",
        "passengers": 3, "requester_employee_id": 5, "requester_name": "I Kadek", "travel_order_id": None,
        "checked_out_at": None, "odometer_out": 1000 if status != "assigned" else None, "fuel_out": None,
        "notes_out": None, "returned_at": None, "odometer_in": None, "fuel_in": None, "damage": None,
        "notes_in": None, "km_driven": None, "overdue": False, "flagged_at": None, "warnings": [],
        "allowed_actions": list(actions)})
    assert set(answer) == set(SCHEMAS["TripOut"]().fields)  # the shape booking answers
    return answer


def browser(*names: str) -> Browser:
    caps = {**NONE, "read": True, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "booking": caps})
    made.service.booking.capabilities.return_value = caps
    return made


def test_the_menu_follows_the_capabilities():
    def links(*names):
        return {link.url for _area, shown in nav.menu_for({"booking": frozenset({"read", *names})})
                for link in shown}

    assert "/peminjaman/tugas" in links("drive") and "/peminjaman/pengemudi" not in links("drive")
    assert {"/peminjaman/pengemudi", "/peminjaman/jadwal-pengemudi"} <= links("manage_drivers")
    assert not {"/peminjaman/tugas", "/peminjaman/pengemudi"} & links()


def test_the_keepers_list_and_its_forms():
    made = browser("manage_drivers")
    booking = made.service.booking
    booking.list_drivers.return_value = {"items": [DRIVER]}
    booking.driver_candidates.return_value = {"items": [{"employee_id": 31, "name": "I Made Teknisi",
                                                         "nip": None, "position_name": "Teknisi"}]}
    booking.list_overdue_trips.return_value = {"items": [trip(9, "checked_out", [])]}
    body = text(made.call("booking_drivers", "/peminjaman/pengemudi"))
    assert "Sen–Jum 07.30–16.00 WITA" in body and '<option value="31">I Made Teknisi — Teknisi</option>' in body
    assert "Kendaraan terlambat kembali" in body and "Toyota Innova" in body
    assert {"/peminjaman/pengemudi", "/peminjaman/pengemudi/29/ubah", "/peminjaman/pengemudi/29/ketidakhadiran",
            "/peminjaman/pengemudi/ketidakhadiran/5/hapus"} <= posts(body)
    booking.add_driver.side_effect = ValidationFailed("Data tidak valid.", {"work_end": "Jam selesai harus sesudah"
                                                                                        " jam mulai."})
    response = made.call("booking_driver_add", "/peminjaman/pengemudi", "POST", {
        "employee_id": "31", "phone": "0812", "work_days": ["1", "2"], "work_start": "16:00", "work_end": "08:00"})
    assert response.status_code == 422 and 'id="e-work_end"' in text(response)
    booking.add_driver.assert_called_once_with({"phone": "0812", "note": None, "work_days": [1, 2], "active": True,
                                                "work_start": "16:00", "work_end": "08:00", "employee_id": 31})
    made.call("booking_driver_absence_add", "/peminjaman/pengemudi/29/ketidakhadiran", "POST",
              {"kind": "sick", "starts_on": "2031-09-10", "ends_on": "2031-09-10", "reason": ""}, employee_id=29)
    booking.add_driver_absence.assert_called_once_with(29, {"kind": "sick", "starts_on": "2031-09-10",
                                                            "ends_on": "2031-09-10", "reason": None})
    made.call("booking_driver_update", "/peminjaman/pengemudi/29/ubah", "POST", {"phone": "0813", "active": "1"},
              employee_id=29)
    booking.update_driver.assert_called_once_with(29, {"phone": "0813", "note": None, "active": True})
    made.call("booking_driver_absence_remove", "/peminjaman/pengemudi/ketidakhadiran/5/hapus", "POST", {},
              absence_id=5)
    booking.remove_driver_absence.assert_called_once_with(5)
    booking.driver_schedule.return_value = {"starts_on": "2031-09-01", "ends_on": "2031-09-07", "drivers": [
        {"employee_id": 29, "name": "I Ketut Budiarta", "active": True, "hours_label": "Sen–Jum",
         "trips": [trip(1, "assigned", [])], "absences": []}]}
    body = text(made.call("booking_driver_schedule", "/peminjaman/jadwal-pengemudi?minggu=2031-09-03"))
    booking.driver_schedule.assert_called_once_with("2031-09-01", "2031-09-07")
    assert 'href="/peminjaman/41"' in body and "Toyota Innova" in body
    assert_calls_fit([made], BookingService, "booking")


def test_the_drivers_phone_page_shows_the_allowed_buttons_and_sends_numbers():
    made = browser("drive")
    booking = made.service.booking
    booking.my_trips.return_value = {"items": [trip(1, "assigned", ["check_out"]), trip(2, "checked_out", ["return"]),
                                               trip(3, "assigned", [])], "next_cursor": None}
    body = text(made.call("booking_my_trips", "/peminjaman/tugas"))
    assert posts(body) - {"/keluar"} == {"/peminjaman/tugas/1/ambil", "/peminjaman/tugas/2/kembali"}
    assert 'name="viewport"' in body and "button-huge" in body
    made.call("booking_trip_check_out", "/peminjaman/tugas/1/ambil", "POST", {"odometer_km": "1000", "fuel": "6"},
              trip_id=1)
    booking.check_out_trip.assert_called_once_with(1, {"odometer_km": 1000, "fuel": 6, "notes": None})
    booking.return_trip.side_effect = ValidationFailed("Odometer belum benar.", {
        "odometer_km": "Odometer kembali tidak boleh kurang dari saat diambil (1000 km)."})
    response = made.call("booking_trip_return", "/peminjaman/tugas/2/kembali", "POST",
                         {"odometer_km": "990", "fuel": "4", "damage": "Spion kiri"}, trip_id=2)
    assert response.status_code == 303
    booking.return_trip.assert_called_once_with(2, {"odometer_km": 990, "fuel": 4, "notes": None,
                                                    "damage": "Spion kiri"})
    assert "tidak boleh kurang" in text(made.call("booking_my_trips", "/peminjaman/tugas"))
    assert_calls_fit([made], BookingService, "booking")


def test_assigning_a_driver_lists_the_free_ones_and_shows_a_409():
    made = browser("approve")
    booking = made.service.booking
    booking.get_booking.return_value = {"id": 40, "resource_name": "Toyota Innova", "resource_code": "DK 1001 A",
                                        "starts_at": "2031-09-01T00:00:00+00:00",
                                        "ends_at": "2031-09-01T10:00:00+00:00", "purpose": "Kunjungan", "trip": None}
    booking.available_drivers.return_value = {"booking_id": 40, "items": [
        {"employee_id": 29, "name": "I Ketut Budiarta", "phone": None, "current": False,
         "warnings": ["Di luar jam kerja pengemudi (Sen–Jum 07.30–16.00 WITA)."]}]}
    body = text(made.call("booking_assign_driver_form", "/peminjaman/40/pengemudi", booking_id=40))
    assert 'value="29"' in body and "Di luar jam kerja" in body
    assert posts(body) - {"/keluar"} == {"/peminjaman/40/pengemudi"}
    booking.assign_driver.side_effect = Conflict("Pengemudi ini sudah bertugas.", {
        "driver_employee_id": "Pengemudi ini sudah bertugas pada perjalanan lain di waktu itu (peminjaman #7)."})
    response = made.call("booking_assign_driver", "/peminjaman/40/pengemudi", "POST", {"driver_employee_id": "29"},
                         booking_id=40)
    assert response.status_code == 409 and "peminjaman #7" in text(response)
    booking.assign_driver.side_effect = None
    booking.assign_driver.return_value = trip(1, "assigned", []) | {"warnings": ["Di luar jam kerja."]}
    response = made.call("booking_assign_driver", "/peminjaman/40/pengemudi", "POST", {"driver_employee_id": "29"},
                         booking_id=40)
    assert response.status_code == 303 and response.headers["Location"] == "/peminjaman/40"
    booking.assign_driver.assert_called_with(40, {"driver_employee_id": 29, "note": None})
    assert_calls_fit([made], BookingService, "booking")
