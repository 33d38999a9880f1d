"""Events personnel publishes (through the outbox, exchange ``personnel.events``).

Their names live in ``situok_contracts.events.Personnel`` (consumers import them from there too); the
module-level names below are those, for the domain's ``tx.emit(events.EMPLOYEE_CREATED, ...)``. Each
payload is the matching ``*Out`` schema, so a consumer's local copy has the same shape as an RPC answer.
personnel consumes no events yet.
"""
from __future__ import annotations

from situok_contracts.events import Personnel, names

from .schemas import AccountOut, EmployeeDeactivatedEvent, EmployeeOut, OrgUnitOut, SessionRevokedEvent

EMPLOYEE_CREATED = Personnel.EMPLOYEE_CREATED
EMPLOYEE_UPDATED = Personnel.EMPLOYEE_UPDATED
EMPLOYEE_DEACTIVATED = Personnel.EMPLOYEE_DEACTIVATED
ACCOUNT_CREATED = Personnel.ACCOUNT_CREATED
ACCOUNT_UPDATED = Personnel.ACCOUNT_UPDATED
ACCOUNT_DEACTIVATED = Personnel.ACCOUNT_DEACTIVATED
SESSION_REVOKED = Personnel.SESSION_REVOKED
ORG_UNIT_CREATED = Personnel.ORG_UNIT_CREATED
ORG_UNIT_UPDATED = Personnel.ORG_UNIT_UPDATED

PUBLISHED = names(Personnel)

_employee_out = EmployeeOut()
_employee_deactivated = EmployeeDeactivatedEvent()
_account_out = AccountOut()
_org_unit_out = OrgUnitOut()
_session_revoked = SessionRevokedEvent()


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
