"""Dokumentasi Pimpinan — the leaders' agenda pages: the staff's agenda by day (``/agenda/harian``) and by week
(``/agenda/mingguan``) with a leader filter and conflicts highlighted (a list per day, readable on a phone), one
event (``/agenda/kegiatan/<id>``: everything, guests in protocol order, the run-down, the buttons agenda's
``allowed_actions`` name), the create/edit form (leaders as checkboxes, guests, run-down, participants and
protocol staff as a fixed number of repeated rows), the status steps with their reason, and agenda's settings
(admin, ``/agenda/pengaturan``). agenda decides everything (422 naming the fields, 403, 409); these pages only
show its answers.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from situok_contracts.roles import LABELS as ROLE_LABELS
from situok_kit.clock import WITA, wita_day
from situok_kit.errors import Conflict, Forbidden, ValidationFailed

from ..forms.common import field_errors, int_or_none, int_or_text, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..paging import all_pages

READ = ("agenda", "read")
MANAGE = ("agenda", "manage_events")
SETTINGS = ("agenda", "manage_settings")

NAV = Area("dokumentasi", service="agenda", position=11, links=(
    Link(_("Agenda pimpinan harian"), "/agenda/harian", READ),
    Link(_("Agenda pimpinan mingguan"), "/agenda/mingguan", READ),
    Link(_("Tambah kegiatan pimpinan"), "/agenda/kegiatan/baru", MANAGE),
    Link(_("Pengaturan agenda"), "/agenda/pengaturan", SETTINGS),
))

#: Blank rows the form always offers after the rows an event has (a simple form, no script needed).
BLANK_ROWS = {"guests": 3, "rundown": 4, "participants": 2, "protocol_staff": 2}
ROW_FIELDS = {
    "guests": ("name", "title", "agency", "precedence_code", "phone", "email", "id_number", "contact_note"),
    "rundown": ("starts_at", "ends_at", "item", "who"),
    "participants": ("name", "count"),
    "protocol_staff": ("employee_id", "duty"),
}
TEXT_FIELDS = ("title", "description", "address", "organiser", "dress_code", "protocol_notes", "public_summary")
FORM_FIELDS = TEXT_FIELDS + ("date", "start_time", "end_date", "end_time", "location_kind", "room_resource_id",
                             "is_public", "leaders", "version")
#: agenda's field names that the form shows under another of its fields.
ALIASES = {"starts_at": "start_time", "ends_at": "end_time"}
STEP_LABELS = {"created": _("Dibuat"), "edited": _("Diubah"), "confirmed": _("Dipastikan"),
               "postponed": _("Ditunda"), "rescheduled": _("Dijadwalkan ulang"), "cancelled": _("Dibatalkan"),
               "done": _("Selesai"), "room_cancelled_in_booking": _("Ruangan dibatalkan di layanan peminjaman")}
SETTINGS_TEXT = ("protocol_unit_code", "approver_role")
SETTINGS_NUMBERS = ("visit_requests_per_hour", "feedback_per_hour", "form_min_seconds")


# -- shaping (pure) -----------------------------------------------------------------------------------

def parse_day(text: str | None, today: date) -> date:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        return today


def moment(day: str, clock: str) -> str | None:
    """``YYYY-MM-DDTHH:MM`` (agenda reads it as WITA); None when either part is missing."""
    return f"{day}T{clock}" if day and clock else None


def _row_values(form, kind: str, count: int) -> list[dict]:
    return [{name: text_of(form, f"{kind}-{index}-{name}") for name in ROW_FIELDS[kind]} for index in range(count)]


def _row_data(kind: str, row: dict) -> dict:
    data: dict = {}
    for name, value in row.items():
        if name in ("count", "employee_id"):
            data[name] = int_or_text(value) if value else None
        elif name in ("name", "item"):
            data[name] = value
        else:
            data[name] = value or None
    if kind == "protocol_staff" and data.get("employee_id") is None:
        data["employee_id"] = ""  # a duty without a person: agenda names the field
    return data


def event_payload(form, leader_ids: list[str]) -> tuple[dict, dict, dict]:
    """(the form's values as typed, the data for ``create_event``/``update_event``, where each sent row came
    from: ``{"guests": [form row index, …]}``). Blank rows are left out; a date without an end date ends the
    same day; anything mistyped goes as typed for agenda to refuse."""
    values: dict = {name: text_of(form, name) for name in FORM_FIELDS if name not in ("leaders", "is_public")}
    values["is_public"] = "1" if form.get("is_public") else ""
    values["leaders"] = [value for value in leader_ids if value]
    data: dict = {name: values[name] or None for name in TEXT_FIELDS}
    data["title"] = values["title"]
    for key, value in (("starts_at", moment(values["date"], values["start_time"])),
                       ("ends_at", moment(values["end_date"] or values["date"], values["end_time"]))):
        if value:
            data[key] = value
    data["location_kind"] = values["location_kind"] or "external"
    data["room_resource_id"] = int_or_text(values["room_resource_id"]) if values["room_resource_id"] else None
    data["is_public"] = bool(values["is_public"])
    data["leaders"] = [{"leader_id": int_or_text(value)} for value in values["leaders"]]
    origins: dict[str, list[int]] = {}
    for kind in ROW_FIELDS:
        count = int_or_none(text_of(form, f"{kind}-rows")) or BLANK_ROWS[kind]
        rows = _row_values(form, kind, min(count, 200))
        values[kind] = rows
        sent = [(index, row) for index, row in enumerate(rows) if any(row.values())]
        origins[kind] = [index for index, _row in sent]
        data[kind] = [_row_data(kind, row) for _index, row in sent]
    if values["version"]:
        data["version"] = int_or_text(values["version"])
    return values, data, origins


def form_errors(fields: dict, origins: dict, translate) -> tuple[dict, list[str]]:
    """agenda's field messages by the form's fields: ``rundown.2.starts_at`` → the form's row it came from
    (``rundown-<row>-starts_at``), ``leaders.0.leader_id`` → ``leaders``, ``starts_at`` → ``start_time``."""
    errors: dict[str, str] = {}
    other: list[str] = []
    for name, message in (fields or {}).items():
        parts = name.split(".")
        text = translate(str(message))
        if parts[0] in ROW_FIELDS and len(parts) == 3 and parts[1].isdigit():
            rows = origins.get(parts[0], [])
            index = int(parts[1])
            key = f"{parts[0]}-{rows[index] if index < len(rows) else index}-{parts[2]}"
        elif parts[0] in ROW_FIELDS or parts[0] == "leaders":
            key = parts[0]
        else:
            key = ALIASES.get(parts[0], parts[0])
            if key not in FORM_FIELDS:
                other.append(text)
                continue
        errors[key] = f"{errors[key]} {text}" if key in errors and text not in errors[key] else text
    return errors, other


def clock_span(starts_at: str, ends_at: str) -> str:
    """``09.00–11.30`` (WITA); an event over several days names its days: ``10/5 20.00–11/5 02.00``."""
    starts, ends = (datetime.fromisoformat(v).astimezone(WITA) for v in (starts_at, ends_at))
    if starts.date() == ends.date():
        return f"{starts:%H.%M}–{ends:%H.%M}"
    return f"{starts.day}/{starts.month} {starts:%H.%M}–{ends.day}/{ends.month} {ends:%H.%M}"


def with_clocks(days: list[dict]) -> list[dict]:
    """The days' events each with its ``clock`` (and each conflict's)."""
    return [{**day, "items": [{**item, "clock": clock_span(item["starts_at"], item["ends_at"]), "conflicts": [
        {**c, "clock": clock_span(c["starts_at"], c["ends_at"])} for c in item.get("conflicts", [])]}
        for item in day["items"]]} for day in days]


def _clock(value: str | None) -> str:
    return (value or "")[:5]


def event_values(event: dict) -> dict:
    """An event's answer as the form's values (WITA dates and times)."""
    starts = datetime.fromisoformat(event["starts_at"]).astimezone(WITA)
    ends = datetime.fromisoformat(event["ends_at"]).astimezone(WITA)
    values = {name: event.get(name) or "" for name in TEXT_FIELDS}
    values.update({
        "date": starts.date().isoformat(), "start_time": starts.strftime("%H:%M"),
        "end_date": ends.date().isoformat() if ends.date() != starts.date() else "",
        "end_time": ends.strftime("%H:%M"), "location_kind": event.get("location_kind") or "external",
        "room_resource_id": str(event.get("room_resource_id") or ""),
        "is_public": "1" if event.get("is_public") else "",
        "leaders": [str(row["leader_id"]) for row in event.get("leaders", [])], "version": str(event["version"]),
        "guests": [{name: g.get(name) or "" for name in ROW_FIELDS["guests"]} for g in event.get("guests", [])],
        "rundown": [{"starts_at": _clock(r.get("starts_at")), "ends_at": _clock(r.get("ends_at")),
                     "item": r.get("item") or "", "who": r.get("who") or ""} for r in event.get("rundown", [])],
        "participants": [{"name": p.get("name") or "", "count": str(p.get("count") or "")}
                         for p in event.get("participants", [])],
        "protocol_staff": [{"employee_id": str(s["employee_id"]), "duty": s.get("duty") or ""}
                           for s in event.get("protocol_staff", [])],
    })
    return values


def with_blank_rows(values: dict) -> dict:
    """The form's rows plus the blank rows it always offers."""
    shown = dict(values)
    for kind, blank in BLANK_ROWS.items():
        rows = [row for row in values.get(kind) or [] if any(row.values())] if kind in values else []
        shown[kind] = rows + [dict.fromkeys(ROW_FIELDS[kind], "") for _ in range(blank)]
    return shown


def settings_payload(form) -> tuple[dict, dict]:
    values = {name: text_of(form, name) for name in SETTINGS_TEXT + SETTINGS_NUMBERS}
    data: dict = {"protocol_unit_code": values["protocol_unit_code"], "approver_role": values["approver_role"] or None}
    data.update({name: int_or_text(values[name]) for name in SETTINGS_NUMBERS})
    return values, data


class AgendaEventPages:
    # -- helpers ------------------------------------------------------------------------------------
    def _agenda_events_leaders(self) -> list[dict]:
        return self.agenda.list_leaders(limit=200)["items"]

    def _agenda_events_globals(self, visit) -> dict:
        return {"can_manage_events": visit.can("agenda", "manage_events"), "step_labels": STEP_LABELS}

    def _agenda_events_view(self, visit, kind: str) -> Page:
        args = visit.request.args
        day = parse_day(args.get("tanggal"), wita_day())
        leader_id = int_or_none(args.get("pimpinan_id"))
        query = {"day": day.isoformat()}
        if leader_id:
            query["leader_id"] = leader_id
        if args.get("batal") == "1":
            query["include_cancelled"] = True
        step = 7 if kind == "week" else 1
        if kind == "week":
            answer = self.agenda.agenda_week(**query)
            days, title = answer["days"], visit._("Agenda pimpinan mingguan")
        else:
            answer = self.agenda.agenda_day(**query)
            days, title = [answer], visit._("Agenda pimpinan harian")
        base = "/agenda/mingguan" if kind == "week" else "/agenda/harian"
        keep = f"&pimpinan_id={leader_id}" if leader_id else ""
        return Page("agenda/events_agenda.html", {
            **self._agenda_events_globals(visit), "kind": kind, "days": with_clocks(days), "day": day.isoformat(),
            "leaders": self._agenda_events_leaders(), "leader_id": leader_id, "base": base,
            "include_cancelled": args.get("batal") == "1",
            "previous_url": f"{base}?tanggal={(day - timedelta(days=step)).isoformat()}{keep}",
            "next_url": f"{base}?tanggal={(day + timedelta(days=step)).isoformat()}{keep}",
            "today_url": f"{base}?tanggal={wita_day().isoformat()}{keep}",
            "other_url": ("/agenda/harian" if kind == "week" else "/agenda/mingguan") + f"?tanggal={day}{keep}",
        }, title=title)

    def _agenda_events_staff_options(self) -> list[tuple[int, str]]:
        """Employees to assign (personnel's list, when it shows it to the caller)."""
        try:
            people = all_pages(lambda cursor: self.personnel.list_employees(
                filters={"active": True}, cursor=cursor, limit=100), 5)
        except Forbidden:
            return []
        return sorted(((p["id"], f"{p['full_name']} · {p.get('unit_name') or ''}") for p in people),
                      key=lambda option: option[1])

    def _agenda_events_rooms(self) -> list[tuple[int, str]]:
        """booking's rooms and buildings for the form (none while booking does not answer: the id field stays)."""
        try:
            found = [r for kind in ("room", "building")
                     for r in self.booking.list_resources(kind=kind, limit=200)["items"]]
        except Exception:  # noqa: BLE001 - booking away: an address, or the room's id, still works
            return []
        return [(r["id"], r["name"] + (f" · {r['location']}" if r.get("location") else "")) for r in found]

    def _agenda_events_form(self, visit, event, values, errors, summary=None, other=(), status=200) -> Page:
        ranks = self.agenda.list_precedence_ranks(limit=200)["items"]
        return Page("agenda/events_form.html", {
            **self._agenda_events_globals(visit), "event": event, "values": with_blank_rows(values),
            "errors": errors, "summary": summary, "other": list(other), "leaders": self._agenda_events_leaders(),
            "ranks": [(r["code"], f"{r['rank']} · {r['label']}") for r in ranks],
            "staff_options": self._agenda_events_staff_options(), "rooms": self._agenda_events_rooms(),
        }, status, title=visit._("Ubah kegiatan") if event else visit._("Tambah kegiatan pimpinan"))

    def _agenda_events_detail(self, visit, event, summary=None, status=200) -> Page:
        return Page("agenda/events_detail.html", {
            **self._agenda_events_globals(visit), "e": event, "actions": event.get("allowed_actions", []),
            "clock": clock_span(event["starts_at"], event["ends_at"]),
            "day": datetime.fromisoformat(event["starts_at"]).astimezone(WITA).date().isoformat(),
            "conflicts": with_clocks([{"items": [event]}])[0]["items"][0]["conflicts"],
            "summary": summary}, status, title=event["title"])

    def _agenda_events_refused(self, visit, exc, event, values, origins) -> Page:
        errors, other = form_errors(exc.fields, origins, visit._)
        return self._agenda_events_form(visit, event, values, errors, visit._(exc.message), other, 409
                                        if isinstance(exc, Conflict) else 422)

    # -- the agenda views ---------------------------------------------------------------------------
    @page("GET", "/agenda/harian", needs=READ)
    def agenda_events_day(self, visit):
        return self._agenda_events_view(visit, "day")

    @page("GET", "/agenda/mingguan", needs=READ)
    def agenda_events_week(self, visit):
        return self._agenda_events_view(visit, "week")

    # -- one event ----------------------------------------------------------------------------------
    @page("GET", "/agenda/kegiatan/<int:event_id>", needs=READ)
    def agenda_events_show(self, visit, event_id):
        return self._agenda_events_detail(visit, self.agenda.get_event(event_id))

    @page("GET", "/agenda/kegiatan/baru", needs=MANAGE)
    def agenda_events_new(self, visit):
        today = parse_day(visit.request.args.get("tanggal"), wita_day()).isoformat()
        return self._agenda_events_form(visit, None, {"date": today, "location_kind": "external"}, {})

    @page("POST", "/agenda/kegiatan/baru", needs=MANAGE)
    def agenda_events_create(self, visit):
        values, data, origins = event_payload(visit.form, visit.form.getlist("leaders"))
        data.pop("version", None)
        try:
            made = self.agenda.create_event(data)
        except (ValidationFailed, Conflict) as exc:
            return self._agenda_events_refused(visit, exc, None, values, origins)
        notice = visit._("Kegiatan ditambahkan.")
        if made.get("conflicts"):
            notice += " " + visit._("Perhatian: bentrok dengan kegiatan lain pimpinan yang sama.")
        return visit.redirect(f"/agenda/kegiatan/{made['id']}", notice,
                              "warning" if made.get("conflicts") else "success")

    @page("GET", "/agenda/kegiatan/<int:event_id>/ubah", needs=MANAGE)
    def agenda_events_edit(self, visit, event_id):
        event = self.agenda.get_event(event_id)
        return self._agenda_events_form(visit, event, event_values(event), {})

    @page("POST", "/agenda/kegiatan/<int:event_id>/ubah", needs=MANAGE)
    def agenda_events_update(self, visit, event_id):
        values, data, origins = event_payload(visit.form, visit.form.getlist("leaders"))
        try:
            changed = self.agenda.update_event(event_id, data)
        except (ValidationFailed, Conflict) as exc:
            return self._agenda_events_refused(visit, exc, self.agenda.get_event(event_id), values, origins)
        notice = visit._("Kegiatan disimpan.")
        if changed.get("conflicts"):
            notice += " " + visit._("Perhatian: bentrok dengan kegiatan lain pimpinan yang sama.")
        return visit.redirect(f"/agenda/kegiatan/{event_id}", notice,
                              "warning" if changed.get("conflicts") else "success")

    # -- the status steps ---------------------------------------------------------------------------
    def _agenda_events_step(self, visit, event_id: int, rpc: str, data: dict, done: str):
        try:
            getattr(self.agenda, rpc)(event_id, data)
        except (ValidationFailed, Conflict) as exc:
            detail = " ".join([visit._(exc.message), *(visit._(str(m)) for m in (exc.fields or {}).values())])
            return self._agenda_events_detail(visit, self.agenda.get_event(event_id), detail,
                                              409 if isinstance(exc, Conflict) else 422)
        return visit.redirect(f"/agenda/kegiatan/{event_id}", done)

    @page("POST", "/agenda/kegiatan/<int:event_id>/pastikan", needs=MANAGE)
    def agenda_events_confirm(self, visit, event_id):
        return self._agenda_events_step(visit, event_id, "confirm_event", {"note": text_of(visit.form, "note")
                                                                           or None}, visit._("Kegiatan dipastikan."))

    @page("POST", "/agenda/kegiatan/<int:event_id>/tunda", needs=MANAGE)
    def agenda_events_postpone(self, visit, event_id):
        return self._agenda_events_step(visit, event_id, "postpone_event", {"reason": text_of(visit.form, "reason")},
                                        visit._("Kegiatan ditunda."))

    @page("POST", "/agenda/kegiatan/<int:event_id>/batalkan", needs=MANAGE)
    def agenda_events_cancel(self, visit, event_id):
        return self._agenda_events_step(visit, event_id, "cancel_event", {"reason": text_of(visit.form, "reason")},
                                        visit._("Kegiatan dibatalkan."))

    @page("POST", "/agenda/kegiatan/<int:event_id>/selesai", needs=MANAGE)
    def agenda_events_complete(self, visit, event_id):
        return self._agenda_events_step(visit, event_id, "complete_event", {"note": text_of(visit.form, "note")
                                                                            or None}, visit._("Kegiatan selesai."))

    @page("POST", "/agenda/kegiatan/<int:event_id>/jadwal-ulang", needs=MANAGE)
    def agenda_events_reschedule(self, visit, event_id):
        day, end_day = text_of(visit.form, "date"), text_of(visit.form, "end_date")
        data = {"starts_at": moment(day, text_of(visit.form, "start_time")),
                "ends_at": moment(end_day or day, text_of(visit.form, "end_time"))}
        return self._agenda_events_step(visit, event_id, "reschedule_event", {k: v for k, v in data.items() if v},
                                        visit._("Kegiatan dijadwalkan ulang."))

    # -- settings (admin) ---------------------------------------------------------------------------
    def _agenda_events_settings_page(self, visit, values=None, errors=None, summary=None, other=(),
                                     status=200) -> Page:
        current = self.agenda.get_settings()
        shown = values or {name: "" if current.get(name) is None else str(current.get(name))
                           for name in SETTINGS_TEXT + SETTINGS_NUMBERS}
        return Page("agenda/settings.html", {
            "settings": current, "values": shown, "errors": errors or {}, "summary": summary, "other": list(other),
            "roles": [(code, visit._(label)) for code, label in ROLE_LABELS.items()],
        }, status, title=visit._("Pengaturan agenda"))

    @page("GET", "/agenda/pengaturan", needs=SETTINGS)
    def agenda_events_settings(self, visit):
        return self._agenda_events_settings_page(visit)

    @page("POST", "/agenda/pengaturan", needs=SETTINGS)
    def agenda_events_settings_update(self, visit):
        values, data = settings_payload(visit.form)
        try:
            self.agenda.update_settings(data)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, SETTINGS_TEXT + SETTINGS_NUMBERS, visit._)
            return self._agenda_events_settings_page(visit, values, errors, visit._(exc.message), other, 422)
        return visit.redirect("/agenda/pengaturan", visit._("Pengaturan agenda disimpan."))
