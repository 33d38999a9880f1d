"""Kepegawaian — career dates: "Tanggal karier saya" (an employee's next KGB, KP and retirement), the staff
officer's "Jatuh tempo KGB/KP/pensiun" (a month or a range, counts, the list, the exports), the "DUK & nominatif"
exports, the reminders list (mark read), and the kepegawaian settings page (admin).

kepegawaian computes every date and decides who may see what (its capabilities and the 403s); these pages show
what it answers and the buttons of a reminder's ``allowed_actions``.
"""
from __future__ import annotations

import re
from urllib.parse import urlencode

from situok_kit.errors import NotFound, ValidationFailed

from ..files import stored_file_response
from ..forms.common import field_errors, int_or_none, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..paging import keyset_page

OWN = ("kepegawaian", "own_records")
DUE = ("kepegawaian", "view_due_dates")
EXPORT = ("kepegawaian", "export")
REMIND = ("kepegawaian", "manage_records")
SETTINGS = ("kepegawaian", "manage_settings")
BASE = "/kepegawaian/karier"
PAGE_SIZE = 25
KINDS = ("kgb", "kp", "bup")
KIND_LABELS = {"kgb": _("KGB"), "kp": _("Kenaikan pangkat"), "bup": _("Pensiun (BUP)")}
FLAG_LABELS = {"pppk_contract": _("PPPK: periksa perjanjian kerja"),
               "level_missing": _("Jenjang jabatan belum tercatat: BUP 58 tahun"),
               "kgb_base_is_tmt_cpns": _("KGB terakhir belum tercatat: dihitung dari TMT CPNS")}
SETTINGS_FIELDS = ("staff_unit_code", "official_role", "half_days", "reminder_days", "retirement_reminder_days")
_MONTH = re.compile(r"^\d{4}-\d{2}$")

NAV = Area("kepegawaian", links=(
    Link(_("Tanggal karier saya"), BASE, (OWN,)),
    Link(_("Jatuh tempo KGB/KP/pensiun"), f"{BASE}/jatuh-tempo", (DUE, EXPORT)),
    Link(_("DUK & nominatif"), f"{BASE}/daftar", (EXPORT,)),
    Link(_("Pengingat karier"), f"{BASE}/pengingat", (REMIND,)),
    Link(_("Pengaturan kepegawaian"), "/kepegawaian/pengaturan", (SETTINGS,)),
), service="kepegawaian", position=84)


def month_of(value: str | None) -> str | None:
    return value if value and _MONTH.match(value) else None


def settings_payload(form) -> dict:
    """The settings form as kepegawaian's ``KepegawaianSettingsIn`` (numbers as numbers when they are)."""
    def number(name):
        raw = text_of(form, name)
        return int(raw) if raw.isdigit() else raw or None
    return {"staff_unit_code": text_of(form, "staff_unit_code"), "official_role": text_of(form, "official_role"),
            "half_days": form.get("half_days") == "on", "reminder_days": number("reminder_days"),
            "retirement_reminder_days": number("retirement_reminder_days")}


class KepegawaianCareerPages:
    """Pages of the area (mixed into ``WebService``)."""

    @page("GET", BASE, needs=OWN)
    def kepegawaian_my_career(self, visit):
        found = self.kepegawaian.my_career_dates()
        return Page("kepegawaian/career_mine.html", {"found": found, "kind_labels": KIND_LABELS,
                                                    "flag_labels": FLAG_LABELS},
                    title=visit._("Tanggal karier saya"))

    @page("GET", f"{BASE}/jatuh-tempo", needs=(DUE, EXPORT))
    def kepegawaian_due(self, visit):
        args = visit.request.args
        month, until = month_of(args.get("month")), month_of(args.get("until"))
        kinds = [k for k in args.getlist("kind") if k in KINDS] or None
        unit_id = int_or_none(args.get("unit_id"))
        query = {"month": month, "until": until, "kinds": kinds, "unit_id": unit_id}
        errors: list[str] = []
        try:
            found = self.kepegawaian.due_list(**{k: v for k, v in query.items() if v is not None})
        except ValidationFailed as exc:
            found, errors = None, [visit._(exc.message), *exc.fields.values()]
        picked = [(k, v) for k, v in (("month", month), ("until", until), ("unit_id", unit_id)) if v]
        picked += [("kind", k) for k in kinds or ()]
        exports = {fmt: f"{BASE}/jatuh-tempo/unduh?" + urlencode([("format", fmt), *picked]) for fmt in ("xlsx", "pdf")}
        return Page("kepegawaian/career_due.html", {
            "found": found, "errors": errors, "month": month or (found and str(found["start"])[:7]) or "",
            "until": until or "", "kinds": kinds or [], "unit_id": unit_id or "", "kind_labels": KIND_LABELS,
            "flag_labels": FLAG_LABELS, "exports": exports},
            422 if errors else 200, title=visit._("Jatuh tempo KGB/KP/pensiun"))

    @page("GET", f"{BASE}/jatuh-tempo/unduh", needs=(DUE, EXPORT))
    def kepegawaian_due_export(self, visit):
        args = visit.request.args
        kinds = [k for k in args.getlist("kind") if k in KINDS] or None
        query = {"format": "pdf" if args.get("format") == "pdf" else "xlsx", "month": month_of(args.get("month")),
                 "until": month_of(args.get("until")), "kinds": kinds, "unit_id": int_or_none(args.get("unit_id"))}
        try:
            document = self.kepegawaian.export_due_list(**{k: v for k, v in query.items() if v is not None})
        except ValidationFailed as exc:
            return visit.redirect(f"{BASE}/jatuh-tempo", visit._(exc.message), "error")
        return stored_file_response(document, inline=False)

    @page("GET", f"{BASE}/daftar", needs=EXPORT)
    def kepegawaian_lists(self, visit):
        return Page("kepegawaian/career_lists.html", {}, title=visit._("DUK & nominatif"))

    @page("GET", f"{BASE}/daftar/<kind>", needs=EXPORT)
    def kepegawaian_list_export(self, visit, kind):
        args = visit.request.args
        rpc = {"duk": self.kepegawaian.export_duk, "nominatif": self.kepegawaian.export_nominative}.get(kind)
        if rpc is None:
            raise NotFound(visit._("Daftar tidak dikenal."))
        query = {"format": "pdf" if args.get("format") == "pdf" else "xlsx",
                 "unit_id": int_or_none(args.get("unit_id"))}
        try:
            document = rpc(**{k: v for k, v in query.items() if v is not None})
        except ValidationFailed as exc:
            return visit.redirect(f"{BASE}/daftar", visit._(exc.message), "error")
        return stored_file_response(document, inline=False)

    @page("GET", f"{BASE}/pengingat", needs=REMIND)
    def kepegawaian_reminders(self, visit):
        unread = visit.request.args.get("unread") == "1"
        result, links = keyset_page(
            visit, lambda cursor: self.kepegawaian.list_reminders(unread_only=unread, cursor=cursor, limit=PAGE_SIZE),
            f"{BASE}/pengingat", {"unread": "1"} if unread else None)
        return Page("kepegawaian/career_reminders.html", {"reminders": result["items"], "unread": unread,
                                                         "kind_labels": KIND_LABELS, **links},
                    title=visit._("Pengingat karier"))

    @page("POST", f"{BASE}/pengingat/<int:reminder_id>/dibaca", needs=REMIND)
    def kepegawaian_reminder_read(self, visit, reminder_id):
        self.kepegawaian.mark_reminder_read(reminder_id)
        return visit.redirect(f"{BASE}/pengingat", visit._("Pengingat ditandai sudah dibaca."))

    # -- settings (admin) ---------------------------------------------------------------------------------
    def _kepegawaian_settings_page(self, visit, values: dict, errors: dict, other: list, status: int = 200):
        return Page("kepegawaian/career_settings.html", {"values": values, "errors": errors, "other": other},
                    status, title=visit._("Pengaturan kepegawaian"))

    @page("GET", "/kepegawaian/pengaturan", needs=SETTINGS)
    def kepegawaian_settings(self, visit):
        return self._kepegawaian_settings_page(visit, self.kepegawaian.get_settings(), {}, [])

    @page("POST", "/kepegawaian/pengaturan", needs=SETTINGS)
    def kepegawaian_settings_save(self, visit):
        payload = settings_payload(visit.form)
        try:
            self.kepegawaian.update_settings(payload)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, SETTINGS_FIELDS, visit._)
            values = {name: visit.form.get(name, "") for name in SETTINGS_FIELDS}
            values["half_days"] = payload["half_days"]
            return self._kepegawaian_settings_page(visit, values, errors, [visit._(exc.message), *other], 422)
        return visit.redirect("/kepegawaian/pengaturan", visit._("Pengaturan kepegawaian disimpan."))
