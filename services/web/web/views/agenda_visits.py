"""Agenda — official visit and audience requests (izin kunjungan resmi / audiensi): the public portal's form
(with the request letter), the page that shows the tracking code once, the status a code shows and the visitor
pass download; the staff's queue, a request with its contact and letter, the decision (a time and a room from
booking's rooms, or an address; or a reason), the cancellation; the reception's page a pass's QR opens.

agenda decides everything (the limits, the ticket, who sees the contact, who decides, whether a pass is valid
now); these pages show what it answers and the buttons of its ``allowed_actions``. The web passes agenda the
client's address as the edge saw it (``auth.client_address``), never anything the visitor typed. The form carries
the time-to-submit ticket from ``agenda.public_form_ticket()`` in a hidden field and a **honeypot** (``website``,
hidden from people like booking's).

The reception page (``/kunjungan/periksa/<token>``, the QR's address) is for signed-in protocol staff; anyone
not signed in gets the login page and comes back to it.
"""
from __future__ import annotations

from agenda.schemas.common import HONEYPOT
from agenda.schemas.visits import LIMITS
from situok_kit.errors import Conflict, NotFound, TooManyRequests, ValidationFailed

from ..files import stored_file_response, uploaded
from ..forms.common import field_errors, int_or_none, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..paging import keyset_page
from .auth import client_address

VIEW = ("agenda", "view_visits")
DECIDE = ("agenda", "decide_visits")
CHECK_IN = ("agenda", "check_in_visitors")
PUBLIC = "/publik/kunjungan"
BASE = "/kunjungan"
CHECK = f"{BASE}/periksa"
PAGE_SIZE = 25
WISHED = ("wished_date_1", "wished_date_2", "wished_date_3")
FORM_FIELDS = ("agency", "leader_wished", "purpose", "visitor_count", "visitor_names", "wished_dates",
               "contact_name", "contact_phone", "contact_email", "letter_b64", "letter_name", "ticket")
APPROVE_FIELDS = ("starts_at", "ends_at", "room_resource_id", "address", "note")

NAV = Area("layanan_publik", _("Layanan Publik"), "users", service="agenda", position=80, links=(
    Link(_("Permohonan kunjungan"), BASE, (VIEW, DECIDE)),
))
STATUS_LABELS = {"pending": _("Menunggu keputusan"), "approved": _("Disetujui"), "refused": _("Ditolak"),
                 "cancelled": _("Dibatalkan")}


# -- shaping (pure) -----------------------------------------------------------------------------------

def visit_payload(form, letter: dict | None, ticket: str) -> dict:
    """The form as agenda's ``VisitRequestIn``: the wished dates as typed (empty ones left out), the visitors'
    names one a line, numbers as numbers, empty optional texts as null, the letter as base64, the honeypot and
    the ticket as they came."""
    names = [line.strip() for line in (form.get("visitor_names") or "").splitlines() if line.strip()]
    count = text_of(form, "visitor_count")
    return {
        "agency": text_of(form, "agency"), "leader_wished": text_of(form, "leader_wished") or None,
        "purpose": text_of(form, "purpose"), "visitor_count": int(count) if count.isdigit() else count or None,
        "visitor_names": names, "wished_dates": [text_of(form, n) for n in WISHED if text_of(form, n)],
        "contact_name": text_of(form, "contact_name"), "contact_phone": text_of(form, "contact_phone"),
        "contact_email": text_of(form, "contact_email") or None,
        "letter_b64": letter["content_b64"] if letter else None,
        "letter_name": letter["filename"] if letter else None, "ticket": ticket, HONEYPOT: form.get(HONEYPOT) or "",
    }


def approve_payload(form) -> dict:
    """The decision form as agenda's ``VisitApproveIn``: times as typed (``datetime-local``, WITA), the room
    when the place is a room, the address otherwise."""
    room = form.get("place") == "room"
    return {"starts_at": text_of(form, "starts_at") or None, "ends_at": text_of(form, "ends_at") or None,
            "room_resource_id": int_or_none(form.get("room_resource_id")) if room else None,
            "address": None if room else (text_of(form, "address") or None),
            "note": text_of(form, "note") or None}


class AgendaVisitPages:
    # -- the public portal --------------------------------------------------------------------------------
    def _agenda_visit_form(self, visit, values: dict, errors: dict, other: list, status: int = 200):
        ticket = self.agenda.public_form_ticket()
        return Page("agenda/visits_form.html", {
            "values": values, "errors": errors, "other": other, "limits": LIMITS, "honeypot": HONEYPOT,
            "ticket": ticket["ticket"]}, status, title=visit._("Permohonan kunjungan resmi/audiensi"))

    @page("GET", PUBLIC, public=True)
    def agenda_visit_form(self, visit):
        return self._agenda_visit_form(visit, {}, {}, [])

    @page("POST", PUBLIC, public=True)
    def agenda_visit_submit(self, visit):
        values = {name: visit.form.get(name, "") for name in (*FORM_FIELDS, *WISHED)}
        letters = uploaded(visit.request.files.getlist("letter"))
        try:
            receipt = self.agenda.submit_visit_request(
                visit_payload(visit.form, letters[0] if letters else None, visit.form.get("ticket") or ""),
                client=client_address(visit.request))
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, FORM_FIELDS, visit._)
            if "ticket" in errors:  # the form's ticket is no field a person can fix: say it above the form
                other.insert(0, errors.pop("ticket"))
            return self._agenda_visit_form(visit, values, errors, [visit._(exc.message), *other], 422)
        except TooManyRequests as exc:
            return self._agenda_visit_form(visit, values, {}, [visit._(exc.message)], 429)
        response = visit.render(Page("agenda/visits_receipt.html", {
            "receipt": receipt, "status_labels": STATUS_LABELS}, title=visit._("Kode pelacakan permohonan")))
        response.headers["Cache-Control"] = "no-store"  # the code is shown this once
        return response

    @page("GET", f"{PUBLIC}/status", public=True)
    def agenda_visit_status_form(self, visit):
        return Page("agenda/visits_status.html", {"found": None, "code": "", "unknown": False, "message": None,
                                                  "status_labels": STATUS_LABELS},
                    title=visit._("Status permohonan kunjungan"))

    def _agenda_visit_status_page(self, visit, code: str, message: str | None = None):
        try:
            found = self.agenda.visit_request_status(code)
        except (NotFound, ValidationFailed):
            found = None
        response = visit.render(Page("agenda/visits_status.html", {
            "found": found, "code": code if found else "", "unknown": found is None, "message": message,
            "status_labels": STATUS_LABELS}, 200 if found else 404, title=visit._("Status permohonan kunjungan")))
        response.headers["Cache-Control"] = "no-store"
        return response

    @page("POST", f"{PUBLIC}/status", public=True)
    def agenda_visit_status(self, visit):
        return self._agenda_visit_status_page(visit, visit.value("code")[:64])

    @page("POST", f"{PUBLIC}/kartu", public=True)
    def agenda_visit_pass(self, visit):
        code = visit.value("code")[:64]
        try:
            document = self.agenda.visit_pass(code)
        except (NotFound, ValidationFailed, Conflict) as exc:
            return self._agenda_visit_status_page(visit, code, visit._(exc.message))
        return stored_file_response(document, "application/pdf", inline=False)

    # -- the staff ----------------------------------------------------------------------------------------
    @page("GET", BASE, needs=(VIEW, DECIDE))
    def agenda_visit_queue(self, visit):
        status = visit.request.args.get("status") or None
        if status not in STATUS_LABELS:
            status = None
        result, links = keyset_page(
            visit, lambda cursor: self.agenda.list_visit_requests(status=status, cursor=cursor, limit=PAGE_SIZE),
            BASE, {"status": status} if status else None)
        return Page("agenda/visits_queue.html", {"requests": result["items"], "status": status,
                                                 "status_labels": STATUS_LABELS, **links},
                    title=visit._("Permohonan kunjungan"))

    def _agenda_visit_rooms(self) -> list[dict]:
        """booking's rooms for the decision form (none while booking does not answer: an address still works)."""
        try:
            return self.booking.list_resources(kind="room", limit=200)["items"]
        except Exception:  # noqa: BLE001 - booking away: the form offers an address only
            return []

    def _agenda_visit_detail(self, visit, visit_id: int, values: dict | None = None, errors: dict | None = None,
                             other: list | None = None, status: int = 200):
        found = self.agenda.get_visit_request(visit_id)
        rooms = self._agenda_visit_rooms() if "approve" in found["allowed_actions"] else []
        return Page("agenda/visits_detail.html", {
            "item": found, "status_labels": STATUS_LABELS, "rooms": rooms, "values": values or {},
            "errors": errors or {}, "other": other or [], "limits": LIMITS},
            status, title=visit._("Permohonan kunjungan"))

    @page("GET", f"{BASE}/<int:visit_id>", needs=(VIEW, DECIDE))
    def agenda_visit_detail(self, visit, visit_id):
        return self._agenda_visit_detail(visit, visit_id)

    @page("GET", f"{BASE}/<int:visit_id>/surat", needs=(VIEW, DECIDE))
    def agenda_visit_letter(self, visit, visit_id):
        return stored_file_response({**self.agenda.visit_request_letter(visit_id), "sha256": ""}, inline=False)

    @page("POST", f"{BASE}/<int:visit_id>/setujui", needs=DECIDE)
    def agenda_visit_approve(self, visit, visit_id):
        values = {name: visit.form.get(name, "") for name in (*APPROVE_FIELDS, "place")}
        try:
            self.agenda.approve_visit_request(visit_id, approve_payload(visit.form))
        except (ValidationFailed, Conflict) as exc:
            errors, other = field_errors(exc.fields, APPROVE_FIELDS, visit._)
            return self._agenda_visit_detail(visit, visit_id, values, errors, [visit._(exc.message), *other],
                                             422 if isinstance(exc, ValidationFailed) else 409)
        return visit.redirect(f"{BASE}/{visit_id}", visit._("Permohonan kunjungan disetujui."))

    @page("POST", f"{BASE}/<int:visit_id>/tolak", needs=DECIDE)
    def agenda_visit_refuse(self, visit, visit_id):
        try:
            self.agenda.refuse_visit_request(visit_id, visit.value("reason"))
        except (ValidationFailed, Conflict) as exc:
            return visit.redirect(f"{BASE}/{visit_id}", visit._(exc.message), "error")
        return visit.redirect(f"{BASE}/{visit_id}", visit._("Permohonan kunjungan ditolak."))

    @page("POST", f"{BASE}/<int:visit_id>/batalkan", needs=VIEW)
    def agenda_visit_cancel(self, visit, visit_id):
        try:
            self.agenda.cancel_visit_request(visit_id, visit.value("reason"))
        except (ValidationFailed, Conflict) as exc:
            return visit.redirect(f"{BASE}/{visit_id}", visit._(exc.message), "error")
        return visit.redirect(f"{BASE}/{visit_id}", visit._("Kunjungan dibatalkan."))

    # -- reception ----------------------------------------------------------------------------------------
    @page("GET", f"{CHECK}/<token>", needs=CHECK_IN)
    def agenda_visit_check(self, visit, token):
        checked = self.agenda.check_visitor_pass(token[:100])
        response = visit.render(Page("agenda/visits_check.html", {"checked": checked, "token": token[:100]},
                                     title=visit._("Pemeriksaan kartu tamu")))
        response.headers["Cache-Control"] = "no-store"
        return response

    @page("POST", f"{CHECK}/<token>/hadir", needs=CHECK_IN)
    def agenda_visit_check_in(self, visit, token):
        try:
            self.agenda.check_in_visitor(token[:100])
        except Conflict as exc:
            return visit.redirect(f"{CHECK}/{token[:100]}", visit._(exc.message), "error")
        return visit.redirect(f"{CHECK}/{token[:100]}", visit._("Kedatangan tamu dicatat."))
