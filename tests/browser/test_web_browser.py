"""The web app in a real browser: Debian's Chromium driven by Playwright, through Traefik.

No browser download: Playwright's Python package drives ``/usr/bin/chromium``
(``tools/ensure_system_packages.sh`` installs it). A failing test leaves a
screenshot in ``var/screenshots/``.
"""
from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import pytest

from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD
from tests.e2e.conftest import unique_nip

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("SITUOK_CHROMIUM", "/usr/bin/chromium")
#: The flags a sandboxed, offline machine needs (no GPU, no background calls home).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run tools/ensure_system_packages.sh (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def viewport(request):
    return request.param


@pytest.fixture
def page(browser, stack, request, viewport):
    context = browser.new_context(viewport=viewport, base_url=stack.base_url, locale="id-ID")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda message: problems.append(message.text) if message.type == "error"
           and "status of 4" not in message.text else None)  # 403/404/422 pages are expected answers
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.problems = problems
    yield tab
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', request.node.name)}.png"
        tab.screenshot(path=str(path), full_page=True)
        print(f"screenshot: {path}")
    context.close()


def log_in(page, username: str, password: str) -> None:
    page.goto("/")
    assert page.url.endswith("/masuk?next=%2F")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/$"))


def open_menu(page, viewport) -> None:
    """On a phone the menu hides behind its toggle."""
    if viewport is PHONE:
        toggle = page.get_by_role("button", name="Menu")
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#menu").is_visible()


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
