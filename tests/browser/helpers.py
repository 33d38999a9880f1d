"""What the browser tests share besides fixtures: Chromium's location and flags, window sizes, logging in."""
from __future__ import annotations

import os
import re
from pathlib import Path

CHROMIUM = os.environ.get("SITUOK_CHROMIUM", "/usr/bin/chromium")
#: The flags a sandboxed, offline machine needs (no GPU, no background calls home).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


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
