"""Aset & Barang — Inventarisasi/sensus di ponsel dan penghapusan.

Stock-taking: the campaigns, a new campaign (rooms ticked, a checker each), a campaign's page (progress per
room, the result's lists, the berita acara, closing, applying with the findings to register) and the phone page
of one room — the room's list with big "Ada" / "Tidak ada" buttons, a box for a scanned or typed label, the
findings, a progress bar. Every action is a plain HTML form; ``js/assets-campaign.js`` only adds the camera
(``startScanner``, when the scanner page's script is there) to fill the label box.

Disposal: proposals and the RB suggestions, a new proposal (``?barang=<id>``), a proposal's page (its
``allowed_actions`` are its buttons) with its documents, and the report of disposed items with its downloads.

assets decides everything (who sees what, what a record allows: ``allowed_actions``); these pages show what it
answers and work out no rule of their own. What a form becomes is ``web.forms.assets_stocktaking``.
"""
from __future__ import annotations

import urllib.parse
from datetime import UTC, datetime

from assets.schemas.disposal import DISPOSAL_METHODS, DISPOSAL_STATUSES
from assets.schemas.register import CONDITIONS
from assets.schemas.stocktaking import CAMPAIGN_KINDS, CAMPAIGN_STATUSES
from situok_kit.errors import Conflict, ValidationFailed
from werkzeug.wrappers import Response

from ..files import stored_file_response
from ..forms.assets_stocktaking import (
    CAMPAIGN_FIELDS,
    CAMPAIGN_STATUS_LABELS,
    CONDITION_LABELS,
    DISPOSAL_FIELDS,
    DISPOSAL_STATUS_LABELS,
    KIND_LABELS,
    METHOD_LABELS,
    RESULT_LABELS,
    VALUE_BASIS_LABELS,
    apply_payload,
    campaign_payload,
    campaign_values,
    check_payload,
    decision_payload,
    disposal_payload,
    disposal_values,
    finding_payload,
)
from ..forms.common import field_errors, parse_year, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..i18n import to_wita
from ..nav import Area, Link
from ..paging import keyset_page
from ..rendering import static_files, static_url

RUN = ("assets", "run_campaigns")
CHECK = ("assets", "check_campaigns")
PROPOSE = ("assets", "propose_disposal")
APPROVE = ("assets", "approve_disposal")
REPORTS = ("assets", "view_reports")
CAMPAIGN_PAGES = (RUN, CHECK)
DISPOSAL_PAGES = (PROPOSE, APPROVE, REPORTS)
PAGE_SIZE = 25
#: The QR scanner of the scanner page (jsQR, then ``js/assets-scan.js``), loaded on the room page when present.
JSQR_URL = "/vendor/jsqr.js"
SCANNER_SCRIPT = "js/assets-scan.js"

NAV = Area("aset", None, None, (
    Link(_("Inventarisasi dan sensus"), "/aset/inventarisasi", CAMPAIGN_PAGES),
    Link(_("Penghapusan barang"), "/aset/penghapusan", (PROPOSE, APPROVE)),
    Link(_("Laporan penghapusan"), "/aset/penghapusan/laporan", DISPOSAL_PAGES),
), service="assets", position=60)
LINK_HELP = {
    "/aset/inventarisasi": _("Periksa barang per ruangan dengan ponsel; berita acara dan penerapan hasilnya."),
    "/aset/penghapusan": _("Usulan penghapusan, persetujuan Kepala Biro, SK dan berita acaranya."),
    "/aset/penghapusan/laporan": _("Barang yang dihapus per tahun dan cara penghapusan."),
}


def labelled(codes, labels: dict) -> dict:
    return {code: labels.get(code, code) for code in codes}


CAMPAIGN_KINDS_SHOWN = labelled(CAMPAIGN_KINDS, KIND_LABELS)
CAMPAIGN_STATUSES_SHOWN = labelled(CAMPAIGN_STATUSES, CAMPAIGN_STATUS_LABELS)
METHODS_SHOWN = labelled(DISPOSAL_METHODS, METHOD_LABELS)
DISPOSAL_STATUSES_SHOWN = labelled(DISPOSAL_STATUSES, DISPOSAL_STATUS_LABELS)
CONDITIONS_SHOWN = labelled(CONDITIONS, CONDITION_LABELS)
#: What each step says once it ran.
DONE = {"close": _("Inventarisasi ditutup; nomor berita acara diberikan."),
        "cancel": _("Dibatalkan."), "apply": _("Hasil inventarisasi diterapkan ke register."),
        "finish": _("Ruangan ditandai selesai."), "reopen": _("Ruangan dibuka kembali."),
        "check": _("Tersimpan."), "finding": _("Temuan dicatat."), "remove_finding": _("Temuan dihapus."),
        "submit": _("Usulan diajukan ke Kepala Biro."), "approve": _("Usulan disetujui."),
        "reject": _("Usulan ditolak."), "decide": _("SK penghapusan dicatat."),
        "complete": _("Berita acara dicatat; barang dikeluarkan dari register."),
        "cancel_disposal": _("Usulan dibatalkan.")}


def scanner_scripts() -> list[str]:
    """The scanner's scripts when the site serves them (the room page works without them)."""
    if SCANNER_SCRIPT not in static_files():
        return []
    return [JSQR_URL, static_url(SCANNER_SCRIPT)]


def wita_today():
    return to_wita(datetime.now(UTC)).date()


class AssetsStocktakingPages:
    """Pages of this part of Aset & Barang (mixed into ``web.service.WebService``)."""

    def _stocktaking_globals(self, visit) -> dict:
        return {"can": lambda name: visit.can("assets", name), "kind_labels": CAMPAIGN_KINDS_SHOWN,
                "campaign_status_labels": CAMPAIGN_STATUSES_SHOWN, "result_labels": RESULT_LABELS,
                "condition_labels": CONDITIONS_SHOWN, "method_labels": METHODS_SHOWN,
                "disposal_status_labels": DISPOSAL_STATUSES_SHOWN, "value_basis_labels": VALUE_BASIS_LABELS}

    def _stk_act(self, visit, back: str, done: str, call) -> Response:
        """Run a step; a 409 or a 422 comes back as a message on the page the button was on."""
        try:
            call()
        except (Conflict, ValidationFailed) as exc:
            details = " ".join(visit._(str(m)) for m in (exc.fields or {}).values())
            return visit.redirect(back, f"{visit._(exc.message)} {details}".strip(), "error")
        return visit.redirect(back, visit._(DONE[done]))

    # -- campaigns ------------------------------------------------------------------------------------------
    @page("GET", "/aset/inventarisasi", needs=CAMPAIGN_PAGES)
    def assets_campaigns(self, visit):
        status = text_of(visit.request.args, "status")
        status = status if status in CAMPAIGN_STATUSES_SHOWN else ""
        result, pager = keyset_page(visit, lambda cursor: self.assets.list_campaigns(
            {"status": status} if status else None, cursor=cursor, limit=PAGE_SIZE), "/aset/inventarisasi",
            {"status": status} if status else None)
        return Page("assets/stocktaking_list.html", {**self._stocktaking_globals(visit), "items": result["items"],
                                                     **pager, "shown": {"status": status}},
                    title=visit._("Inventarisasi dan sensus"))

    def _stk_campaign_form(self, visit, values=None, errors=None, summary=None, other=(), status=200) -> Page:
        choices = self.assets.campaign_choices()
        values = values or {"kind": "inventarisasi", "start_date": wita_today().isoformat(), "rooms": [],
                            "checkers": {}, "name": "", "notes": ""}
        return Page("assets/stocktaking_form.html", {
            **self._stocktaking_globals(visit), "choices": choices, "values": values, "errors": errors or {},
            "summary": summary, "other": list(other),
            "kinds": [(code, visit._(label)) for code, label in CAMPAIGN_KINDS_SHOWN.items()],
        }, status, title=visit._("Inventarisasi baru"))

    @page("GET", "/aset/inventarisasi/baru", needs=RUN)
    def assets_campaign_new(self, visit):
        return self._stk_campaign_form(visit)

    @page("POST", "/aset/inventarisasi/baru", needs=RUN)
    def assets_campaign_create(self, visit):
        values = campaign_values(visit.form)
        try:
            created = self.assets.create_campaign(campaign_payload(values))
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, (*CAMPAIGN_FIELDS, "rooms"), visit._)
            return self._stk_campaign_form(visit, values, errors, visit._(exc.message), other, 422)
        return visit.redirect(f"/aset/inventarisasi/{created['id']}", visit._("Inventarisasi dibuat."))

    @page("GET", "/aset/inventarisasi/<int:campaign_id>", needs=CAMPAIGN_PAGES)
    def assets_campaign(self, visit, campaign_id):
        campaign = self.assets.get_campaign(campaign_id)
        result = self.assets.campaign_result(campaign_id)
        return Page("assets/stocktaking_detail.html", {
            **self._stocktaking_globals(visit), "c": campaign, "result": result,
            "actions": campaign.get("allowed_actions") or []}, title=campaign["name"])

    @page("GET", "/aset/inventarisasi/<int:campaign_id>/berita-acara", needs=CAMPAIGN_PAGES)
    def assets_campaign_document(self, visit, campaign_id):
        return stored_file_response(self.assets.campaign_document(campaign_id))

    @page("POST", "/aset/inventarisasi/<int:campaign_id>/tutup", needs=RUN)
    def assets_campaign_close(self, visit, campaign_id):
        force = visit.value("force") in ("1", "on", "true")
        return self._stk_act(visit, f"/aset/inventarisasi/{campaign_id}", "close",
                         lambda: self.assets.close_campaign(campaign_id, force=force))

    @page("POST", "/aset/inventarisasi/<int:campaign_id>/batalkan", needs=RUN)
    def assets_campaign_cancel(self, visit, campaign_id):
        return self._stk_act(visit, f"/aset/inventarisasi/{campaign_id}", "cancel",
                         lambda: self.assets.cancel_campaign(campaign_id, visit.value("reason")))

    @page("POST", "/aset/inventarisasi/<int:campaign_id>/terapkan", needs=RUN)
    def assets_campaign_apply(self, visit, campaign_id):
        findings = self.assets.campaign_result(campaign_id)["findings"]
        payload, _values = apply_payload(visit.form, findings)
        return self._stk_act(visit, f"/aset/inventarisasi/{campaign_id}", "apply",
                         lambda: self.assets.apply_campaign(campaign_id, payload))

    # -- the phone page of one room ---------------------------------------------------------------------------
    @page("GET", "/aset/inventarisasi/<int:campaign_id>/ruangan/<int:room_id>", needs=CAMPAIGN_PAGES)
    def assets_campaign_room(self, visit, campaign_id, room_id):
        sheet = self.assets.campaign_room(campaign_id, room_id)
        room = sheet["room"]
        return Page("assets/stocktaking_room.html", {
            **self._stocktaking_globals(visit), "sheet": sheet, "room": room, "campaign": sheet["campaign"],
            "actions": room.get("allowed_actions") or [],
            "base": f"/aset/inventarisasi/{campaign_id}/ruangan/{room_id}",
            "conditions": [(code, visit._(label)) for code, label in CONDITIONS_SHOWN.items()],
            "scanner_scripts": scanner_scripts(),
        }, title=room["room_name"])

    def _stk_room_back(self, campaign_id: int, room_id: int, anchor: str | None = None) -> str:
        base = f"/aset/inventarisasi/{campaign_id}/ruangan/{room_id}"
        return f"{base}#{anchor}" if anchor else base

    @page("POST", "/aset/inventarisasi/<int:campaign_id>/ruangan/<int:room_id>/periksa", needs=CAMPAIGN_PAGES)
    def assets_campaign_check(self, visit, campaign_id, room_id):
        data = check_payload(visit.form)
        anchor = f"barang-{data['asset_id']}" if data.get("asset_id") else "label"
        return self._stk_act(visit, self._stk_room_back(campaign_id, room_id, anchor), "check",
                         lambda: self.assets.record_campaign_check(campaign_id, room_id, data))

    @page("POST", "/aset/inventarisasi/<int:campaign_id>/ruangan/<int:room_id>/temuan", needs=CAMPAIGN_PAGES)
    def assets_campaign_finding(self, visit, campaign_id, room_id):
        return self._stk_act(visit, self._stk_room_back(campaign_id, room_id, "temuan"), "finding",
                         lambda: self.assets.record_campaign_finding(campaign_id, room_id,
                                                                     finding_payload(visit.form)))

    @page("POST", "/aset/inventarisasi/<int:campaign_id>/ruangan/<int:room_id>/temuan/<int:finding_id>/hapus",
          needs=CAMPAIGN_PAGES)
    def assets_campaign_finding_remove(self, visit, campaign_id, room_id, finding_id):
        return self._stk_act(visit, self._stk_room_back(campaign_id, room_id, "temuan"), "remove_finding",
                         lambda: self.assets.remove_campaign_finding(campaign_id, room_id, finding_id))

    @page("POST", "/aset/inventarisasi/<int:campaign_id>/ruangan/<int:room_id>/selesai", needs=CAMPAIGN_PAGES)
    def assets_campaign_room_finish(self, visit, campaign_id, room_id):
        return self._stk_act(visit, self._stk_room_back(campaign_id, room_id), "finish",
                         lambda: self.assets.finish_campaign_room(campaign_id, room_id))

    @page("POST", "/aset/inventarisasi/<int:campaign_id>/ruangan/<int:room_id>/buka", needs=CAMPAIGN_PAGES)
    def assets_campaign_room_reopen(self, visit, campaign_id, room_id):
        return self._stk_act(visit, self._stk_room_back(campaign_id, room_id), "reopen",
                         lambda: self.assets.reopen_campaign_room(campaign_id, room_id))

    # -- disposal ----------------------------------------------------------------------------------------------
    @page("GET", "/aset/penghapusan", needs=DISPOSAL_PAGES)
    def assets_disposals(self, visit):
        status = text_of(visit.request.args, "status")
        status = status if status in DISPOSAL_STATUSES_SHOWN else ""
        result, pager = keyset_page(visit, lambda cursor: self.assets.list_disposals(
            {"status": status} if status else None, cursor=cursor, limit=PAGE_SIZE), "/aset/penghapusan",
            {"status": status} if status else None)
        suggestions = self.assets.disposal_suggestions(limit=50)
        return Page("assets/disposal_list.html", {
            **self._stocktaking_globals(visit), "items": result["items"], **pager, "shown": {"status": status},
            "suggestions": suggestions["items"], "more_suggestions": bool(suggestions.get("next_cursor"))},
            title=visit._("Penghapusan barang"))

    def _stk_disposal_form(self, visit, values, errors=None, summary=None, other=(), proposal=None,
                       status=200) -> Page:
        suggestions = self.assets.disposal_suggestions(limit=200)["items"]
        known = {str(s["asset_id"]) for s in suggestions}
        chosen = [a for a in values["items"] if a not in known]
        return Page("assets/disposal_form.html", {
            **self._stocktaking_globals(visit), "values": values, "errors": errors or {}, "summary": summary,
            "other": list(other), "suggestions": suggestions, "chosen_elsewhere": chosen, "proposal": proposal,
            "methods": [(code, visit._(label)) for code, label in METHODS_SHOWN.items()],
        }, status, title=visit._("Ubah usulan penghapusan") if proposal else visit._("Usulan penghapusan baru"))

    @page("GET", "/aset/penghapusan/baru", needs=PROPOSE)
    def assets_disposal_new(self, visit):
        picked = [v for v in visit.request.args.getlist("barang") if v.strip().isdigit()]
        values = {"method": "pemusnahan", "reasons": "", "items": picked, "reasons_by_item": {}, "extra": ""}
        return self._stk_disposal_form(visit, values)

    @page("POST", "/aset/penghapusan/baru", needs=PROPOSE)
    def assets_disposal_create(self, visit):
        values = disposal_values(visit.form)
        try:
            created = self.assets.create_disposal(disposal_payload(values))
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, (*DISPOSAL_FIELDS, "items"), visit._)
            return self._stk_disposal_form(visit, values, errors, visit._(exc.message), other, status=422)
        return visit.redirect(f"/aset/penghapusan/{created['id']}", visit._("Draf usulan disimpan. Periksa lalu "
                                                                            "ajukan."))

    @page("GET", "/aset/penghapusan/<int:proposal_id>/ubah", needs=PROPOSE)
    def assets_disposal_edit(self, visit, proposal_id):
        proposal = self.assets.get_disposal(proposal_id)
        values = {"method": proposal["method"], "reasons": proposal["reasons"],
                  "items": [str(i["asset_id"]) for i in proposal["items"]],
                  "reasons_by_item": {str(i["asset_id"]): i["reason"] for i in proposal["items"]}, "extra": ""}
        return self._stk_disposal_form(visit, values, proposal=proposal)

    @page("POST", "/aset/penghapusan/<int:proposal_id>/ubah", needs=PROPOSE)
    def assets_disposal_update(self, visit, proposal_id):
        values = disposal_values(visit.form)
        try:
            self.assets.update_disposal(proposal_id, disposal_payload(values))
        except (ValidationFailed, Conflict) as exc:
            errors, other = field_errors(exc.fields, (*DISPOSAL_FIELDS, "items"), visit._)
            proposal = self.assets.get_disposal(proposal_id)
            return self._stk_disposal_form(visit, values, errors, visit._(exc.message), other, proposal, status=422)
        return visit.redirect(f"/aset/penghapusan/{proposal_id}", visit._("Draf usulan disimpan."))

    @page("GET", "/aset/penghapusan/laporan", needs=DISPOSAL_PAGES)
    def assets_disposal_report(self, visit):
        year = parse_year(visit.request.args.get("tahun"), wita_today())
        method = text_of(visit.request.args, "cara")
        method = method if method in METHODS_SHOWN else ""
        report = self.assets.disposal_report(year, method or None)
        query = {"tahun": year, **({"cara": method} if method else {})}
        downloads = {fmt: "/aset/penghapusan/laporan/unduh?" + urllib.parse.urlencode({**query, "format": fmt})
                     for fmt in ("xlsx", "pdf")}
        return Page("assets/disposal_report.html", {
            **self._stocktaking_globals(visit), "report": report, "shown": {"tahun": str(year), "cara": method},
            "downloads": downloads}, title=visit._("Laporan penghapusan"))

    @page("GET", "/aset/penghapusan/laporan/unduh", needs=DISPOSAL_PAGES)
    def assets_disposal_report_file(self, visit):
        year = parse_year(visit.request.args.get("tahun"), wita_today())
        method = text_of(visit.request.args, "cara")
        fmt = "pdf" if text_of(visit.request.args, "format") == "pdf" else "xlsx"
        found = self.assets.disposal_report_file(year, method if method in METHODS_SHOWN else None, fmt)
        return stored_file_response(found, inline=False)

    @page("GET", "/aset/penghapusan/<int:proposal_id>", needs=DISPOSAL_PAGES)
    def assets_disposal(self, visit, proposal_id):
        proposal = self.assets.get_disposal(proposal_id)
        return Page("assets/disposal_detail.html", {
            **self._stocktaking_globals(visit), "p": proposal, "actions": proposal.get("allowed_actions") or [],
            "today": wita_today().isoformat()}, title=visit._("Usulan penghapusan #%(id)s", id=proposal["id"]))

    @page("GET", "/aset/penghapusan/<int:proposal_id>/dokumen/<any(usulan, berita-acara):kind>",
          needs=DISPOSAL_PAGES)
    def assets_disposal_document(self, visit, proposal_id, kind):
        return stored_file_response(self.assets.disposal_document(
            proposal_id, "proposal" if kind == "usulan" else "berita_acara"))

    def _stk_disposal_step(self, visit, proposal_id: int, done: str, call) -> Response:
        return self._stk_act(visit, f"/aset/penghapusan/{proposal_id}", done, call)

    @page("POST", "/aset/penghapusan/<int:proposal_id>/ajukan", needs=PROPOSE)
    def assets_disposal_submit(self, visit, proposal_id):
        return self._stk_disposal_step(visit, proposal_id, "submit", lambda: self.assets.submit_disposal(proposal_id))

    @page("POST", "/aset/penghapusan/<int:proposal_id>/setujui", needs=APPROVE)
    def assets_disposal_approve(self, visit, proposal_id):
        return self._stk_disposal_step(visit, proposal_id, "approve", lambda: self.assets.approve_disposal(proposal_id))

    @page("POST", "/aset/penghapusan/<int:proposal_id>/tolak", needs=APPROVE)
    def assets_disposal_reject(self, visit, proposal_id):
        return self._stk_disposal_step(visit, proposal_id, "reject",
                                   lambda: self.assets.reject_disposal(proposal_id, visit.value("reason")))

    @page("POST", "/aset/penghapusan/<int:proposal_id>/sk", needs=PROPOSE)
    def assets_disposal_decide(self, visit, proposal_id):
        return self._stk_disposal_step(visit, proposal_id, "decide",
                                   lambda: self.assets.decide_disposal(proposal_id, decision_payload(visit.form)))

    @page("POST", "/aset/penghapusan/<int:proposal_id>/berita-acara", needs=PROPOSE)
    def assets_disposal_complete(self, visit, proposal_id):
        data = {"ba_date": visit.value("ba_date") or None}
        return self._stk_disposal_step(visit, proposal_id, "complete",
                                   lambda: self.assets.complete_disposal(proposal_id, data))

    @page("POST", "/aset/penghapusan/<int:proposal_id>/batalkan", needs=PROPOSE)
    def assets_disposal_cancel(self, visit, proposal_id):
        return self._stk_disposal_step(visit, proposal_id, "cancel_disposal",
                                   lambda: self.assets.cancel_disposal(proposal_id, visit.value("reason")))

