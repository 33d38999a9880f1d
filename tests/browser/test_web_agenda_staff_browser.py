"""Agenda pimpinan in a real (headless) Chromium, as the bureau's staff use it: protocol staff enter a leader's
event with a VIP guest and a run-down item and find it (with the clash it makes) in the leader's day; a visitor
asks for an audience on a phone, the Kepala Bagian Protokol approves it at a desk, and the visitor's status page
by tracking code offers the pass.

Setup the pages do not own (the public forms' time-to-submit floor, for a test that fills a form in well under a
human's seconds) goes through the API and is put back. Playwright waits for what the user waits for, never a fixed
time; the screens are kept in var/screenshots.
"""
from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.conftest import DEMO_PASSWORD
from tests.e2e.conftest import Api

from .helpers import DESKTOP, PHONE, SCREENSHOTS, log_in

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"agenda-staff-{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def agenda_ready(admin: Api):
    assert admin.request("POST", "/agenda/roster/sync").status_code == 200


@pytest.fixture
def quick_forms(admin: Api):
    before = admin.request("GET", "/agenda/settings").json()
    admin.request("PATCH", "/agenda/settings", json={"form_min_seconds": 0,
                                                     "visit_requests_per_hour": 100}).raise_for_status()
    yield
    admin.request("PATCH", "/agenda/settings", json={
        "form_min_seconds": before["form_min_seconds"],
        "visit_requests_per_hour": before["visit_requests_per_hour"]}).raise_for_status()


def test_protocol_staff_enter_an_event_and_see_it_and_its_clash_in_the_leaders_day(page, viewport, agenda_ready):
    day = date.today() + timedelta(days=33)
    title = f"Peresmian Gedung Pelayanan {uuid.uuid4().hex[:5]}"
    log_in(page, "protokol", DEMO_PASSWORD)
    for name, start, end in ((title, "09:00", "11:00"), (f"Rapat terbatas {uuid.uuid4().hex[:5]}", "10:00", "12:00")):
        page.goto("/agenda/kegiatan/baru")
        page.get_by_label("Nama kegiatan").fill(name)
        page.locator("#f-date").fill(day.isoformat())
        page.locator("#f-start_time").fill(start)
        page.locator("#f-end_time").fill(end)
        page.get_by_label("Gubernur Bali", exact=True).check()
        page.get_by_role("textbox", name="Alamat").fill("Jl. Raya Puputan, Renon, Denpasar")
        if name == title:
            page.locator("#f-guests-0-name").fill("Dr. I Made Tamu")
            shot(page, f"form-{viewport['width']}")
        page.get_by_role("button", name="Simpan").click()
        page.wait_for_url(re.compile(r"/agenda/kegiatan/\d+$"))
        expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    expect(page.locator("body")).to_contain_text(title)  # the second event names the first as its clash
    shot(page, f"detail-{viewport['width']}")
    page.goto(f"/agenda/harian?tanggal={day.isoformat()}")
    expect(page.locator("main")).to_contain_text(title)
    shot(page, f"day-{viewport['width']}")
    if viewport is PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    assert page.problems == []


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"])
def test_a_visitor_asks_for_an_audience_on_a_phone_and_gets_the_pass_once_approved(browser, page, viewport, stack,
                                                                                     agenda_ready, quick_forms):
    phone = browser.new_page(viewport=PHONE, base_url=stack.base_url)
    agency = f"Dinas Kebudayaan Kab. Uji {uuid.uuid4().hex[:5]}"
    day = date.today() + timedelta(days=12)
    phone.goto("/publik/kunjungan")
    phone.get_by_label("Instansi/organisasi").fill(agency)
    phone.get_by_label("Maksud dan tujuan").fill("Audiensi rencana festival budaya tahunan")
    phone.get_by_label("Jumlah peserta").fill("4")
    phone.get_by_label("Pilihan tanggal 1").fill(day.isoformat())
    phone.get_by_label("Nama narahubung").fill("I Wayan Uji")
    phone.get_by_label("Telepon/WhatsApp").fill("+62 812 3456 7890")
    phone.get_by_label("Surat permohonan").set_input_files(files=[{
        "name": "surat.pdf", "mimeType": "application/pdf",
        "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"}])
    phone.get_by_role("button", name=re.compile("Kirim")).click()
    code = phone.locator("[data-tracking-code]").inner_text().strip()
    assert re.fullmatch(r"KNJ(-[0-9A-Z]{4}){4}", code), code
    shot(phone, "visit-receipt-390")

    log_in(page, "kabag_protokol", DEMO_PASSWORD)
    page.goto("/kunjungan")
    page.get_by_role("link", name=re.compile(re.escape(agency))).click()
    page.get_by_label("Mulai (WITA)").fill(f"{day.isoformat()}T10:00")
    page.get_by_label("Selesai (WITA)").fill(f"{day.isoformat()}T11:00")
    page.get_by_label("Tempat lain").check()
    page.get_by_label("Alamat/tempat").fill("Ruang Tamu Biro Umum dan Protokol")
    page.get_by_role("button", name="Setujui").click()
    expect(page.locator("main")).to_contain_text("Disetujui")
    shot(page, "visit-approved-1280")

    phone.goto("/publik/kunjungan/status")
    phone.get_by_label("Kode pelacakan").fill(code)
    phone.get_by_role("button", name="Lihat status").click()
    expect(phone.locator("main")).to_contain_text("Disetujui")
    expect(phone.get_by_role("button", name="Unduh kartu tamu (PDF)")).to_be_visible()
    shot(phone, "visit-status-390")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.close()
