"""Kepegawaian: employees (list, detail, create, edit, deactivate), the org-unit tree, "Profil saya".

personnel decides who sees and changes what (its capabilities open the pages and show the buttons; every call
checks again); these pages turn its per-field messages into form messages.
"""
from __future__ import annotations

import secrets

from situok_kit.errors import Forbidden, NotFound, ValidationFailed

from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..paging import keyset_page

EMPLOYMENT_TYPES = (("pns", "PNS"), ("pppk", "PPPK"), ("non_asn", "Non ASN"))
GOLONGAN = tuple(f"{g}/{r}" for g, rs in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
                 for r in rs)
PPPK_GRADES = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
               "XVI", "XVII")
#: Form fields, in form order; every one is a text value of ``EmployeeIn``.
EMPLOYEE_FIELDS = ("employment_type", "name", "front_title", "back_title", "nip", "nik", "gender", "birth_place",
                   "birth_date", "tmt_cpns", "rank_tmt", "kgb_tmt", "position_tmt", "golongan", "pppk_grade",
                   "unit_id", "position_id", "email", "phone")
INTEGER_FIELDS = ("unit_id", "position_id")
PAGE_SIZE = 20
#: Entries of the history shown on the employee's page (the rest on ``/pegawai/<id>/riwayat``).
HISTORY_PREVIEW = 5
HISTORY_KIND_LABELS = {"unit": _("Unit kerja"), "position": _("Jabatan"), "rank": _("Pangkat/golongan"),
                       "grade": _("Kelas jabatan"), "kgb": _("Kenaikan gaji berkala"), "status": _("Status pegawai")}
#: personnel's capabilities that open the pages.
READ_EMPLOYEES = ("personnel", "read_employees")
MANAGE_EMPLOYEES = ("personnel", "manage_employees")
NAV = Area("kepegawaian", _("Kepegawaian"), "users", (
    Link(_("Profil saya"), "/profil"),
    Link(_("Daftar pegawai"), "/pegawai", READ_EMPLOYEES),
    Link(_("Tambah pegawai"), "/pegawai/baru", MANAGE_EMPLOYEES),
    Link(_("Unit organisasi"), "/unit"),
), service="personnel", position=40)


def employee_payload(form) -> dict:
    """The form as ``EmployeeIn`` data: blanks become null, ids integers (personnel validates the rest)."""
    data = {}
    for name in EMPLOYEE_FIELDS:
        value = (form.get(name) or "").strip()
        if value == "":
            data[name] = None
        elif name in INTEGER_FIELDS:
            data[name] = int(value) if value.isdigit() else value
        else:
            data[name] = value
    if data["employment_type"] is None:
        data.pop("employment_type")  # "Wajib diisi." from personnel
    return data


def list_filters(args) -> tuple[dict, dict]:
    """(filters for personnel, the same as strings to put back into the form and the links)."""
    shown = {key: (args.get(key) or "").strip() for key in ("q", "unit_id", "asn", "active")}
    filters = {}
    if shown["q"]:
        filters["q"] = shown["q"][:100]
    if shown["unit_id"].isdigit():
        filters["unit_id"] = int(shown["unit_id"])
    if shown["asn"] in ("1", "0"):
        filters["is_asn"] = shown["asn"] == "1"
    if shown["active"] in ("1", "0"):
        filters["active"] = shown["active"] == "1"
    elif shown["active"] == "":
        shown["active"] = "1"
        filters["active"] = True  # active employees unless asked otherwise
    return filters, shown


def unit_tree(units: list[dict]) -> list[dict]:
    """Units as a nested tree (``children``), siblings by code."""
    by_parent: dict = {}
    for unit in units:
        by_parent.setdefault(unit.get("parent_id"), []).append(unit)

    def build(parent_id):
        return [{**unit, "children": build(unit["id"])}
                for unit in sorted(by_parent.get(parent_id, []), key=lambda u: u["code"])]

    ids = {unit["id"] for unit in units}
    roots = [unit for unit in units if unit.get("parent_id") not in ids]
    return [{**root, "children": build(root["id"])} for root in sorted(roots, key=lambda u: u["code"])]


def unit_options(tree: list[dict], depth: int = 0) -> list[tuple[int, str]]:
    """(id, indented name) for a select, in tree order."""
    options = []
    for unit in tree:
        options.append((unit["id"], "\u2003" * depth + unit["name"]))
        options += unit_options(unit["children"], depth + 1)
    return options


class PersonnelPages:
    def _form_context(self, visit, values: dict, errors: dict, employee: dict | None = None) -> dict:
        units = self.personnel.list_org_units()
        positions = self.personnel.list_positions()
        return {"values": values, "errors": errors, "employee": employee,
                "unit_options": unit_options(unit_tree(units)),
                "positions": sorted(positions, key=lambda p: (p["unit_id"], p["name"])),
                "employment_types": EMPLOYMENT_TYPES, "golongan": GOLONGAN, "pppk_grades": PPPK_GRADES}

    @page("GET", "/pegawai", needs=READ_EMPLOYEES)
    def employee_list(self, visit):
        filters, shown = list_filters(visit.request.args)
        result, pager = keyset_page(visit, lambda cursor: self.personnel.list_employees(
            filters=filters or None, cursor=cursor, limit=PAGE_SIZE), "/pegawai", {k: v for k, v in shown.items() if v})
        units = self.personnel.list_org_units()
        return Page("personnel/list.html", {
            "employees": result["items"], "shown": shown, **pager,
            "unit_options": unit_options(unit_tree(units)), "manage_employees": visit.can(*MANAGE_EMPLOYEES),
        }, title=visit._("Daftar pegawai"))

    @page("GET", "/pegawai/baru", needs=MANAGE_EMPLOYEES)
    def employee_new(self, visit):
        values = {"employment_type": "pns", "idempotency_key": secrets.token_urlsafe(16)}
        return Page("personnel/form.html", self._form_context(visit, values, {}), title=visit._("Tambah pegawai"))

    @page("POST", "/pegawai/baru", needs=MANAGE_EMPLOYEES)
    def employee_create(self, visit):
        data = employee_payload(visit.form)
        try:
            employee = self.personnel.create_employee(data, idempotency_key=visit.value("idempotency_key") or None)
        except ValidationFailed as exc:
            return self._invalid(visit, exc, dict(visit.form.items()), None, visit._("Tambah pegawai"))
        return visit.redirect(f"/pegawai/{employee['id']}",
                              visit._("Pegawai %(name)s ditambahkan.", name=employee["full_name"]))

    @page("GET", "/pegawai/<int:employee_id>")
    def employee_detail(self, visit, employee_id):
        employee = self.personnel.get_employee(employee_id)
        try:  # the latest entries of the history (personnel decides who reads it)
            history = self.personnel.list_employee_history(employee_id, None, None, HISTORY_PREVIEW)
        except Forbidden:
            history = None
        return Page("personnel/detail.html", {
            "employee": employee, "manage_employees": visit.can(*MANAGE_EMPLOYEES), "history": history,
            "kind_labels": HISTORY_KIND_LABELS,
            "own": employee["id"] == visit.identity.employee_id}, title=employee["full_name"])

    @page("GET", "/pegawai/<int:employee_id>/ubah", needs=MANAGE_EMPLOYEES)
    def employee_edit(self, visit, employee_id):
        employee = self.personnel.get_employee(employee_id)
        values = {name: "" if employee.get(name) is None else str(employee[name]) for name in EMPLOYEE_FIELDS}
        return Page("personnel/form.html", self._form_context(visit, values, {}, employee),
                    title=visit._("Ubah data pegawai"))

    @page("POST", "/pegawai/<int:employee_id>/ubah", needs=MANAGE_EMPLOYEES)
    def employee_update(self, visit, employee_id):
        employee = self.personnel.get_employee(employee_id)
        data = employee_payload(visit.form)
        data.pop("employment_type", None)  # the status is not changed by editing
        try:
            employee = self.personnel.update_employee(employee_id, data)
        except ValidationFailed as exc:
            return self._invalid(visit, exc, dict(visit.form.items()), employee, visit._("Ubah data pegawai"))
        return visit.redirect(f"/pegawai/{employee_id}", visit._("Perubahan disimpan."))

    @page("POST", "/pegawai/<int:employee_id>/nonaktifkan", needs=MANAGE_EMPLOYEES)
    def employee_deactivate(self, visit, employee_id):
        employee = self.personnel.deactivate_employee(employee_id, visit.value("reason") or None)
        return visit.redirect(f"/pegawai/{employee_id}",
                              visit._("%(name)s dinonaktifkan.", name=employee["full_name"]), "warning")

    def _invalid(self, visit, exc: ValidationFailed, values: dict, employee, title: str) -> Page:
        errors = visit.field_errors(exc)
        context = self._form_context(visit, values, errors, employee)
        context["summary"] = visit._(exc.message)
        return Page("personnel/form.html", context, 422, title=title)

    @page("GET", "/unit")
    def org_units(self, visit):
        return Page("personnel/units.html", {"tree": unit_tree(self.personnel.list_org_units())},
                    title=visit._("Unit organisasi"))

    @page("GET", "/profil")
    def profile(self, visit):
        me = self.personnel.me()
        if me.get("employee") is None and visit.identity.employee_id is not None:
            raise NotFound(visit._("Data pegawai Anda tidak ditemukan."))
        return Page("personnel/profile.html", {"me": me, "employee": me.get("employee"), "account": me["account"]},
                    title=visit._("Profil saya"))
