"""Layanan Publik — the public's feedback pages: the portal's form for a suggestion, question or complaint (no
account), the page that shows the tracking code once, the status and answer a code shows, the published
questions and answers; and for staff the queue, a message's page with the triage/answer/close/publish forms its
``allowed_actions`` offer, and the response times per unit with their XLSX download.

agenda decides everything (the ticket, the limits, the per-client limit, who sees and does what, what is
published); these pages show what it answers. The web passes agenda the client's address as the edge saw it
(``auth.client_address``: ``X-Forwarded-For``'s last entry), never anything the sender typed.

The form carries agenda's time-to-submit **ticket** (``public_form_ticket``, a hidden field sent back as it came)
and a **honeypot**: a ``website`` field hidden from people (``hidden``, ``aria-hidden``, out of the tab order, no
autocomplete) that bots fill in; agenda answers such a form like a success and stores nothing.
"""
from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from agenda.models.feedback import FEEDBACK_LIMITS
from agenda.schemas.common import HONEYPOT
from situok_kit.clock import wita_day
from situok_kit.errors import Conflict, NotFound, TooManyRequests, ValidationFailed

from ..files import stored_file_response
from ..forms.common import field_errors, int_or_none, text_of
from ..http import Page, page, redirect
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..paging import keyset_page
from .auth import client_address

TRIAGE = ("agenda", "triage_feedback")
STAFF = (TRIAGE, ("agenda", "answer_feedback"))
PUBLIC = "/publik/masukan"
QUEUE = "/agenda/masukan"
REPORT = "/agenda/masukan/waktu-tanggap"
FORM_FIELDS = ("kind", "subject", "message", "event_id", "name", "email", "phone", "reply_by_contact",
               "consent_publish", "ticket", HONEYPOT)
ACTION_FIELDS = ("category", "unit_id", "answer", "note", "published")
REPORT_FIELDS = ("date_from", "date_to", "open_days")

NAV = Area("layanan_publik", service="agenda", position=85, links=(
    Link(_("Masukan masyarakat"), QUEUE, STAFF),
    Link(_("Waktu tanggap masukan"), REPORT, TRIAGE),
))
KIND_LABELS = {"suggestion": _("Saran"), "question": _("Pertanyaan"), "complaint": _("Pengaduan")}
STATUS_LABELS = {"received": _("Diterima"), "triaged": _("Diteruskan ke unit"), "answered": _("Dijawab"),
                 "closed": _("Ditutup")}
CATEGORY_LABELS = {"layanan": _("Layanan"), "protokol": _("Keprotokolan"), "fasilitas": _("Fasilitas dan sarana"),
                   "informasi": _("Informasi publik"), "lainnya": _("Lainnya")}
ACTION_LABELS = {"triage": _("Pilah dan teruskan"), "answer": _("Kirim jawaban"), "close": _("Tutup"),
                 "publish": _("Publikasikan tanya-jawab"), "unpublish": _("Tarik dari publikasi")}
DONE = {"triage": _("Masukan dipilah dan diteruskan."), "answer": _("Jawaban tersimpan."),
        "close": _("Masukan ditutup."), "publish": _("Tanya-jawab dipublikasikan."),
        "unpublish": _("Tanya-jawab ditarik dari publikasi.")}


# -- shaping (pure) -----------------------------------------------------------------------------------

def feedback_payload(form) -> dict:
    """The form as agenda's ``FeedbackIn``: texts as typed (empty optional ones null), the event as a number,
    the boxes as booleans, the ticket and the honeypot as they came."""
    return {
        "kind": text_of(form, "kind"), "subject": text_of(form, "subject"), "message": text_of(form, "message"),
        "event_id": int_or_none(form.get("event_id")), "name": text_of(form, "name") or None,
        "email": text_of(form, "email") or None, "phone": text_of(form, "phone") or None,
        "reply_by_contact": bool(form.get("reply_by_contact")), "consent_publish": bool(form.get("consent_publish")),
        "ticket": form.get("ticket") or None, HONEYPOT: form.get(HONEYPOT) or "",
    }


def action_payload(action: str, form) -> dict:
    """An action's data as agenda takes it (``FeedbackTriageIn``, ``FeedbackAnswerIn``, ``FeedbackNoteIn``)."""
    if action == "triage":
        return {"category": text_of(form, "category"), "unit_id": int_or_none(form.get("unit_id")),
                "note": text_of(form, "note") or None}
    if action == "answer":
        return {"answer": text_of(form, "answer")}
    return {"note": text_of(form, "note") or None}


def report_period(args, today: date) -> dict:
    """The report's period: ``?date_from``/``?date_to`` as typed, this month so far by default."""
    return {"date_from": text_of(args, "date_from") or today.replace(day=1).isoformat(),
            "date_to": text_of(args, "date_to") or today.isoformat(),
            "open_days": int_or_none(args.get("open_days")) or 7}


class AgendaFeedbackPages:
    # -- the public portal --------------------------------------------------------------------------------
    def _agenda_feedback_event(self, event_id):
        if event_id is None:
            return None
        try:
            return self.agenda.feedback_event(event_id)
        except (NotFound, ValidationFailed):
            return None

    def _agenda_feedback_form(self, visit, values: dict, errors: dict, other: list, status: int = 200):
        ticket = self.agenda.public_form_ticket()["ticket"]
        event = self._agenda_feedback_event(int_or_none(values.get("event_id")))
        response = visit.render(Page("agenda/feedback_form.html", {
            "values": values, "errors": errors, "other": other, "limits": FEEDBACK_LIMITS, "ticket": ticket,
            "honeypot": HONEYPOT, "kind_labels": KIND_LABELS, "event": event}, status,
            title=visit._("Saran, pertanyaan dan pengaduan")))
        response.headers["Cache-Control"] = "no-store"  # the ticket is fresh for each form
        return response

    @page("GET", PUBLIC, public=True)
    def agenda_feedback_form(self, visit):
        args = visit.request.args
        return self._agenda_feedback_form(visit, {"kind": text_of(args, "jenis") or "question",
                                                  "event_id": text_of(args, "event_id")}, {}, [])

    @page("POST", PUBLIC, public=True)
    def agenda_feedback_submit(self, visit):
        values = {name: visit.form.get(name, "") for name in FORM_FIELDS if name not in (HONEYPOT, "ticket")}
        try:
            receipt = self.agenda.submit_feedback(feedback_payload(visit.form), client=client_address(visit.request))
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, FORM_FIELDS, visit._)
            if "ticket" in errors:  # no field to show it by: a message above the form
                other.append(errors.pop("ticket"))
            return self._agenda_feedback_form(visit, values, errors, [visit._(exc.message), *other], 422)
        except TooManyRequests as exc:
            return self._agenda_feedback_form(visit, values, {}, [visit._(exc.message)], 429)
        response = visit.render(Page("agenda/feedback_receipt.html", {
            "receipt": receipt, "kind_labels": KIND_LABELS, "status_labels": STATUS_LABELS},
            title=visit._("Kode pelacakan masukan")))
        response.headers["Cache-Control"] = "no-store"  # the code is shown this once
        return response

    @page("GET", f"{PUBLIC}/status", public=True)
    def agenda_feedback_status_form(self, visit):
        return Page("agenda/feedback_status.html", {"found": None, "code": "", "unknown": False,
                                                    "kind_labels": KIND_LABELS, "status_labels": STATUS_LABELS},
                    title=visit._("Status masukan"))

    @page("POST", f"{PUBLIC}/status", public=True)
    def agenda_feedback_status(self, visit):
        code = visit.value("code")[:64]
        try:
            found = self.agenda.feedback_status(code)
        except (NotFound, ValidationFailed):
            found = None
        response = visit.render(Page("agenda/feedback_status.html", {
            "found": found, "code": code if found else "", "unknown": found is None, "kind_labels": KIND_LABELS,
            "status_labels": STATUS_LABELS}, 200 if found else 404, title=visit._("Status masukan")))
        response.headers["Cache-Control"] = "no-store"
        return response

    @page("GET", f"{PUBLIC}/terjawab", public=True)
    def agenda_feedback_answered(self, visit):
        result, links = keyset_page(visit, lambda cursor: self.agenda.published_feedback(cursor=cursor, limit=20),
                                    f"{PUBLIC}/terjawab")
        response = visit.render(Page("agenda/feedback_answered.html", {
            "items": result["items"], "kind_labels": KIND_LABELS, **links}, title=visit._("Tanya-jawab masyarakat")))
        response.headers["Cache-Control"] = "public, max-age=60"  # the same for everyone (no-store once signed in)
        return response

    # -- staff ----------------------------------------------------------------------------------------
    @page("GET", QUEUE, needs=STAFF)
    def agenda_feedback_queue(self, visit):
        args = visit.request.args
        status = args.get("status") if args.get("status") in STATUS_LABELS else None
        kind = args.get("kind") if args.get("kind") in KIND_LABELS else None
        filters = {key: value for key, value in (("status", status), ("kind", kind)) if value}
        result, links = keyset_page(
            visit, lambda cursor: self.agenda.list_feedback(status=status, kind=kind, cursor=cursor, limit=25),
            QUEUE, filters or None)
        return Page("agenda/feedback_queue.html", {
            "items": result["items"], "status": status, "kind": kind, "status_labels": STATUS_LABELS,
            "kind_labels": KIND_LABELS, "can_report": visit.can(*TRIAGE), **links}, title=visit._("Masukan masyarakat"))

    def _agenda_feedback_detail(self, visit, item: dict, errors: dict, other: list, values: dict,
                                status: int = 200):
        units = self.agenda.feedback_units()["items"] if "triage" in item.get("allowed_actions", ()) else []
        return Page("agenda/feedback_detail.html", {
            "item": item, "units": units, "errors": errors, "other": other, "values": values,
            "kind_labels": KIND_LABELS, "status_labels": STATUS_LABELS, "category_labels": CATEGORY_LABELS,
            "action_labels": ACTION_LABELS, "limits": FEEDBACK_LIMITS},
            status, title=visit._("Masukan #%(id)s", id=item["id"]))

    @page("GET", f"{QUEUE}/<int:feedback_id>", needs=STAFF)
    def agenda_feedback_detail(self, visit, feedback_id):
        item = self.agenda.get_feedback(feedback_id)
        values = {"category": item.get("category") or "", "unit_id": item.get("unit_id") or ""}
        return self._agenda_feedback_detail(visit, item, {}, [], values)

    @page("POST", f"{QUEUE}/<int:feedback_id>/tindakan", needs=STAFF)
    def agenda_feedback_act(self, visit, feedback_id):
        action = visit.value("action")
        if action not in ACTION_LABELS:
            raise ValidationFailed(visit._("Tindakan tidak dikenal."), {"action": visit._("Tindakan tidak dikenal.")})
        data = action_payload(action, visit.form)
        try:
            getattr(self.agenda, f"{action}_feedback")(feedback_id, data)
        except (ValidationFailed, Conflict) as exc:
            errors, other = field_errors(exc.fields, ACTION_FIELDS, visit._)
            item = self.agenda.get_feedback(feedback_id)
            values = {name: visit.form.get(name, "") for name in ACTION_FIELDS}
            return self._agenda_feedback_detail(visit, item, errors, [visit._(exc.message), *other], values,
                                                422 if isinstance(exc, ValidationFailed) else 409)
        return visit.redirect(f"{QUEUE}/{feedback_id}", visit._(DONE[action]))

    # -- response times -----------------------------------------------------------------------------
    @page("GET", REPORT, needs=TRIAGE)
    def agenda_feedback_report(self, visit):
        period = report_period(visit.request.args, wita_day())
        report, errors, other = None, {}, []
        try:
            report = self.agenda.feedback_report(**period)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, REPORT_FIELDS, visit._)
            other = [visit._(exc.message), *other]
        return Page("agenda/feedback_report.html", {
            "report": report, "period": period, "errors": errors, "other": other,
            "download_url": f"{REPORT}/unduh?{urlencode(period)}"}, 422 if errors or other else 200,
            title=visit._("Waktu tanggap masukan"))

    @page("GET", f"{REPORT}/unduh", needs=TRIAGE)
    def agenda_feedback_report_xlsx(self, visit):
        period = report_period(visit.request.args, wita_day())
        try:
            return stored_file_response(self.agenda.feedback_report_xlsx(**period), inline=False)
        except ValidationFailed:
            return redirect(f"{REPORT}?{urlencode(period)}")
