"""The agenda's public portal in a real (headless) Chromium at phone and desktop widths: the portal's home, the
agenda and an event's page with its published documentation read without sideways scrolling, with one ``h1`` and
headings in order, alt text on every image, and they still work with JavaScript switched off. The event is seeded
in agenda's database; the screens are kept in var/screenshots."""
from __future__ import annotations

import io
import uuid
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from situok_kit.clock import utcnow
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from .helpers import CHROMIUM_ARGS, PHONE, SCREENSHOTS  # noqa: F401 (CHROMIUM_ARGS: the same flags)

pytestmark = pytest.mark.browser


def _jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 90, 150)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def published(stack) -> dict:
    """A public event and a documented one (press release, photo with alt text, a public attachment)."""
    from agenda.models import AgendaEvent, Documentation, DocumentationAttachment, DocumentationPhoto

    tag = uuid.uuid4().hex[:6]
    engine = create_engine(stack.env["SITUOK_DB_URL_TEMPLATE"].format(service="agenda"))
    now = utcnow()
    try:
        with Session(engine) as session:
            upcoming = AgendaEvent(title=f"Rapat Koordinasi Pembangunan Daerah Provinsi Bali {tag}",
                                   status="confirmed", is_public=True, starts_at=now + timedelta(days=2),
                                   ends_at=now + timedelta(days=2, hours=2), location_kind="external",
                                   address="Gedung Wiswa Sabha Utama, Jl. Basuki Rahmat, Denpasar",
                                   public_summary="Rapat koordinasi pembangunan bersama bupati dan wali kota.")
            past = AgendaEvent(title=f"Penanaman Seribu Pohon di Kawasan Hutan Mangrove Tahura {tag}",
                               status="done", is_public=True, starts_at=now - timedelta(days=5),
                               ends_at=now - timedelta(days=5, hours=-2), location_kind="external",
                               address="Tahura Ngurah Rai, Denpasar")
            session.add_all([upcoming, past])
            session.flush()
            doc = Documentation(event_id=past.id, status="approved", approved_at=now,
                                public_from=now - timedelta(hours=1),
                                press_release="Gubernur Bali menanam seribu pohon mangrove.\nKegiatan ini ...")
            session.add(doc)
            session.flush()
            session.add(DocumentationPhoto(documentation_id=doc.id, caption="Penanaman mangrove",
                                           alt_text="Gubernur menanam bibit mangrove di tepi pantai",
                                           content_type="image/jpeg", content=_jpeg(), web_copy=_jpeg(),
                                           thumbnail=_jpeg(), width=640, height=480))
            session.add(DocumentationAttachment(documentation_id=doc.id, title="Sambutan Gubernur",
                                                filename="sambutan.pdf", content_type="application/pdf",
                                                content=b"%PDF-1.4 x", size=10, public=True))
            session.commit()
            return {"upcoming": upcoming.id, "past": past.id, "title": past.title, "tag": tag}
    finally:
        engine.dispose()


def check_page(page, viewport, name: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], name  # no sideways scroll
    assert page.locator("h1").count() == 1, name
    levels = page.evaluate("[...document.querySelectorAll('main h1, main h2, main h3, main h4')]"
                           ".map(h => Number(h.tagName[1]))")
    assert levels and levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert page.evaluate("[...document.images].every(img => (img.getAttribute('alt') || '').trim().length > 0)")
    assert page.locator("html").get_attribute("lang") in ("id", "en")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"agenda-portal-{name}-{viewport['width']}.png"), full_page=True)


def test_the_portal_home_agenda_and_an_event_page_read_at_this_width(page, viewport, published):
    page.goto("/publik")
    check_page(page, viewport, "home")
    page.goto("/publik/agenda")
    expect(page.get_by_role("heading", name="Kegiatan mendatang")).to_be_visible()
    check_page(page, viewport, "agenda")
    page.goto(f"/publik/agenda/{published['past']}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Penanaman Seribu Pohon")
    expect(page.get_by_alt_text("Gubernur menanam bibit mangrove di tepi pantai")).to_be_visible()
    expect(page.locator('meta[property="og:image"]')).to_have_count(1)
    check_page(page, viewport, "event")
    assert page.problems == []


def test_the_pages_work_without_javascript(browser, stack, viewport, published):
    context = browser.new_context(viewport=viewport, base_url=stack.base_url, locale="id-ID",
                                  java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"/publik/agenda?v={published['tag']}")  # a page of its own: not one the web kept before the seed
        page.locator(f'a[href^="/publik/agenda/{published["upcoming"]}-"]').first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Rapat Koordinasi Pembangunan")
        page.goto("/publik/cari")
        page.get_by_label("Kata pencarian").fill("mangrove tahura")
        page.get_by_role("button", name="Cari").last.click()
        expect(page.get_by_role("link", name=published["title"])).to_be_visible()
        check_page(page, viewport, "search-nojs")
    finally:
        context.close()
