"""Kepegawaian — an employee's history (riwayat): the entries with their TMT and decree, and the forms to record a
career change with its SK, change the status (CLTN, pemberhentian sementara, pensiun, mutasi keluar, meninggal…)
and restore an employee made inactive by mistake.

personnel decides who reads the history (the employee, admin, the heads over their unit) and what the caller may
do: the forms show only for its ``allowed_actions`` and the statuses of its ``next_statuses``; its per-field
messages land by their fields.
"""
from __future__ import annotations

from situok_kit.errors import Conflict, ValidationFailed

from ..forms.common import int_or_none, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..paging import keyset_page
from .personnel import GOLONGAN, HISTORY_KIND_LABELS, PPPK_GRADES, unit_options, unit_tree

PAGE_SIZE = 25
KIND_LABELS = HISTORY_KIND_LABELS
CAREER_KINDS = ("unit", "position", "rank", "grade", "kgb")
STATUS_LABELS = {"aktif": _("Aktif"), "cltn": _("Cuti di luar tanggungan negara"),
                 "diberhentikan_sementara": _("Diberhentikan sementara"), "pensiun": _("Pensiun"),
                 "mutasi_keluar": _("Mutasi keluar"), "meninggal": _("Meninggal dunia"), "nonaktif": _("Nonaktif")}
#: The form field that carries the new value, per kind (a select each; the kind picks one).
VALUE_FIELDS = {"unit": "unit_value", "position": "position_value", "rank": "rank_value", "grade": "grade_value",
                "kgb": "kgb_value"}


# -- shaping (pure) -----------------------------------------------------------------------------------

def career_payload(form) -> dict:
    """The career form as personnel's ``CareerChangeIn``: the value from the field of the chosen kind, empty texts
    as null (personnel names what is missing)."""
    kind = text_of(form, "kind") or None
    data = {"kind": kind, "value": (text_of(form, VALUE_FIELDS[kind]) or None) if kind in VALUE_FIELDS else None,
            "tmt": text_of(form, "tmt") or None, "decree_number": text_of(form, "decree_number") or None,
            "decree_date": text_of(form, "decree_date") or None, "note": text_of(form, "note") or None}
    if kind == "unit" and text_of(form, "unit_position_id"):
        position = text_of(form, "unit_position_id")
        data["position_id"] = int_or_none(position) if position.isdigit() else position
    return data


def status_payload(form) -> dict:
    """The status form as personnel's ``StatusChangeIn``."""
    return {"status": text_of(form, "status") or None, "since": text_of(form, "since") or None,
            "decree_number": text_of(form, "status_decree_number") or None,
            "decree_date": text_of(form, "status_decree_date") or None,
            "note": text_of(form, "status_note") or None}


#: Status form fields are prefixed (two forms on one page); personnel's names -> the form's.
STATUS_ALIASES = {"decree_number": "status_decree_number", "decree_date": "status_decree_date",
                  "note": "status_note"}


class PersonnelHistoryPages:
    """Pages of the area (mixed into ``WebService``)."""

    def _history_context(self, visit, employee_id: int, values: dict | None = None,
                         errors: dict | None = None) -> dict:
        employee = self.personnel.get_employee(employee_id)
        result, pager = keyset_page(visit, lambda cursor: self.personnel.list_employee_history(
            employee_id, None, cursor, PAGE_SIZE), f"/pegawai/{employee_id}/riwayat")
        context = {"employee": employee, "entries": result["items"], **pager,
                   "allowed_actions": result.get("allowed_actions") or [],
                   "next_statuses": [(s, STATUS_LABELS.get(s, s)) for s in result.get("next_statuses") or []],
                   "kind_labels": KIND_LABELS, "status_labels": STATUS_LABELS,
                   "values": values or {}, "errors": errors or {}, "summary": None}
        if "record_career_change" in context["allowed_actions"]:
            context["career_kinds"] = [(k, KIND_LABELS[k]) for k in CAREER_KINDS]
            context["unit_options"] = unit_options(unit_tree(self.personnel.list_org_units()))
            positions = sorted(self.personnel.list_positions(), key=lambda p: (p["unit_id"], p["name"]))
            context["position_options"] = [(p["id"], p["name"]) for p in positions]
            ranks = GOLONGAN if employee["employment_type"] == "pns" else PPPK_GRADES
            context["rank_options"] = [(r, r) for r in ranks]
            context["grade_options"] = [(str(n), str(n)) for n in range(1, 18)]
        return context

    @page("GET", "/pegawai/<int:employee_id>/riwayat")
    def employee_history(self, visit, employee_id):
        context = self._history_context(visit, employee_id)
        return Page("personnel/history_page.html", context,
                    title=visit._("Riwayat %(name)s", name=context["employee"]["full_name"]))

    def _again(self, visit, employee_id: int, exc, values: dict, aliases: dict | None = None) -> Page:
        errors = visit.field_errors(exc)
        if aliases:
            errors = {aliases.get(name, name): message for name, message in errors.items()}
        if values.get("kind") in VALUE_FIELDS and "value" in errors:
            errors[VALUE_FIELDS[values["kind"]]] = errors.pop("value")
        context = self._history_context(visit, employee_id, values, errors)
        context["summary"] = visit._(exc.message)
        return Page("personnel/history_page.html", context, 422,
                    title=visit._("Riwayat %(name)s", name=context["employee"]["full_name"]))

    def _conflict(self, visit, employee_id: int, exc: Conflict):
        return visit.redirect(f"/pegawai/{employee_id}/riwayat", visit._(exc.message), "error")

    @page("POST", "/pegawai/<int:employee_id>/riwayat/karier")
    def employee_career_record(self, visit, employee_id):
        try:
            result = self.personnel.record_career_change(employee_id, career_payload(visit.form))
        except ValidationFailed as exc:
            return self._again(visit, employee_id, exc, dict(visit.form.items()))
        except Conflict as exc:
            return self._conflict(visit, employee_id, exc)
        return visit.redirect(f"/pegawai/{employee_id}/riwayat",
                              visit._("Perubahan dicatat untuk %(name)s.", name=result["employee"]["full_name"]))

    @page("POST", "/pegawai/<int:employee_id>/riwayat/status")
    def employee_status_change(self, visit, employee_id):
        try:
            result = self.personnel.change_employee_status(employee_id, status_payload(visit.form))
        except ValidationFailed as exc:
            return self._again(visit, employee_id, exc, dict(visit.form.items()), STATUS_ALIASES)
        except Conflict as exc:
            return self._conflict(visit, employee_id, exc)
        employee = result["employee"]
        return visit.redirect(f"/pegawai/{employee_id}/riwayat", visit._(
            "Status %(name)s: %(status)s.", name=employee["full_name"], status=employee["status_label"]))

    @page("POST", "/pegawai/<int:employee_id>/riwayat/pulihkan")
    def employee_restore(self, visit, employee_id):
        try:
            result = self.personnel.restore_employee(employee_id, {"reason": visit.value("reason") or None})
        except ValidationFailed as exc:
            return self._again(visit, employee_id, exc, dict(visit.form.items()))
        except Conflict as exc:
            return self._conflict(visit, employee_id, exc)
        name = result["employee"]["full_name"]
        if result.get("account_active") is False:
            visit.flash("warning", visit._("Akun %(name)s masih nonaktif; aktifkan di halaman akun (#%(id)s) bila "
                                           "perlu.", name=name, id=result["account_id"]))
        return visit.redirect(f"/pegawai/{employee_id}/riwayat", visit._("%(name)s aktif kembali.", name=name))
