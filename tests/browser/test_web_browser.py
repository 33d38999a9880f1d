"""The web app in a real browser: Debian's Chromium driven by Playwright, through Traefik.

No browser download: Playwright's Python package drives ``/usr/bin/chromium``
(``tools/ensure_system_packages.sh`` installs it). A failing test leaves a
screenshot in ``var/screenshots/``. The fixtures (``browser``, ``page``,
``viewport``) are in ``conftest.py``, the helpers in ``helpers.py``.
"""
from __future__ import annotations

import re
import uuid

import pytest

from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD
from tests.e2e.conftest import unique_nip

from .helpers import log_in, open_menu

pytestmark = pytest.mark.browser


def test_admin_creates_an_employee_after_a_validation_message_then_logs_out(page, viewport, a_unit_id):
    log_in(page, "admin", ADMIN_PASSWORD)
    open_menu(page, viewport)
    menu = page.locator("#menu")
    for label in ("Profil saya", "Daftar pegawai", "Tambah pegawai", "Unit organisasi"):
        assert menu.get_by_role("link", name=label).is_visible()
    menu.get_by_role("link", name="Tambah pegawai").click()
    page.wait_for_url(re.compile(r"/pegawai/baru$"))

    name = "Made Peramban " + uuid.uuid4().hex[:6]
    page.get_by_label("Status kepegawaian").select_option("pns")
    page.get_by_label("Nama (tanpa gelar)").fill(name)
    page.get_by_label("NIP", exact=True).fill("19900517")
    page.locator("#f-unit_id").select_option(str(a_unit_id))
    page.get_by_role("button", name="Simpan").click()

    error = page.locator("#e-nip")
    error.wait_for()
    assert "18 digit" in error.inner_text() and error.is_visible()
    nip_input = page.locator("#f-nip")
    assert nip_input.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "f-nip"  # focus lands on the problem
    assert page.get_by_label("Nama (tanpa gelar)").input_value() == name  # nothing typed is lost

    nip_input.fill(unique_nip("1"))
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(re.compile(r"/pegawai/\d+$"))
    assert page.get_by_role("heading", level=1).inner_text() == name
    assert page.get_by_text(f"Pegawai {name} ditambahkan.").is_visible()

    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url(re.compile(r"/masuk$"))
    assert page.get_by_text("Anda telah keluar.").is_visible()
    page.goto("/pegawai")
    assert "/masuk?next=" in page.url
    assert page.problems == []


def test_pegawai_sees_their_menu_and_cannot_open_admin_pages(page, viewport):
    log_in(page, "pegawai", DEMO_PASSWORD)
    open_menu(page, viewport)
    menu = page.locator("#menu")
    assert menu.get_by_role("link", name="Profil saya").is_visible()
    assert menu.get_by_role("link", name="Tambah pegawai").count() == 0
    assert menu.get_by_role("link", name="Daftar pegawai").count() == 0
    response = page.goto("/pegawai/baru")
    assert response.status == 403
    assert page.get_by_role("heading", name="Akses ditolak").is_visible()
    page.goto("/profil")
    assert page.get_by_role("heading", name="Profil saya").is_visible()
    assert page.problems == []


def test_a_tampered_csrf_token_is_refused(page, viewport):
    log_in(page, "admin", ADMIN_PASSWORD)
    page.goto("/akun/kata-sandi")
    page.evaluate("document.querySelector('form[action=\"/akun/kata-sandi\"] input[name=csrf_token]').value = 'palsu'")
    page.get_by_label("Kata sandi lama").fill(ADMIN_PASSWORD)
    page.locator("#f-new_password").fill("Sandi-Baru-2026x")
    page.get_by_label("Ulangi kata sandi baru").fill("Sandi-Baru-2026x")
    with page.expect_response(lambda r: r.url.endswith("/akun/kata-sandi") and r.request.method == "POST") as answer:
        page.get_by_role("button", name="Simpan").click()
    assert answer.value.status == 403
    assert page.get_by_text("Formulir sudah kedaluwarsa").is_visible()


def test_keyboard_only_login_and_language_switch(page, viewport):
    page.goto("/masuk")
    assert page.evaluate("document.activeElement.id") == "f-username"  # the form is ready to type into
    page.keyboard.type("admin")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-password"
    page.keyboard.type(ADMIN_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/$"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"  # first stop: skip the menu
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "konten"
    page.get_by_role("button", name="EN", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welcome")
    page.get_by_role("button", name="ID", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.problems == []
