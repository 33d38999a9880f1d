"""The personnel Nameko service: RPC entrypoints only.

Each method checks who is calling, validates its input with the contract
schemas, calls the domain, and returns the ``*Out`` dump. Writes run in one
transaction with their outbox events. The contract is docs/contracts.md.
"""
from __future__ import annotations

from situok_kit.db import Database
from situok_kit.errors import Forbidden, NotFound
from situok_kit.health import HealthMixin
from situok_kit.idempotency import run_idempotent
from situok_kit.identity import SYSTEM, CallerIdentity
from situok_kit.logs import CallIdLogging
from situok_kit.pagination import clamp_limit
from situok_kit.rpc import api
from situok_kit.schema import load_input as load
from situok_kit.schema import record_id

from . import events
from .domain import accounts, auth, capabilities, employees, history, lifecycle, orgunits
from .domain import lifecycle_rules as status_rules
from .domain.access import log_hidden, viewer_for
from .models import Base
from .schemas import (
    AccountIn,
    AccountOut,
    AccountUpdateIn,
    ChangePasswordIn,
    DeactivateIn,
    EmployeeCareerChangeIn,
    EmployeeCareerResultOut,
    EmployeeFilters,
    EmployeeHistoryPage,
    EmployeeHistoryQuery,
    EmployeeIn,
    EmployeeRestoreIn,
    EmployeeStatusIn,
    LoginIn,
    OrgUnitIn,
    PersonnelCapabilitiesOut,
    PositionIn,
    PositionOut,
    RefreshIn,
)

_employee_in = EmployeeIn()
_employee_filters = EmployeeFilters()
_org_unit_in = OrgUnitIn()
_position_in = PositionIn()
_position_out = PositionOut()
_account_in = AccountIn()
_account_update_in = AccountUpdateIn()
_account_out = AccountOut()
_capabilities_out = PersonnelCapabilitiesOut()
_career_change_in = EmployeeCareerChangeIn()
_status_change_in = EmployeeStatusIn()
_restore_in = EmployeeRestoreIn()
_history_query = EmployeeHistoryQuery()
_history_page = EmployeeHistoryPage()
_career_result = EmployeeCareerResultOut()
#: The role that manages employees (``capabilities.MANAGER``): it records careers, statuses and restores.
MANAGER = capabilities.MANAGER


def _result(employee, entries, account=None) -> dict:
    return _career_result.dump({
        "employee": employee, "entries": [history.entry_out(e) for e in entries],
        "account_id": account.id if account is not None else None,
        "account_active": account.active if account is not None else None})





class PersonnelService(HealthMixin):
    name = "personnel"

    db = Database(Base.metadata)
    caller = CallerIdentity()
    call_log = CallIdLogging()

    def _policy(self) -> auth.AuthPolicy:
        return auth.AuthPolicy.from_config(self.config)

    # -- authentication ----------------------------------------------------

    @api
    def login(self, username, password, client_address=None):
        """``client_address``: the caller's address as the edge saw it (throttling per source); not user input."""
        creds = load(LoginIn(), {"username": username, "password": password})
        source = client_address if isinstance(client_address, str) else None
        with self.db.transaction() as tx:
            outcome = auth.login(tx, creds["username"], creds["password"], self._policy(), client_address=source)
        return outcome.unwrap()  # raised after commit: failures must be counted

    @api
    def refresh(self, refresh_token):
        args = load(RefreshIn(), {"refresh_token": refresh_token})
        with self.db.transaction() as tx:
            outcome = auth.refresh(tx, args["refresh_token"], self._policy())
        return outcome.unwrap()

    @api
    def end_session(self, refresh_token):
        """Revoke the session of ``refresh_token`` (no identity needed: holding the token is the proof)."""
        args = load(RefreshIn(), {"refresh_token": refresh_token})
        with self.db.transaction() as tx:
            return auth.end_session(tx, args["refresh_token"], self._policy())

    @api
    def logout(self):
        ident = self.caller.require()
        with self.db.transaction() as tx:
            return auth.logout(tx, ident, self._policy())

    @api
    def change_password(self, old_password, new_password):
        ident = self.caller.require()
        args = load(ChangePasswordIn(), {"old_password": old_password, "new_password": new_password})
        with self.db.transaction() as tx:
            outcome = auth.change_password(tx, ident, args["old_password"], args["new_password"], self._policy())
        return outcome.unwrap()

    @api
    def me(self):
        ident = self.caller.require()
        account, employee = accounts.me(self.db.session, ident)
        return {"account": _account_out.dump(account),
                "employee": events.employee_data(employee) if employee is not None else None}

    @api
    def capabilities(self):
        """What the caller may do in personnel in general (an edge's menu and pages)."""
        return _capabilities_out.dump(capabilities.capabilities(self.db.session, self.caller.require()))

    @api
    def revoked_sessions(self):
        return auth.revoked_sessions(self.db.session, self._policy())

    # -- employees -----------------------------------------------------------

    @api
    def list_employees(self, filters=None, cursor=None, limit=50):
        ident = self.caller.require()
        args = load(_employee_filters, filters)
        session = self.db.session
        result = employees.list_employees(session, viewer_for(session, ident), args, cursor, clamp_limit(limit))
        return result

    @api
    def employee_snapshot(self, cursor=None, limit=200):
        """System only: every employee (and, on the first page, every org unit) for another service's copy."""
        ident = self.caller.require()
        self.caller.ensure(ident.account_id == SYSTEM.account_id and ident.username == SYSTEM.username,
                           "employee_snapshot is for services only")
        return employees.snapshot(self.db.session, cursor, clamp_limit(limit))

    @api
    def get_employee(self, employee_id):
        ident = self.caller.require()
        employee_id = record_id(employee_id, "employee_id")
        session = self.db.session
        employee = employees.get_employee(session, employee_id)
        if not viewer_for(session, ident).can_see(employee):
            log_hidden(ident, "personnel.get_employee", f"employee:{employee_id}")
            raise NotFound("Pegawai tidak ditemukan.")
        return events.employee_data(employee)

    @api
    def create_employee(self, data, idempotency_key=None):
        ident = self.caller.require_roles("admin")
        payload = load(_employee_in, data)
        return run_idempotent(
            self.db, f"create_employee:{ident.account_id}", idempotency_key, data,
            lambda tx: events.employee_data(employees.create_employee(tx, payload)),
        )

    @api
    def update_employee(self, employee_id, data):
        ident = self.caller.require_roles("admin")
        employee_id = record_id(employee_id, "employee_id")
        changes = load(_employee_in, data, partial=True)
        with self.db.transaction() as tx:
            return events.employee_data(employees.update_employee(tx, employee_id, changes, actor=ident))

    @api
    def deactivate_employee(self, employee_id, reason=None):
        """Status ``nonaktif`` since today with the reason; the account is deactivated and its sessions revoked."""
        ident = self.caller.require_roles("admin")
        employee_id = record_id(employee_id, "employee_id")
        args = load(DeactivateIn(), {"reason": reason})
        with self.db.transaction() as tx:
            employee = employees.deactivate_employee(tx, employee_id, args.get("reason"), self._policy(),
                                                     actor=ident)
            return events.employee_data(employee)

    # -- history and lifecycle -------------------------------------------------

    @api
    def list_employee_history(self, employee_id, filters=None, cursor=None, limit=50):
        """The employee's history, newest TMT first. The employee themself, admin and the heads who may read
        the employee (``access``) may read it; anyone else 403."""
        ident = self.caller.require()
        employee_id = record_id(employee_id, "employee_id")
        args = load(_history_query, filters)
        session = self.db.session
        employee = employees.get_employee(session, employee_id)
        if not viewer_for(session, ident).can_see(employee):
            log_hidden(ident, "personnel.list_employee_history", f"employee:{employee_id}")
            raise Forbidden("Anda tidak berhak melihat riwayat pegawai ini.")
        result = history.list_history(session, employee_id, args.get("kind"), cursor, clamp_limit(limit))
        manager = ident.has_role(MANAGER)
        result["allowed_actions"] = status_rules.allowed_actions(employee.status, manager)
        result["next_statuses"] = list(status_rules.next_statuses(employee.status)) if manager else []
        return _history_page.dump(result)

    @api
    def record_career_change(self, employee_id, data):
        """A change of unit, position, rank, grade or KGB with its decree (admin). The current value changes at
        once, even for a TMT after today (the entry keeps its TMT)."""
        ident = self.caller.require_roles(MANAGER)
        employee_id = record_id(employee_id, "employee_id")
        payload = load(_career_change_in, data)
        with self.db.transaction() as tx:
            employee, entries = lifecycle.record_career_change(tx, employee_id, payload, ident)
            return _result(employee, entries)

    @api
    def change_employee_status(self, employee_id, data):
        """A new status with its date and decree (admin); 409 when the transition table forbids it."""
        ident = self.caller.require_roles(MANAGER)
        employee_id = record_id(employee_id, "employee_id")
        payload = load(_status_change_in, data)
        with self.db.transaction() as tx:
            employee, entry = lifecycle.change_status(tx, employee_id, payload, ident, self._policy())
            return _result(employee, [entry])

    @api
    def restore_employee(self, employee_id, data):
        """Make an employee inactive by mistake active again (admin; 409 when already active). The account is
        not re-activated: the answer says whether there is an inactive one (``update_account`` re-activates)."""
        ident = self.caller.require_roles(MANAGER)
        employee_id = record_id(employee_id, "employee_id")
        payload = load(_restore_in, data)
        with self.db.transaction() as tx:
            employee, entry, account = lifecycle.restore(tx, employee_id, payload["reason"], ident, self._policy())
            return _result(employee, [entry], account)

    # -- org units and positions ---------------------------------------------

    @api
    def list_org_units(self):
        self.caller.require()
        return orgunits.list_org_units(self.db.session)

    @api
    def get_org_unit(self, unit_id):
        self.caller.require()
        return orgunits.get_org_unit(self.db.session, record_id(unit_id, "unit_id"))

    @api
    def create_org_unit(self, data, idempotency_key=None):
        ident = self.caller.require_roles("admin")
        payload = load(_org_unit_in, data)
        return run_idempotent(self.db, f"create_org_unit:{ident.account_id}", idempotency_key, data,
                              lambda tx: orgunits.create_org_unit(tx, payload))

    @api
    def update_org_unit(self, unit_id, data):
        self.caller.require_roles("admin")
        unit_id = record_id(unit_id, "unit_id")
        changes = load(_org_unit_in, data, partial=True)
        with self.db.transaction() as tx:
            return orgunits.update_org_unit(tx, unit_id, changes)

    @api
    def list_positions(self, unit_id=None):
        self.caller.require()
        unit_id = record_id(unit_id, "unit_id") if unit_id is not None else None
        return _position_out.dump(orgunits.list_positions(self.db.session, unit_id), many=True)

    @api
    def create_position(self, data, idempotency_key=None):
        ident = self.caller.require_roles("admin")
        payload = load(_position_in, data)
        return run_idempotent(self.db, f"create_position:{ident.account_id}", idempotency_key, data,
                              lambda tx: _position_out.dump(orgunits.create_position(tx, payload)))

    # -- accounts ----------------------------------------------------------------

    @api
    def list_accounts(self, cursor=None, limit=50):
        self.caller.require_roles("admin")
        result = accounts.list_accounts(self.db.session, cursor, clamp_limit(limit))
        return {"items": _account_out.dump(result["items"], many=True), "next_cursor": result["next_cursor"]}

    @api
    def get_account(self, account_id):
        self.caller.require_roles("admin")
        return _account_out.dump(accounts.get_account(self.db.session, record_id(account_id, "account_id")))

    @api
    def create_account(self, data, idempotency_key=None):
        ident = self.caller.require_roles("admin")
        payload = load(_account_in, data)
        # The password stays out of the stored request hash.
        fingerprint = {k: v for k, v in payload.items() if k != "password"}
        return run_idempotent(self.db, f"create_account:{ident.account_id}", idempotency_key, fingerprint,
                              lambda tx: _account_out.dump(accounts.create_account(tx, payload)))

    @api
    def update_account(self, account_id, data):
        ident = self.caller.require_roles("admin")
        account_id = record_id(account_id, "account_id")
        changes = load(_account_update_in, data)
        with self.db.transaction() as tx:
            account = accounts.update_account(tx, account_id, changes, ident, self._policy())
            return _account_out.dump(account)

    @api
    def unlock_account(self, account_id):
        self.caller.require_roles("admin")
        account_id = record_id(account_id, "account_id")
        with self.db.transaction() as tx:
            return _account_out.dump(accounts.unlock_account(tx, account_id))
