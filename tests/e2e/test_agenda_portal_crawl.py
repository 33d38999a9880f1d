"""The public portal through the whole stack (Traefik → web → agenda): events of every kind are seeded in agenda's
database — tentative, cancelled, not public, with embargoed, returned and draft documentation, published ones —
each with a VIP guest whose phone, e-mail and ID number are unique markers, protocol notes and unpublished texts
that are markers too. A crawler starts at ``/publik`` and follows every same-site link (at most 300 pages), plus
the Atom feed and every URL of the sitemap: no marker may appear in any page, feed, sitemap or file, and every
published item must be reachable."""
from __future__ import annotations

import html
import io
import re
import urllib.parse
import uuid
from datetime import timedelta
from xml.etree import ElementTree as ET

import pytest
import requests
from situok_kit.clock import utcnow
from situok_kit.testing import wait_for
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

pytestmark = pytest.mark.e2e

MAX_PAGES = 300
LINK = re.compile(r'(?:href|src)="([^"]+)"')
#: The agenda portal's own pages: each must answer 200.
OURS = ("/publik/agenda", "/publik/dokumentasi", "/publik/cari", "/publik/foto", "/publik/lampiran", "/sitemap.xml",
        "/robots.txt")
SKIP = ("/static/", "/masuk", "/bahasa", "/publik/bahasa", "/favicon.ico")


def _jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 120, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def seeded(stack):
    from agenda.models import AgendaEvent, Documentation, DocumentationAttachment, DocumentationPhoto, EventGuest

    tag = uuid.uuid4().hex[:8]
    marks = {key: f"RAHASIA{key.upper()}{tag}" for key in (
        "phone", "email", "idnum", "notes", "description", "organiser", "tentative", "cancelled", "private",
        "embargo", "returned", "minutes", "hiddenfile", "draft")}
    word = f"portalcrawl{tag}"
    engine = create_engine(stack.env["SITUOK_DB_URL_TEMPLATE"].format(service="agenda"))
    now = utcnow()
    past = now - timedelta(days=20)
    try:
        with Session(engine) as session:
            def event(title, status="confirmed", is_public=True, starts=None):
                starts = starts or now + timedelta(days=2)
                made = AgendaEvent(title=f"{word} {title}", status=status, is_public=is_public, starts_at=starts,
                                   ends_at=starts + timedelta(hours=2), location_kind="external",
                                   address="Jl. Basuki Rahmat", description=marks["description"],
                                   protocol_notes=marks["notes"], organiser=marks["organiser"])
                session.add(made)
                session.flush()
                session.add(EventGuest(event_id=made.id, name="Tamu VIP", title="Menteri", phone=marks["phone"],
                                       email=f"{marks['email']}@contoh.id", id_number=marks["idnum"]))
                return made

            def documentation(of, status="approved", public_from=None, **extra):
                approved = status == "approved"
                made = Documentation(event_id=of.id, status=status, approved_at=now if approved else None,
                                     public_from=(public_from or now - timedelta(hours=1)) if approved else None,
                                     **extra)
                session.add(made)
                session.flush()
                return made

            event(marks["tentative"], status="tentative")
            documentation(event(marks["cancelled"], status="cancelled"), press_release=marks["cancelled"])
            event(marks["private"], is_public=False)
            upcoming = event("Rapat Terbuka Pembangunan")
            documentation(event("Kunjungan Kerja", status="done", starts=past), public_from=now + timedelta(days=9),
                          press_release=marks["embargo"])
            documentation(event("Peresmian Gedung", status="done", starts=past), status="returned",
                          press_release=marks["returned"])
            documentation(event("Pelantikan", status="done", starts=past), status="draft", press_release=marks["draft"])
            published = event("Penanaman Pohon", status="done", is_public=False, starts=past)
            doc = documentation(published, press_release=f"Siaran pers {word} penanaman pohon.",
                                minutes=marks["minutes"])
            photo = DocumentationPhoto(documentation_id=doc.id, caption="Penanaman", alt_text="Gubernur menanam pohon",
                                       content_type="image/jpeg", content=_jpeg(), web_copy=_jpeg(),
                                       thumbnail=_jpeg())
            shown = DocumentationAttachment(documentation_id=doc.id, title="Sambutan", filename="sambutan.pdf",
                                            content_type="application/pdf", content=b"%PDF-1.4 sambutan", size=17,
                                            public=True)
            hidden = DocumentationAttachment(documentation_id=doc.id, title=marks["hiddenfile"],
                                             filename="internal.pdf", content_type="application/pdf",
                                             content=b"%PDF-1.4 internal", size=17, public=False)
            session.add_all([photo, shown, hidden])
            session.flush()
            expected = {f"/publik/agenda/{upcoming.id}", f"/publik/agenda/{published.id}",
                        f"/publik/foto/{photo.id}/thumb", f"/publik/lampiran/{shown.id}"}
            hidden_file = f"/publik/lampiran/{hidden.id}"
            session.commit()
        yield {"marks": marks, "expected": expected, "hidden_file": hidden_file}
    finally:
        engine.dispose()


def crawl(base: str) -> tuple[dict[str, str], set[str]]:
    """Every same-site page reachable from ``/publik`` (at most ``MAX_PAGES``), the feed and the sitemap's URLs:
    ``({path: body}, {paths of the links seen})``. The feed's and sitemap's URLs name the public address
    (``SITUOK_PUBLIC_URL``): their paths are followed here."""
    http = requests.Session()
    queue = ["/publik", "/publik/agenda/feed.atom", "/sitemap.xml", "/robots.txt"]
    seen, bodies, linked = set(), {}, set()
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = http.get(base + path, timeout=15, allow_redirects=False)
        if path.startswith(OURS):
            assert response.status_code == 200, (path, response.status_code)
        if response.status_code != 200:
            continue
        body = response.content.decode("utf-8", "replace")
        bodies[path] = body
        found = []
        if path == "/sitemap.xml":
            found = [e.text for e in ET.fromstring(response.content).iter(
                "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        elif path.endswith(".atom"):
            found = [e.get("href") for e in ET.fromstring(response.content).iter("{http://www.w3.org/2005/Atom}link")]
        elif response.headers.get("Content-Type", "").startswith("text/html"):
            found = [html.unescape(link) for link in LINK.findall(body)]
        for link in found:
            parts = urllib.parse.urlsplit(link)
            if parts.netloc and not parts.path.startswith(("/publik", "/sitemap.xml")):
                continue  # another site
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if not target.startswith("/") or target.startswith(SKIP):
                continue
            linked.add(re.sub(r"^(/publik/agenda/\d+)-[a-z0-9-]*$", r"\1", parts.path))
            if target not in seen:
                queue.append(target)
    return bodies, linked


def test_the_public_side_shows_every_published_item_and_nothing_else(stack, seeded):
    def complete():
        bodies, linked = crawl(stack.base_url)
        for path, body in bodies.items():
            for key, mark in seeded["marks"].items():
                assert mark not in body, f"the {key} marker is on {path}"
        return (bodies, linked) if seeded["expected"] <= linked else None

    # the web keeps public pages up to a minute: wait for the seeded items to show
    bodies, linked = wait_for(complete, timeout=90, interval=5, message="every published item on the portal")
    assert len(bodies) <= MAX_PAGES
    assert requests.get(stack.base_url + seeded["hidden_file"], timeout=15).status_code == 404
    feed = bodies["/publik/agenda/feed.atom"]
    assert ET.fromstring(feed.encode()).tag == "{http://www.w3.org/2005/Atom}feed"
    page = requests.get(stack.base_url + "/publik/agenda", timeout=15)
    assert page.headers["Cache-Control"].startswith("public") and page.headers["ETag"]
    assert requests.get(stack.base_url + "/publik/agenda", headers={"If-None-Match": page.headers["ETag"]},
                        timeout=15).status_code == 304
