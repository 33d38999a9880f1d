"""Scanning an item's QR label with a phone, in a real (headless) Chromium with a fake camera.

The camera films a printed label (the label sheet's PDF as assets renders it, rasterised by pdftoppm, as a Y4M
video); Chromium grants camera access by itself (``--use-fake-ui-for-media-stream``). The scan page decodes the QR
with the site's own jsQR and opens the item's page; a QR that is not one of our labels is named, and the page
keeps scanning. Playwright waits for the URL or the text, never a fixed time; screenshots are kept in
var/screenshots.

* the first two tests serve the web's real scan page, its script and jsQR on their own
  (``assets_scan_helpers.serve_scan_page``, with the production Content-Security-Policy);
* the last runs against the whole stack: signed in, the item written straight into the stack's assets database.
"""
from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from tests.conftest import ADMIN_PASSWORD

from .assets_scan_helpers import JSQR, camera_args, label_picture, qr_picture, serve_scan_page, write_y4m
from .helpers import CHROMIUM, CHROMIUM_ARGS, PHONE, SCREENSHOTS, log_in

pytestmark = pytest.mark.browser

LAPTOP = "1.3.2.10.01.02.001"


@pytest.fixture
def camera_browser():
    """``launch(video)``: a Chromium of its own whose camera films ``video`` (a Y4M file)."""
    from playwright.sync_api import sync_playwright

    if not JSQR.exists():
        pytest.fail(f"jsQR not installed at {JSQR}: run `make venv` (npm ci --prefix services/web)")
    opened = []
    with sync_playwright() as playwright:
        def launch(video):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *camera_args(video)])
            opened.append(browser)
            return browser

        yield launch
        for browser in opened:
            browser.close()


def _phone(browser, base_url: str):
    context = browser.new_context(viewport=PHONE, base_url=base_url, locale="id-ID", is_mobile=True, has_touch=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("console", lambda message: page.problems.append(message.text) if message.type == "error"
            and "status of 404" not in message.text else None)   # the stub item page has no favicon
    return context, page


def test_the_scan_page_reads_a_printed_label_and_opens_the_item(camera_browser, tmp_path):
    with serve_scan_page() as base_url:
        video = write_y4m(label_picture(f"{base_url}/aset/barang/4711", tmp_path), tmp_path / "camera.y4m")
        context, page = _phone(camera_browser(video), base_url)
        page.goto("/aset/pindai")
        page.wait_for_url(re.compile(r"/aset/barang/4711$"))
        assert page.locator("h1").inner_text() == "Barang 4711"
        assert page.problems == []
        context.close()


def test_a_code_that_is_not_our_label_is_named_and_scanning_goes_on(camera_browser, tmp_path):
    with serve_scan_page() as base_url:
        video = write_y4m(qr_picture("https://example.com/aset/barang/5"), tmp_path / "foreign.y4m")
        context, page = _phone(camera_browser(video), base_url)
        page.goto("/aset/pindai")
        status = page.locator("#scan-status")
        status.filter(has_text="bukan label barang").wait_for()
        assert "https://example.com/aset/barang/5" in status.inner_text() and page.url.endswith("/aset/pindai")
        assert page.locator("video#scan-video").is_visible() and page.get_by_text("Pindai dari foto").is_visible()
        assert page.problems == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "assets_scan_foreign.png"))
        context.close()


def _item(stack) -> tuple[int, int]:
    """A room and a laptop in it, straight in the stack's assets database: (item id, room id)."""
    import uuid

    from assets.domain import numbering
    from assets.models import Asset, Building, Floor, Room

    engine = create_engine(stack.env["SITUOK_DB_URL_TEMPLATE"].format(service="assets"))
    tag = uuid.uuid4().hex[:6]
    try:
        with Session(engine) as session, session.begin():
            building = Building(code=f"GB-{tag}", name="Gedung Uji Pindai")
            session.add(building)
            session.flush()
            floor = Floor(building_id=building.id, name="Lantai 1", level=1)
            session.add(floor)
            session.flush()
            room = Room(floor_id=floor.id, code=f"RB-{tag}", name="Ruang Uji Pindai")
            session.add(room)
            session.flush()
            asset = Asset(code=LAPTOP, register_number=numbering.next_register_number(session, LAPTOP), kib="B",
                          name="Laptop Pindai Uji", acquisition_year=2024, acquisition_date=date(2024, 3, 10),
                          acquisition_value=15_000_000, source="apbd", condition="B", registered_by="browser-test",
                          room_id=room.id, details={"brand": "Lenovo", "type": "X1"})
            session.add(asset)
            session.flush()
            return asset.id, room.id
    finally:
        engine.dispose()


@pytest.fixture
def stack_seeds_assets():
    """The stack's seed runs ``python -m assets.demo``: until that module exists the stack cannot start."""
    pytest.importorskip("assets.demo", reason="the stack's seed needs assets.demo (the assets demo data)")


def test_on_the_stack_a_phone_scans_a_label_and_opens_the_items_page(stack_seeds_assets, stack, camera_browser,
                                                                    tmp_path):
    asset_id, room_id = _item(stack)
    video = write_y4m(label_picture(f"{stack.base_url}/aset/barang/{asset_id}", tmp_path), tmp_path / "stack.y4m")
    context, page = _phone(camera_browser(video), stack.base_url)
    log_in(page, "admin", ADMIN_PASSWORD)
    page.goto("/aset/pindai")
    page.wait_for_url(re.compile(rf"/aset/barang/{asset_id}$"))
    page.screenshot(path=str(SCREENSHOTS / "assets_scan_opened.png"), full_page=True)
    # the other report pages, as a phone shows them
    page.goto(f"/aset/barang/{asset_id}/penyusutan")
    assert page.get_by_text("Rp3.750.000").first.is_visible()
    page.screenshot(path=str(SCREENSHOTS / "assets_depreciation.png"), full_page=True)
    page.goto(f"/aset/ruangan/{room_id}/kir")
    assert page.get_by_text("Laptop Pindai Uji").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "assets_kir.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    page.goto("/aset/laporan")
    page.screenshot(path=str(SCREENSHOTS / "assets_reports.png"), full_page=True)
    page.goto(f"/aset/label?barang={asset_id}")
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh label barang terpilih (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.screenshot(path=str(SCREENSHOTS / "assets_labels.png"), full_page=True)
    assert page.problems == []
    context.close()
