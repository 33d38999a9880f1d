"""Peminjaman in a real (headless) Chromium on a phone: an employee finds a free room by time and needs, asks for
it and sees the request wait for its approver; a guest with no account asks for a hall through the public portal,
keeps the tracking code and reads the approver's decision by it; the rooms' calendar reads as a list on a phone.

Setup the pages do not own (a keeper's room, the approver's decision) goes through the API. Playwright waits for
what the user waits for, never a fixed time; the screens are kept in var/screenshots.
"""
from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.conftest import DEMO_PASSWORD
from tests.e2e.conftest import Api, a_person, signed_in

from .helpers import PHONE, SCREENSHOTS, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def viewport():
    """Phone only: requests and the guest form are made on phones as much as at a desk."""
    return PHONE


@pytest.fixture(scope="module")
def keeper(stack, admin: Api) -> Api:
    assert admin.request("POST", "/booking/roster/sync").status_code == 200
    return signed_in(stack, "pengurus_barang")


def a_resource(keeper: Api, **fields) -> dict:
    made = keeper.request("POST", "/booking/resources", json={
        "kind": "room", "name": f"Ruang Rapat Peramban {uuid.uuid4().hex[:6]}", "capacity": 15,
        "facilities": ["proyektor"]} | fields)
    assert made.status_code == 201, made.text
    return made.json()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"booking-{name}.png"), full_page=True)


def test_pegawai_finds_a_free_room_asks_for_it_and_sees_it_wait(page, keeper):
    room = a_resource(keeper)
    day = date.today() + timedelta(days=21)
    log_in(page, "pegawai", DEMO_PASSWORD)
    page.goto(f"/peminjaman/cari?kind=room&date={day.isoformat()}&start=09:00&end=11:00&participants=10"
              "&facilities=proyektor")
    found = page.locator(f'[data-resource="{room["id"]}"]')
    expect(found).to_contain_text(room["name"])
    shot(page, "search-phone")
    found.get_by_role("link", name="Ajukan").click()
    page.get_by_label("Keperluan").fill("Rapat persiapan peringatan HUT Provinsi Bali")
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_url(re.compile(r"/peminjaman/\d+$"))
    expect(page.locator(".page-head")).to_contain_text("Menunggu persetujuan")
    expect(page.locator(".lead")).to_contain_text(room["name"])
    shot(page, "request-phone")
    booking_id = page.url.rsplit("/", 1)[1]
    page.goto("/peminjaman/saya")
    expect(page.locator(f'a[href="/peminjaman/{booking_id}"]').first).to_be_visible()
    page.goto(f"/peminjaman/kalender?kind=room&date={day.isoformat()}")
    shot(page, "calendar-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    assert page.problems == []


def test_a_guest_asks_for_a_hall_and_reads_the_decision_by_tracking_code(page, keeper, stack):
    hall = a_resource(keeper, kind="building", name=f"Aula Peramban {uuid.uuid4().hex[:6]}", capacity=200,
                      facilities=["sound_system"], guest_bookable=True)
    day = date.today() + timedelta(days=20)
    page.goto("/publik/peminjaman")
    expect(page.get_by_role("heading", name=hall["name"])).to_be_visible()
    page.get_by_label("Gedung/aula").select_option(str(hall["id"]))
    page.get_by_label("Mulai (WITA)").fill(f"{day.isoformat()}T09:00")
    page.get_by_label("Selesai (WITA)").fill(f"{day.isoformat()}T12:00")
    page.get_by_label("Keperluan/nama kegiatan").fill("Lokakarya pemuda banjar")
    page.get_by_label("Jumlah peserta").fill("80")
    page.get_by_label("Instansi/organisasi").fill("Karang Taruna Desa Sanur Kaja")
    page.get_by_label("Nama pemohon").fill("I Made Wirawan")
    page.get_by_label("Telepon/WhatsApp").fill("081234567890")
    page.get_by_role("button", name="Kirim permohonan").click()
    code = page.locator("[data-tracking-code]").inner_text().strip()
    assert re.fullmatch(r"PGJ(-[0-9A-Z]{4}){4}", code), code
    shot(page, "guest-receipt-phone")

    # the hall's approver (the settings' role for buildings: a Kepala Bagian) refuses it with a reason
    kabag = signed_in(stack, "kabag")
    queue = kabag.request("GET", "/booking/guest-requests").json()["items"]
    mine = next(item for item in queue if item["resource_id"] == hall["id"])
    assert mine["guest"]["name"] == "I Made Wirawan"
    refused = kabag.request("POST", f"/booking/bookings/{mine['id']}/reject",
                            json={"note": "Aula dipakai upacara pada hari itu."})
    assert refused.status_code == 200, refused.text

    page.goto("/publik/peminjaman/status")
    page.get_by_label("Kode pelacakan").fill(code.lower())
    page.get_by_role("button", name="Lihat status").click()
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "rejected")
    expect(page.locator("[data-reason]")).to_contain_text("upacara")
    shot(page, "guest-status-phone")
    assert page.problems == []


def test_the_driver_checks_a_car_out_and_returns_it_on_a_phone(page, keeper, stack, admin, a_unit_id):
    from datetime import datetime

    from situok_kit.clock import WITA

    # a driver of their own (the seeded Pengemudi may already have an account made by another test)
    driver_id, username = a_person(admin, a_unit_id, "I Nyoman Sopir", "Kemudi2026aman")
    assert admin.request("POST", "/booking/roster/sync").status_code == 200  # booking knows the new employee now
    added = keeper.request("POST", "/booking/drivers", json={"employee_id": driver_id})
    assert added.status_code == 201, added.text
    car = a_resource(keeper, kind="vehicle", name="Toyota Innova Uji", code=f"DK {uuid.uuid4().int % 9000 + 1000} UJ",
                     capacity=7, facilities=[], fuel="solar")
    pegawai, kabag = signed_in(stack, "pegawai"), signed_in(stack, "kabag")
    now = datetime.now(WITA).replace(microsecond=0)
    asked = pegawai.request("POST", "/booking/bookings", json={
        "resource_id": car["id"], "starts_at": (now - timedelta(minutes=5)).isoformat(),
        "ends_at": (now + timedelta(hours=3)).isoformat(), "purpose": "Antar undangan ke Kantor Bupati Gianyar",
        "passengers": 2, "destination": "Gianyar"})
    assert asked.status_code == 201, asked.text
    booking_id = asked.json()["id"]
    assert kabag.request("POST", f"/booking/bookings/{booking_id}/approve", json={}).status_code == 200
    assigned = kabag.request("POST", f"/booking/bookings/{booking_id}/driver",
                             json={"driver_employee_id": driver_id})
    assert assigned.status_code == 200, assigned.text

    log_in(page, username, "Kemudi2026aman")
    page.goto("/peminjaman/tugas")
    trip = page.locator("article.card", has_text=car["code"])
    expect(trip).to_contain_text("Gianyar")
    shot(page, "driver-trips-phone")
    trip.get_by_label("Odometer saat diambil (km)").fill("48210")
    trip.get_by_label("Bahan bakar").select_option("6")
    trip.get_by_role("button", name="Ambil kendaraan").click()
    trip = page.locator("article.card", has_text=car["code"])
    expect(trip).to_contain_text("48210")
    trip.get_by_label("Odometer saat kembali (km)").fill("48297")
    trip.get_by_label("Bahan bakar").select_option("4")
    trip.get_by_label("Kerusakan (kosongkan bila tidak ada)").fill("Spion kiri retak")
    trip.get_by_role("button", name="Kembalikan kendaraan").click()
    expect(page.locator("article.card", has_text=car["code"])).to_contain_text("87 km")
    shot(page, "driver-returned-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    detail = pegawai.request("GET", f"/booking/bookings/{booking_id}").json()
    assert detail["trip"]["status"] == "returned"
    assert page.problems == []
