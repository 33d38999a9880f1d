"""Kepegawaian — leave (cuti): "Cuti saya" (the annual balance per year with the carry-over explained, the
caller's requests, the request form that shows the days kepegawaian counts — ``preview_leave``, nothing saved —
before sending), a request's page (its steps, the supervisor's and the official's notes, the buttons of its
``allowed_actions``, the doctor's letter and the standard form as PDF), "Kotak masuk cuti" for supervisors and the
official, and the staff officer's list of everyone's leave with filters.

kepegawaian decides everything (the rules, the counted days, who may do what); these pages show its answers.
"""
from __future__ import annotations

from situok_kit.errors import Conflict, Forbidden, NotFound, ServiceUnavailable, ValidationFailed

from ..files import stored_file_response, uploaded
from ..forms.common import field_errors, int_or_none, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..paging import keyset_page

OWN = ("kepegawaian", "own_records")
SUPERVISE = ("kepegawaian", "supervise")
DECIDE = ("kepegawaian", "decide_leave")
MANAGE = ("kepegawaian", "manage_records")
BASE = "/kepegawaian/cuti"
PAGE_SIZE = 25
FORM_FIELDS = ("kind", "start_date", "end_date", "half_day", "reason", "reason_category", "child_order",
               "address", "phone", "government_doctor", "attachment_b64", "employee_id")

NAV = Area("kepegawaian", links=(
    Link(_("Cuti saya"), BASE, (OWN,)),
    Link(_("Kotak masuk cuti"), f"{BASE}/kotak-masuk", (SUPERVISE, DECIDE)),
    Link(_("Cuti pegawai"), f"{BASE}/semua", (MANAGE, DECIDE)),
), service="kepegawaian", position=81)

STATUS_LABELS = {"submitted": _("Menunggu pertimbangan atasan"), "considered": _("Menunggu keputusan pejabat"),
                 "change_requested": _("Perlu perubahan"), "approved": _("Disetujui"),
                 "deferred": _("Ditangguhkan"), "refused": _("Tidak disetujui"), "cancelled": _("Dibatalkan")}
OPTION_LABELS = {"setuju": _("Disetujui"), "perubahan": _("Perubahan"), "ditangguhkan": _("Ditangguhkan"),
                 "tidak_disetujui": _("Tidak disetujui")}
REASON_LABELS = {"keluarga_sakit": _("Keluarga sakit keras"), "keluarga_meninggal": _("Keluarga meninggal dunia"),
                 "perkawinan": _("Melangsungkan perkawinan"), "istri_melahirkan": _("Isteri melahirkan/operasi caesar"),
                 "bencana": _("Musibah kebakaran/bencana alam")}
HALF_DAY_LABELS = {"pagi": _("Pagi"), "siang": _("Siang")}


# -- shaping (pure) -----------------------------------------------------------------------------------

def days_label(value) -> str:
    """3.0 -> "3", 0.5 -> "0,5", None -> "–"."""
    if value is None:
        return "–"
    number = float(value)
    return str(int(number)) if number.is_integer() else f"{number:g}".replace(".", ",")


def leave_payload(form, attachment: dict | None) -> dict:
    """The form as kepegawaian's ``LeaveApplicationIn``: empty optional fields left out, numbers as numbers,
    the doctor's letter as base64."""
    payload: dict = {"kind": text_of(form, "kind") or None, "start_date": text_of(form, "start_date") or None,
                     "end_date": text_of(form, "end_date") or None,
                     "government_doctor": form.get("government_doctor") in ("1", "on", "true")}
    for name in ("half_day", "reason", "reason_category", "address", "phone"):
        if text_of(form, name):
            payload[name] = text_of(form, name)
    for name in ("child_order", "employee_id"):
        number = int_or_none(form.get(name))
        if number is not None:
            payload[name] = number
    if attachment:
        payload["attachment_b64"] = attachment["content_b64"]
        payload["attachment_name"] = attachment["filename"]
    return payload


def list_filters(args) -> dict:
    """The staff list's query as ``list_leave`` arguments (unknown values left out: kepegawaian checks the rest)."""
    found = {"status": args.get("status") if args.get("status") in STATUS_LABELS else None,
             "year": int_or_none(args.get("year")), "unit_id": int_or_none(args.get("unit_id")),
             "employee_id": int_or_none(args.get("employee_id")), "kind": args.get("kind") or None}
    return {k: v for k, v in found.items() if v is not None}


def steps_of(item: dict) -> list[dict]:
    """A request's steps for its page: filed, the supervisor's consideration, the official's decision,
    cancellation — each with who, when and the note, as kepegawaian recorded them."""
    steps = [{"label": _("Diajukan"), "at": item.get("created_at"), "by": item.get("filed_by"), "note": None,
              "option": None}]
    if item.get("considered_at"):
        steps.append({"label": _("Pertimbangan atasan langsung"), "at": item["considered_at"],
                      "by": item.get("considered_by"), "option": item.get("considered_option"),
                      "note": item.get("considered_note")})
    if item.get("decided_option"):
        steps.append({"label": _("Keputusan pejabat yang berwenang"), "at": item.get("decided_at"),
                      "by": item.get("decided_by"), "option": item.get("decided_option"),
                      "note": item.get("decided_note")})
    if item.get("cancelled_at"):
        steps.append({"label": _("Dibatalkan"), "at": item["cancelled_at"], "by": None, "option": None,
                      "note": item.get("cancel_reason")})
    return steps


class KepegawaianLeavePages:
    """Pages of the area (mixed into ``WebService``)."""

    # -- my leave -------------------------------------------------------------------------------------------
    @page("GET", BASE, needs=OWN)
    def kepegawaian_my_leave(self, visit):
        year = int_or_none(visit.request.args.get("year"))
        balance = self.kepegawaian.my_leave_balance(year)
        employee_id = visit.identity.employee_id if visit.identity else None
        result, links = keyset_page(
            visit, lambda cursor: self.kepegawaian.list_leave(employee_id=employee_id, cursor=cursor,
                                                                limit=PAGE_SIZE), BASE)
        return Page("kepegawaian/leave_mine.html", {
            "balance": balance, "requests": result["items"], "status_labels": STATUS_LABELS,
            "days_label": days_label, **links}, title=visit._("Cuti saya"))

    def _kepleave_form(self, visit, values: dict, errors: dict, other: list, preview: dict | None = None,
                       status: int = 200, leave_id: int | None = None):
        employee_id = int_or_none(values.get("employee_id"))
        kinds = self.kepegawaian.leave_kinds(employee_id) if employee_id else self.kepegawaian.leave_kinds()
        return Page("kepegawaian/leave_form.html", {
            "kinds": kinds, "values": values, "errors": errors, "other": other, "preview": preview,
            "reason_labels": REASON_LABELS, "half_day_labels": HALF_DAY_LABELS, "days_label": days_label,
            "leave_id": leave_id}, status, title=visit._("Ubah permohonan cuti") if leave_id else
            visit._("Ajukan cuti"))

    @page("GET", f"{BASE}/ajukan", needs=(OWN, MANAGE))
    def kepegawaian_leave_new(self, visit):
        values = {"employee_id": visit.request.args.get("employee_id") or ""}
        return self._kepleave_form(visit, values, {}, [])

    def _kepleave_send(self, visit, leave_id: int | None):
        values = {name: visit.form.get(name, "") for name in FORM_FIELDS}
        files = uploaded(visit.request.files.getlist("attachment"))
        payload = leave_payload(visit.form, files[0] if files else None)
        try:
            if visit.form.get("intent") == "preview":
                preview = self.kepegawaian.preview_leave({**payload, "leave_id": leave_id} if leave_id else payload)
                errors, other = field_errors(preview.get("problems") or {}, FORM_FIELDS, visit._,
                                             aliases={"attachment_b64": "attachment_b64"})
                return self._kepleave_form(visit, values, errors, other, preview, leave_id=leave_id)
            if leave_id:
                saved = self.kepegawaian.update_leave(leave_id, payload)
            else:
                saved = self.kepegawaian.request_leave(payload)
        except (ValidationFailed, Conflict, Forbidden, ServiceUnavailable) as exc:
            errors, other = field_errors(getattr(exc, "fields", None) or {}, FORM_FIELDS, visit._)
            return self._kepleave_form(visit, values, errors, [visit._(exc.message), *other],
                                       status=exc.status if hasattr(exc, "status") else 422, leave_id=leave_id)
        return visit.redirect(f"{BASE}/{saved['id']}", visit._("Permohonan cuti dikirim."))

    @page("POST", f"{BASE}/ajukan", needs=(OWN, MANAGE))
    def kepegawaian_leave_create(self, visit):
        return self._kepleave_send(visit, None)

    @page("GET", f"{BASE}/<int:leave_id>/ubah", needs=(OWN, MANAGE))
    def kepegawaian_leave_edit(self, visit, leave_id):
        item = self.kepegawaian.get_leave(leave_id)
        values = {name: "" if item.get(name) is None else str(item.get(name)) for name in FORM_FIELDS
                  if name != "attachment_b64"}
        return self._kepleave_form(visit, values, {}, [], leave_id=leave_id)

    @page("POST", f"{BASE}/<int:leave_id>/ubah", needs=(OWN, MANAGE))
    def kepegawaian_leave_update(self, visit, leave_id):
        return self._kepleave_send(visit, leave_id)

    # -- one request ----------------------------------------------------------------------------------------
    @page("GET", f"{BASE}/<int:leave_id>", needs=(OWN, SUPERVISE, DECIDE, MANAGE))
    def kepegawaian_leave_detail(self, visit, leave_id):
        item = self.kepegawaian.get_leave(leave_id)
        return Page("kepegawaian/leave_detail.html", {
            "item": item, "steps": steps_of(item), "status_labels": STATUS_LABELS, "option_labels": OPTION_LABELS,
            "reason_labels": REASON_LABELS, "half_day_labels": HALF_DAY_LABELS, "days_label": days_label},
            title=visit._("Permohonan cuti"))

    def _kepleave_act(self, visit, leave_id: int, call, done: str):
        try:
            call()
        except (ValidationFailed, Conflict, Forbidden, NotFound) as exc:
            details = "; ".join(str(v) for v in (getattr(exc, "fields", None) or {}).values())
            message = visit._(exc.message) + (f" {details}" if details else "")
            return visit.redirect(f"{BASE}/{leave_id}", message, "error")
        return visit.redirect(f"{BASE}/{leave_id}", done)

    def _kepleave_decision(self, visit) -> dict:
        return {"option": visit.value("option") or None, "note": visit.value("note") or None}

    @page("POST", f"{BASE}/<int:leave_id>/pertimbangan", needs=SUPERVISE)
    def kepegawaian_leave_consider(self, visit, leave_id):
        data = self._kepleave_decision(visit)
        return self._kepleave_act(visit, leave_id, lambda: self.kepegawaian.consider_leave(leave_id, data),
                                  visit._("Pertimbangan disimpan."))

    @page("POST", f"{BASE}/<int:leave_id>/keputusan", needs=DECIDE)
    def kepegawaian_leave_decide(self, visit, leave_id):
        data = self._kepleave_decision(visit)
        return self._kepleave_act(visit, leave_id, lambda: self.kepegawaian.decide_leave(leave_id, data),
                                  visit._("Keputusan disimpan."))

    @page("POST", f"{BASE}/<int:leave_id>/batalkan", needs=(OWN, MANAGE, DECIDE))
    def kepegawaian_leave_cancel(self, visit, leave_id):
        data = {"reason": visit.value("reason") or None}
        return self._kepleave_act(visit, leave_id, lambda: self.kepegawaian.cancel_leave(leave_id, data),
                                  visit._("Cuti dibatalkan."))

    @page("GET", f"{BASE}/<int:leave_id>/formulir", needs=(OWN, SUPERVISE, DECIDE, MANAGE))
    def kepegawaian_leave_form_pdf(self, visit, leave_id):
        document = self.kepegawaian.leave_form_pdf(leave_id)
        return stored_file_response(document, "application/pdf", inline=False)

    @page("GET", f"{BASE}/<int:leave_id>/lampiran", needs=(OWN, SUPERVISE, DECIDE, MANAGE))
    def kepegawaian_leave_attachment(self, visit, leave_id):
        document = self.kepegawaian.get_leave_attachment(leave_id)
        return stored_file_response({**document, "sha256": ""}, inline=False)

    # -- queues ---------------------------------------------------------------------------------------------
    @page("GET", f"{BASE}/kotak-masuk", needs=(SUPERVISE, DECIDE))
    def kepegawaian_leave_inbox(self, visit):
        result, links = keyset_page(
            visit, lambda cursor: self.kepegawaian.leave_inbox(cursor=cursor, limit=PAGE_SIZE), f"{BASE}/kotak-masuk")
        return Page("kepegawaian/leave_list.html", {
            "requests": result["items"], "status_labels": STATUS_LABELS, "days_label": days_label, "filters": None,
            "heading": visit._("Kotak masuk cuti"), **links}, title=visit._("Kotak masuk cuti"))

    @page("GET", f"{BASE}/semua", needs=(MANAGE, DECIDE))
    def kepegawaian_leave_all(self, visit):
        filters = list_filters(visit.request.args)
        result, links = keyset_page(
            visit, lambda cursor: self.kepegawaian.list_leave(**filters, cursor=cursor, limit=PAGE_SIZE),
            f"{BASE}/semua", filters or None)
        return Page("kepegawaian/leave_list.html", {
            "requests": result["items"], "status_labels": STATUS_LABELS, "days_label": days_label,
            "filters": filters, "heading": visit._("Cuti pegawai"), **links}, title=visit._("Cuti pegawai"))
