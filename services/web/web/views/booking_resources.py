"""Peminjaman Gedung & Kendaraan — the resources pages: search what is free (``/peminjaman/cari``, with the nearest
alternatives and an "Ajukan" link to the request form), the day's overview of a kind (``/peminjaman/kalender``),
a resource's calendar by day/week/month with its blackouts (``/peminjaman/sumber-daya/<id>``), and the keepers'
list and forms of resources (``/peminjaman/sumber-daya``). booking decides everything (``allowed_actions`` on each
resource and block, 403/409/422 naming the fields); these pages only show it. Lists per day, readable on a phone.
"""
from __future__ import annotations

import urllib.parse
from datetime import date, datetime, timedelta

from situok_kit.clock import WITA, wita_day
from situok_kit.errors import Conflict, ValidationFailed

from ..forms.common import field_errors, int_or_none, int_or_text, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..paging import keyset_page

READ = ("booking", "read")
MANAGE = ("booking", "manage_resources")
SYNC = ("booking", "manage_settings")
PAGE_SIZE = 50

KIND_LABELS = {"room": _("Ruangan"), "building": _("Gedung"), "vehicle": _("Kendaraan")}
VIEW_LABELS = {"day": _("Hari"), "week": _("Pekan"), "month": _("Bulan")}
FACILITY_LABELS = {"proyektor": _("Proyektor"), "layar": _("Layar"), "sound_system": _("Sound system"),
                   "mikrofon": _("Mikrofon"), "video_conference": _("Video conference"), "ac": _("AC"),
                   "papan_tulis": _("Papan tulis"), "panggung": _("Panggung"), "wifi": _("Wi-Fi"),
                   "televisi": _("Televisi")}
ENTRY_LABELS = {"blackout": _("Ditutup"), "maintenance": _("Pemeliharaan")}
CONDITION_LABELS = {"B": _("Baik"), "KB": _("Kurang baik"), "RB": _("Rusak berat")}
#: The fields of the keepers' form (``ResourceIn``); of a resource kept from assets only ``OWN_FIELDS``.
RESOURCE_FIELDS = ("kind", "name", "code", "location", "description", "capacity", "facilities", "brand", "fuel",
                   "condition", "manager_employee_id", "approver_role", "buffer_before_minutes",
                   "buffer_after_minutes", "guest_bookable", "active")
OWN_FIELDS = ("manager_employee_id", "approver_role", "buffer_before_minutes", "buffer_after_minutes",
              "guest_bookable", "active")
NUMBER_FIELDS = ("capacity", "manager_employee_id", "buffer_before_minutes", "buffer_after_minutes")
CHECK_FIELDS = ("guest_bookable", "active")
SEARCH_FIELDS = ("kind", "date", "start", "end", "participants", "passengers", "facilities", "needs_driver",
                 "destination", "starts_at", "ends_at")
BLACKOUT_FIELDS = ("starts_at", "ends_at", "reason", "cancel_overlapping")

NAV = Area("peminjaman", service="booking", position=71, links=(
    Link(_("Cari ketersediaan"), "/peminjaman/cari", READ),
    Link(_("Kalender peminjaman"), "/peminjaman/kalender", READ),
    Link(_("Sumber daya"), "/peminjaman/sumber-daya", MANAGE),
))


# -- shaping (pure) -----------------------------------------------------------------------------------

def moment(value) -> datetime | None:
    if not value:
        return None
    found = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return found.astimezone(WITA)


def clock(value) -> str:
    """``09.00`` (WITA)."""
    found = moment(value)
    return found.strftime("%H.%M") if found else ""


def when(value) -> str:
    """``03-12-2026 09.00`` (WITA)."""
    found = moment(value)
    return found.strftime("%d-%m-%Y %H.%M") if found else ""


def span_text(starts_at, ends_at, on: date | None = None) -> str:
    """``09.00–11.00`` on one day; with the dates when the entry is not inside ``on``."""
    start, end = moment(starts_at), moment(ends_at)
    if on is not None and start.date() == on and end.date() == on:
        return f"{clock(start)}–{clock(end)}"
    if start.date() == end.date():
        return f"{start.strftime('%d-%m-%Y')} {clock(start)}–{clock(end)}"
    return f"{when(start)} – {when(end)}"


def entry_rows(entries: list[dict], on: date, translate) -> list[dict]:
    rows = []
    for entry in entries:
        if entry["kind"] == "booking":
            status = translate(_("Menunggu persetujuan")) if entry["pending"] else translate(_("Disetujui"))
        else:
            status = translate(ENTRY_LABELS.get(entry["kind"], entry["kind"]))
        rows.append({**entry, "time": span_text(entry["starts_at"], entry["ends_at"], on), "status_text": status})
    return rows


def wita_iso(day_text: str, time_text: str) -> str | None:
    """``2031-06-10`` + ``09:00`` as the ISO moment booking reads (WITA); None when either is empty."""
    if not day_text or not time_text:
        return None
    return f"{day_text}T{time_text}"


def search_query(args, today: date) -> tuple[dict, dict | None]:
    """(the form's values as typed, ``search_availability``'s data — None until a search was asked)."""
    shown = {name: text_of(args, name) for name in SEARCH_FIELDS if name not in ("facilities",)}
    shown["facilities"] = list(args.getlist("facilities")) if hasattr(args, "getlist") else []
    shown["kind"] = shown["kind"] or "room"
    shown["date"] = shown["date"] or today.isoformat()
    shown["start"] = shown["start"] or "09:00"
    shown["end"] = shown["end"] or "11:00"
    if not args.get("kind"):
        return shown, None
    data = {"kind": shown["kind"],
            "starts_at": shown["starts_at"] or wita_iso(shown["date"], shown["start"]),
            "ends_at": shown["ends_at"] or wita_iso(shown["date"], shown["end"])}
    if shown["kind"] == "vehicle":
        if shown["passengers"]:
            data["passengers"] = int_or_text(shown["passengers"])
        data["needs_driver"] = shown["needs_driver"] != "0"
        if shown["destination"]:
            data["destination"] = shown["destination"]
    else:
        if shown["participants"]:
            data["participants"] = int_or_text(shown["participants"])
        if shown["facilities"]:
            data["facilities"] = shown["facilities"]
    return shown, data


def request_link(resource_id: int, starts_at, ends_at, data: dict) -> str:
    """The requests area's form, filled in."""
    query = {"resource_id": resource_id, "starts_at": moment(starts_at).isoformat(),
             "ends_at": moment(ends_at).isoformat()}
    for name in ("participants", "passengers", "destination"):
        if data.get(name) not in (None, ""):
            query[name] = data[name]
    return "/peminjaman/ajukan?" + urllib.parse.urlencode(query)


def resource_payload(form, *, only=None) -> tuple[dict, dict]:
    """(the form's values as typed, ``create_resource``/``update_resource``'s data): numbers as numbers,
    anything else as typed for booking to refuse; empty optional fields null."""
    names = only or RESOURCE_FIELDS
    values = {name: text_of(form, name) for name in names if name not in CHECK_FIELDS + ("facilities",)}
    data: dict = {}
    for name, value in values.items():
        if name in NUMBER_FIELDS:
            data[name] = int_or_text(value) if value else (0 if name.startswith("buffer") else None)
        else:
            data[name] = value or None
    if "facilities" in names:
        chosen = list(form.getlist("facilities"))
        values["facilities"] = chosen
        data["facilities"] = chosen
    for name in CHECK_FIELDS:
        if name in names:
            values[name] = "1" if form.get(name) else ""
            data[name] = bool(values[name])
    if "name" in data and data["name"] is None:
        data["name"] = ""
    return values, data


def resource_values(resource: dict) -> dict:
    values = {name: "" if resource.get(name) is None else str(resource[name]) for name in RESOURCE_FIELDS
              if name not in CHECK_FIELDS + ("facilities",)}
    values["facilities"] = list(resource.get("facilities") or [])
    for name in CHECK_FIELDS:
        values[name] = "1" if resource.get(name) else ""
    return values


class BookingResourcePages:
    def _resources_globals(self, visit) -> dict:
        return {"kind_labels": {k: visit._(v) for k, v in KIND_LABELS.items()},
                "facility_labels": {k: visit._(v) for k, v in FACILITY_LABELS.items()},
                "condition_labels": {k: visit._(v) for k, v in CONDITION_LABELS.items()},
                "can_manage": visit.can("booking", "manage_resources"),
                "can_sync": visit.can("booking", "manage_settings")}

    # -- search -------------------------------------------------------------------------------------
    @page("GET", "/peminjaman/cari", needs=READ)
    def booking_search(self, visit):
        shown, data = search_query(visit.request.args, wita_day())
        found, errors, summary, status = None, {}, None, 200
        if data is not None:
            if visit.request.args.get("cursor"):
                data["cursor"] = visit.request.args["cursor"]
            try:
                found = self.booking.search_availability(data)
            except ValidationFailed as exc:
                errors, other = field_errors(exc.fields, SEARCH_FIELDS, visit._)
                if "starts_at" in errors:
                    errors["start"] = errors.pop("starts_at")
                if "ends_at" in errors:
                    errors["end"] = errors.pop("ends_at")
                summary, status = " ".join([visit._(exc.message), *other]), 422
        results, alternatives, next_url = [], [], None
        if found:
            results = [{**r, "request_url": request_link(r["id"], found["starts_at"], found["ends_at"], data)}
                       for r in found["items"]]
            alternatives = [{**a, "time": span_text(a["starts_at"], a["ends_at"]),
                             "request_url": request_link(a["resource_id"], a["starts_at"], a["ends_at"], data)}
                            for a in found["alternatives"]]
            if found.get("next_cursor"):
                kept = [(k, v) for k, v in visit.request.args.items(multi=True) if k != "cursor"]
                next_url = "/peminjaman/cari?" + urllib.parse.urlencode([*kept, ("cursor", found["next_cursor"])])
        return Page("booking/resources_search.html", {
            **self._resources_globals(visit), "shown": shown, "errors": errors, "summary": summary,
            "searched": found is not None, "results": results, "alternatives": alternatives, "next_url": next_url,
            "period": span_text(found["starts_at"], found["ends_at"]) if found else None},
            status, title=visit._("Cari ketersediaan"))

    # -- calendars ----------------------------------------------------------------------------------
    @page("GET", "/peminjaman/kalender", needs=READ)
    def booking_calendar(self, visit):
        args = visit.request.args
        kind = text_of(args, "kind") or "room"
        day = text_of(args, "date") or wita_day().isoformat()
        try:
            found = self.booking.calendar_overview(kind, day)
        except ValidationFailed:
            kind, day = "room", wita_day().isoformat()
            found = self.booking.calendar_overview(kind, day)
        on = date.fromisoformat(found["date"])
        rows = [{**row, "entries": entry_rows(row["entries"], on, visit._)} for row in found["rows"]]
        return Page("booking/resources_calendar.html", {
            **self._resources_globals(visit), "overview": found, "rows": rows, "kind": found["kind"],
            "day_text": on.strftime("%d-%m-%Y")}, title=visit._("Kalender peminjaman"))

    def _resource_page(self, visit, resource_id: int, *, values=None, errors=None, summary=None,
                       status=200) -> Page:
        args = visit.request.args
        view = text_of(args, "view") or "week"
        day = text_of(args, "date") or wita_day().isoformat()
        try:
            found = self.booking.resource_calendar(resource_id, view, day)
        except ValidationFailed:
            view, day = "week", wita_day().isoformat()
            found = self.booking.resource_calendar(resource_id, view, day)
        days = [{**d, "entries": entry_rows(d["entries"], date.fromisoformat(d["date"]), visit._),
                 "day_text": date.fromisoformat(d["date"]).strftime("%d-%m-%Y")} for d in found["days"]]
        resource = found["resource"]
        blocks = []
        if "add_blackout" in resource["allowed_actions"] or "remove_blackout" in resource["allowed_actions"]:
            today = wita_day()
            blocks = [{**b, "time": span_text(b["starts_at"], b["ends_at"])} for b in self.booking.list_blocks(
                resource_id, starts_at=today.isoformat() + "T00:00")["items"]]
        start = wita_day() + timedelta(days=1)
        return Page("booking/resources_detail.html", {
            **self._resources_globals(visit), "resource": resource, "calendar": found, "days": days,
            "view": found["view"], "views": [(k, visit._(v)) for k, v in VIEW_LABELS.items()], "blocks": blocks,
            "values": values or {"starts_at": f"{start.isoformat()}T07:00", "ends_at": f"{start.isoformat()}T18:00"},
            "errors": errors or {}, "summary": summary}, status, title=resource["name"])

    @page("GET", "/peminjaman/sumber-daya/<int:resource_id>", needs=READ)
    def booking_resource(self, visit, resource_id):
        return self._resource_page(visit, resource_id)

    @page("POST", "/peminjaman/sumber-daya/<int:resource_id>/masa-tutup", needs=READ)
    def booking_resource_blackout(self, visit, resource_id):
        form = visit.form
        values = {name: text_of(form, name) for name in ("starts_at", "ends_at", "reason")}
        values["cancel_overlapping"] = "1" if form.get("cancel_overlapping") else ""
        data = {**{k: v or None for k, v in values.items() if k != "cancel_overlapping"},
                "cancel_overlapping": bool(values["cancel_overlapping"])}
        try:
            made = self.booking.add_blackout(resource_id, data)
        except (ValidationFailed, Conflict) as exc:
            errors, other = field_errors(exc.fields, BLACKOUT_FIELDS, visit._)
            return self._resource_page(visit, resource_id, values=values, errors=errors,
                                       summary=" ".join([visit._(exc.message), *other]),
                                       status=422 if isinstance(exc, ValidationFailed) else 409)
        message = visit._("Masa tutup ditambahkan.")
        if made["cancelled_booking_ids"]:
            message += " " + visit._("Peminjaman dibatalkan: {n}.").format(n=len(made["cancelled_booking_ids"]))
        return visit.redirect(f"/peminjaman/sumber-daya/{resource_id}", message)

    @page("POST", "/peminjaman/masa-tutup/<int:block_id>/hapus", needs=READ)
    def booking_blackout_remove(self, visit, block_id):
        resource_id = int_or_none(text_of(visit.form, "resource_id"))
        self.booking.remove_blackout(block_id)
        target = f"/peminjaman/sumber-daya/{resource_id}" if resource_id else "/peminjaman/kalender"
        return visit.redirect(target, visit._("Masa tutup dihapus."))

    # -- the keepers' list and forms ----------------------------------------------------------------
    @page("GET", "/peminjaman/sumber-daya", needs=MANAGE)
    def booking_resources(self, visit):
        args = visit.request.args
        shown = {"kind": text_of(args, "kind"), "q": text_of(args, "q"),
                 "include_inactive": "1" if args.get("include_inactive") else ""}
        kind = shown["kind"] if shown["kind"] in KIND_LABELS else None
        result, pager = keyset_page(visit, lambda cursor: self.booking.list_resources(
            kind=kind, q=shown["q"] or None, include_inactive=bool(shown["include_inactive"]), cursor=cursor,
            limit=PAGE_SIZE), "/peminjaman/sumber-daya", {k: v for k, v in shown.items() if v})
        return Page("booking/resources_list.html", {
            **self._resources_globals(visit), "resources": result["items"], "shown": shown, **pager},
            title=visit._("Sumber daya peminjaman"))

    def _resource_form(self, visit, resource, values, errors, summary=None, status=200) -> Page:
        return Page("booking/resources_form.html", {
            **self._resources_globals(visit), "resource": resource, "values": values, "errors": errors,
            "summary": summary, "own_only": bool(resource and resource["source"] == "assets"),
            "conditions": [(k, visit._(v)) for k, v in CONDITION_LABELS.items()]},
            status, title=visit._("Ubah sumber daya") if resource else visit._("Tambah sumber daya"))

    @page("GET", "/peminjaman/sumber-daya/baru", needs=MANAGE)
    def booking_resource_new(self, visit):
        kind = text_of(visit.request.args, "kind")
        return self._resource_form(visit, None, {"kind": kind if kind in KIND_LABELS else "room", "active": "1",
                                                 "buffer_before_minutes": "0", "buffer_after_minutes": "0",
                                                 "facilities": []}, {})

    @page("POST", "/peminjaman/sumber-daya/baru", needs=MANAGE)
    def booking_resource_create(self, visit):
        values, data = resource_payload(visit.form)
        try:
            made = self.booking.create_resource(data)
        except (ValidationFailed, Conflict) as exc:
            errors, other = field_errors(exc.fields, RESOURCE_FIELDS, visit._)
            return self._resource_form(visit, None, values, errors, " ".join([visit._(exc.message), *other]),
                                       422 if isinstance(exc, ValidationFailed) else 409)
        return visit.redirect(f"/peminjaman/sumber-daya/{made['id']}", visit._("Sumber daya ditambahkan."))

    @page("GET", "/peminjaman/sumber-daya/<int:resource_id>/ubah", needs=MANAGE)
    def booking_resource_edit(self, visit, resource_id):
        resource = self.booking.get_resource(resource_id)
        return self._resource_form(visit, resource, resource_values(resource), {})

    @page("POST", "/peminjaman/sumber-daya/<int:resource_id>/ubah", needs=MANAGE)
    def booking_resource_update(self, visit, resource_id):
        resource = self.booking.get_resource(resource_id)
        only = OWN_FIELDS if resource["source"] == "assets" else tuple(f for f in RESOURCE_FIELDS if f != "kind")
        values, data = resource_payload(visit.form, only=only)
        try:
            self.booking.update_resource(resource_id, data)
        except (ValidationFailed, Conflict) as exc:
            errors, other = field_errors(exc.fields, RESOURCE_FIELDS, visit._)
            return self._resource_form(visit, resource, {**resource_values(resource), **values}, errors,
                                       " ".join([visit._(exc.message), *other]),
                                       422 if isinstance(exc, ValidationFailed) else 409)
        return visit.redirect(f"/peminjaman/sumber-daya/{resource_id}", visit._("Sumber daya disimpan."))

    @page("POST", "/peminjaman/sumber-daya/sinkron", needs=SYNC)
    def booking_resources_sync(self, visit):
        counts = self.booking.sync_resources()
        return visit.redirect("/peminjaman/sumber-daya", visit._(
            "Ditarik dari aset: {n} sumber daya ({new} baru, {linked} dikaitkan).").format(
            n=counts["resources"], new=counts["created"], linked=counts["linked"]))
