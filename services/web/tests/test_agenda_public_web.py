"""The agenda's public pages without a running service: they open without a session and set no cookie, answer
with ``Cache-Control: public``, a strong ETag and 304 on ``If-None-Match``, are served from the web's cache the
second time (no RPC), carry Open Graph and Twitter card tags and a canonical link, every image has its alt text,
the Atom feed and the sitemap parse as XML, files come with nosniff and a long cache, and every call fits the
real ``AgendaService``."""
from __future__ import annotations

import base64
from xml.etree import ElementTree as ET

import pytest
from situok_kit.errors import NotFound, ServiceUnavailable, ValidationFailed
from test_web_page_actions import STAFF, Browser, assert_calls_fit, text
from web.public_cache import CACHE, PublicCache
from web.sessions import WebSession
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

COVER = {"id": 5, "alt_text": "Gubernur menanam pohon", "caption": "Penanaman pohon", "width": 800, "height": 600}
EVENT = {"id": 12, "slug": "penanaman-pohon", "title": "Penanaman Pohon", "starts_at": "2026-11-20T01:00:00+00:00",
         "ends_at": "2026-11-20T03:00:00+00:00", "place": "Taman Budaya", "status": "done",
         "public_summary": "Seribu pohon ditanam.", "documented": True, "published_at": "2026-11-21T01:00:00+00:00",
         "cover": {"id": 5, "alt_text": "Gubernur menanam pohon"}}
UPCOMING = {**EVENT, "id": 13, "slug": "rapat-umum", "title": "Rapat Umum", "status": "confirmed",
            "starts_at": "2031-01-10T01:00:00+00:00", "ends_at": "2031-01-10T03:00:00+00:00", "documented": False,
            "published_at": None, "cover": None}
PAGE = ({
    **EVENT, "leaders": [{"title": "Gubernur Bali", "role": "attends"}],
    "documentation": {"published_at": "2026-11-21T01:00:00+00:00", "press_release": "Siaran pers.\nParagraf dua.",
                      "minutes": None, "photos": [COVER], "attachments": [
                          {"id": 7, "title": "Sambutan", "filename": "sambutan.pdf", "content_type": "application/pdf",
                           "size": 2048}]}} | {"version": "v1"})
MADE: list[Browser] = []


def browser(signed_in: bool = False) -> Browser:
    made = Browser(STAFF)
    if not signed_in:
        made.session = WebSession.anonymous()
        made.cookie = None
    agenda = made.service.agenda
    agenda.public_home.return_value = {"upcoming": [UPCOMING], "documented": [EVENT], "version": "h1"}
    agenda.public_upcoming.return_value = {"items": [UPCOMING], "next_cursor": "abc", "version": "u1"}
    agenda.public_months.return_value = {"items": [{"month": "2026-11", "events": 3, "documented": 1}],
                                         "version": "m1"}
    agenda.public_archive.return_value = {"items": [EVENT], "next_cursor": None, "month": "2026-11", "version": "a1"}
    agenda.public_search.return_value = {"items": [EVENT], "next_cursor": None, "q": "pohon", "version": "s1"}
    agenda.public_event.return_value = PAGE
    agenda.public_feed.return_value = {"items": [
        {"kind": "documentation", "event_id": 12, "slug": "penanaman-pohon", "title": "Penanaman Pohon",
         "summary": "Siaran pers.", "updated": "2026-11-21T01:00:00+00:00", "starts_at": None},
        {"kind": "event", "event_id": 13, "slug": "rapat-umum", "title": "Rapat <Umum> & Co",
         "summary": None, "updated": "2026-11-20T01:00:00+00:00", "starts_at": "2031-01-10T01:00:00+00:00"}],
        "version": "f1"}
    agenda.public_sitemap.return_value = {"events": [{"id": 12, "slug": "penanaman-pohon",
                                                      "lastmod": "2026-11-21T01:00:00+00:00"}],
                                          "months": ["2026-11"], "documentation_months": ["2026-11"], "version": "x"}
    MADE.append(made)
    return made


def get(made: Browser, route: str, path: str, headers: dict | None = None, **values):
    cookie = {"Cookie": f"situok_session={made.cookie}"} if made.cookie else {}
    builder = EnvironBuilder(path=path, method="GET", headers={**cookie, **(headers or {})})
    try:
        request = Request(builder.get_environ())
    finally:
        builder.close()
    return getattr(made.service, route)(request, **values)


@pytest.fixture(autouse=True)
def fresh_cache_and_calls_fit():
    from agenda.service import AgendaService

    MADE.clear()
    CACHE.clear()
    yield
    CACHE.clear()
    assert_calls_fit(MADE, AgendaService, "agenda")


def alts(body: str) -> list[str | None]:
    import re

    return [re.search(r'alt="([^"]*)"', tag).group(1) if 'alt="' in tag else None
            for tag in re.findall(r"<img\b[^>]*>", body)]


def test_the_agenda_page_is_shared_cached_and_answers_304():
    made = browser()
    response = get(made, "agenda_public_agenda", "/publik/agenda")
    assert response.status_code == 200
    body = text(response)
    assert "Rapat Umum" in body and "/publik/agenda/13-rapat-umum" in body and "/publik/agenda/arsip/2026-11" in body
    assert "cursor=abc" in body and 'name="csrf_token"' not in body
    assert response.headers["Cache-Control"].startswith("public, max-age=60") and "stale-while-revalidate" in \
        response.headers["Cache-Control"]
    assert "Set-Cookie" not in response.headers
    etag = response.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = get(made, "agenda_public_agenda", "/publik/agenda", {"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["ETag"] == etag
    assert made.service.agenda.public_upcoming.call_count == 1  # the second answer came from the cache
    made.service.auth.authenticate_token.assert_not_called()


def test_the_event_page_has_sharing_tags_alt_texts_and_headings_in_order():
    made = browser()
    response = get(made, "agenda_public_event", "/publik/agenda/12-penanaman-pohon", ref="12-penanaman-pohon")
    assert response.status_code == 200
    body = text(response)
    made.service.agenda.public_event.assert_called_once_with(12)
    for tag in ('property="og:title" content="Penanaman Pohon"', 'property="og:type" content="article"',
                'property="og:image" content="', "/publik/foto/5/web",
                'name="twitter:card" content="summary_large_image"',
                'rel="canonical" href="', "/publik/agenda/12-penanaman-pohon", '<html lang="id">',
                'class="skip-link" href="#konten"', "Siaran pers.", "Paragraf dua.", "Gubernur Bali",
                "/publik/lampiran/7", "20 November 2026 09.00 WITA"):
        assert tag in body, tag
    assert all(alts(body)), alts(body)
    assert "Gubernur menanam pohon" in alts(body)
    import re

    levels = [int(level) for level in re.findall(r"<h([1-6])", body)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    # the same page by its bare id; a malformed reference is a 404 without asking agenda
    assert get(made, "agenda_public_event", "/publik/agenda/12", ref="12").status_code == 200
    assert get(made, "agenda_public_event", "/publik/agenda/x1", ref="x1").status_code == 404
    assert made.service.agenda.public_event.call_count == 2


def test_an_event_agenda_does_not_show_is_a_404_and_not_cached():
    made = browser()
    made.service.agenda.public_event.side_effect = NotFound("Kegiatan tidak ditemukan.", {"event_id": "x"})
    assert get(made, "agenda_public_event", "/publik/agenda/99", ref="99").status_code == 404
    assert get(made, "agenda_public_event", "/publik/agenda/99", ref="99").status_code == 404
    assert made.service.agenda.public_event.call_count == 2


def test_a_signed_in_visitor_gets_the_page_uncached():
    made = browser(signed_in=True)
    response = get(made, "agenda_public_agenda", "/publik/agenda")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert len(CACHE) == 0


def test_months_documentation_and_search():
    made = browser()
    body = text(get(made, "agenda_public_documentation", "/publik/dokumentasi"))
    assert "/publik/dokumentasi/2026-11" in body and "Penanaman Pohon" in body
    body = text(get(made, "agenda_public_documentation_month", "/publik/dokumentasi/2026-11", month="2026-11"))
    assert "November 2026" in body and "Penanaman Pohon" in body
    made.service.agenda.public_archive.assert_called_once_with("2026-11", documented=True, cursor=None, limit=30)
    assert get(made, "agenda_public_agenda_month", "/publik/agenda/arsip/2026-13", month="2026-13").status_code == 404
    body = text(get(made, "agenda_public_search", "/publik/cari?q=pohon"))
    assert 'label for="q"' in body and "Penanaman Pohon" in body
    made.service.agenda.public_search.assert_called_once_with("pohon", cursor=None, limit=20)
    made.service.agenda.public_search.side_effect = ValidationFailed("x", {"q": "Isi 2–100 karakter berupa kata."})
    body = text(get(made, "agenda_public_search", "/publik/cari?q=a"))
    assert "Isi 2–100 karakter" in body and 'aria-invalid="true"' in body
    assert text(get(made, "agenda_public_search", "/publik/cari")).count("Hasil pencarian") == 0


def test_the_feed_is_atom_and_the_sitemap_parses():
    made = browser()
    response = get(made, "agenda_public_feed", "/publik/agenda/feed.atom")
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.get_data())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = root.findall("a:entry", ns)
    assert len(entries) == 2 and all(e.find("a:id", ns).text and e.find("a:updated", ns).text for e in entries)
    assert entries[1].find("a:title", ns).text == "Agenda: Rapat <Umum> & Co"
    assert root.find("a:link[@rel='self']", ns) is not None and root.find("a:updated", ns).text
    response = get(made, "agenda_public_sitemap", "/sitemap.xml")
    locs = [e.text for e in ET.fromstring(response.get_data()).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith("/publik/agenda/12-penanaman-pohon") for loc in locs)
    assert any(loc.endswith("/publik/dokumentasi/2026-11") for loc in locs)
    robots = text(get(made, "agenda_public_robots", "/robots.txt"))
    assert "Sitemap: " in robots and robots.strip().endswith("/sitemap.xml")


def test_files_are_served_with_their_type_nosniff_and_a_long_cache():
    made = browser()
    jpeg = b"\xff\xd8\xff\xe0photo"
    made.service.agenda.public_photo.return_value = {"id": 5, "variant": "thumb", "content_type": "image/jpeg",
                                                     "content_b64": base64.b64encode(jpeg).decode(), "version": "p1"}
    response = get(made, "agenda_public_photo", "/publik/foto/5/thumb", photo_id=5, variant="thumb")
    assert response.get_data() == jpeg and response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age=86400" in response.headers["Cache-Control"]
    assert get(made, "agenda_public_photo", "/publik/foto/5/thumb", {"If-None-Match": '"p1"'}, photo_id=5,
               variant="thumb").status_code == 304
    original = get(made, "agenda_public_photo", "/publik/foto/5/original", photo_id=5, variant="original")
    assert original.status_code == 404
    made.service.agenda.public_attachment.return_value = {
        "id": 7, "filename": "sambutan gubernur.html", "content_type": "text/html",
        "content_b64": base64.b64encode(b"<script>").decode(), "version": "a1"}
    response = get(made, "agenda_public_attachment", "/publik/lampiran/7", attachment_id=7)
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="sambutan_gubernur.html"')


def test_the_language_link_sets_the_language_and_returns_only_to_this_site():
    made = browser()
    response = get(made, "agenda_public_language", "/publik/bahasa?lang=en&next=/publik/agenda")
    assert response.status_code == 303 and response.headers["Location"] == "/publik/agenda"
    response = get(made, "agenda_public_language", "/publik/bahasa?lang=en&next=//evil.example")
    assert response.headers["Location"] == "/"


def test_the_cache_expires_and_stays_bounded():
    now = [0.0]
    cache = PublicCache(ttl=30, size=2, clock=lambda: now[0])
    cache.put(("a",), b"1", "text/html", '"1"')
    cache.put(("b",), b"2", "text/html", '"2"')
    assert cache.get(("a",)).body == b"1"
    cache.put(("c",), b"3", "text/html", '"3"')  # b was the least recently used
    assert cache.get(("b",)) is None and len(cache) == 2
    now[0] = 31
    assert cache.get(("a",)) is None
    with pytest.raises(ValueError):
        PublicCache(ttl=600)


def test_the_portal_home_has_the_agenda_section_and_can_be_served_shared_with_its_lists():
    from web.http import Visit
    from web.views.home import PUBLIC_SECTIONS

    made = browser()
    assert PUBLIC_SECTIONS[0] == "agenda"
    body = text(get(made, "public_home", "/publik"))
    assert 'id="agenda"' in body and 'href="/publik/agenda"' in body and all(alts(body))
    builder = EnvironBuilder(path="/publik", method="GET")
    try:
        request = Request(builder.get_environ())
    finally:
        builder.close()
    response = made.service.agenda_public_portal_home(Visit(made.service, request, True), PUBLIC_SECTIONS)
    body = text(response)
    assert response.headers["Cache-Control"].startswith("public") and response.headers["ETag"]
    assert "Rapat Umum" in body and "/publik/agenda/12-penanaman-pohon" in body and all(alts(body))
    assert 'property="og:title"' in body
    made.service.agenda.public_home.assert_called_once_with()
    made.service.agenda.public_home.side_effect = ServiceUnavailable("Layanan agenda tidak tersedia.")
    CACHE.clear()
    body = text(made.service.agenda_public_portal_home(Visit(made.service, request, True), PUBLIC_SECTIONS))
    assert 'href="/publik/agenda"' in body  # agenda unreachable: the home still answers, with its links
