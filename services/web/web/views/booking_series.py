"""Peminjaman Gedung & Kendaraan — recurring series (weekly/monthly meetings).

* ``/peminjaman/seri``: my series, newest first, with their occurrences per status;
* ``/peminjaman/seri/baru``: the form — a room or building (from ``list_resources``), weekly (every N weeks on
  the ticked days) or monthly (the same day of the month), the dates, the WITA times, the dates to leave out
  (holidays are not left out by themselves), purpose, participants;
* ``/peminjaman/seri/<id>``: the occurrences by date with their status and conflicts; per occurrence (its own
  ``allowed_actions``) move it alone, cancel it alone, change this and following (the series' ``edit_following``);
  for the approver approve the series — its report shown after: what was approved, each occurrence that
  conflicts and with what — or reject it with a reason; cancel the rest of the series.

booking decides everything (who sees what, what a series and an occurrence allow: ``allowed_actions``); these
pages show what it answers and work out no rule of their own.
"""
from __future__ import annotations

from situok_kit.errors import Conflict, ValidationFailed

from ..forms.common import field_errors, int_or_none, int_or_text, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..i18n import to_wita
from ..nav import Area, Link
from ..paging import keyset_page

READ = ("booking", "read")
REQUEST = ("booking", "request")
PAGE_SIZE = 20
SERIES_FIELDS = ("resource_id", "frequency", "interval", "weekdays", "month_day", "starts_on", "until_on",
                 "start_time", "end_time", "except_dates", "purpose", "participants", "contact_name",
                 "contact_phone")
EDIT_FIELDS = ("start_time", "end_time", "weekdays", "until_on", "purpose")
WEEKDAYS = ((1, _("Senin")), (2, _("Selasa")), (3, _("Rabu")), (4, _("Kamis")), (5, _("Jumat")), (6, _("Sabtu")),
            (7, _("Minggu")))
FREQUENCIES = (("weekly", _("Mingguan")), ("monthly", _("Bulanan")))
STATUS_LABELS = {"pending": _("Menunggu persetujuan"), "approved": _("Disetujui"), "rejected": _("Ditolak"),
                 "cancelled": _("Dibatalkan")}
SERIES_STATUS_LABELS = {"active": _("Berjalan"), "ended": _("Berakhir"), "cancelled": _("Dibatalkan")}

NAV = Area("peminjaman", links=(
    Link(_("Seri peminjaman berulang"), "/peminjaman/seri", REQUEST),
), service="booking", position=73)


def _dates(text: str) -> list[str]:
    """``except_dates`` as typed: dates separated by commas, spaces or lines."""
    return [part for part in text.replace(",", " ").split() if part]


def series_values(form) -> dict:
    values = {name: text_of(form, name) for name in SERIES_FIELDS if name != "weekdays"}
    values["weekdays"] = [d for d in form.getlist("weekdays") if d.strip()]
    return values


def series_payload(values: dict) -> dict:
    """The form's values as ``create_series`` takes them: numbers as numbers, anything else as typed for booking
    to refuse by field."""
    data = {"resource_id": int_or_text(values["resource_id"]), "frequency": values["frequency"],
            "interval": int_or_text(values["interval"] or "1"), "starts_on": values["starts_on"],
            "until_on": values["until_on"], "start_time": values["start_time"], "end_time": values["end_time"],
            "purpose": values["purpose"], "participants": int_or_none(values["participants"]),
            "contact_name": values["contact_name"] or None, "contact_phone": values["contact_phone"] or None,
            "except_dates": _dates(values["except_dates"])}
    if values["frequency"] == "weekly":
        data["weekdays"] = [int_or_text(d) for d in values["weekdays"]]
    elif values["month_day"]:
        data["month_day"] = int_or_text(values["month_day"])
    return data


def edit_payload(form) -> dict:
    """Only what the requester filled in ("this and following")."""
    data = {}
    for name in ("start_time", "end_time", "until_on", "purpose"):
        if text_of(form, name):
            data[name] = text_of(form, name)
    weekdays = [int_or_text(d) for d in form.getlist("weekdays") if d.strip()]
    if weekdays:
        data["weekdays"] = weekdays
    return data


def _slot(occurrence: dict) -> dict:
    """An occurrence's WITA date and times, as the move form starts from them."""
    starts, ends = to_wita(occurrence["starts_at"]), to_wita(occurrence["ends_at"])
    return {"date": starts.date().isoformat(), "start_time": f"{starts:%H:%M}", "end_time": f"{ends:%H:%M}"}


def _problem(exc, translate) -> str:
    details = " ".join(translate(str(m)) for m in (exc.fields or {}).values())
    return f"{translate(exc.message)} {details}".strip()


class BookingSeriesPages:
    """The series pages (mixed into ``web.service.WebService``)."""

    def _series_globals(self, visit) -> dict:
        return {"weekdays": [(n, visit._(label)) for n, label in WEEKDAYS],
                "frequencies": [(k, visit._(v)) for k, v in FREQUENCIES],
                "status_labels": STATUS_LABELS, "series_status_labels": SERIES_STATUS_LABELS}

    @page("GET", "/peminjaman/seri", needs=REQUEST)
    def booking_series_list(self, visit):
        """My series, newest first."""
        result, pager = keyset_page(visit, lambda cursor: self.booking.list_my_series(
            cursor=cursor, limit=PAGE_SIZE), "/peminjaman/seri")
        return Page("booking/series_list.html", {**self._series_globals(visit), "series": result["items"], **pager},
                    title=visit._("Seri peminjaman saya"))

    def _resources(self) -> list[tuple[int, str]]:
        found = []
        for kind in ("room", "building"):
            for resource in self.booking.list_resources(kind=kind, limit=200)["items"]:
                code = f" ({resource['code']})" if resource.get("code") else ""
                found.append((resource["id"], f"{resource['name']}{code}"))
        return found

    def _series_form(self, visit, values: dict, errors: dict, *, summary=None, other=(), status=200) -> Page:
        return Page("booking/series_form.html", {
            **self._series_globals(visit), "values": values, "errors": errors, "summary": summary,
            "other": list(other), "resources": self._resources(),
        }, status, title=visit._("Seri peminjaman baru"))

    @page("GET", "/peminjaman/seri/baru", needs=REQUEST)
    def booking_series_new(self, visit):
        values = dict.fromkeys(SERIES_FIELDS, "")
        values.update({"frequency": "weekly", "interval": "1", "weekdays": [],
                       "resource_id": text_of(visit.request.args, "sumber")})
        return self._series_form(visit, values, {})

    @page("POST", "/peminjaman/seri/baru", needs=REQUEST)
    def booking_series_create(self, visit):
        values = series_values(visit.form)
        try:
            made = self.booking.create_series(series_payload(values))
        except (ValidationFailed, Conflict) as exc:
            errors, other = field_errors(exc.fields, SERIES_FIELDS, visit._)
            return self._series_form(visit, values, errors, summary=visit._(exc.message), other=other,
                                     status=exc.status)
        return visit.redirect(f"/peminjaman/seri/{made['id']}", visit._(
            "Seri diajukan: %(count)s jadwal menunggu persetujuan.", count=made["counts"]["pending"]))

    def _series_page(self, visit, series: dict, *, report=None, status=200) -> Page:
        return Page("booking/series_detail.html", {
            **self._series_globals(visit), "s": series, "actions": series.get("allowed_actions") or [],
            "report": report, "conflicting": {c["booking_id"]: c for c in series.get("conflicting") or []},
            "slots": {o["id"]: _slot(o) for o in series.get("occurrences") or []},
        }, status, title=visit._("Seri peminjaman #%(id)s", id=series["id"]))

    @page("GET", "/peminjaman/seri/<int:series_id>", needs=READ)
    def booking_series_detail(self, visit, series_id):
        return self._series_page(visit, self.booking.get_series(series_id))

    def _series_act(self, visit, series_id: int, call, done: str):
        back = f"/peminjaman/seri/{series_id}"
        try:
            call()
        except (Conflict, ValidationFailed) as exc:
            return visit.redirect(back, _problem(exc, visit._), "error")
        return visit.redirect(back, visit._(done))

    @page("POST", "/peminjaman/seri/<int:series_id>/setujui", needs=READ)
    def booking_series_approve(self, visit, series_id):
        """Approve the series; its report shown on the page that answers."""
        try:
            report = self.booking.decide_series(series_id, {"decision": "approve", "note": visit.value("note") or None})
        except (Conflict, ValidationFailed) as exc:
            return visit.redirect(f"/peminjaman/seri/{series_id}", _problem(exc, visit._), "error")
        return self._series_page(visit, report["series"], report=report)

    @page("POST", "/peminjaman/seri/<int:series_id>/tolak", needs=READ)
    def booking_series_reject(self, visit, series_id):
        return self._series_act(visit, series_id, lambda: self.booking.decide_series(
            series_id, {"decision": "reject", "note": visit.value("reason") or None}),
            _("Seri ditolak; setiap jadwal yang menunggu ditolak."))

    @page("POST", "/peminjaman/seri/<int:series_id>/batalkan", needs=READ)
    def booking_series_cancel(self, visit, series_id):
        return self._series_act(visit, series_id, lambda: self.booking.cancel_series(
            series_id, {"reason": visit.value("reason")}), _("Seri dibatalkan; jadwal mendatang dibatalkan."))

    @page("POST", "/peminjaman/seri/<int:series_id>/jadwal/<int:booking_id>/pindah", needs=READ)
    def booking_series_move(self, visit, series_id, booking_id):
        day = visit.value("date")
        when = {"starts_at": f"{day}T{visit.value('start_time')}", "ends_at": f"{day}T{visit.value('end_time')}"}
        return self._series_act(visit, series_id, lambda: self.booking.move_occurrence(booking_id, when),
                                _("Jadwal ini dipindah tersendiri."))

    @page("POST", "/peminjaman/seri/<int:series_id>/jadwal/<int:booking_id>/batalkan", needs=READ)
    def booking_series_cancel_one(self, visit, series_id, booking_id):
        return self._series_act(visit, series_id, lambda: self.booking.cancel_occurrence(
            booking_id, {"reason": visit.value("reason")}), _("Jadwal ini dibatalkan; jadwal lain tetap."))

    @page("POST", "/peminjaman/seri/<int:series_id>/jadwal/<int:booking_id>/berikutnya", needs=READ)
    def booking_series_edit_following(self, visit, series_id, booking_id):
        try:
            new = self.booking.edit_following(booking_id, edit_payload(visit.form))
        except (Conflict, ValidationFailed) as exc:
            return visit.redirect(f"/peminjaman/seri/{series_id}", _problem(exc, visit._), "error")
        return visit.redirect(f"/peminjaman/seri/{new['id']}", visit._(
            "Jadwal ini dan berikutnya diganti seri baru; jadwal sebelumnya tetap."))
