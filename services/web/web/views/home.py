"""The dashboard, the public portal, static files and the pages for unknown addresses; and the menu's areas of
the domains whose service is not built yet (no links: the dashboard names them as coming)."""
from __future__ import annotations

from situok_kit.errors import NotFound
from werkzeug.wrappers import Response

from .. import nav
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area
from ..rendering import static_files

#: The original application's areas that have no pages yet, in its menu's order among the others (absensi 20,
#: perjalanan 30, kepegawaian 40). A domain that gets a service and pages moves its area to its views module.
NAV = (
    Area("dokumentasi", _("Dokumentasi Pimpinan"), "camera", position=10),
    Area("peminjaman", _("Peminjaman Gedung & Kendaraan"), "car", position=70),
)
#: Sections of the public portal, in page order; later features (agenda, visit
#: requests, feedback) add theirs here once their service exists.
PUBLIC_SECTIONS: tuple[str, ...] = ("agenda", "peminjaman", "kunjungan", "masukan")


class HomePages:
    @page("GET", "/")
    def dashboard(self, visit):
        return Page("dashboard.html", {"areas": nav.menu_for(visit.capabilities()), "coming": nav.coming()},
                    title=visit._("Beranda"))

    @page("GET", "/publik", public=True)
    def public_home(self, visit):
        """The portal's home: its sections, with agenda's next public events and latest documentation — shared
        and cached like every public page (``views.agenda_public``)."""
        return self.agenda_public_portal_home(visit, PUBLIC_SECTIONS)

    @page("GET", "/static/<path:name>", public=True, identify=False)
    def static(self, visit, name):
        found = static_files().get(name)
        if found is None:
            raise NotFound(visit._("Berkas tidak ditemukan."))
        headers = {"ETag": f'"{found.etag}"',
                   "Cache-Control": "public, max-age=31536000, immutable" if visit.request.args.get("v")
                   else "public, max-age=300"}
        if visit.request.headers.get("If-None-Match") == headers["ETag"]:
            return Response(status=304, headers=headers)
        return Response(found.body, content_type=found.content_type, headers=headers)

    @page("GET", "/favicon.ico", public=True, identify=False)
    def favicon(self, visit):
        found = static_files()["img/logo.svg"]
        return Response(found.body, content_type=found.content_type, headers={"Cache-Control": "public, max-age=86400"})

    @page("GET,POST,PUT,PATCH,DELETE", "/<path:path>", public=True)
    def unknown(self, visit, path=""):
        raise NotFound(visit._("Halaman yang Anda cari tidak ada."))
