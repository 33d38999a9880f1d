"""Kepegawaian in a real (headless) Chromium, as the bureau's people use it: an employee asks for annual leave on a
phone (the balance, the counted days before sending), the direct supervisor considers it at a desk and the leave
official approves it, and the request offers the standard form as a PDF; the employee uploads a training
certificate and the staff officer verifies it from the queue, then reads the KGB/KP/retirement due list; the
employee opens "SKP saya".

Every page the test passes through is also looked at in a phone's and a desk's width (kept in var/screenshots,
``kepegawaian-*``): nothing may scroll sideways on the phone. The test makes its own rows (its leave on dates
nobody else's overlaps, a certificate with its own name) and waits for what the user waits for, never a fixed time.
"""
from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.conftest import DEMO_PASSWORD

from .helpers import DESKTOP, PHONE, SCREENSHOTS, log_in, open_menu

pytestmark = pytest.mark.browser

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
       b"endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def look(page, name: str) -> None:
    """The page as it is now, at a phone's and a desk's width (then back to its own): a screenshot of each, and
    no sideways scrolling on the phone."""
    own = page.viewport_size
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.wait_for_function(f"window.innerWidth === {size['width']}")
        page.screenshot(path=str(SCREENSHOTS / f"kepegawaian-{name}-{size['width']}.png"), full_page=True)
        if size is PHONE:
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= PHONE["width"], f"{name}: {wide} px wide on a {PHONE['width']} px phone"
    page.set_viewport_size(own)


@pytest.fixture
def tabs(browser, stack):
    """Another person's tab (a context of their own: their own session), closed after the test."""
    made = []

    def open_tab(viewport):
        context = browser.new_context(viewport=viewport, base_url=stack.base_url, locale="id-ID")
        context.set_default_timeout(15_000)
        tab = context.new_page()
        tab.problems = []
        tab.on("console", lambda message: tab.problems.append(message.text) if message.type == "error"
               and "status of 4" not in message.text else None)
        tab.on("pageerror", lambda error: tab.problems.append(str(error)))
        made.append(context)
        return tab

    yield open_tab
    for context in made:
        context.close()


def weekday_pairs(start: date):
    """Tuesday–Wednesday pairs from the week of ``start`` on, in the same year (annual leave may not cross it)."""
    day = start + timedelta(days=(1 - start.weekday()) % 7)
    while True:
        if day.year == (day + timedelta(days=1)).year:
            yield day, day + timedelta(days=1)
        day += timedelta(days=7)


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_annual_leave_asked_on_a_phone_is_considered_and_approved_at_a_desk(page, viewport, tabs):
    log_in(page, "pegawai", DEMO_PASSWORD)
    open_menu(page, viewport)
    page.locator("#menu").get_by_role("link", name="Cuti saya", exact=True).click()
    page.wait_for_url(re.compile(r"/kepegawaian/cuti$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cuti saya")
    expect(page.locator("#h-balance")).to_contain_text("Saldo cuti tahunan")
    expect(page.locator("[data-remaining]")).to_have_text(re.compile(r"^\d+(,5)?$"))
    look(page, "leave-mine")

    page.get_by_role("link", name="Ajukan cuti").first.click()
    page.wait_for_url(re.compile(r"/kepegawaian/cuti/ajukan$"))
    page.get_by_label("Jenis cuti").select_option("tahunan")
    page.get_by_label("Alasan cuti").fill(f"Upacara keluarga di kampung {uuid.uuid4().hex[:5]}")
    page.get_by_label("Alamat selama cuti").fill("Jl. Raya Ubud No. 8, Gianyar")
    page.get_by_label("Telepon selama cuti").fill("0812 3456 7890")
    # two working days some weeks ahead that nothing else (a holiday, another leave, a trip) takes
    for start, end in weekday_pairs(date.today() + timedelta(days=35)):
        page.get_by_label("Mulai").fill(start.isoformat())
        page.get_by_label("Selesai").fill(end.isoformat())
        page.get_by_role("button", name="Hitung hari").click()
        preview = page.locator("section.leave-preview")
        expect(preview).to_be_visible()
        if preview.get_attribute("data-days") in ("2", "2.0") and preview.locator(".flash-success").count():
            break
        assert start < date.today() + timedelta(days=300), "no free pair of working days found"
    expect(preview).to_contain_text("2 hari kerja")
    expect(preview).to_contain_text("Permohonan dapat diajukan.")
    look(page, "leave-form-preview")
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_url(re.compile(r"/kepegawaian/cuti/\d+$"))
    leave_url = re.search(r"/kepegawaian/cuti/\d+$", page.url).group(0)
    expect(page.locator(".flash", has_text="Permohonan cuti dikirim.")).to_have_count(1)  # said once
    expect(page.locator("dl.facts")).to_have_attribute("data-status", "submitted")
    expect(page.locator("[data-days]")).to_have_text("2 hari kerja")
    look(page, "leave-detail-submitted")

    supervisor = tabs(DESKTOP)
    log_in(supervisor, "kasubbag", DEMO_PASSWORD)
    supervisor.locator("#menu").get_by_role("link", name="Kotak masuk cuti").click()
    supervisor.wait_for_url(re.compile(r"/kepegawaian/cuti/kotak-masuk$"))
    row = supervisor.locator("tr", has=supervisor.locator(f'a[href="{leave_url}"]'))
    expect(row).to_contain_text("Menunggu pertimbangan atasan")
    look(supervisor, "leave-inbox-supervisor")
    row.locator(f'a[href="{leave_url}"]').click()
    expect(supervisor.get_by_role("heading", name="Pertimbangan atasan langsung")).to_be_visible()
    agree = supervisor.get_by_role("radio", name="Disetujui", exact=True)
    expect(agree).to_be_checked()
    assert agree.bounding_box()["width"] < 40  # a radio button beside its label, not a full-width box above it
    look(supervisor, "leave-detail-consider")
    supervisor.get_by_role("button", name="Simpan pertimbangan").click()
    expect(supervisor.locator(".flash").first).to_contain_text("Pertimbangan disimpan.")
    expect(supervisor.locator("dl.facts")).to_have_attribute("data-status", "considered")

    official = tabs(DESKTOP)
    log_in(official, "pimpinan", DEMO_PASSWORD)
    official.goto("/kepegawaian/cuti/kotak-masuk")
    official.locator(f'a[href="{leave_url}"]').click()
    expect(official.get_by_role("heading", name="Keputusan pejabat yang berwenang")).to_be_visible()
    official.get_by_role("radio", name="Disetujui", exact=True).check()
    look(official, "leave-detail-decide")
    official.get_by_role("button", name="Simpan keputusan").click()
    expect(official.locator(".flash").first).to_contain_text("Keputusan disimpan.")
    expect(official.locator("dl.facts")).to_have_attribute("data-status", "approved")

    page.goto(leave_url)
    expect(page.locator(".badge.status")).to_have_text("Disetujui")
    expect(page.locator("ol.steps")).to_contain_text("Keputusan pejabat yang berwenang: Disetujui")
    look(page, "leave-detail-approved")
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh formulir cuti (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf"), download.value.suggested_filename
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert page.problems == [] and supervisor.problems == [] and official.problems == []


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_a_certificate_uploaded_by_the_employee_is_verified_by_the_staff_officer(page, viewport, tabs):
    course = f"Diklat Kearsipan Dinamis {uuid.uuid4().hex[:5]}"
    log_in(page, "pegawai", DEMO_PASSWORD)
    page.goto("/kepegawaian/dokumen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dokumen saya")
    expect(page.locator("#h-completeness")).to_have_text("Kelengkapan")
    look(page, "documents-mine")
    page.locator("#jenis-sertifikat_diklat").get_by_role("link", name=re.compile("^Unggah")).click()
    page.wait_for_url(re.compile(r"/kepegawaian/dokumen/unggah\?jenis=sertifikat_diklat$"))
    page.get_by_label("Nomor dokumen").fill(f"DL/{uuid.uuid4().hex[:6]}/2026")
    page.get_by_label("Nama diklat").fill(course)
    page.get_by_label("Penyelenggara").fill("BPSDM Provinsi Bali")
    page.get_by_label("Tahun").fill("2026")
    page.get_by_label("Jumlah jam pelajaran").fill("24")
    page.get_by_label("Berkas").set_input_files(files=[{"name": "sertifikat.pdf", "mimeType": "application/pdf",
                                                          "buffer": PDF}])
    look(page, "documents-upload-form")
    page.get_by_role("button", name="Unggah", exact=True).click()
    page.wait_for_url(re.compile(r"/kepegawaian/dokumen/\d+$"))
    document_url = re.search(r"/kepegawaian/dokumen/\d+$", page.url).group(0)
    expect(page.locator("dl.facts")).to_have_attribute("data-status", "waiting")
    expect(page.locator("dl.facts")).to_contain_text(course)
    look(page, "documents-detail-waiting")

    officer = tabs(DESKTOP)
    log_in(officer, "kepegawaian", DEMO_PASSWORD)
    officer.locator("#menu").get_by_role("link", name="Verifikasi dokumen").click()
    officer.wait_for_url(re.compile(r"/kepegawaian/dokumen/verifikasi$"))
    row = officer.locator("tr", has=officer.locator(f'a[href="{document_url}"]'))
    expect(row).to_contain_text("Menunggu verifikasi")
    employee_url = row.locator('a[href^="/kepegawaian/dokumen/pegawai/"]').get_attribute("href")
    look(officer, "documents-queue")
    row.get_by_role("button", name="Verifikasi").click()
    officer.wait_for_url(re.compile(r"/kepegawaian/dokumen/verifikasi$"))
    expect(officer.locator(".flash", has_text="Dokumen diverifikasi.")).to_have_count(1)
    expect(officer.locator(f'a[href="{document_url}"]')).to_have_count(0)

    page.goto(document_url)
    expect(page.locator("dl.facts")).to_have_attribute("data-status", "verified")
    expect(page.locator(".badge.status").first).to_have_text("Terverifikasi")
    look(page, "documents-detail-verified")
    # the employee's own name links nowhere: the supervisors' and staff officers' page of it is closed to them
    assert page.request.get(employee_url).status == 403
    expect(page.locator(f'a[href="{employee_url}"]')).to_have_count(0)

    this_month = date.today().replace(day=1)
    until = date(this_month.year + (this_month.month + 22) // 12, (this_month.month + 22) % 12 + 1, 1)
    officer.locator("#menu").get_by_role("link", name="Jatuh tempo KGB/KP/pensiun").click()
    officer.wait_for_url(re.compile(r"/kepegawaian/karier/jatuh-tempo$"))
    expect(officer.get_by_role("heading", level=1)).to_have_text("Jatuh tempo KGB/KP/pensiun")
    officer.get_by_label("Sampai bulan").fill(until.strftime("%Y-%m"))
    officer.get_by_role("button", name="Tampilkan").click()
    officer.wait_for_url(re.compile(r"/kepegawaian/karier/jatuh-tempo\?.*until="))
    expect(officer.locator("table tbody tr").first).to_be_visible()
    expect(officer.locator("p.counts")).to_contain_text("KGB")
    look(officer, "career-due")
    assert page.problems == [] and officer.problems == []


def test_the_employee_opens_their_skp(page, viewport):
    log_in(page, "pegawai", DEMO_PASSWORD)
    open_menu(page, viewport)
    page.locator("#menu").get_by_role("link", name="SKP saya").click()
    page.wait_for_url(re.compile(r"/kepegawaian/skp$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"SKP saya {date.today().year}")
    # this year's plan (its facts) or, before there is one, the form to write it
    expect(page.locator("form.skp-plan, dl.facts[data-status]").first).to_be_visible()
    look(page, "skp-mine")
    assert page.problems == []
