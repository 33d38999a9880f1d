"""Agenda — the public portal: the leaders' public events and published documentation, for anyone, no account.

Pages: ``/publik/agenda`` (upcoming public events and the month archive), ``/publik/agenda/arsip/<YYYY-MM>``,
``/publik/agenda/<id>`` (optionally ``<id>-<slug>``: the event's page with its published documentation),
``/publik/dokumentasi`` and ``/publik/dokumentasi/<YYYY-MM>``, ``/publik/cari?q=``, the Atom feed
``/publik/agenda/feed.atom``, ``/sitemap.xml`` and ``/robots.txt``; files ``/publik/foto/<id>/<web|thumb>`` and
``/publik/lampiran/<id>``. What is public is agenda's to decide (``agenda.domain.publication``): these pages show
what its public RPCs answer, nothing else.

Every page is the same for everyone who is not signed in: it is answered with ``Cache-Control: public`` and a
strong ``ETag`` (``304`` on ``If-None-Match``), kept for a while in ``web.public_cache`` (a page asked again is
served without any RPC), and carries no session: no cookie is set, the language switch is a link
(``/publik/bahasa``), not a form with a CSRF token. A signed-in visitor gets the page uncached (``no-store``).
``agenda_public_portal_home`` serves the portal's home (``/publik``) the same way.
"""
from __future__ import annotations

import hashlib
import re
import urllib.parse
from datetime import datetime
from xml.etree import ElementTree as ET

from situok_kit.config import env
from situok_kit.errors import NotFound, ValidationFailed
from situok_kit.outage import is_outage
from werkzeug.wrappers import Response

from ..http import HTML, Page, page, redirect, safe_next
from ..public_cache import CACHE
from ..rendering import render
from ..sessions import LOCALES

PAGE_CACHE = "public, max-age=60, stale-while-revalidate=30"
FILE_CACHE = "public, max-age=86400, stale-while-revalidate=3600"
ATOM = "application/atom+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
MONTH = re.compile(r"^(19|20)\d\d-(0[1-9]|1[0-2])$")
EVENT_REF = re.compile(r"^([1-9]\d{0,9})(?:-[a-z0-9-]{0,100})?$")
#: Attachment types served as themselves; anything else goes as a download of bytes.
FILE_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/webp",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def base_url() -> str:
    return (env("SITUOK_PUBLIC_URL") or "").rstrip("/")


def event_path(event: dict) -> str:
    """An event's page (``/publik/agenda/12-rapat-koordinasi``)."""
    ident = event.get("id", event.get("event_id"))
    return f"/publik/agenda/{ident}-{event['slug']}" if event.get("slug") else f"/publik/agenda/{ident}"


def month_label(month: str, lang: str) -> str:
    from babel.dates import format_date

    from ..i18n import BABEL_LOCALE

    return format_date(datetime.strptime(month, "%Y-%m").date(), "MMMM y", locale=BABEL_LOCALE[lang])


def _iso(value) -> str:
    return value if isinstance(value, str) else value.isoformat()


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _not_modified(request, etag: str) -> bool:
    wanted = request.headers.get("If-None-Match", "")
    return any(tag.strip().removeprefix("W/") == etag for tag in wanted.split(",")) or wanted.strip() == "*"


class AgendaPublicPages:
    # -- the shared answer -----------------------------------------------------------------------------------
    def agenda_public_shared(self, visit, build, content_type: str = HTML) -> Response:
        """The answer ``build()`` makes (the body, as text), for everyone who is not signed in cached here and
        cacheable downstream, with a strong ETag (304 when the browser has it)."""
        session = visit.session
        shared = not session.logged_in and not session.flashes and not session.ended
        request = visit.request
        key = (request.path, request.query_string.decode("latin-1"), session.lang)
        entry = CACHE.get(key) if shared else None
        if entry is None:
            body = build().encode()
            etag = _etag(body)
            if not shared:
                return self._agenda_public_reply(visit, body, content_type, etag, "no-store")
            entry = CACHE.put(key, body, content_type, etag)
        session.dirty = False  # nothing of the session is in a shared answer: no cookie with it
        return self._agenda_public_reply(visit, entry.body, entry.content_type, entry.etag, PAGE_CACHE)

    def _agenda_public_reply(self, visit, body: bytes, content_type: str, etag: str, cache: str) -> Response:
        headers = {"ETag": etag, "Cache-Control": cache, "Vary": "Cookie", "X-Content-Type-Options": "nosniff"}
        if _not_modified(visit.request, etag):
            return Response(status=304, headers=headers)
        return Response(body, content_type=content_type, headers=headers)

    def agenda_public_html(self, visit, template: str, context: dict, title: str, *, description: str | None = None,
                           canonical: str | None = None, image: str | None = None, image_alt: str | None = None,
                           og_type: str = "website"):
        """A public page's HTML: the portal's layout with Open Graph and Twitter card tags and a canonical link."""
        base = base_url()
        context = {**visit.base_context(), **context, "title": title,
                   "meta": {"description": description or visit._(
                       "Agenda dan dokumentasi kegiatan pimpinan daerah Provinsi Bali."),
                            "canonical": base + (canonical or visit.request.path), "type": og_type,
                            "image": base + image if image else None, "image_alt": image_alt},
                   **self._agenda_public_helpers(visit)}
        return render(template, context)

    @staticmethod
    def _agenda_public_helpers(visit) -> dict:
        return {"month_label": lambda month: month_label(month, visit.session.lang), "event_path": event_path}

    def agenda_public_portal_home(self, visit, sections) -> Response:
        """The portal's home (``/publik``, ``HomePages.public_home``): its sections with agenda's (the next
        public events and the latest documentation), shared and cached like every public page."""
        if visit.session.flashes or visit.session.logged_in:
            return Page("public/index.html", {"sections": sections, "agenda_home": self._agenda_public_home(visit),
                                              **self._agenda_public_helpers(visit)}, title=visit._("Portal publik"))
        return self.agenda_public_shared(visit, lambda: self.agenda_public_html(
            visit, "public/index.html", {"sections": sections, "agenda_home": self._agenda_public_home(visit)},
            visit._("Portal publik"), canonical="/publik"))

    def _agenda_public_home(self, visit) -> dict | None:
        try:
            return self.agenda.public_home()
        except Exception as exc:  # agenda unreachable or slow: the home still answers, without agenda's lists
            if not is_outage(exc):
                raise
            return None

    # -- pages -------------------------------------------------------------------------------------------------
    @page("GET", "/publik/bahasa", public=True)
    def agenda_public_language(self, visit):
        """The public pages' language switch (a link: the shared pages carry no CSRF token)."""
        lang = visit.request.args.get("lang", "")
        if lang in LOCALES:
            visit.session.lang = lang
            visit.session.dirty = True
        response = redirect(safe_next(visit.request.args.get("next")))
        response.headers["Cache-Control"] = "no-store"
        return response

    @page("GET", "/publik/agenda", public=True)
    def agenda_public_agenda(self, visit):
        cursor = visit.request.args.get("cursor") or None
        _ = visit._

        def build():
            upcoming = self.agenda.public_upcoming(cursor=cursor, limit=20)
            months = self.agenda.public_months()
            return self.agenda_public_html(visit, "agenda/public_agenda.html",
                                           {"upcoming": upcoming, "months": months["items"]},
                                           _("Agenda pimpinan"), canonical="/publik/agenda")
        return self.agenda_public_shared(visit, build)

    @page("GET", "/publik/agenda/arsip/<month>", public=True)
    def agenda_public_agenda_month(self, visit, month):
        return self._agenda_public_month(visit, month, documented=False)

    @page("GET", "/publik/dokumentasi", public=True)
    def agenda_public_documentation(self, visit):
        _ = visit._

        def build():
            months = self.agenda.public_months(documented=True)
            home = self.agenda.public_home()
            return self.agenda_public_html(visit, "agenda/public_documentation.html",
                                           {"months": months["items"], "latest": home["documented"]},
                                           _("Dokumentasi pimpinan"), canonical="/publik/dokumentasi")
        return self.agenda_public_shared(visit, build)

    @page("GET", "/publik/dokumentasi/<month>", public=True)
    def agenda_public_documentation_month(self, visit, month):
        return self._agenda_public_month(visit, month, documented=True)

    def _agenda_public_month(self, visit, month: str, documented: bool):
        if not MONTH.match(month):
            raise NotFound(visit._("Halaman yang Anda cari tidak ada."))
        cursor = visit.request.args.get("cursor") or None
        _ = visit._
        label = month_label(month, visit.session.lang)
        title = (_("Dokumentasi %(month)s", month=label) if documented else _("Agenda %(month)s", month=label))
        base = "/publik/dokumentasi" if documented else "/publik/agenda/arsip"

        def build():
            found = self.agenda.public_archive(month, documented=documented, cursor=cursor, limit=30)
            return self.agenda_public_html(visit, "agenda/public_month.html",
                                           {"found": found, "month": month, "documented": documented,
                                            "back": "/publik/dokumentasi" if documented else "/publik/agenda"},
                                           title, canonical=f"{base}/{month}")
        return self.agenda_public_shared(visit, build)

    @page("GET", "/publik/agenda/<ref>", public=True)
    def agenda_public_event(self, visit, ref):
        matched = EVENT_REF.match(ref)
        if not matched:
            raise NotFound(visit._("Halaman yang Anda cari tidak ada."))
        event_id = int(matched.group(1))

        def build():
            event = self.agenda.public_event(event_id)
            documentation = event.get("documentation") or {}
            photos = documentation.get("photos") or []
            cover = photos[0] if photos else None
            summary = event.get("public_summary") or documentation.get("press_release") or None
            return self.agenda_public_html(
                visit, "agenda/public_event.html", {"event": event, "documentation": documentation or None},
                event["title"], description=(summary or "")[:200] or None, canonical=event_path(event),
                image=f"/publik/foto/{cover['id']}/web" if cover else None,
                image_alt=cover["alt_text"] if cover else None, og_type="article")
        return self.agenda_public_shared(visit, build)

    @page("GET", "/publik/cari", public=True)
    def agenda_public_search(self, visit):
        q = (visit.request.args.get("q") or "").strip()
        cursor = visit.request.args.get("cursor") or None
        _ = visit._

        def build():
            found, error = None, None
            if q:
                try:
                    found = self.agenda.public_search(q, cursor=cursor, limit=20)
                except ValidationFailed as exc:
                    error = visit.field_errors(exc).get("q") or _(exc.message)
            return self.agenda_public_html(visit, "agenda/public_search.html",
                                           {"q": q, "found": found, "error": error}, _("Cari agenda dan dokumentasi"),
                                           canonical="/publik/cari")
        return self.agenda_public_shared(visit, build)

    # -- feed, sitemap, robots ---------------------------------------------------------------------------------
    @page("GET", "/publik/agenda/feed.atom", public=True)
    def agenda_public_feed(self, visit):
        _ = visit._

        def build():
            feed = self.agenda.public_feed()
            base = base_url()
            ET.register_namespace("", ATOM_NS)
            root = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": visit.session.lang})

            def add(parent, tag, text=None, **attrs):
                element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
                if text is not None:
                    element.text = text
                return element

            add(root, "title", _("Agenda dan dokumentasi pimpinan — Biro Umum dan Protokol Setda Provinsi Bali"))
            add(root, "id", f"{base}/publik/agenda/feed.atom")
            add(root, "link", rel="self", href=f"{base}/publik/agenda/feed.atom", type="application/atom+xml")
            add(root, "link", rel="alternate", href=f"{base}/publik/agenda", type="text/html")
            items = feed["items"]
            add(root, "updated", _iso(items[0]["updated"]) if items else "2026-01-01T00:00:00+00:00")
            author = add(root, "author")
            add(author, "name", _("Biro Umum dan Protokol Setda Provinsi Bali"))
            for item in items:
                entry = add(root, "entry")
                link = base + event_path(item)
                kind = _("Dokumentasi") if item["kind"] == "documentation" else _("Agenda")
                add(entry, "title", f"{kind}: {item['title']}")
                add(entry, "id", f"{base}/publik/agenda/{item['event_id']}#{item['kind']}")  # permanent per entry
                add(entry, "link", rel="alternate", href=link, type="text/html")
                add(entry, "updated", _iso(item["updated"]))
                if item.get("summary"):
                    add(entry, "summary", item["summary"], type="text")
            return ET.tostring(root, encoding="unicode", xml_declaration=True)
        return self.agenda_public_shared(visit, build, ATOM)

    @page("GET", "/sitemap.xml", public=True)
    def agenda_public_sitemap(self, visit):
        def build():
            answer = self.agenda.public_sitemap()
            base = base_url()
            ET.register_namespace("", SITEMAP_NS)
            root = ET.Element(f"{{{SITEMAP_NS}}}urlset")

            def url(path, lastmod=None):
                element = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
                ET.SubElement(element, f"{{{SITEMAP_NS}}}loc").text = base + path
                if lastmod:
                    ET.SubElement(element, f"{{{SITEMAP_NS}}}lastmod").text = _iso(lastmod)

            for path in ("/publik", "/publik/agenda", "/publik/dokumentasi", "/publik/cari"):
                url(path)
            for month in answer["months"]:
                url(f"/publik/agenda/arsip/{month}")
            for month in answer["documentation_months"]:
                url(f"/publik/dokumentasi/{month}")
            for event in answer["events"]:
                url(event_path(event), event.get("lastmod"))
            return ET.tostring(root, encoding="unicode", xml_declaration=True)
        return self.agenda_public_shared(visit, build, XML)

    @page("GET", "/robots.txt", public=True, identify=False)
    def agenda_public_robots(self, visit):
        return self.agenda_public_shared(visit, lambda: (
            "User-agent: *\nDisallow: /masuk\nDisallow: /publik/bahasa\n"
            f"Sitemap: {base_url()}/sitemap.xml\n"), TEXT)

    # -- files -------------------------------------------------------------------------------------------------
    @page("GET", "/publik/foto/<int:photo_id>/<variant>", public=True, identify=False)
    def agenda_public_photo(self, visit, photo_id, variant):
        if variant not in ("web", "thumb"):
            raise NotFound(visit._("Berkas tidak ditemukan."))
        answer = self.agenda.public_photo(photo_id, variant)
        return self._agenda_public_file(visit, answer, answer["content_type"], None)

    @page("GET", "/publik/lampiran/<int:attachment_id>", public=True, identify=False)
    def agenda_public_attachment(self, visit, attachment_id):
        answer = self.agenda.public_attachment(attachment_id)
        content_type = answer["content_type"] if answer["content_type"] in FILE_TYPES else "application/octet-stream"
        return self._agenda_public_file(visit, answer, content_type, answer.get("filename") or "lampiran")

    def _agenda_public_file(self, visit, answer: dict, content_type: str, filename: str | None) -> Response:
        import base64

        visit.session.dirty = False
        etag = f'"{answer["version"]}"'
        headers = {"ETag": etag, "Cache-Control": FILE_CACHE, "X-Content-Type-Options": "nosniff",
                   "Content-Security-Policy": "default-src 'none'; sandbox"}
        if filename:
            safe = re.sub(r"[^A-Za-z0-9._-]+", "_", filename)[:120] or "lampiran"
            headers["Content-Disposition"] = (f"attachment; filename=\"{safe}\"; "
                                              f"filename*=UTF-8''{urllib.parse.quote(filename[:120])}")
        if _not_modified(visit.request, etag):
            return Response(status=304, headers=headers)
        return Response(base64.b64decode(answer["content_b64"]), content_type=content_type, headers=headers)
