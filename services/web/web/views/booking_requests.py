"""Peminjaman Gedung & Kendaraan — permohonan dan persetujuannya.

* ``/peminjaman/ajukan``: the request form (``?resource_id=&starts_at=&ends_at=`` prefilled from the availability
  search — the resource then fixed, its kind choosing the people fields; without one a choice of the resources,
  ``?kind=`` narrowing it; date and time inputs in WITA); a refused request shows the form again with booking's
  message by each field;
* ``/peminjaman/saya``: my bookings, upcoming first (``?lewat=1``: the past ones), each with its cancel form when
  booking allows it;
* ``/peminjaman/persetujuan``: the approver's inbox — each pending request with its conflicts spelled out, approve
  with a note, reject with a reason;
* ``/peminjaman/<id>``: one booking — status, times, people, steps — with the buttons its ``allowed_actions``
  allow (approve, reject, cancel, reschedule).

booking decides everything (who sees what, what each booking allows); these pages show what it answers.
"""
from __future__ import annotations

from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed

from ..forms.common import text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..i18n import to_wita
from ..nav import Area, Link
from ..paging import keyset_page

READ = ("booking", "read")
REQUEST = ("booking", "request")
APPROVE = ("booking", "approve")
PAGE_SIZE = 20

NAV = Area("peminjaman", links=(
    Link(_("Ajukan peminjaman"), "/peminjaman/ajukan", REQUEST),
    Link(_("Peminjaman saya"), "/peminjaman/saya", REQUEST),
    Link(_("Persetujuan peminjaman"), "/peminjaman/persetujuan", APPROVE),
), service="booking", position=72)

STATUS_LABELS = {"pending": _("Menunggu persetujuan"), "approved": _("Disetujui"), "rejected": _("Ditolak"),
                 "cancelled": _("Dibatalkan")}
KIND_LABELS = {"room": _("Ruangan"), "building": _("Gedung"), "vehicle": _("Kendaraan")}
CONFLICT_LABELS = {"booking": _("Peminjaman lain"), "blackout": _("Masa tutup"), "maintenance": _("Pemeliharaan"),
                   "driver": _("Pengemudi bertugas lain")}
STEP_LABELS = {"submitted": _("Diajukan"), "approved": _("Disetujui"), "rejected": _("Ditolak"),
               "cancelled": _("Dibatalkan"), "rescheduled": _("Jadwal diubah"),
               "driver_assigned": _("Pengemudi ditugaskan"), "purpose_changed": _("Keperluan diubah")}
DONE = {"approve": _("Peminjaman disetujui."), "reject": _("Peminjaman ditolak."),
        "cancel": _("Peminjaman dibatalkan."), "reschedule": _("Jadwal peminjaman diubah.")}

#: The request form's fields (what the page keeps when it shows the form again).
REQUEST_FIELDS = ("resource_id", "kind", "purpose", "start_date", "start_time", "end_date", "end_time",
                  "participants", "passengers", "destination", "needs_driver", "contact_name", "contact_phone")
#: booking's field -> the form's input its message goes by.
FIELD_OF = {"starts_at": "start_time", "ends_at": "end_time"}


def wita_parts(value) -> tuple[str, str]:
    """``(YYYY-MM-DD, HH:MM)`` in WITA of an ISO moment (``("", "")`` when it is none or not a moment)."""
    if not value:
        return "", ""
    try:
        moment = to_wita(value)
    except ValueError:
        return "", ""
    return moment.date().isoformat(), moment.strftime("%H:%M")


def moment_of(day: str, time: str) -> str | None:
    """The ISO moment the date and time inputs name, in WITA; None when either is empty (booking names the
    field)."""
    if not day or not time:
        return None
    return f"{day}T{time}:00+08:00" if len(time) == 5 else f"{day}T{time}+08:00"


def number_or_text(value: str):
    """A count as typed: an integer, the text itself when it is not one (booking names it), None when empty."""
    if not value:
        return None
    return int(value) if value.isdigit() else value


def request_values(form) -> dict:
    values = {name: text_of(form, name) for name in REQUEST_FIELDS}
    values["needs_driver"] = "1" if form.get("needs_driver") else ""
    return values


def request_payload(values: dict) -> dict:
    """``BookingIn`` from the form, as typed (booking checks it)."""
    kind = values.get("kind")
    data = {"resource_id": number_or_text(values["resource_id"]), "purpose": values["purpose"],
            "starts_at": moment_of(values["start_date"], values["start_time"]),
            "ends_at": moment_of(values["end_date"] or values["start_date"], values["end_time"]),
            "contact_name": values["contact_name"] or None, "contact_phone": values["contact_phone"] or None}
    if kind != "vehicle":
        data["participants"] = number_or_text(values["participants"])
    if kind not in ("room", "building"):
        data["passengers"] = number_or_text(values["passengers"])
        data["destination"] = values["destination"] or None
        if kind == "vehicle":
            data["needs_driver"] = bool(values["needs_driver"])
    return {key: value for key, value in data.items() if value is not None}


def field_messages(visit, fields: dict | None, known) -> tuple[dict, list[str]]:
    """booking's per-field messages: ``{input: message}`` for the inputs shown, the rest as a list."""
    errors, other = {}, []
    for name, message in (fields or {}).items():
        target = FIELD_OF.get(name, name)
        if target in known:
            errors[target] = visit._(str(message))
        else:
            other.append(visit._(str(message)))
    return errors, other


def safe_next(value: str, fallback: str) -> str:
    """Where to go after an action: a page of this area only."""
    return value if value.startswith("/peminjaman/") and "//" not in value else fallback


class BookingRequestPages:
    """Pages of the requests area (mixed into ``web.service.WebService``)."""

    def _request_globals(self, visit) -> dict:
        return {"status_labels": STATUS_LABELS, "kind_labels": KIND_LABELS, "conflict_labels": CONFLICT_LABELS,
                "step_labels": STEP_LABELS}

    # -- the request form ------------------------------------------------------------------------------
    def _chosen_resource(self, values: dict) -> dict | None:
        """The resource the form names (booking's ``get_resource``), None when it names none booking knows."""
        if not values.get("resource_id", "").isdigit():
            return None
        try:
            return self.booking.get_resource(int(values["resource_id"]))
        except (NotFound, ValidationFailed):
            return None

    def _request_form(self, visit, values: dict, errors: dict, *, resource=None, summary=None, other=(),
                      status=200) -> Page:
        choices = [] if resource else self.booking.list_resources(kind=values.get("kind") or None,
                                                                  limit=200)["items"]
        return Page("booking/requests_form.html", {
            **self._request_globals(visit), "values": values, "errors": errors, "summary": summary,
            "other": list(other), "resource": resource, "kind": values.get("kind") or "",
            "choices": [(r["id"], f"{visit._(KIND_LABELS.get(r['kind'], r['kind']))} — {r['name']}"
                         + (f" ({r['code']})" if r.get("code") else "")) for r in choices]},
            status, title=visit._("Ajukan peminjaman"))

    @page("GET", "/peminjaman/ajukan", needs=REQUEST)
    def booking_request_new(self, visit):
        """The form; ``?resource_id=``, ``?starts_at=``, ``?ends_at=`` (ISO) and ``?kind=`` come prefilled."""
        args = visit.request.args
        values = dict.fromkeys(REQUEST_FIELDS, "")
        given = text_of(args, "resource_id")
        kind = text_of(args, "kind")
        values.update({"resource_id": given if given.isdigit() else "",
                       "kind": kind if kind in KIND_LABELS else "", "needs_driver": "1"})
        values["start_date"], values["start_time"] = wita_parts(text_of(args, "starts_at"))
        values["end_date"], values["end_time"] = wita_parts(text_of(args, "ends_at"))
        resource = self._chosen_resource(values)
        if resource:
            values["kind"] = resource["kind"]
        elif values["resource_id"]:
            values["resource_id"] = ""
        return self._request_form(visit, values, {}, resource=resource)

    @page("POST", "/peminjaman/ajukan", needs=REQUEST)
    def booking_request_create(self, visit):
        values = request_values(visit.form)
        resource = self._chosen_resource(values)
        values["kind"] = resource["kind"] if resource else ""
        try:
            booking = self.booking.create_booking(request_payload(values))
        except (ValidationFailed, Conflict, NotFound) as exc:
            errors, other = field_messages(visit, exc.fields, REQUEST_FIELDS)
            return self._request_form(visit, values, errors, resource=resource, summary=visit._(exc.message),
                                      other=other, status=exc.status)
        return visit.redirect(f"/peminjaman/{booking['id']}", visit._(
            "Permohonan peminjaman %(name)s dikirim; menunggu persetujuan pengelola.", name=booking["resource_name"]))

    # -- lists -------------------------------------------------------------------------------------------
    @page("GET", "/peminjaman/saya", needs=REQUEST)
    def booking_request_mine(self, visit):
        """My bookings: upcoming ones soonest first; ``?lewat=1`` the past ones, newest first."""
        past = text_of(visit.request.args, "lewat") == "1"
        result, pager = keyset_page(visit, lambda cursor: self.booking.list_my_bookings(
            upcoming=not past, cursor=cursor, limit=PAGE_SIZE), "/peminjaman/saya", {"lewat": "1"} if past else None)
        return Page("booking/requests_mine.html", {**self._request_globals(visit), "bookings": result["items"],
                                                   "past": past, **pager}, title=visit._("Peminjaman saya"))

    @page("GET", "/peminjaman/persetujuan", needs=APPROVE)
    def booking_request_inbox(self, visit):
        """The pending requests the user decides, oldest first, each with its conflicts."""
        kind = text_of(visit.request.args, "jenis")
        kind = kind if kind in KIND_LABELS else ""
        result, pager = keyset_page(visit, lambda cursor: self.booking.list_inbox(
            kind=kind or None, cursor=cursor, limit=PAGE_SIZE), "/peminjaman/persetujuan",
            {"jenis": kind} if kind else None)
        return Page("booking/requests_inbox.html", {
            **self._request_globals(visit), "bookings": result["items"], "kind": kind,
            "kinds": [(k, visit._(v)) for k, v in KIND_LABELS.items()], **pager},
            title=visit._("Persetujuan peminjaman"))

    # -- one booking -------------------------------------------------------------------------------------
    def _booking_page(self, visit, booking: dict, *, values=None, errors=None, summary=None, status=200) -> Page:
        if values is None:
            values = {}
            values["start_date"], values["start_time"] = wita_parts(booking["starts_at"])
            values["end_date"], values["end_time"] = wita_parts(booking["ends_at"])
        return Page("booking/requests_detail.html", {
            **self._request_globals(visit), "b": booking, "actions": booking.get("allowed_actions") or [],
            "values": values, "errors": errors or {}, "summary": summary},
            status, title=visit._("Peminjaman #%(id)s", id=booking["id"]))

    @page("GET", "/peminjaman/<int:booking_id>", needs=READ)
    def booking_request_detail(self, visit, booking_id):
        return self._booking_page(visit, self.booking.get_booking(booking_id))

    def _booking_act(self, visit, booking_id: int, step: str, call):
        back = safe_next(visit.value("next"), f"/peminjaman/{booking_id}")
        try:
            call()
        except (Conflict, ValidationFailed, Forbidden) as exc:
            details = " ".join(visit._(str(m)) for m in (exc.fields or {}).values())
            return visit.redirect(back, f"{visit._(exc.message)} {details}".strip(), "error")
        return visit.redirect(back, visit._(DONE[step]))

    @page("POST", "/peminjaman/<int:booking_id>/setujui", needs=APPROVE)
    def booking_request_approve(self, visit, booking_id):
        return self._booking_act(visit, booking_id, "approve", lambda: self.booking.approve_booking(
            booking_id, {"note": visit.value("note") or None}))

    @page("POST", "/peminjaman/<int:booking_id>/tolak", needs=APPROVE)
    def booking_request_reject(self, visit, booking_id):
        return self._booking_act(visit, booking_id, "reject", lambda: self.booking.reject_booking(
            booking_id, {"note": visit.value("reason") or None}))

    @page("POST", "/peminjaman/<int:booking_id>/batalkan", needs=READ)
    def booking_request_cancel(self, visit, booking_id):
        return self._booking_act(visit, booking_id, "cancel", lambda: self.booking.cancel_booking(
            booking_id, {"reason": visit.value("reason")}))

    @page("POST", "/peminjaman/<int:booking_id>/ubah-jadwal", needs=READ)
    def booking_request_reschedule(self, visit, booking_id):
        values = {name: visit.value(name) for name in ("start_date", "start_time", "end_date", "end_time")}
        data = {"starts_at": moment_of(values["start_date"], values["start_time"]),
                "ends_at": moment_of(values["end_date"] or values["start_date"], values["end_time"])}
        try:
            self.booking.reschedule_booking(booking_id, {k: v for k, v in data.items() if v is not None})
        except (ValidationFailed, Conflict) as exc:
            errors, other = field_messages(visit, exc.fields, tuple(values))
            summary = " ".join([visit._(exc.message), *other])
            return self._booking_page(visit, self.booking.get_booking(booking_id), values=values, errors=errors,
                                      summary=summary, status=exc.status)
        except Forbidden as exc:
            return visit.redirect(f"/peminjaman/{booking_id}", visit._(exc.message), "error")
        return visit.redirect(f"/peminjaman/{booking_id}", visit._(DONE["reschedule"]))
