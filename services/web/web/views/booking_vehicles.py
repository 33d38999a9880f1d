"""Peminjaman Gedung & Kendaraan — drivers and vehicle trips.

* ``/peminjaman/pengemudi`` (keepers): the drivers' list — add an employee from the roster, edit phone, working
  days and hours, active; absences (leave, sick, training) added and removed; vehicles overdue;
* ``/peminjaman/jadwal-pengemudi``: the drivers' schedule, one week (``?minggu=YYYY-MM-DD``, any day of it):
  every driver's trips and absences (keepers and approvers; a driver sees their own);
* ``/peminjaman/tugas`` (drivers): the driver's phone page — today's and upcoming trips, big buttons, the
  check-out form (odometer, fuel) and the return form (odometer, fuel, damage);
* ``/peminjaman/<booking_id>/pengemudi``: assigning a driver to an approved vehicle booking (the approver or a
  keeper) from the drivers booking says are free, with their hours' warnings.

booking decides everything (who may, who is free, what a trip allows: ``allowed_actions``); these pages show what
it answers and work out no rule of their own.
"""
from __future__ import annotations

from datetime import date, timedelta

from situok_kit.clock import wita_day
from situok_kit.errors import Conflict, Forbidden, ValidationFailed

from ..forms.common import field_errors, int_or_none, int_or_text, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..i18n import to_wita
from ..nav import Area, Link
from ..paging import keyset_page

READ = ("booking", "read")
DRIVE = ("booking", "drive")
MANAGE_DRIVERS = ("booking", "manage_drivers")
SCHEDULE = (MANAGE_DRIVERS, ("booking", "approve"), DRIVE)
PAGE_SIZE = 20
DRIVER_FIELDS = ("employee_id", "phone", "work_days", "work_start", "work_end", "active", "note")
ABSENCE_FIELDS = ("kind", "starts_on", "ends_on", "reason")
TRIP_FIELDS = ("odometer_km", "fuel", "damage", "notes")
WEEKDAYS = ((1, _("Sen")), (2, _("Sel")), (3, _("Rab")), (4, _("Kam")), (5, _("Jum")), (6, _("Sab")), (7, _("Min")))
ABSENCE_KINDS = (("leave", _("Cuti")), ("sick", _("Sakit")), ("training", _("Pelatihan")), ("other", _("Lainnya")))
FUEL_LEVELS = tuple((str(n), label) for n, label in (
    (8, _("Penuh (8/8)")), (7, "7/8"), (6, "6/8"), (5, "5/8"), (4, _("Setengah (4/8)")), (3, "3/8"), (2, "2/8"),
    (1, "1/8"), (0, _("Kosong (0/8)"))))
TRIP_STATUS = {"assigned": _("Menunggu diambil"), "checked_out": _("Dalam perjalanan"),
               "returned": _("Sudah kembali"), "cancelled": _("Dibatalkan")}

NAV = Area("peminjaman", links=(
    Link(_("Tugas perjalanan saya"), "/peminjaman/tugas", DRIVE),
    Link(_("Pengemudi"), "/peminjaman/pengemudi", MANAGE_DRIVERS),
    Link(_("Jadwal pengemudi"), "/peminjaman/jadwal-pengemudi", (MANAGE_DRIVERS, ("booking", "approve"))),
), service="booking", position=74)


def _problem(exc, translate) -> str:
    details = " ".join(translate(str(m)) for m in (exc.fields or {}).values())
    return f"{translate(exc.message)} {details}".strip()


def driver_payload(form, *, with_employee: bool) -> dict:
    """The driver form as ``add_driver``/``update_driver`` take it: numbers as numbers, the rest as typed for
    booking to refuse by field."""
    data = {"phone": text_of(form, "phone") or None, "note": text_of(form, "note") or None,
            "work_days": [int_or_text(d) for d in form.getlist("work_days") if d.strip()],
            "active": form.get("active") == "1"}
    for name in ("work_start", "work_end"):
        if text_of(form, name):
            data[name] = text_of(form, name)
    if not data["work_days"]:
        del data["work_days"]
    if with_employee:
        data["employee_id"] = int_or_text(text_of(form, "employee_id"))
    return data


def trip_payload(form, *, returning: bool) -> dict:
    data = {"odometer_km": int_or_text(text_of(form, "odometer_km")), "fuel": int_or_text(text_of(form, "fuel")),
            "notes": text_of(form, "notes") or None}
    if returning:
        data["damage"] = text_of(form, "damage") or None
    return data


def week_of(text: str | None, today: date) -> date:
    """The Monday of the week ``?minggu=`` names (any day of it; this week when missing or nonsense)."""
    try:
        day = date.fromisoformat((text or "").strip())
    except ValueError:
        day = today
    return day - timedelta(days=day.isoweekday() - 1)


class BookingVehiclePages:
    """The drivers' and trips' pages (mixed into ``web.service.WebService``)."""

    def _vehicle_globals(self, visit) -> dict:
        return {"weekdays": [(n, visit._(label)) for n, label in WEEKDAYS],
                "absence_kinds": [(k, visit._(v)) for k, v in ABSENCE_KINDS],
                "fuel_levels": [(k, visit._(v)) for k, v in FUEL_LEVELS], "trip_status": TRIP_STATUS}

    # -- the drivers' list
    def _drivers_page(self, visit, *, values=None, errors=None, summary=None, other=(), status=200) -> Page:
        drivers = self.booking.list_drivers()["items"]
        candidates = [(e["employee_id"], f"{e['name']}" + (f" — {e['position_name']}" if e.get("position_name")
                                                           else ""))
                      for e in self.booking.driver_candidates()["items"]]
        overdue = self.booking.list_overdue_trips()["items"]
        return Page("booking/vehicles_drivers.html", {
            **self._vehicle_globals(visit), "drivers": drivers, "candidates": candidates, "overdue": overdue,
            "values": values or {"employee_id": "", "phone": "", "work_start": "07:30", "work_end": "16:00",
                                 "note": ""},
            "errors": errors or {}, "summary": summary, "other": list(other),
        }, status, title=visit._("Pengemudi"))

    @page("GET", "/peminjaman/pengemudi", needs=MANAGE_DRIVERS)
    def booking_drivers(self, visit):
        return self._drivers_page(visit)

    @page("POST", "/peminjaman/pengemudi", needs=MANAGE_DRIVERS)
    def booking_driver_add(self, visit):
        form = visit.form
        try:
            added = self.booking.add_driver(driver_payload(form, with_employee=True) | {"active": True})
        except (ValidationFailed, Conflict) as exc:
            errors, other = field_errors(exc.fields, DRIVER_FIELDS, visit._)
            values = {name: text_of(form, name) for name in ("employee_id", "phone", "work_start", "work_end",
                                                             "note")}
            return self._drivers_page(visit, values=values, errors=errors, summary=visit._(exc.message),
                                      other=other, status=exc.status)
        return visit.redirect("/peminjaman/pengemudi", visit._("%(name)s ditambahkan ke daftar pengemudi.",
                                                               name=added.get("name") or added["employee_id"]))

    @page("POST", "/peminjaman/pengemudi/<int:employee_id>/ubah", needs=MANAGE_DRIVERS)
    def booking_driver_update(self, visit, employee_id):
        try:
            self.booking.update_driver(employee_id, driver_payload(visit.form, with_employee=False))
        except (ValidationFailed, Conflict) as exc:
            return visit.redirect("/peminjaman/pengemudi", _problem(exc, visit._), "error")
        return visit.redirect("/peminjaman/pengemudi", visit._("Data pengemudi disimpan."))

    @page("POST", "/peminjaman/pengemudi/<int:employee_id>/ketidakhadiran", needs=MANAGE_DRIVERS)
    def booking_driver_absence_add(self, visit, employee_id):
        data = {name: visit.value(name) or None for name in ABSENCE_FIELDS}
        try:
            self.booking.add_driver_absence(employee_id, data)
        except (ValidationFailed, Conflict) as exc:
            return visit.redirect("/peminjaman/pengemudi", _problem(exc, visit._), "error")
        return visit.redirect("/peminjaman/pengemudi", visit._("Ketidakhadiran dicatat."))

    @page("POST", "/peminjaman/pengemudi/ketidakhadiran/<int:absence_id>/hapus", needs=MANAGE_DRIVERS)
    def booking_driver_absence_remove(self, visit, absence_id):
        try:
            self.booking.remove_driver_absence(absence_id)
        except (ValidationFailed, Conflict) as exc:
            return visit.redirect("/peminjaman/pengemudi", _problem(exc, visit._), "error")
        return visit.redirect("/peminjaman/pengemudi", visit._("Ketidakhadiran dihapus."))

    # -- the schedule
    @page("GET", "/peminjaman/jadwal-pengemudi", needs=SCHEDULE)
    def booking_driver_schedule(self, visit):
        monday = week_of(visit.request.args.get("minggu"), wita_day())
        sunday = monday + timedelta(days=6)
        schedule = self.booking.driver_schedule(monday.isoformat(), sunday.isoformat())
        days = [monday + timedelta(days=n) for n in range(7)]
        rows = []
        for driver in schedule["drivers"]:
            cells = []
            for day in days:
                text = day.isoformat()
                cells.append({
                    "day": day,
                    "trips": [t for t in driver["trips"] if _touches(t, day)],
                    "absences": [a for a in driver["absences"] if a["starts_on"] <= text <= a["ends_on"]]})
            rows.append({"driver": driver, "cells": cells})
        return Page("booking/vehicles_schedule.html", {
            **self._vehicle_globals(visit), "rows": rows, "days": days,
            "previous": (monday - timedelta(days=7)).isoformat(), "next": (monday + timedelta(days=7)).isoformat(),
        }, title=visit._("Jadwal pengemudi"))

    # -- the driver's phone page
    @page("GET", "/peminjaman/tugas", needs=DRIVE)
    def booking_my_trips(self, visit):
        result, pager = keyset_page(visit, lambda cursor: self.booking.my_trips(cursor=cursor, limit=PAGE_SIZE),
                                    "/peminjaman/tugas")
        return Page("booking/vehicles_trips.html", {**self._vehicle_globals(visit), "trips": result["items"],
                                                    "errors": {}, "values": {}, **pager},
                    title=visit._("Tugas perjalanan saya"))

    def _driver_trip_act(self, visit, trip_id: int, call, done: str):
        try:
            call()
        except (ValidationFailed, Conflict, Forbidden) as exc:
            return visit.redirect(f"/peminjaman/tugas#trip-{trip_id}", _problem(exc, visit._), "error")
        return visit.redirect(f"/peminjaman/tugas#trip-{trip_id}", visit._(done))

    @page("POST", "/peminjaman/tugas/<int:trip_id>/ambil", needs=DRIVE)
    def booking_trip_check_out(self, visit, trip_id):
        return self._driver_trip_act(visit, trip_id, lambda: self.booking.check_out_trip(
            trip_id, trip_payload(visit.form, returning=False)), _("Kendaraan diambil. Selamat jalan."))

    @page("POST", "/peminjaman/tugas/<int:trip_id>/kembali", needs=DRIVE)
    def booking_trip_return(self, visit, trip_id):
        return self._driver_trip_act(visit, trip_id, lambda: self.booking.return_trip(
            trip_id, trip_payload(visit.form, returning=True)), _("Kendaraan dikembalikan. Terima kasih."))

    # -- assigning a driver
    def _assign_page(self, visit, booking_id: int, *, errors=None, summary=None, status=200) -> Page:
        booking = self.booking.get_booking(booking_id)
        available = self.booking.available_drivers(booking_id)
        return Page("booking/vehicles_assign.html", {
            **self._vehicle_globals(visit), "b": booking, "drivers": available["items"], "errors": errors or {},
            "summary": summary}, status, title=visit._("Tugaskan pengemudi"))

    @page("GET", "/peminjaman/<int:booking_id>/pengemudi", needs=READ)
    def booking_assign_driver_form(self, visit, booking_id):
        return self._assign_page(visit, booking_id)

    @page("POST", "/peminjaman/<int:booking_id>/pengemudi", needs=READ)
    def booking_assign_driver(self, visit, booking_id):
        data = {"driver_employee_id": int_or_none(visit.value("driver_employee_id")) or
                visit.value("driver_employee_id"), "note": visit.value("note") or None}
        try:
            trip = self.booking.assign_driver(booking_id, data)
        except (ValidationFailed, Conflict) as exc:
            errors, _other = field_errors(exc.fields, ("driver_employee_id", "note"), visit._)
            return self._assign_page(visit, booking_id, errors=errors, summary=_problem(exc, visit._),
                                     status=exc.status)
        message = visit._("%(name)s ditugaskan sebagai pengemudi.", name=trip.get("driver_name") or "")
        for warning in trip.get("warnings") or []:
            visit.flash("warning", visit._(warning))
        return visit.redirect(f"/peminjaman/{booking_id}", message)


def _touches(trip: dict, day: date) -> bool:
    """Whether the trip is on the road some time of the WITA ``day``."""
    start, end = to_wita(trip["starts_at"]).date(), to_wita(trip["ends_at"]).date()
    return start <= day <= end
