"""SPT & SPPD: official travel orders, from the request to the actual costs, and the public letter check.

travel decides who sees and does what (404 for unseen orders, 403 for a visible one the user may not act on,
409 for a wrong status): its ``capabilities()`` open the pages and the menu's links, and each order's
``allowed_actions`` are its buttons — these pages work out no rule of their own. They show travel's per-field
messages under the form's fields and hand files to and from travel as base64. What a form becomes and where a
message lands is ``web.forms.travel``.
"""
from __future__ import annotations

import secrets

from situok_kit.errors import Conflict, DomainError, Forbidden, NotFound, ValidationFailed
from travel.schemas import DOCUMENT_KINDS, LETTER_TOKEN
from werkzeug.wrappers import Response

from ..files import stored_file_response, uploaded
from ..forms.travel import (
    CATEGORIES,
    COST_CATEGORIES,
    FOLLOWER_FIELDS,
    MAX_DESTINATIONS,
    MAX_FOLLOWERS,
    PROVINCE_NAMES,
    PROVINCES,
    STATUSES,
    TRANSPORTS,
    field_errors,
    form_rows,
    form_values,
    leg_payload,
    list_filters,
    order_payload,
    order_values,
    realization_payload,
    realization_rows,
    sent_travellers,
)
from ..http import Page, page
from ..i18n import date_time
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..paging import all_pages, keyset_page
from ..rendering import render
from .personnel import unit_options, unit_tree

PAGE_SIZE = 20
#: travel's capabilities that open pages and links.
CREATE_ORDER = ("travel", "create_order")
DECIDE, ISSUE = ("travel", "decide"), ("travel", "issue")
NAV = Area("perjalanan", _("SPT & SPPD"), "plane", (
    Link(_("Daftar SPT"), "/perjalanan"),
    Link(_("Buat SPT"), "/perjalanan/baru", CREATE_ORDER),
    Link(_("Persetujuan"), "/perjalanan/persetujuan", (DECIDE, ISSUE)),
), service="travel", position=30)
#: How the pages name travel's statuses (``travel.schemas.STATUSES``) and documents (``DOCUMENT_KINDS``).
STATUS_LABELS = {"draft": _("Draf"), "submitted": _("Diajukan"), "approved": _("Disetujui"),
                 "rejected": _("Ditolak"), "issued": _("Diterbitkan"), "completed": _("Selesai"),
                 "realized": _("Direalisasikan"), "cancelled": _("Dibatalkan")}
DOCUMENT_LABELS = {"spt": "SPT", "sppd1": _("SPPD lembar I"), "sppd2": _("SPPD lembar II"),
                   "rincian": _("Rincian biaya"), "kuitansi": _("Kuitansi")}
DOCUMENTS = {kind: DOCUMENT_LABELS.get(kind, kind) for kind in DOCUMENT_KINDS}
#: What the estimate still needs, by form field.
ESTIMATE_NEEDS = {"traveller": _("pelaksana"), "destination_province": _("provinsi tujuan"),
                  "destination_city": _("kota tujuan"), "departure_date": _("tanggal berangkat"),
                  "return_date": _("tanggal kembali"), "transport": _("alat angkut"),
                  "category": _("jenis perjalanan")}


def destination_text(order: dict) -> str:
    return "; ".join(f"{d.get('city')}, {PROVINCE_NAMES.get(d.get('province_code'), d.get('province_code'))}"
                     for d in order.get("destinations") or [])


class TravelPages:
    # -- helpers -----------------------------------------------------------------------------------
    def _travel_globals(self, visit) -> dict:
        def translated(pairs):
            return [(key, visit._(label)) for key, label in pairs]

        return {"status_labels": STATUS_LABELS, "categories": translated(CATEGORIES),
                "transports": translated(TRANSPORTS), "category_labels": dict(translated(CATEGORIES)),
                "transport_labels": dict(translated(TRANSPORTS)), "destination_text": destination_text,
                "documents": [(kind, visit._(label)) for kind, label in DOCUMENTS.items()],
                "cost_categories": translated(COST_CATEGORIES)}

    def _pickable_employees(self, visit) -> tuple[list[dict], bool]:
        """(employees the user may pick as travellers, whether they pick at all).

        Whoever travel lets request for others (``request_for_others``: unit heads, admin) picks among the
        employees personnel shows them (travel checks the rest); everyone else requests for themselves."""
        if not visit.can("travel", "request_for_others"):
            return [], False
        try:
            people = all_pages(lambda cursor: self.personnel.list_employees(
                filters={"active": True}, cursor=cursor, limit=100), 10)
        except Forbidden:
            return [], False
        return sorted(people, key=lambda e: (e.get("unit_name") or "", e["full_name"])), True

    def _trip_form(self, visit, values: dict, errors: dict, *, order: dict | None = None, estimate=None,
                   estimate_problem: str | None = None, summary: str | None = None, other=(), status: int = 200):
        people, picks = self._pickable_employees(visit)
        me = self.personnel.me().get("employee") if not picks else None
        if not picks and me is not None:
            values["traveller"] = [str(me["id"])]
        title = visit._("Ubah SPT") if order else visit._("Buat SPT")
        names = {str(e["id"]): e["full_name"] for e in people}
        if me is not None:
            names[str(me["id"])] = me["full_name"]
        for t in (order or {}).get("travellers") or []:
            names.setdefault(str(t["employee_id"]), t.get("name") or "")
        followers = values.get("followers") or {}
        blank_follower = {field: "" for field in FOLLOWER_FIELDS}
        follower_groups = [{"employee_id": t, "name": names.get(t) or visit._("Pegawai #%(id)s", id=t),
                            "rows": form_rows(followers.get(t) or [], MAX_FOLLOWERS, blank_follower, minimum=0)}
                           for t in values.get("traveller") or []]
        destinations = form_rows(values.get("destinations") or [], MAX_DESTINATIONS,
                                 {"province_code": "", "city": ""})
        return Page("travel/form.html", {
            **self._travel_globals(visit), "values": values, "errors": errors, "order": order, "people": people,
            "picks": picks, "me": me, "provinces": PROVINCES, "estimate": estimate,
            "destination_rows": destinations, "max_destinations": MAX_DESTINATIONS,
            "follower_groups": follower_groups, "max_followers": MAX_FOLLOWERS,
            "follower_template_rows": form_rows([], MAX_FOLLOWERS, blank_follower, minimum=0),
            "estimate_problem": estimate_problem, "summary": summary, "other": list(other),
        }, status, title=title)

    def _trip_estimate(self, visit, data: dict):
        """(estimate, None) or (None, why not yet) for the form as it is."""
        try:
            return self.travel.estimate(data), None
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, visit._, sent_travellers(data))
            missing = [visit._(label) for name, label in ESTIMATE_NEEDS.items() if name in errors]
            if missing:
                return None, visit._("Lengkapi %(fields)s untuk melihat perkiraan biaya.", fields=", ".join(missing))
            return None, visit._(exc.message)
        except DomainError as exc:
            return None, visit._(exc.message)

    def _order_page_context(self, visit, order: dict) -> dict:
        """The trip page's context: its buttons are the order's ``allowed_actions`` (travel's answer for this
        user), nothing worked out here."""
        return {
            **self._travel_globals(visit), "order": order, "actions": order.get("allowed_actions") or [],
            "verify_token": (order.get("verify_url") or "").rstrip("/").rsplit("/", 1)[-1] or None,
            "realization_rows": realization_rows(order),
        }

    # -- list, inbox ---------------------------------------------------------------------------------
    @page("GET", "/perjalanan")
    def travel_list(self, visit):
        filters, shown = list_filters(visit.request.args)
        result, pager = keyset_page(
            visit, lambda cursor: self.travel.list_orders(filters=filters, cursor=cursor, limit=PAGE_SIZE),
            "/perjalanan", {k: v for k, v in shown.items() if v})
        try:
            units = unit_options(unit_tree(self.personnel.list_org_units()))
        except Forbidden:
            units = []
        return Page("travel/list.html", {
            **self._travel_globals(visit), "orders": result["items"], "shown": shown, **pager,
            "unit_options": units, "statuses": STATUSES, "create_order": visit.can(*CREATE_ORDER),
        }, title=visit._("SPT & SPPD"))

    @page("GET", "/perjalanan/persetujuan", needs=(DECIDE, ISSUE))
    def travel_inbox(self, visit):
        """Submitted orders the user may approve or reject, approved ones they may issue: each order's
        ``allowed_actions`` say which."""
        submitted = self.travel.list_orders(filters={"status": "submitted"}, limit=100)["items"]
        approved = self.travel.list_orders(filters={"status": "approved"}, limit=100)["items"]
        return Page("travel/inbox.html", {
            **self._travel_globals(visit),
            "to_decide": [o for o in submitted if {"approve", "reject"} & set(o.get("allowed_actions") or ())],
            "to_issue": [o for o in approved if "issue" in (o.get("allowed_actions") or ())],
        }, title=visit._("Persetujuan SPT"))

    # -- create, edit, estimate ------------------------------------------------------------------------
    @page("GET", "/perjalanan/baru", needs=CREATE_ORDER)
    def travel_new(self, visit):
        values = {"idempotency_key": secrets.token_urlsafe(16), "origin": "Denpasar", "category": "luar_kota",
                  "transport": "umum", "budget_agency": "Biro Umum dan Protokol Setda Provinsi Bali",
                  "traveller": []}
        return self._trip_form(visit, values, {})

    @page("POST", "/perjalanan/baru", needs=CREATE_ORDER)
    def travel_create(self, visit):
        data = order_payload(visit.form)
        values = form_values(visit.form)
        if visit.value("action") == "estimate":  # "Hitung biaya" without JavaScript
            estimate, problem = self._trip_estimate(visit, data)
            return self._trip_form(visit, values, {}, estimate=estimate, estimate_problem=problem)
        try:
            order = self.travel.create_order(data, idempotency_key=visit.value("idempotency_key") or None)
        except ValidationFailed as exc:
            return self._trip_invalid(visit, exc, values, data, None)
        return visit.redirect(f"/perjalanan/{order['id']}",
                              visit._("Draf SPT disimpan. Periksa lalu ajukan untuk persetujuan."))

    @page("POST", "/perjalanan/estimasi")
    def travel_estimate(self, visit):
        """The live estimate beside the form (``static/js/travel.js``): an HTML fragment."""
        estimate, problem = self._trip_estimate(visit, order_payload(visit.form))
        context = {"lang": visit.session.lang, "estimate": estimate, "estimate_problem": problem}
        return Response(render("travel/_estimate.html", context), content_type="text/html; charset=utf-8")

    @page("GET", "/perjalanan/<int:order_id>/ubah")
    def travel_edit(self, visit, order_id):
        order = self.travel.get_order(order_id)
        if "edit" not in (order.get("allowed_actions") or ()):
            raise Forbidden(visit._("SPT ini tidak dapat Anda ubah."))
        values = order_values(order)
        return self._trip_form(visit, values, {}, order=order, estimate=order.get("estimate"))

    @page("POST", "/perjalanan/<int:order_id>/ubah")
    def travel_update(self, visit, order_id):
        order = self.travel.get_order(order_id)
        data = order_payload(visit.form)
        values = form_values(visit.form)
        if visit.value("action") == "estimate":
            estimate, problem = self._trip_estimate(visit, data)
            return self._trip_form(visit, values, {}, order=order, estimate=estimate, estimate_problem=problem)
        try:
            self.travel.update_order(order_id, data)
        except ValidationFailed as exc:
            return self._trip_invalid(visit, exc, values, data, order)
        return visit.redirect(f"/perjalanan/{order_id}", visit._("Perubahan disimpan."))

    def _trip_invalid(self, visit, exc: ValidationFailed, values: dict, data: dict, order) -> Page:
        errors, other = field_errors(exc.fields, visit._, sent_travellers(data))
        estimate, problem = self._trip_estimate(visit, data)
        return self._trip_form(visit, values, errors, order=order, estimate=estimate, estimate_problem=problem,
                               summary=visit._(exc.message), other=other, status=422)

    # -- the trip ------------------------------------------------------------------------------------
    @page("GET", "/perjalanan/<int:order_id>")
    def travel_detail(self, visit, order_id):
        order = self.travel.get_order(order_id)
        title = order.get("number") or visit._("SPT #%(id)s", id=order["id"])
        return Page("travel/detail.html", self._order_page_context(visit, order), title=title)

    def _trip_act(self, visit, order_id: int, call, done: str) -> Response:
        """Run a workflow step; a wrong status or a missing reason comes back as a message on the trip page."""
        back = f"/perjalanan/{order_id}"
        try:
            call()
        except (Conflict, ValidationFailed) as exc:
            details = " ".join(visit._(str(m)) for m in (exc.fields or {}).values())
            return visit.redirect(back, f"{visit._(exc.message)} {details}".strip(), "error")
        return visit.redirect(back, done)

    @page("POST", "/perjalanan/<int:order_id>/ajukan")
    def travel_submit(self, visit, order_id):
        note = visit.value("note") or None
        return self._trip_act(visit, order_id, lambda: self.travel.submit_order(order_id, note),
                         visit._("SPT diajukan untuk persetujuan."))

    @page("POST", "/perjalanan/<int:order_id>/setujui")
    def travel_approve(self, visit, order_id):
        note = visit.value("note") or None
        return self._trip_act(visit, order_id, lambda: self.travel.approve_order(order_id, note),
                         visit._("SPT disetujui."))

    @page("POST", "/perjalanan/<int:order_id>/tolak")
    def travel_reject(self, visit, order_id):
        reason = visit.value("reason")
        return self._trip_act(visit, order_id, lambda: self.travel.reject_order(order_id, reason),
                         visit._("SPT ditolak."))

    @page("POST", "/perjalanan/<int:order_id>/terbitkan")
    def travel_issue(self, visit, order_id):
        return self._trip_act(visit, order_id, lambda: self.travel.issue_order(order_id),
                         visit._("SPT dan SPPD diterbitkan dan diberi nomor."))

    @page("POST", "/perjalanan/<int:order_id>/batalkan")
    def travel_cancel(self, visit, order_id):
        reason = visit.value("reason")
        return self._trip_act(visit, order_id, lambda: self.travel.cancel_order(order_id, reason),
                         visit._("SPT dibatalkan."))

    @page("POST", "/perjalanan/<int:order_id>/selesai")
    def travel_complete(self, visit, order_id):
        note = visit.value("note") or None
        return self._trip_act(visit, order_id, lambda: self.travel.complete_order(order_id, note),
                         visit._("Perjalanan dinas dinyatakan selesai."))

    @page("POST", "/perjalanan/<int:order_id>/laporan")
    def travel_report(self, visit, order_id):
        summary = visit.value("summary")
        attachments = uploaded(visit.request.files.getlist("attachments"))
        return self._trip_act(visit, order_id, lambda: self.travel.file_report(
            order_id, {"summary": summary, "attachments": attachments}), visit._("Laporan perjalanan disimpan."))

    @page("POST", "/perjalanan/<int:order_id>/realisasi")
    def travel_realize(self, visit, order_id):
        data = realization_payload(visit.form, visit.request.files)
        return self._trip_act(visit, order_id, lambda: self.travel.realize_order(order_id, data),
                         visit._("Realisasi biaya dicatat."))

    # -- files ---------------------------------------------------------------------------------------
    @page("GET", "/perjalanan/<int:order_id>/dokumen/<kind>")
    def travel_document(self, visit, order_id, kind):
        if kind not in DOCUMENTS:
            raise NotFound(visit._("Dokumen tidak dikenal."))
        traveller = visit.request.args.get("pelaksana") or None
        document = self.travel.order_document(order_id, kind, int(traveller) if traveller and traveller.isdigit()
                                              else traveller)
        return stored_file_response(document, "application/pdf")

    @page("GET", "/perjalanan/lampiran/<int:attachment_id>")
    def travel_attachment(self, visit, attachment_id):
        item = self.travel.get_attachment(attachment_id)
        inline = item["content_type"] in ("application/pdf", "image/jpeg", "image/png", "image/webp", "text/plain")
        return stored_file_response(item, inline=inline)

    # -- sheet II on the road --------------------------------------------------------------------------
    @page("GET", "/perjalanan/<int:order_id>/perjalanan")
    def travel_road(self, visit, order_id):
        order = self.travel.get_order(order_id)
        context = self._order_page_context(visit, order)
        mine = next((t for t in order["travellers"] if t["employee_id"] == visit.identity.employee_id), None)
        legs = (mine or {}).get("legs") or []
        if legs:
            suggestion = legs[-1]["place"]
        else:
            suggestion = ((order.get("destinations") or [{}])[0]).get("city") or ""
        context.update({"mine": mine, "place": suggestion})
        return Page("travel/road.html", context, title=visit._("SPPD lembar II"))

    @page("POST", "/perjalanan/<int:order_id>/perjalanan")
    def travel_record_leg(self, visit, order_id):
        back = f"/perjalanan/{order_id}/perjalanan"
        try:
            leg = self.travel.record_leg(order_id, leg_payload(visit.form))
        except (Conflict, ValidationFailed) as exc:
            details = " ".join(visit._(str(m)) for m in (exc.fields or {}).values())
            return visit.redirect(back, f"{visit._(exc.message)} {details}".strip(), "error")
        when = date_time(leg["recorded_at"], visit.session.lang)
        if leg["kind"] == "arrival":
            message = visit._("Tiba di %(place)s tercatat pada %(when)s.", place=leg["place"], when=when)
        else:
            message = visit._("Berangkat dari %(place)s tercatat pada %(when)s.", place=leg["place"], when=when)
        return visit.redirect(back, message)

    # -- public verification -----------------------------------------------------------------------------
    @page("GET", "/verifikasi/<token>", public=True)
    def public_verify(self, visit, token):
        letter = None
        if LETTER_TOKEN.match(token):
            try:
                letter = self.travel.verify_letter(token)
            except NotFound:
                letter = None
        status = 200 if letter else 404
        return Page("public/verify.html", {"letter": letter, "status_labels": STATUS_LABELS}, status,
                    title=visit._("Verifikasi surat"))
