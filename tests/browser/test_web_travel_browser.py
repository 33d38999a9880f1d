"""SPT & SPPD in a real browser on a phone: the live estimate while typing, then sheet II on the road.

Playwright waits for what the user would wait for (the estimate's text), never a fixed time. The approval and
issuing in between go through the API (the HTTP tests cover those pages). A failing test leaves a screenshot.
"""
from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.conftest import DEMO_PASSWORD
from tests.e2e.conftest import Api

from .helpers import PHONE, log_in

pytestmark = pytest.mark.browser

JAKARTA = {"latitude": -6.1754, "longitude": 106.8272, "accuracy": 30}


@pytest.fixture
def viewport():
    """Phone only: this is the page travellers use on the road."""
    return PHONE


@pytest.fixture(scope="module")
def roster_synced(admin: Api):
    response = admin.request("POST", "/travel/roster/sync")
    assert response.status_code == 200, response.text


def trip_dates(offset: int = 26) -> tuple[date, date]:
    today = date.today()
    start = today + timedelta(days=offset)
    if (start + timedelta(days=2)).year != today.year:
        start = date(today.year, 1, 1) + timedelta(days=offset)
    return start, start + timedelta(days=2)


def test_pegawai_drafts_with_a_live_estimate_submits_and_records_an_arrival(page, stack, admin, roster_synced):
    page.context.grant_permissions(["geolocation"], origin=stack.base_url)
    page.context.set_geolocation(JAKARTA)
    log_in(page, "pegawai", DEMO_PASSWORD)
    page.goto("/perjalanan/baru")
    assert page.get_by_role("heading", level=1).inner_text() == "Buat SPT"
    assert page.locator(".traveller-fixed").is_visible()  # a pegawai travels alone: no picking
    assert not page.get_by_role("button", name="Hitung biaya").is_visible()  # JavaScript estimates live

    estimate = page.locator("#estimate")
    expect(estimate).to_contain_text("Lengkapi")
    start, end = trip_dates()
    purpose = "Rapat koordinasi keuangan " + uuid.uuid4().hex[:6]
    page.locator("#f-basis").fill("Undangan Kementerian Dalam Negeri Nomor 000/77/2026")
    page.get_by_label("Maksud perjalanan dinas").fill(purpose)
    page.locator("#f-destination_province").select_option("31")
    page.locator("#f-destination_city").fill("Jakarta Pusat")
    # Further destinations stay hidden until asked for.
    second = page.locator("#f-destination_city-1")
    assert not second.is_visible()
    page.get_by_role("button", name="Tambah tujuan").click()
    assert second.is_visible()
    page.get_by_label("Tanggal berangkat").fill(start.isoformat())
    page.get_by_label("Tanggal kembali").fill(end.isoformat())
    total = estimate.locator("[data-estimate-total]")
    expect(total).to_contain_text("Rp")
    three_days = total.inner_text()
    expect(estimate).to_contain_text("3 hari, 2 malam")

    # A change of transport changes the estimate (no ticket with the official vehicle).
    page.get_by_label("Alat angkut").select_option("dinas")
    expect(total).not_to_have_text(three_days)
    assert int(re.sub(r"\D", "", total.inner_text())) < int(re.sub(r"\D", "", three_days))

    page.get_by_label("Kode rekening / mata anggaran").fill("5.1.02.04.01.0001")
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_url(re.compile(r"/perjalanan/\d+$"))
    order_id = int(page.url.rsplit("/", 1)[1])
    expect(page.get_by_text("Draf SPT disimpan.")).to_be_visible()
    expect(page.locator(".page-head .status")).to_have_text("Draf")

    page.get_by_role("button", name="Ajukan").click()
    expect(page.get_by_text("SPT diajukan untuk persetujuan.")).to_be_visible()
    expect(page.locator(".page-head .status")).to_have_text("Diajukan")

    kabag = Api(stack.base_url)
    kabag.token = kabag.token_for("kabag", DEMO_PASSWORD)
    assert kabag.request("POST", f"/travel/orders/{order_id}/approve", json={}).status_code == 200
    assert admin.request("POST", f"/travel/orders/{order_id}/issue").status_code == 200

    page.reload()
    page.get_by_role("link", name="Isi SPPD lembar II").click()
    page.wait_for_url(re.compile(rf"/perjalanan/{order_id}/perjalanan$"))
    arrive = page.get_by_role("button", name="Tiba di Jakarta Pusat")
    expect(arrive).to_be_visible()
    expect(page.locator("[data-geo-status]")).to_contain_text("±30 m")  # the phone's location rides along
    arrive.click()
    expect(page.get_by_text(re.compile(r"Tiba di Jakarta Pusat tercatat pada .* WITA\."))).to_be_visible()
    leg = page.locator(".legs .leg-arrival")
    expect(leg).to_have_count(1)
    expect(leg).to_contain_text("-6.17540, 106.82720")

    legs = admin.request("GET", f"/travel/orders/{order_id}").json()["travellers"][0]["legs"]
    assert [(x["kind"], x["place"], x["accuracy"]) for x in legs] == [("arrival", "Jakarta Pusat", 30.0)]
    assert page.problems == []
