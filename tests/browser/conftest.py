"""The browser suite runs in its own pytest process without eventlet (see the root conftest).

The fixtures every browser test uses live here: one Chromium per module, and a fresh tab per test in a phone
and a desktop window (a module may narrow ``viewport``) that saves a screenshot when its test fails.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from eventlet import patcher

from tests.e2e.conftest import a_unit_id, admin, pytest_runtest_makereport  # noqa: F401 (fixtures, hook)

from .helpers import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, SCREENSHOTS

if patcher.is_monkey_patched("socket"):
    raise pytest.UsageError("run the browser tests with SITUOK_EVENTLET=0 (tools/run_tests.py does): "
                            "Playwright hangs under eventlet's monkey-patching")


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
