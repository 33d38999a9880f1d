"""Absensi Non ASN in a real browser on a phone: one tap on "Absen masuk" with the phone's position.

The browser grants geolocation at the office (inside the seeded geofence); attendance.js reads it, posts with the
page's idempotency key and shows the server's time. A second tap records nothing new. Playwright waits for the
text the user waits for, never a fixed time; a failing test leaves a screenshot.
"""
from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from .helpers import PHONE

pytestmark = pytest.mark.browser

OFFICE = {"latitude": -8.6726, "longitude": 115.2335, "accuracy": 20}
PASSWORD = "Absen-Sandi-2026"


@pytest.fixture
def viewport():
    """Phone only: this is the page staff use at the office door."""
    return PHONE


def account_for(admin, name: str) -> str:
    found = admin.request("GET", "/employees", params={"q": name}).json()["items"]
    [employee] = [e for e in found if e["name"] == name or e["full_name"] == name]
    username = "nonasn" + uuid.uuid4().hex[:6]
    created = admin.request("POST", "/accounts", json={"username": username, "password": PASSWORD,
                                                        "roles": ["pegawai"], "employee_id": employee["id"]})
    assert created.status_code == 201, created.text
    return username


def sign_in(page, username: str, password: str) -> None:
    page.goto("/masuk")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/$"))


def open_check_in(page) -> None:
    """The check-in page, once attendance's roster (synced from personnel at start) knows the employee."""
    for _ in range(30):
        page.goto("/absensi")
        if page.locator("form[data-checkin-form]").count():
            return
        page.wait_for_timeout(1000)  # the roster sync, not the page: poll the server
    raise AssertionError("attendance does not know the employee yet")


def test_a_non_asn_employee_checks_in_with_one_tap(page, stack, admin):
    page.context.grant_permissions(["geolocation"], origin=stack.base_url)
    page.context.set_geolocation(OFFICE)
    sign_in(page, account_for(admin, "I Ketut Budiarta"), PASSWORD)
    open_check_in(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Absensi"
    expect(page.locator("[data-geo-status]")).to_contain_text("±20 m")  # the phone's location was read

    check_in = page.get_by_role("button", name="Absen masuk")
    expect(check_in).to_be_visible()
    check_in.dblclick()  # a double tap
    result = page.locator("[data-checkin-result]")
    expect(result).to_have_text(re.compile(r"^Absen masuk (sudah )?tercatat pukul \d\d\.\d\d WITA\.$"))
    time = re.search(r"\d\d\.\d\d", result.inner_text()).group(0)
    expect(page.locator("[data-time-check-in]")).to_have_text(time)

    check_in.click()  # once more: the same page, the same key and position: recorded once
    expect(result).to_have_text(re.compile(rf"^Absen masuk (sudah )?tercatat pukul {re.escape(time)} WITA\.$"))
    page.reload()
    expect(page.locator("[data-time-check-in]")).to_have_text(time)
    page.goto("/absensi/riwayat")
    expect(page.locator("tr.day-row")).not_to_have_count(0)
    expect(page.locator("tr.day-row").first).to_contain_text(time)
    assert page.problems == []
