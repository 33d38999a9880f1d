"""Absensi Non ASN: one-tap check-in on a phone, my days, leave requests and corrections, and the supervisor's
inbox, today board and monthly recap (with XLSX / PDF exports).

attendance decides everything (the server's clock, the WITA day, the geofence, who may see and decide what:
404 unseen, 403 not allowed, 409 decided already): its ``capabilities()`` open the supervisor pages and the
menu's links, each request's and correction's ``allowed_actions`` are its buttons (approve, reject, cancel).
These pages only show its answers, turn its per-field messages into messages under the form's fields and hand
files to and from it as base64. The check-in page works without JavaScript (the form posts, attendance says
what is missing); ``static/js/attendance.js`` adds the phone's position and an optional selfie and posts with
``X-CSRF-Token``, answered with JSON. What a form becomes and where a message lands is
``web.forms.attendance``.
"""
from __future__ import annotations

import json
import re
import secrets
import urllib.parse
from datetime import UTC, date, datetime
from functools import partial

from attendance import schemas as attendance_schemas
from babel.dates import format_date
from situok_kit.errors import DomainError, Forbidden, NotFound, ValidationFailed
from werkzeug.wrappers import Response

from ..files import stored_file_response
from ..forms.attendance import (
    CORRECTION_FIELDS,
    REQUEST_FIELDS,
    field_errors,
    leave_request,
    number_or_text,
    parse_month,
    position_payload,
    shift_month,
    time_correction,
)
from ..http import Page, page
from ..i18n import BABEL_LOCALE, long_date, to_wita
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..rendering import render
from .auth import client_address
from .personnel import unit_options, unit_tree

#: attendance's capabilities that open pages and links.
SUPERVISE = ("attendance", "supervise")
DECIDE = ("attendance", "decide")
NAV = Area("absensi", _("Absensi Non ASN"), "clock", (
    Link(_("Absen"), "/absensi"),
    Link(_("Riwayat saya"), "/absensi/riwayat"),
    Link(_("Izin dan koreksi"), "/absensi/pengajuan"),
    Link(_("Persetujuan absensi"), "/absensi/persetujuan", SUPERVISE),
    Link(_("Tinjau absensi"), "/absensi/tinjauan", SUPERVISE),
    Link(_("Kehadiran hari ini"), "/absensi/hari-ini", SUPERVISE),
    Link(_("Rekap bulanan"), "/absensi/rekap", SUPERVISE),
), service="attendance", position=20)


def labelled(codes, labels: dict) -> dict:
    """attendance's ``codes`` in attendance's order, each with its label (a code without one shows as itself)."""
    return {code: labels.get(code, code) for code in codes}


#: How the pages name attendance's codes (``attendance.schemas``): its day statuses (``DayOut.status``, the
#: history's summary in this order), request and correction statuses, leave and correction kinds, the today
#: board's groups. The codes and their order are attendance's; the words (translated) are the web's.
DAY_STATUS_LABELS = {"hadir": _("Hadir"), "terlambat": _("Terlambat"), "pulang_cepat": _("Pulang cepat"),
                     "tidak_absen_pulang": _("Tidak absen pulang"), "dinas_luar": _("Dinas luar"),
                     "izin": _("Izin"), "sakit": _("Sakit"), "cuti": _("Cuti"), "libur": _("Libur"),
                     "alpa": _("Alpa"), "belum_absen": _("Belum absen")}
REQUEST_STATUS_LABELS = {"submitted": _("Diajukan"), "approved": _("Disetujui"), "rejected": _("Ditolak"),
                         "cancelled": _("Dibatalkan")}
LEAVE_KIND_LABELS = {"izin": _("Izin"), "sakit": _("Sakit"), "cuti": _("Cuti")}
CORRECTION_KIND_LABELS = {"check_in": _("Jam masuk"), "check_out": _("Jam pulang")}
TODAY_GROUP_LABELS = {"in": _("Hadir"), "late": _("Terlambat"), "absent": _("Belum hadir / alpa"),
                      "on_duty": _("Dinas luar"), "leave": _("Izin, sakit, cuti"), "off": _("Libur")}
DAY_STATUSES = labelled(attendance_schemas.DAY_STATUSES, DAY_STATUS_LABELS)
REQUEST_STATUSES = labelled(attendance_schemas.REQUEST_STATUSES, REQUEST_STATUS_LABELS)
LEAVE_KINDS = tuple(labelled(attendance_schemas.LEAVE_KINDS, LEAVE_KIND_LABELS).items())
CORRECTION_KINDS = tuple(labelled(attendance_schemas.CORRECTION_KINDS, CORRECTION_KIND_LABELS).items())
#: The today board's groups (``today_view``), in board order.
TODAY_GROUPS = tuple(labelled(attendance_schemas.TODAY_GROUPS, TODAY_GROUP_LABELS).items())
#: Recap columns: (status, short heading, long heading).
RECAP_COLUMNS = (("hadir", "H", _("Hadir")), ("terlambat", "TL", _("Terlambat")),
                 ("pulang_cepat", "PC", _("Pulang cepat")), ("tidak_absen_pulang", "TAP", _("Tidak absen pulang")),
                 ("izin", "I", _("Izin")), ("sakit", "S", _("Sakit")), ("cuti", "C", _("Cuti")),
                 ("dinas_luar", "DL", _("Dinas luar")), ("alpa", "A", _("Alpa")))
#: attendance's field names -> what to call them when a message has no field on the page.
FIELD_LABELS = {"latitude": _("Lintang"), "longitude": _("Bujur"), "accuracy": _("Akurasi"),
                "selfie_b64": _("Swafoto")}
ACTIONS = {"check_in": _("Absen masuk"), "check_out": _("Absen pulang")}


# -- helpers ------------------------------------------------------------------------------------------

def _norm(text: str) -> str:
    return re.sub(r"[\s.]+", " ", (text or "").lower()).strip()


def explain(exc: DomainError, translate) -> str:
    """attendance's refusal in one sentence or two: the message, plus field messages that add something
    (a field message that says it better replaces the message, e.g. "… pukul 07.45 WITA")."""
    message = translate(exc.message)
    parts: list[str] = []
    for name, text in (exc.fields or {}).items():
        text = translate(str(text))
        if _norm(text) in _norm(message):
            continue
        if _norm(message).rstrip(" ") in _norm(text):
            message = ""
            parts.append(text[:1].upper() + text[1:] + ("" if text.endswith(".") else "."))
            continue
        label = FIELD_LABELS.get(name)
        parts.append(f"{translate(label)}: {text}" if label else text)
    return " ".join(p for p in [message, *parts] if p)


def month_label(year: int, month: int, lang: str) -> str:
    return format_date(date(year, month, 1), "MMMM y", locale=BABEL_LOCALE.get(lang, "id_ID"))


def short_day(value: str, lang: str) -> str:
    return format_date(date.fromisoformat(value[:10]), "EEE, d MMM", locale=BABEL_LOCALE.get(lang, "id_ID"))


def percent(bp, lang: str) -> str:
    """Basis points as a percentage: 150 -> ``1,5%`` (``1.5%`` in English)."""
    text = f"{(bp or 0) / 100:.2f}".rstrip("0").rstrip(".")
    return (text.replace(".", ",") if lang == "id" else text) + "%"


def wita_today() -> date:
    return to_wita(datetime.now(UTC)).date()


def wants_json(visit) -> bool:
    return visit.request.headers.get("X-Requested-With") == "fetch"


def json_response(payload: dict, status: int = 200) -> Response:
    return Response(json.dumps(payload), status=status, content_type="application/json; charset=utf-8")


class AttendancePages:
    # -- helpers -------------------------------------------------------------------------------------
    def _attendance_globals(self, visit) -> dict:
        lang = visit.session.lang
        return {"day_statuses": DAY_STATUSES, "request_statuses": REQUEST_STATUSES,
                "leave_labels": dict(LEAVE_KINDS), "correction_labels": dict(CORRECTION_KINDS),
                "short_day": lambda value: short_day(value, lang), "percent": lambda bp: percent(bp, lang)}

    def _who(self, visit) -> dict:
        """The user as attendance sees them now (asked on every visit: an employee just added to its roster
        checks in at once): their employee id and whether attendance tracks them (``check_in``)."""
        return {"employee_id": visit.identity.employee_id,
                "check_in": "check_in" in visit.fresh_capabilities("attendance")}

    def _today_context(self, visit) -> dict:
        who = self._who(visit)
        today = self.attendance.my_today() if who["check_in"] else None
        return {"who": who, "today": today}

    def _render_today(self, visit, context: dict) -> str:
        """Today's record as the fragment the page shows and ``attendance.js`` swaps in after a tap."""
        lang = visit.session.lang
        return render("attendance/_today.html", {"lang": lang, "tanggal": partial(long_date, lang=lang),
                                                 **self._attendance_globals(visit), **context})

    def _names(self, employee_ids) -> dict[int, dict]:
        """Employees by id, as personnel shows them to the user (a hidden one is named by its number)."""
        found: dict[int, dict] = {}
        for employee_id in sorted(set(employee_ids)):
            try:
                found[employee_id] = self.personnel.get_employee(employee_id)
            except DomainError:
                found[employee_id] = {"id": employee_id, "full_name": f"#{employee_id}", "unit_name": ""}
        return found

    def _units(self) -> list:
        try:
            return unit_options(unit_tree(self.personnel.list_org_units()))
        except Forbidden:
            return []

    # -- check-in ------------------------------------------------------------------------------------
    @page("GET", "/absensi")
    def attendance_home(self, visit):
        context = self._today_context(visit)
        locations = [x for x in self.attendance.get_setup()["locations"] if x.get("active")]
        return Page("attendance/checkin.html", {
            **self._attendance_globals(visit), **context, "locations": locations,
            "idempotency_key": secrets.token_urlsafe(16),
            "today_html": self._render_today(visit, context) if context["who"]["check_in"] else "",
        }, title=visit._("Absensi"))

    @page("POST", "/absensi")
    def attendance_record(self, visit):
        """Absen masuk / pulang: JSON for ``attendance.js`` (``X-Requested-With: fetch``), else a redirect."""
        action = visit.value("action")
        if action not in ACTIONS:
            action = "check_in"
        data = position_payload(visit.form, visit.request.files)
        key = visit.value("idempotency_key") or None
        call = self.attendance.check_in if action == "check_in" else self.attendance.check_out
        try:
            record = call(data, idempotency_key=key, client_address=client_address(visit.request))
        except DomainError as exc:
            message = explain(exc, visit._)
            if "latitude" not in data:
                message += " " + visit._("Izinkan akses lokasi pada peramban lalu coba lagi.")
            if wants_json(visit):
                distance = (getattr(exc, "extra", None) or {}).get("distance_m")
                return json_response({"ok": False, "message": message, "distance_m": number_or_text(str(distance))
                                      if distance is not None else None}, getattr(exc, "status", 400) or 400)
            return visit.redirect("/absensi", message, "error")
        side = record.get(action) or {}
        label = visit._(ACTIONS[action])
        if record.get("replayed"):
            message = visit._("%(what)s sudah tercatat pukul %(time)s WITA.", what=label, time=side.get("time"))
        else:
            message = visit._("%(what)s tercatat pukul %(time)s WITA.", what=label, time=side.get("time"))
        if side.get("needs_review"):
            message += " " + visit._("Di luar area kantor: perlu ditinjau atasan.")
        if wants_json(visit):
            context = self._today_context(visit)
            return json_response({"ok": True, "message": message, "time": side.get("time"),
                                  "replayed": bool(record.get("replayed")),
                                  "today_html": self._render_today(visit, context)})
        return visit.redirect("/absensi", message)

    # -- my history ----------------------------------------------------------------------------------
    @page("GET", "/absensi/riwayat")
    def attendance_history(self, visit):
        args = visit.request.args
        year, month = parse_month(args.get("bulan"), wita_today())
        month_text = f"{year:04d}-{month:02d}"
        employee = (args.get("pegawai") or "").strip()
        employee_id = int(employee) if employee.isdigit() else None
        who = self._who(visit)
        result = None
        if employee_id is not None or who["check_in"]:
            result = self.attendance.employee_days(month_text, employee_id)
        suffix = f"&pegawai={employee_id}" if employee_id else ""
        days = list(reversed((result or {}).get("days") or []))
        statuses = [(key, label, ((result or {}).get("summary") or {}).get("days", {}).get(key, 0))
                    for key, label in DAY_STATUSES.items()]
        return Page("attendance/history.html", {
            **self._attendance_globals(visit), "who": who, "result": result, "days": days,
            "statuses": [s for s in statuses if s[2]], "month": month_text,
            "month_label": month_label(year, month, visit.session.lang),
            "prev_url": f"/absensi/riwayat?bulan={shift_month(year, month, -1)}{suffix}",
            "next_url": (f"/absensi/riwayat?bulan={shift_month(year, month, 1)}{suffix}"
                         if month_text < wita_today().strftime("%Y-%m") else None),
            "employee_id": employee_id,
        }, title=visit._("Riwayat absensi"))

    # -- requests and corrections -----------------------------------------------------------------------
    def _requests_page(self, visit, *, request_values=None, request_errors=None, correction_values=None,
                       correction_errors=None, summary=None, other=(), status=200) -> Page:
        who = self._who(visit)
        mine_requests = mine_corrections = []
        if who["employee_id"]:
            mine_requests = self.attendance.list_requests(filters={"mine": True}, limit=50)["items"]
            mine_corrections = self.attendance.list_corrections(filters={"mine": True}, limit=50)["items"]
        today = wita_today().isoformat()
        return Page("attendance/requests.html", {
            **self._attendance_globals(visit), "who": who, "requests": mine_requests,
            "corrections": mine_corrections, "leave_kinds": [(k, visit._(v)) for k, v in LEAVE_KINDS],
            "correction_kinds": [(k, visit._(v)) for k, v in CORRECTION_KINDS],
            "request_values": request_values or {"kind": "izin", "start_date": today, "end_date": today,
                                                 "idempotency_key": secrets.token_urlsafe(16)},
            "correction_values": correction_values or {"c_day": today, "c_kind": "check_out",
                                                       "idempotency_key": secrets.token_urlsafe(16)},
            "request_errors": request_errors or {}, "correction_errors": correction_errors or {},
            "summary": summary, "other": list(other), "today": today,
        }, status, title=visit._("Izin dan koreksi"))

    @page("GET", "/absensi/pengajuan")
    def attendance_requests(self, visit):
        return self._requests_page(visit)

    @page("POST", "/absensi/pengajuan/izin")
    def attendance_request_submit(self, visit):
        values, data = leave_request(visit.form, visit.request.files)
        try:
            self.attendance.submit_request(data, idempotency_key=values["idempotency_key"] or None)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, REQUEST_FIELDS, visit._)
            return self._requests_page(visit, request_values=values, request_errors=errors,
                                       summary=visit._(exc.message), other=other, status=422)
        label = visit._(dict(LEAVE_KINDS).get(values["kind"], values["kind"]))
        return visit.redirect("/absensi/pengajuan",
                              visit._("Pengajuan %(kind)s dikirim ke atasan.", kind=label.lower()))

    @page("POST", "/absensi/pengajuan/koreksi")
    def attendance_correction_submit(self, visit):
        values, data = time_correction(visit.form)
        try:
            self.attendance.submit_correction(data, idempotency_key=values["idempotency_key"] or None)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, CORRECTION_FIELDS, visit._, prefix="c_")
            return self._requests_page(visit, correction_values=values, correction_errors=errors,
                                       summary=visit._(exc.message), other=other, status=422)
        return visit.redirect("/absensi/pengajuan", visit._("Koreksi absensi dikirim ke atasan."))

    @page("GET", "/absensi/pengajuan/<int:request_id>/lampiran")
    def attendance_request_attachment(self, visit, request_id):
        item = self.attendance.get_request(request_id)["attachment"]
        return stored_file_response(item)

    def _act(self, visit, call, done: str, back: str) -> Response:
        """Run a step on a request or correction; attendance's refusal comes back as a message on ``back``."""
        try:
            call()
        except (ValidationFailed, DomainError) as exc:
            if isinstance(exc, NotFound):
                raise
            return visit.redirect(back, explain(exc, visit._), "error")
        return visit.redirect(back, done)

    @page("POST", "/absensi/pengajuan/<int:request_id>/batalkan")
    def attendance_request_cancel(self, visit, request_id):
        reason = visit.value("reason") or None
        return self._act(visit, lambda: self.attendance.cancel_request(request_id, reason),
                         visit._("Pengajuan dibatalkan."), "/absensi/pengajuan")

    @page("POST", "/absensi/koreksi/<int:correction_id>/batalkan")
    def attendance_correction_cancel(self, visit, correction_id):
        reason = visit.value("reason") or None
        return self._act(visit, lambda: self.attendance.cancel_correction(correction_id, reason),
                         visit._("Koreksi dibatalkan."), "/absensi/pengajuan")

    # -- supervisor: inbox --------------------------------------------------------------------------------
    @page("GET", "/absensi/persetujuan", needs=SUPERVISE)
    def attendance_inbox(self, visit):
        """Open requests and corrections of the people in the user's scope (not their own); each one's
        ``allowed_actions`` are its buttons."""
        me = visit.identity.employee_id
        requests = [r for r in self.attendance.list_requests(filters={"status": "submitted"}, limit=100)["items"]
                    if r["employee_id"] != me]
        corrections = [c for c in self.attendance.list_corrections(filters={"status": "submitted"},
                                                                   limit=100)["items"] if c["employee_id"] != me]
        people = self._names([x["employee_id"] for x in requests + corrections])
        return Page("attendance/inbox.html", {
            **self._attendance_globals(visit), "requests": requests, "corrections": corrections,
            "people": people, "decides": visit.can(*DECIDE),
        }, title=visit._("Persetujuan absensi"))

    def _decide(self, visit, call, done: str) -> Response:
        return self._act(visit, call, done, "/absensi/persetujuan")

    @page("POST", "/absensi/pengajuan/<int:request_id>/setujui", needs=DECIDE)
    def attendance_request_approve(self, visit, request_id):
        note = visit.value("note") or None
        return self._decide(visit, lambda: self.attendance.approve_request(request_id, note),
                            visit._("Pengajuan disetujui."))

    @page("POST", "/absensi/pengajuan/<int:request_id>/tolak", needs=DECIDE)
    def attendance_request_reject(self, visit, request_id):
        reason = visit.value("reason")
        return self._decide(visit, lambda: self.attendance.reject_request(request_id, reason),
                            visit._("Pengajuan ditolak."))

    @page("POST", "/absensi/koreksi/<int:correction_id>/setujui", needs=DECIDE)
    def attendance_correction_approve(self, visit, correction_id):
        note = visit.value("note") or None
        return self._decide(visit, lambda: self.attendance.approve_correction(correction_id, note),
                            visit._("Koreksi disetujui."))

    @page("POST", "/absensi/koreksi/<int:correction_id>/tolak", needs=DECIDE)
    def attendance_correction_reject(self, visit, correction_id):
        reason = visit.value("reason")
        return self._decide(visit, lambda: self.attendance.reject_correction(correction_id, reason),
                            visit._("Koreksi ditolak."))

    # -- supervisor: the review queue (flagged check-ins/outs) --------------------------------------------------
    @page("GET", "/absensi/tinjauan", needs=SUPERVISE)
    def attendance_reviews(self, visit):
        """Flagged check-ins/outs waiting for review; each one's ``allowed_actions`` are its button."""
        cursor = (visit.request.args.get("cursor") or "").strip() or None
        queue = self.attendance.review_queue(cursor=cursor, limit=50)
        return Page("attendance/reviews.html", {
            **self._attendance_globals(visit), "items": queue["items"], "next_cursor": queue["next_cursor"],
            "side_labels": dict(CORRECTION_KINDS),
        }, title=visit._("Tinjau absensi"))

    @page("POST", "/absensi/tinjauan/<int:record_id>", needs=DECIDE)
    def attendance_mark_reviewed(self, visit, record_id):
        side, note = visit.value("side"), visit.value("note") or None
        return self._act(visit, lambda: self.attendance.mark_reviewed(record_id, side, note),
                         visit._("Absensi ditandai sudah ditinjau."), "/absensi/tinjauan")

    # -- supervisor: today board, monthly recap -------------------------------------------------------------
    @page("GET", "/absensi/hari-ini", needs=SUPERVISE)
    def attendance_today(self, visit):
        unit = (visit.request.args.get("unit_id") or "").strip()
        unit_id = int(unit) if unit.isdigit() else None
        board = self.attendance.today_view(unit_id)
        groups = [(key, visit._(label), board.get(key) or []) for key, label in TODAY_GROUPS]
        return Page("attendance/today.html", {
            **self._attendance_globals(visit), "board": board, "groups": groups, "unit_id": unit or "",
            "unit_options": self._units(),
        }, title=visit._("Kehadiran hari ini"))

    @page("GET", "/absensi/rekap", needs=SUPERVISE)
    def attendance_recap(self, visit):
        args = visit.request.args
        year, month = parse_month(args.get("bulan"), wita_today())
        month_text = f"{year:04d}-{month:02d}"
        unit = (args.get("unit_id") or "").strip()
        unit_id = int(unit) if unit.isdigit() else None
        recap = self.attendance.monthly_recap(month_text, unit_id)
        query = {"bulan": month_text, **({"unit_id": unit_id} if unit_id else {})}
        return Page("attendance/recap.html", {
            **self._attendance_globals(visit), "recap": recap, "month": month_text,
            "month_label": month_label(year, month, visit.session.lang), "unit_id": unit or "",
            "unit_options": self._units(), "columns": RECAP_COLUMNS,
            "xlsx_url": "/absensi/rekap/unduh?" + urllib.parse.urlencode({**query, "format": "xlsx"}),
            "pdf_url": "/absensi/rekap/unduh?" + urllib.parse.urlencode({**query, "format": "pdf"}),
        }, title=visit._("Rekap absensi bulanan"))

    @page("GET", "/absensi/rekap/unduh", needs=SUPERVISE)
    def attendance_recap_export(self, visit):
        args = visit.request.args
        year, month = parse_month(args.get("bulan"), wita_today())
        unit = (args.get("unit_id") or "").strip()
        fmt = args.get("format") if args.get("format") in ("xlsx", "pdf") else "xlsx"
        exported = self.attendance.export_recap(f"{year:04d}-{month:02d}", int(unit) if unit.isdigit() else None,
                                                fmt)
        return stored_file_response(exported, inline=fmt == "pdf")
