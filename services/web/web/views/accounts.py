"""Kepegawaian: user accounts for admins (list, create, roles, activate / deactivate, unlock).

personnel decides (its ``manage_accounts`` capability opens these pages; every account call checks again) and
validates; these pages turn its per-field messages into form messages.
"""
from __future__ import annotations

import secrets
from datetime import UTC, datetime

from situok_contracts.roles import ROLES
from situok_kit.errors import Conflict, NotFound, ValidationFailed

from ..http import Page, page
from ..i18n import gettext_noop as _
from ..i18n import to_wita
from ..nav import Area, Link
from ..paging import all_pages, keyset_page

PAGE_SIZE = 20
#: Pages of 200 read to fill the employee picker; a bureau has far fewer people.
MAX_PAGES = 25
ACCOUNT_FIELDS = ("username", "password", "employee_id", "roles")
#: personnel's capability that opens these pages.
MANAGE_ACCOUNTS = ("personnel", "manage_accounts")
#: The accounts link joins the Kepegawaian area (``web.views.personnel``), after its own links.
NAV = Area("kepegawaian", links=(Link(_("Akun pengguna"), "/akun", MANAGE_ACCOUNTS),), position=41)


def is_locked(account: dict, now: datetime | None = None) -> bool:
    """Whether ``locked_until`` lies in the future."""
    until = account.get("locked_until")
    if until in (None, ""):
        return False
    return to_wita(until) > (now or datetime.now(UTC))


def account_payload(form) -> dict:
    """The create form as ``AccountIn`` data (personnel validates it)."""
    employee = (form.get("employee_id") or "").strip()
    return {
        "username": (form.get("username") or "").strip(),
        "password": form.get("password") or "",
        "employee_id": int(employee) if employee.isdigit() else None,
        "roles": [role for role in form.getlist("roles") if role],
    }


class AccountPages:
    def _employee_name(self, employee_id) -> str | None:
        if employee_id is None:
            return None
        try:
            return self.personnel.get_employee(employee_id)["full_name"]
        except NotFound:
            return None

    def _free_employees(self) -> list[tuple[int, str]]:
        """Active employees without an account, by name, for the picker."""
        taken = {a.get("employee_id") for a in all_pages(
            lambda cursor: self.personnel.list_accounts(cursor=cursor, limit=200), MAX_PAGES)}
        employees = all_pages(lambda cursor: self.personnel.list_employees(
            filters={"active": True}, cursor=cursor, limit=200), MAX_PAGES)
        options = []
        for employee in sorted(employees, key=lambda e: e["full_name"]):
            if employee["id"] in taken:
                continue
            number = employee.get("nip") or employee.get("nik")
            options.append((employee["id"], f"{employee['full_name']} ({number})" if number else employee["full_name"]))
        return options

    @page("GET", "/akun", needs=MANAGE_ACCOUNTS)
    def account_list(self, visit):
        result, pager = keyset_page(
            visit, lambda cursor: self.personnel.list_accounts(cursor=cursor, limit=PAGE_SIZE), "/akun")
        accounts = [{**a, "employee_name": self._employee_name(a.get("employee_id")), "locked": is_locked(a)}
                    for a in result["items"]]
        return Page("accounts/list.html", {"accounts": accounts, **pager},
                    title=visit._("Akun pengguna"))

    def _create_page(self, visit, values: dict, errors: dict, status: int = 200, summary: str | None = None):
        context = {"values": values, "errors": errors, "employees": self._free_employees(), "all_roles": ROLES,
                   "chosen_roles": values.get("roles") or []}
        if summary:
            context["summary"] = summary
        return Page("accounts/form.html", context, status, title=visit._("Tambah akun"))

    @page("GET", "/akun/baru", needs=MANAGE_ACCOUNTS)
    def account_new(self, visit):
        values = {"roles": ["pegawai"], "idempotency_key": secrets.token_urlsafe(16)}
        return self._create_page(visit, values, {})

    @page("POST", "/akun/baru", needs=MANAGE_ACCOUNTS)
    def account_create(self, visit):
        data = account_payload(visit.form)
        try:
            account = self.personnel.create_account(data, idempotency_key=visit.value("idempotency_key") or None)
        except (ValidationFailed, Conflict) as exc:  # a taken username or employee is a Conflict on its field
            values = {"username": data["username"], "employee_id": visit.value("employee_id"),
                      "roles": data["roles"], "idempotency_key": visit.value("idempotency_key")}
            errors = visit.field_errors(exc)
            return self._create_page(visit, values, errors, exc.status, visit._(exc.message))
        return visit.redirect(f"/akun/{account['id']}",
                              visit._("Akun %(username)s dibuat.", username=account["username"]))

    def _detail_page(self, visit, account: dict, errors: dict | None = None, status: int = 200,
                     summary: str | None = None, chosen: list | None = None):
        context = {"account": account, "employee_name": self._employee_name(account.get("employee_id")),
                   "locked": is_locked(account), "all_roles": ROLES,
                   "chosen_roles": account["roles"] if chosen is None else chosen,
                   "errors": errors or {}, "own": account["id"] == visit.identity.account_id}
        if summary:
            context["summary"] = summary
        return Page("accounts/detail.html", context, status, title=account["username"])

    @page("GET", "/akun/<int:account_id>", needs=MANAGE_ACCOUNTS)
    def account_detail(self, visit, account_id):
        return self._detail_page(visit, self.personnel.get_account(account_id))

    def _update(self, visit, account_id: int, changes: dict, message, category: str = "success"):
        """Apply ``changes``; ``message(account)`` is the flash after it."""
        try:
            account = self.personnel.update_account(account_id, changes)
        except ValidationFailed as exc:
            errors = visit.field_errors(exc)
            return self._detail_page(visit, self.personnel.get_account(account_id), errors, exc.status,
                                     visit._(exc.message), changes.get("roles"))
        return visit.redirect(f"/akun/{account_id}", message(account), category)

    @page("POST", "/akun/<int:account_id>/peran", needs=MANAGE_ACCOUNTS)
    def account_roles(self, visit, account_id):
        roles = [role for role in visit.form.getlist("roles") if role]
        return self._update(visit, account_id, {"roles": roles},
                            lambda a: visit._("Peran %(username)s disimpan.", username=a["username"]))

    @page("POST", "/akun/<int:account_id>/nonaktifkan", needs=MANAGE_ACCOUNTS)
    def account_deactivate(self, visit, account_id):
        return self._update(visit, account_id, {"active": False},
                            lambda a: visit._("Akun %(username)s dinonaktifkan.", username=a["username"]), "warning")

    @page("POST", "/akun/<int:account_id>/aktifkan", needs=MANAGE_ACCOUNTS)
    def account_activate(self, visit, account_id):
        return self._update(visit, account_id, {"active": True},
                            lambda a: visit._("Akun %(username)s diaktifkan.", username=a["username"]))

    @page("POST", "/akun/<int:account_id>/buka-kunci", needs=MANAGE_ACCOUNTS)
    def account_unlock(self, visit, account_id):
        account = self.personnel.unlock_account(account_id)
        return visit.redirect(f"/akun/{account_id}",
                              visit._("Kunci akun %(username)s dibuka.", username=account["username"]))
