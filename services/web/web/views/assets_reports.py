"""Aset & Barang — Label QR, pindai label di ponsel, KIR per ruangan, ekspor KIB, penyusutan.

assets decides everything (who sees what, what a record allows: ``allowed_actions``); these pages show what it
answers and work out no rule of their own. The label sheet's QR codes lead to this site's item pages
(``SITUOK_PUBLIC_URL``); the scan page (``/aset/pindai``) decodes them in the browser with jsQR — installed by
``make venv`` (``npm ci`` into ``services/web/node_modules``, never committed) and served from this site
(``/vendor/jsqr.js``), no CDN — and with ``static/js/assets-scan.js`` (``startScanner(video, onCode)``, reused
by stock-taking). What a form becomes is ``web.forms.assets_reports``.
"""
from __future__ import annotations

import hashlib
import logging
import urllib.parse
from functools import lru_cache
from pathlib import Path

from situok_kit.clock import wita_day
from situok_kit.config import env
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from werkzeug.wrappers import Response

from ..files import stored_file_response
from ..forms.assets_reports import (
    FORMATS,
    KIB_FIELDS,
    KIBS,
    LABEL_FIELDS,
    format_of,
    kib_filters,
    kib_of,
    label_choice,
    label_search,
    report_year,
)
from ..forms.common import field_errors, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link

log = logging.getLogger("situok.web")

READ = ("assets", "read")
PRINT_LABELS = ("assets", "print_labels")
VIEW_REPORTS = ("assets", "view_reports")

NAV = Area("aset", service="assets", position=60, links=(
    Link(_("Cetak label QR"), "/aset/label", PRINT_LABELS),
    Link(_("Pindai label"), "/aset/pindai", READ),
    Link(_("Laporan aset"), "/aset/laporan", VIEW_REPORTS),
))
#: What each page is for, under its card on the area's home page.
LINK_HELP = {
    "/aset/label": _("Pilih barang atau satu ruangan, unduh lembar label A4 berisi QR halaman barang."),
    "/aset/pindai": _("Arahkan kamera ponsel ke label QR untuk membuka halaman barangnya."),
    "/aset/laporan": _("Unduh KIB A–F dan laporan penyusutan (XLSX/PDF)."),
}
KIB_NAMES = {"A": _("KIB A — Tanah"), "B": _("KIB B — Peralatan dan Mesin"), "C": _("KIB C — Gedung dan Bangunan"),
             "D": _("KIB D — Jalan, Irigasi dan Jaringan"), "E": _("KIB E — Aset Tetap Lainnya"),
             "F": _("KIB F — Konstruksi Dalam Pengerjaan")}
CONDITION_LABELS = {"B": _("Baik"), "KB": _("Kurang baik"), "RB": _("Rusak berat")}
LAYOUTS = {"a4-3x8": _("A4, 3 × 8 label 70 × 37 mm"), "a4-3x7": _("A4, 3 × 7 label 63,5 × 38,1 mm")}
PERIOD_LABELS = {"year": _("tahunan"), "semester": _("semesteran")}
#: Rooms offered in the pickers (the register's first page of rooms, by code).
ROOM_CHOICES = 200
#: Items listed on the label page at once.
LABEL_LIST = 100

#: The QR decoder, from npm (``services/web/package.json``), served at ``JSQR_URL``.
WEB_ROOT = Path(__file__).resolve().parents[2]
JSQR_FILE = WEB_ROOT / "node_modules" / "jsqr" / "dist" / "jsQR.js"
JSQR_URL = "/vendor/jsqr.js"


@lru_cache(maxsize=1)
def _jsqr() -> tuple[bytes, str] | None:
    try:
        body = JSQR_FILE.read_bytes()
    except OSError:
        return None
    return body, hashlib.sha256(body).hexdigest()[:12]


def jsqr_url() -> str | None:
    """The decoder's URL with its hash (cached for a year), or None when it is not installed."""
    found = _jsqr()
    return f"{JSQR_URL}?v={found[1]}" if found else None


def site_url(visit) -> str:
    """Where this site is reached: ``SITUOK_PUBLIC_URL``, else the request's own host (label QR codes)."""
    return (env("SITUOK_PUBLIC_URL") or visit.request.host_url).rstrip("/")


def _rooms(service) -> list[dict]:
    return service.assets.list_rooms(limit=ROOM_CHOICES)["items"]


class AssetsReportsPages:
    """Pages of this part of Aset & Barang (mixed into ``web.service.WebService``)."""

    # -- the decoder ------------------------------------------------------------------------------------------
    @page("GET", JSQR_URL, public=True, identify=False)
    def assets_jsqr(self, visit):
        """jsQR as installed by ``make venv``; 404 (and a log line saying how to install it) when missing."""
        found = _jsqr()
        if found is None:
            _jsqr.cache_clear()   # installed later: found on the next request
            log.error("jsQR is not installed at %s: run `make venv` (npm ci --prefix services/web); the scan page "
                      "/aset/pindai cannot decode QR codes until then", JSQR_FILE)
            raise NotFound(visit._("Berkas tidak ditemukan."))
        body, etag = found
        headers = {"ETag": f'"{etag}"', "Cache-Control": "public, max-age=31536000, immutable"
                   if visit.request.args.get("v") else "public, max-age=300"}
        if visit.request.headers.get("If-None-Match") == headers["ETag"]:
            return Response(status=304, headers=headers)
        return Response(body, content_type="application/javascript; charset=utf-8", headers=headers)

    # -- scanning -----------------------------------------------------------------------------------------------
    @page("GET", "/aset/pindai", needs=READ)
    def assets_scan(self, visit):
        """The phone's camera (or a photo) reads a label's QR and opens the item's page."""
        return Page("assets/reports_scan.html", {"jsqr": jsqr_url(), "site_url": site_url(visit)},
                    title=visit._("Pindai label"))

    # -- labels -------------------------------------------------------------------------------------------------
    def _labels_page(self, visit, errors=None, other=(), status=200, chosen=()) -> Page:
        args = visit.request.args
        filters = label_search(args)
        one = text_of(args, "barang")   # the item page's "Cetak label": that item alone
        if one.isdigit():
            filters = {"barang": int(one)}
            listed = {"items": [self.assets.get_asset(int(one))], "next_cursor": None}
        elif filters:
            listed = self.assets.list_assets(filters=filters, limit=LABEL_LIST)
        else:
            listed = {"items": [], "next_cursor": None}
        return Page("assets/reports_labels.html", {
            "rooms": _rooms(self), "kibs": KIB_NAMES, "layouts": LAYOUTS, "filters": filters,
            "shown": {"q": text_of(args, "q"), "kib": text_of(args, "kib"), "room_id": text_of(args, "room_id")},
            "items": listed["items"], "more": bool(listed.get("next_cursor")), "chosen": {str(c) for c in chosen},
            "errors": errors or {}, "other": list(other),
        }, status, title=visit._("Cetak label QR"))

    @page("GET", "/aset/label", needs=PRINT_LABELS)
    def assets_labels(self, visit):
        return self._labels_page(visit)

    @page("POST", "/aset/label", needs=PRINT_LABELS)
    def assets_labels_print(self, visit):
        """The sheet as assets renders it (a PDF download); its refusals come back next to the form."""
        choice = label_choice(visit.form)
        try:
            sheet = self.assets.label_sheet(base_url=site_url(visit), **choice)
        except (ValidationFailed, Conflict) as exc:
            errors, other = field_errors(getattr(exc, "fields", None) or {}, LABEL_FIELDS, visit._)
            status = 409 if isinstance(exc, Conflict) else 422
            return self._labels_page(visit, errors, [visit._(exc.message), *other], status,
                                     chosen=choice.get("asset_ids") or ())
        return stored_file_response(sheet, inline=False)

    # -- the KIR ------------------------------------------------------------------------------------------------
    @page("GET", "/aset/ruangan/<int:room_id>/kir", needs=READ)
    def assets_room_kir(self, visit, room_id):
        kir = self.assets.room_inventory(room_id)
        base = f"/aset/ruangan/{room_id}/kir/unduh"
        return Page("assets/reports_kir.html", {
            "kir": kir, "downloads": {fmt: f"{base}?format={fmt}" for fmt in FORMATS},
            "conditions": CONDITION_LABELS,
        }, title=visit._("KIR %(room)s", room=kir["room"]["name"]))

    @page("GET", "/aset/ruangan/<int:room_id>/kir/unduh", needs=READ)
    def assets_room_kir_download(self, visit, room_id):
        fmt = format_of(visit.request.args)
        return stored_file_response(self.assets.room_inventory_document(room_id, fmt), inline=fmt == "pdf")

    # -- reports ------------------------------------------------------------------------------------------------
    @page("GET", "/aset/laporan", needs=VIEW_REPORTS)
    def assets_reports(self, visit):
        """The KIB exports' form and the year's depreciation per KIB, with their downloads."""
        args = visit.request.args
        year = report_year(args, wita_day())
        report = self.assets.depreciation_report(year)
        query = urllib.parse.urlencode
        return Page("assets/reports_home.html", {
            "year": year, "report": report, "kibs": KIB_NAMES, "conditions": CONDITION_LABELS, "formats": FORMATS,
            "rooms": _rooms(self), "period_label": PERIOD_LABELS.get(report["period"], report["period"]),
            "depreciation_downloads": {fmt: "/aset/laporan/penyusutan/unduh?" + query({"tahun": year, "format": fmt})
                                       for fmt in FORMATS},
            "kib_depreciation": {kib: {fmt: "/aset/laporan/penyusutan/unduh?" + query(
                {"tahun": year, "kib": kib, "format": fmt}) for fmt in FORMATS} for kib in KIBS},
            "errors": {}, "other": [],
        }, title=visit._("Laporan aset"))

    @page("GET", "/aset/laporan/kib", needs=VIEW_REPORTS)
    def assets_kib_download(self, visit):
        """A KIB as assets renders it; a refused filter comes back on the reports page, by its field."""
        args = visit.request.args
        kib = kib_of(args) or text_of(args, "kib")
        fmt = format_of(args, "xlsx")
        try:
            exported = self.assets.kib_export(kib, fmt, kib_filters(args) or None)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, KIB_FIELDS, visit._)
            year = wita_day().year
            report = self.assets.depreciation_report(year)
            return Page("assets/reports_home.html", {
                "year": year, "report": report, "kibs": KIB_NAMES, "conditions": CONDITION_LABELS,
                "formats": FORMATS, "rooms": _rooms(self),
                "period_label": PERIOD_LABELS.get(report["period"], report["period"]),
                "depreciation_downloads": {}, "kib_depreciation": {},
                "errors": errors, "other": [visit._(exc.message), *other]}, 422, title=visit._("Laporan aset"))
        return stored_file_response(exported, inline=fmt == "pdf")

    @page("GET", "/aset/laporan/penyusutan/unduh", needs=VIEW_REPORTS)
    def assets_depreciation_download(self, visit):
        args = visit.request.args
        fmt = format_of(args)
        exported = self.assets.depreciation_report(report_year(args, wita_day()), kib=kib_of(args), format=fmt)
        return stored_file_response(exported, inline=fmt == "pdf")

    @page("GET", "/aset/barang/<int:asset_id>/penyusutan", needs=VIEW_REPORTS)
    def assets_item_depreciation(self, visit, asset_id):
        schedule = self.assets.asset_depreciation(asset_id)
        return Page("assets/reports_depreciation.html", {
            "item": schedule, "period_label": PERIOD_LABELS.get(schedule["period"], schedule["period"]),
            "this_year": wita_day().year,
        }, title=visit._("Penyusutan %(name)s", name=schedule["name"]))

