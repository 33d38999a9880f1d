"""Aset & Barang — Persediaan: permintaan, antrean pengurus barang, kartu persediaan, stock opname.

assets decides everything (who sees what, what a record allows: ``allowed_actions``); these pages show what it
answers and work out no rule of their own. Pages: the items with their stock and the minimum-stock alerts
(``/aset/persediaan``), my requests and a new one (``/permintaan``), the unit head's inbox (``/persetujuan``),
the pengurus barang's queue of approved requests to issue (``/antrean``), receipts (``/penerimaan``), an item's
stock card with its downloads (``/<id>/kartu``), stock opname (``/opname``) and the semester report
(``/laporan``). What a form becomes is ``web.forms.assets_supplies``.
"""
from __future__ import annotations

from assets.schemas import supplies as supply_schemas
from situok_kit.clock import wita_day as wita_today
from situok_kit.errors import ValidationFailed

from ..files import stored_file_response
from ..forms.assets_supplies import (
    COUNT_FIELDS,
    ITEM_FIELDS,
    RECEIPT_FIELDS,
    REQUEST_FIELDS,
    ROWS,
    count_payload,
    item_payload,
    line_quantities,
    receipt_payload,
    request_payload,
    rows_errors,
)
from ..forms.common import field_errors, int_or_none, parse_year, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..paging import all_pages, keyset_page

REQUEST = ("assets", "request_supplies")
APPROVE = ("assets", "approve_supply_requests")
KEEP = ("assets", "keep_stock")
REPORTS = ("assets", "view_reports")
BASE = "/aset/persediaan"
PAGE_SIZE = 25

NAV = Area("aset", service="assets", position=60, links=(
    Link(_("Persediaan"), BASE, (REQUEST, KEEP)),
    Link(_("Permintaan persediaan"), f"{BASE}/permintaan", REQUEST),
    Link(_("Persetujuan permintaan persediaan"), f"{BASE}/persetujuan", APPROVE),
    Link(_("Antrean penyerahan persediaan"), f"{BASE}/antrean", KEEP),
    Link(_("Penerimaan persediaan"), f"{BASE}/penerimaan", KEEP),
    Link(_("Stock opname persediaan"), f"{BASE}/opname", KEEP),
    Link(_("Laporan persediaan"), f"{BASE}/laporan", REPORTS),
))
#: How the pages name assets' statuses and movement kinds (``assets.schemas.supplies``): assets' codes, the web's
#: words.
STATUS_LABELS = {"submitted": _("Diajukan"), "approved": _("Disetujui"), "rejected": _("Ditolak"),
                 "issued": _("Diserahkan"), "cancelled": _("Dibatalkan")}
KIND_LABELS = {"receipt": _("Penerimaan"), "issue": _("Pengeluaran"), "adjustment_in": _("Opname: lebih"),
               "adjustment_out": _("Opname: kurang")}
STATUSES = {code: STATUS_LABELS.get(code, code) for code in supply_schemas.SUPPLY_REQUEST_STATUSES}


class AssetsSupplyPages:
    """Pages of this part of Aset & Barang (mixed into ``web.service.WebService``)."""

    def _supply_globals(self, visit) -> dict:
        return {"can": lambda name: visit.can("assets", name), "status_labels": STATUSES,
                "kind_labels": KIND_LABELS, "base": BASE}

    def _supply_options(self) -> list[tuple[int, str]]:
        items = all_pages(lambda cursor: self.assets.supply_items(cursor=cursor, limit=200), 10)
        return [(i["id"], f"{i['code']} — {i['name']} ({i['unit']}, stok {i['stock']})") for i in items]

    # -- items --------------------------------------------------------------------------------------------------
    def _supply_items_page(self, visit, values=None, errors=None, summary=None, other=(), status=200) -> Page:
        q = text_of(visit.request.args, "q")
        result, pager = keyset_page(visit, lambda cursor: self.assets.supply_items(
            q=q or None, include_inactive=visit.can("assets", "keep_stock"), cursor=cursor, limit=PAGE_SIZE),
            BASE, {"q": q} if q else None)
        low = self.assets.supply_low_stock()["items"] if visit.can("assets", "keep_stock") else []
        return Page("assets/supplies_items.html", {
            **self._supply_globals(visit), "items": result["items"], **pager, "q": q, "low": low,
            "values": values or {"minimum_stock": "0"}, "errors": errors or {}, "summary": summary,
            "other": list(other)}, status, title=visit._("Persediaan"))

    @page("GET", BASE, needs=(REQUEST, KEEP))
    def assets_supplies(self, visit):
        """Items with their stock; for the keeper the low-stock alerts and a new item's form."""
        return self._supply_items_page(visit)

    @page("POST", BASE, needs=KEEP)
    def assets_supplies_create(self, visit):
        values, data = item_payload(visit.form)
        try:
            item = self.assets.create_supply_item(data)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, ITEM_FIELDS, visit._)
            return self._supply_items_page(visit, values, errors, visit._(exc.message), other, status=422)
        return visit.redirect(BASE, visit._("Barang persediaan %(code)s ditambahkan.", code=item["code"]))

    # -- requests ---------------------------------------------------------------------------------------------
    def _supply_requests_page(self, visit, values=None, errors=None, summary=None, other=(), status=200) -> Page:
        result, pager = keyset_page(visit, lambda cursor: self.assets.supply_requests(
            queue="mine", cursor=cursor, limit=PAGE_SIZE), f"{BASE}/permintaan")
        values = values or {"purpose": "", "rows": [{} for _ in range(ROWS)]}
        return Page("assets/supplies_requests.html", {
            **self._supply_globals(visit), "requests": result["items"], **pager, "values": values,
            "errors": errors or {}, "summary": summary, "other": list(other),
            "item_options": self._supply_options()}, status, title=visit._("Permintaan persediaan"))

    @page("GET", f"{BASE}/permintaan", needs=REQUEST)
    def assets_supply_requests(self, visit):
        return self._supply_requests_page(visit)

    @page("POST", f"{BASE}/permintaan", needs=REQUEST)
    def assets_supply_request_create(self, visit):
        values, data, used = request_payload(visit.form)
        try:
            request = self.assets.request_supplies(data)
        except ValidationFailed as exc:
            errors, other = rows_errors(exc.fields, REQUEST_FIELDS + ("lines",), visit._, used)
            return self._supply_requests_page(visit, values, errors, visit._(exc.message), other, status=422)
        return visit.redirect(f"{BASE}/permintaan",
                              visit._("Permintaan #%(id)s diajukan ke kepala unit.", id=request["id"]))

    @page("POST", f"{BASE}/permintaan/<int:request_id>/batalkan", needs=REQUEST)
    def assets_supply_request_cancel(self, visit, request_id):
        self.assets.cancel_supply_request(request_id, reason=text_of(visit.form, "reason") or None)
        return visit.redirect(f"{BASE}/permintaan", visit._("Permintaan #%(id)s dibatalkan.", id=request_id))

    # -- the unit head's inbox --------------------------------------------------------------------------------
    def _supply_queue_page(self, visit, queue: str, template: str, title: str, problems=None, status=200) -> Page:
        path = f"{BASE}/persetujuan" if queue == "approve" else f"{BASE}/antrean"
        result, pager = keyset_page(visit, lambda cursor: self.assets.supply_requests(
            queue=queue, cursor=cursor, limit=PAGE_SIZE), path)
        return Page(template, {**self._supply_globals(visit), "requests": result["items"], **pager,
                               "problems": problems or {}}, status, title=title)

    @page("GET", f"{BASE}/persetujuan", needs=APPROVE)
    def assets_supply_inbox(self, visit):
        """Submitted requests of the units the head covers, each with its quantities to approve."""
        return self._supply_queue_page(visit, "approve", "assets/supplies_inbox.html",
                                visit._("Persetujuan permintaan persediaan"))

    def _supply_request_action(self, visit, request_id: int, call, done: str, queue: str):
        try:
            call()
        except ValidationFailed as exc:
            problem = " ".join(visit._(str(m)) for m in (exc.fields or {}).values()) or visit._(exc.message)
            template = "assets/supplies_inbox.html" if queue == "approve" else "assets/supplies_queue.html"
            title = visit._("Persetujuan permintaan persediaan") if queue == "approve" else visit._(
                "Antrean penyerahan persediaan")
            return self._supply_queue_page(visit, queue, template, title, {request_id: problem}, status=422)
        return visit.redirect(f"{BASE}/persetujuan" if queue == "approve" else f"{BASE}/antrean", done)

    def _supply_line_ids(self, request_id: int) -> list[int]:
        return [line["id"] for line in self.assets.get_supply_request(request_id)["lines"]]

    @page("POST", f"{BASE}/permintaan/<int:request_id>/setujui", needs=APPROVE)
    def assets_supply_request_approve(self, visit, request_id):
        lines = line_quantities(visit.form, self._supply_line_ids(request_id))
        note = text_of(visit.form, "note") or None
        return self._supply_request_action(
            visit, request_id, lambda: self.assets.approve_supply_request(request_id, lines=lines, note=note),
            visit._("Permintaan #%(id)s disetujui.", id=request_id), "approve")

    @page("POST", f"{BASE}/permintaan/<int:request_id>/tolak", needs=APPROVE)
    def assets_supply_request_reject(self, visit, request_id):
        reason = text_of(visit.form, "reason")
        return self._supply_request_action(
            visit, request_id, lambda: self.assets.reject_supply_request(request_id, reason=reason),
            visit._("Permintaan #%(id)s ditolak.", id=request_id), "approve")

    # -- the keeper's queue -------------------------------------------------------------------------------------
    @page("GET", f"{BASE}/antrean", needs=KEEP)
    def assets_supply_queue(self, visit):
        """Approved requests to hand over, oldest first, each line with the stock now."""
        return self._supply_queue_page(visit, "issue", "assets/supplies_queue.html",
                                visit._("Antrean penyerahan persediaan"))

    @page("POST", f"{BASE}/permintaan/<int:request_id>/serahkan", needs=KEEP)
    def assets_supply_request_issue(self, visit, request_id):
        lines = line_quantities(visit.form, self._supply_line_ids(request_id))
        note = text_of(visit.form, "note") or None
        return self._supply_request_action(
            visit, request_id, lambda: self.assets.issue_supply_request(request_id, lines=lines, note=note),
            visit._("Permintaan #%(id)s diserahkan.", id=request_id), "issue")

    # -- receipts ---------------------------------------------------------------------------------------------
    def _supply_receipts_page(self, visit, values=None, errors=None, summary=None, other=(), status=200) -> Page:
        result, pager = keyset_page(visit, lambda cursor: self.assets.supply_receipts(cursor=cursor,
                                                                                      limit=PAGE_SIZE),
                                    f"{BASE}/penerimaan")
        values = values or {"received_on": wita_today().isoformat(), "rows": [{} for _ in range(ROWS)]}
        return Page("assets/supplies_receipts.html", {
            **self._supply_globals(visit), "receipts": result["items"], **pager, "values": values,
            "errors": errors or {}, "summary": summary, "other": list(other),
            "item_options": self._supply_options()}, status, title=visit._("Penerimaan persediaan"))

    @page("GET", f"{BASE}/penerimaan", needs=KEEP)
    def assets_supply_receipts(self, visit):
        return self._supply_receipts_page(visit)

    @page("POST", f"{BASE}/penerimaan", needs=KEEP)
    def assets_supply_receipt_create(self, visit):
        values, data, used = receipt_payload(visit.form)
        try:
            receipt = self.assets.receive_supplies(data)
        except ValidationFailed as exc:
            errors, other = rows_errors(exc.fields, RECEIPT_FIELDS + ("lines",), visit._, used)
            return self._supply_receipts_page(visit, values, errors, visit._(exc.message), other, status=422)
        return visit.redirect(f"{BASE}/penerimaan", visit._("Penerimaan %(number)s dicatat.",
                                                            number=receipt["document_number"]))

    # -- the stock card ---------------------------------------------------------------------------------------
    def _supply_card_range(self, visit) -> dict:
        args = visit.request.args
        return {key: text_of(args, name) for key, name in (("date_from", "dari"), ("date_to", "sampai"))
                if text_of(args, name)}

    @page("GET", f"{BASE}/<int:item_id>/kartu", needs=(KEEP, REPORTS))
    def assets_supply_card(self, visit, item_id):
        """The kartu persediaan: movements with the running balance, totals, XLSX/PDF downloads."""
        shown = self._supply_card_range(visit)
        query = {{"date_from": "dari", "date_to": "sampai"}[k]: v for k, v in shown.items()}
        problem = None
        try:
            card, pager = keyset_page(visit, lambda cursor: self.assets.supply_stock_card(
                item_id, cursor=cursor, limit=50, **shown), f"{BASE}/{item_id}/kartu", query or None)
        except ValidationFailed as exc:
            problem = " ".join(visit._(str(m)) for m in (exc.fields or {}).values()) or visit._(exc.message)
            card, pager = self.assets.supply_stock_card(item_id, limit=50), {"next_url": None, "first_url": None}
        downloads = {fmt: f"{BASE}/{item_id}/kartu/unduh?" + "&".join(
            [f"format={fmt}", *(f"{k}={v}" for k, v in query.items())]) for fmt in ("xlsx", "pdf")}
        return Page("assets/supplies_card.html", {
            **self._supply_globals(visit), "card": card, **pager, "shown": query, "downloads": downloads,
            "filter_problem": problem}, title=visit._("Kartu persediaan %(code)s", code=card["item"]["code"]))

    @page("GET", f"{BASE}/<int:item_id>/kartu/unduh", needs=(KEEP, REPORTS))
    def assets_supply_card_download(self, visit, item_id):
        fmt = text_of(visit.request.args, "format")
        fmt = fmt if fmt in supply_schemas.SUPPLY_FORMATS else "pdf"
        exported = self.assets.supply_stock_card_document(item_id, format=fmt, **self._supply_card_range(visit))
        return stored_file_response(exported, inline=fmt == "pdf")

    # -- stock opname -----------------------------------------------------------------------------------------
    def _supply_counts_page(self, visit, values=None, errors=None, summary=None, other=(), status=200) -> Page:
        result, pager = keyset_page(visit, lambda cursor: self.assets.supply_counts(cursor=cursor,
                                                                                    limit=PAGE_SIZE),
                                    f"{BASE}/opname")
        items = all_pages(lambda cursor: self.assets.supply_items(cursor=cursor, limit=200), 10)
        values = values or {"counted_on": wita_today().isoformat(), "counted": {}}
        return Page("assets/supplies_counts.html", {
            **self._supply_globals(visit), "counts": result["items"], **pager, "items": items, "values": values,
            "errors": errors or {}, "summary": summary, "other": list(other)}, status,
            title=visit._("Stock opname persediaan"))

    @page("GET", f"{BASE}/opname", needs=KEEP)
    def assets_supply_counts(self, visit):
        return self._supply_counts_page(visit)

    @page("POST", f"{BASE}/opname", needs=KEEP)
    def assets_supply_count_create(self, visit):
        item_ids = [i for i in (int_or_none(k.removeprefix("counted_")) for k in visit.form
                                if k.startswith("counted_")) if i]
        values, data, used = count_payload(visit.form, item_ids)
        try:
            count = self.assets.create_supply_count(data)
        except ValidationFailed as exc:
            errors, other = rows_errors(exc.fields, COUNT_FIELDS + ("lines",), visit._, used, prefix="counted_")
            return self._supply_counts_page(visit, values, errors, visit._(exc.message), other, status=422)
        return visit.redirect(f"{BASE}/opname/{count['id']}", visit._("Stock opname disimpan sebagai draf."))

    @page("GET", f"{BASE}/opname/<int:count_id>", needs=KEEP)
    def assets_supply_count(self, visit, count_id):
        count = self.assets.get_supply_count(count_id)
        return Page("assets/supplies_count.html", {**self._supply_globals(visit), "count": count},
                    title=visit._("Stock opname #%(id)s", id=count_id))

    @page("POST", f"{BASE}/opname/<int:count_id>/terapkan", needs=KEEP)
    def assets_supply_count_apply(self, visit, count_id):
        self.assets.apply_supply_count(count_id)
        return visit.redirect(f"{BASE}/opname/{count_id}", visit._("Stock opname diterapkan pada kartu persediaan."))

    # -- the semester report -----------------------------------------------------------------------------------
    def _supply_report_period(self, visit) -> tuple[int, int]:
        today = wita_today()
        year = parse_year(visit.request.args.get("tahun"), today)
        semester = text_of(visit.request.args, "semester")
        return year, int(semester) if semester in ("1", "2") else (1 if today.month <= 6 else 2)

    @page("GET", f"{BASE}/laporan", needs=REPORTS)
    def assets_supply_report(self, visit):
        year, semester = self._supply_report_period(visit)
        report = self.assets.supply_report(year, semester)
        downloads = {fmt: f"{BASE}/laporan/unduh?tahun={year}&semester={semester}&format={fmt}"
                     for fmt in ("xlsx", "pdf")}
        return Page("assets/supplies_report.html", {
            **self._supply_globals(visit), "report": report, "downloads": downloads, "year": year,
            "semester": semester}, title=visit._("Laporan persediaan semester %(semester)s %(year)s",
                                                 semester=semester, year=year))

    @page("GET", f"{BASE}/laporan/unduh", needs=REPORTS)
    def assets_supply_report_download(self, visit):
        year, semester = self._supply_report_period(visit)
        fmt = text_of(visit.request.args, "format")
        fmt = fmt if fmt in supply_schemas.SUPPLY_FORMATS else "pdf"
        return stored_file_response(self.assets.supply_report_document(year, semester, format=fmt),
                                    inline=fmt == "pdf")
