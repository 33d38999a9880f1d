"""Events personnel publishes (through the outbox, exchange ``personnel.events``).

Their names live in ``situok_contracts.events.Personnel`` (consumers import them from there too); the
module-level names below are those, for the domain's ``tx.emit(events.EMPLOYEE_CREATED, ...)``. Each
payload is the matching ``*Out`` schema, so a consumer's local copy has the same shape as an RPC answer.
personnel consumes no events yet.
"""
from __future__ import annotations

from situok_contracts.events import Personnel, names

from .schemas import (
    AccountOut,
    EmployeeDeactivatedEvent,
    EmployeeHistoryEntryOut,
    EmployeeOut,
    EmployeeRestoredEvent,
    EmployeeStatusChangedEvent,
    OrgUnitOut,
    SessionRevokedEvent,
)

EMPLOYEE_CREATED = Personnel.EMPLOYEE_CREATED
EMPLOYEE_UPDATED = Personnel.EMPLOYEE_UPDATED
EMPLOYEE_DEACTIVATED = Personnel.EMPLOYEE_DEACTIVATED
ACCOUNT_CREATED = Personnel.ACCOUNT_CREATED
ACCOUNT_UPDATED = Personnel.ACCOUNT_UPDATED
ACCOUNT_DEACTIVATED = Personnel.ACCOUNT_DEACTIVATED
SESSION_REVOKED = Personnel.SESSION_REVOKED
ORG_UNIT_CREATED = Personnel.ORG_UNIT_CREATED
ORG_UNIT_UPDATED = Personnel.ORG_UNIT_UPDATED
CAREER_RECORDED = Personnel.CAREER_RECORDED
EMPLOYEE_STATUS_CHANGED = Personnel.EMPLOYEE_STATUS_CHANGED
EMPLOYEE_RESTORED = Personnel.EMPLOYEE_RESTORED

#: Event name -> payload schema (one schema per shape; the RPC answers use the same schemas).
EVENTS = {
    EMPLOYEE_CREATED: EmployeeOut, EMPLOYEE_UPDATED: EmployeeOut, EMPLOYEE_DEACTIVATED: EmployeeDeactivatedEvent,
    ACCOUNT_CREATED: AccountOut, ACCOUNT_UPDATED: AccountOut, ACCOUNT_DEACTIVATED: AccountOut,
    SESSION_REVOKED: SessionRevokedEvent, ORG_UNIT_CREATED: OrgUnitOut, ORG_UNIT_UPDATED: OrgUnitOut,
    CAREER_RECORDED: EmployeeHistoryEntryOut, EMPLOYEE_STATUS_CHANGED: EmployeeStatusChangedEvent,
    EMPLOYEE_RESTORED: EmployeeRestoredEvent,
}

PUBLISHED = names(Personnel)

_employee_out = EmployeeOut()
_employee_deactivated = EmployeeDeactivatedEvent()
_account_out = AccountOut()
_org_unit_out = OrgUnitOut()
_session_revoked = SessionRevokedEvent()
_history_entry = EmployeeHistoryEntryOut()
_status_changed = EmployeeStatusChangedEvent()
_restored = EmployeeRestoredEvent()


def employee_data(employee) -> dict:
    return _employee_out.dump(employee)


def employee_deactivated_data(employee, reason: str | None) -> dict:
    data = _employee_deactivated.dump(employee)
    data["reason"] = reason
    return data


def account_data(account) -> dict:
    return _account_out.dump(account)


def org_unit_data(view: dict) -> dict:
    return _org_unit_out.dump(view)


def session_revoked_data(session_id, account_id: int, until: int) -> dict:
    return _session_revoked.dump({"session_id": str(session_id), "account_id": account_id, "until": until})


def history_entry_data(view: dict) -> dict:
    return _history_entry.dump(view)


def status_changed_data(view: dict) -> dict:
    return _status_changed.dump(view)


def restored_data(view: dict) -> dict:
    return _restored.dump(view)
