"""Peminjaman Gedung & Kendaraan — the guests pages: the public portal's form for borrowing a building or hall
without an account, the page that shows the tracking code once, the status a code shows, and the staff's queue
of guest requests with the guests' contact details.

booking decides everything (which resources guests may ask for, the limits, the per-client limit, who sees the
queue and the contacts); these pages show what it answers. The web passes booking the client's address as the
edge saw it (``auth.client_address``: ``X-Forwarded-For``'s last entry), never anything the guest typed.

The form carries a **honeypot**: a ``website`` field hidden from people (off-screen, ``aria-hidden``, out of the
tab order, no autocomplete) that bots fill in; booking answers such a request like a success and stores nothing.
"""
from __future__ import annotations

from booking.schemas.guests import HONEYPOT, LIMITS, GuestLimitReached
from situok_kit.errors import Conflict, NotFound, ValidationFailed

from ..forms.common import field_errors, int_or_none
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..paging import keyset_page
from .auth import client_address

VIEW_GUESTS = ("booking", "view_guest_requests")
PUBLIC = "/publik/peminjaman"
QUEUE = "/peminjaman/tamu"
FORM_FIELDS = ("resource_id", "starts_at", "ends_at", "purpose", "participants", "agency", "name", "phone", "email",
               HONEYPOT)

NAV = Area("peminjaman", service="booking", position=75, links=(
    Link(_("Permohonan tamu"), QUEUE, VIEW_GUESTS),
))
STATUS_LABELS = {"pending": _("Menunggu persetujuan"), "approved": _("Disetujui"), "rejected": _("Ditolak"),
                 "cancelled": _("Dibatalkan")}
KIND_LABELS = {"room": _("Ruangan"), "building": _("Gedung"), "vehicle": _("Kendaraan")}


def guest_payload(form) -> dict:
    """The form as booking's ``GuestRequestIn``: times as typed (``datetime-local``, WITA), numbers as numbers,
    empty optional texts as null; the honeypot as typed."""
    def text(name: str) -> str:
        return (form.get(name) or "").strip()

    return {
        "resource_id": int_or_none(text("resource_id")), "starts_at": text("starts_at") or None,
        "ends_at": text("ends_at") or None, "purpose": text("purpose"),
        "participants": int_or_none(text("participants")), "agency": text("agency") or None, "name": text("name"),
        "phone": text("phone"), "email": text("email") or None, HONEYPOT: form.get(HONEYPOT) or "",
    }


class BookingGuestPages:
    # -- the public portal --------------------------------------------------------------------------------
    def _guest_form(self, visit, values: dict, errors: dict, other: list, status: int = 200):
        resources = self.booking.guest_resources()["items"]
        return Page("booking/guests_form.html", {
            "resources": resources, "values": values, "errors": errors, "other": other, "limits": LIMITS,
            "honeypot": HONEYPOT, "kind_labels": KIND_LABELS}, status, title=visit._("Peminjaman gedung"))

    @page("GET", PUBLIC, public=True)
    def booking_guest_form(self, visit):
        chosen = visit.request.args.get("resource_id", "")
        return self._guest_form(visit, {"resource_id": chosen}, {}, [])

    @page("POST", PUBLIC, public=True)
    def booking_guest_submit(self, visit):
        values = {name: visit.form.get(name, "") for name in FORM_FIELDS if name != HONEYPOT}
        try:
            receipt = self.booking.submit_guest_request(guest_payload(visit.form),
                                                        client=client_address(visit.request))
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, FORM_FIELDS, visit._)
            return self._guest_form(visit, values, errors, [visit._(exc.message), *other], 422)
        except Conflict as exc:
            errors, other = field_errors(exc.fields, FORM_FIELDS, visit._)
            return self._guest_form(visit, values, errors, [visit._(exc.message), *other], 409)
        except GuestLimitReached as exc:
            return self._guest_form(visit, values, {}, [visit._(exc.message)], 429)
        response = visit.render(Page("booking/guests_receipt.html", {
            "receipt": receipt, "status_labels": STATUS_LABELS}, title=visit._("Kode pelacakan permohonan")))
        response.headers["Cache-Control"] = "no-store"  # the code is shown this once
        return response

    @page("GET", f"{PUBLIC}/status", public=True)
    def booking_guest_status_form(self, visit):
        return Page("booking/guests_status.html", {"found": None, "code": "", "unknown": False,
                                                   "status_labels": STATUS_LABELS},
                    title=visit._("Status permohonan peminjaman"))

    @page("POST", f"{PUBLIC}/status", public=True)
    def booking_guest_status(self, visit):
        code = visit.value("code")[:64]
        try:
            found = self.booking.guest_request_status(code)
        except (NotFound, ValidationFailed):
            found = None
        response = visit.render(Page("booking/guests_status.html", {
            "found": found, "code": code if found else "", "unknown": found is None,
            "status_labels": STATUS_LABELS}, 200 if found else 404, title=visit._("Status permohonan peminjaman")))
        response.headers["Cache-Control"] = "no-store"
        return response

    # -- the staff's queue --------------------------------------------------------------------------------
    @page("GET", QUEUE, needs=VIEW_GUESTS)
    def booking_guest_queue(self, visit):
        status = visit.request.args.get("status") or None
        if status not in STATUS_LABELS:
            status = None
        result, links = keyset_page(
            visit, lambda cursor: self.booking.list_guest_requests(status=status, cursor=cursor, limit=25),
            QUEUE, {"status": status} if status else None)
        return Page("booking/guests_queue.html", {"requests": result["items"], "status": status,
                                                  "status_labels": STATUS_LABELS, **links},
                    title=visit._("Permohonan tamu"))
