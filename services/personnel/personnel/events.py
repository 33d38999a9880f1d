"""Events personnel publishes (through the outbox, exchange ``personnel.events``).

Each payload is the matching ``*Out`` schema, so a consumer's local copy has the
same shape as an RPC answer. personnel consumes no events yet.
"""
from __future__ import annotations

from .schemas import AccountOut, EmployeeDeactivatedEvent, EmployeeOut, OrgUnitOut, SessionRevokedEvent

EMPLOYEE_CREATED = "personnel.employee_created"
EMPLOYEE_UPDATED = "personnel.employee_updated"
EMPLOYEE_DEACTIVATED = "personnel.employee_deactivated"
ACCOUNT_CREATED = "personnel.account_created"
ACCOUNT_UPDATED = "personnel.account_updated"
ACCOUNT_DEACTIVATED = "personnel.account_deactivated"
SESSION_REVOKED = "personnel.session_revoked"
ORG_UNIT_CREATED = "personnel.org_unit_created"
ORG_UNIT_UPDATED = "personnel.org_unit_updated"

PUBLISHED = (
    EMPLOYEE_CREATED, EMPLOYEE_UPDATED, EMPLOYEE_DEACTIVATED,
    ACCOUNT_CREATED, ACCOUNT_UPDATED, ACCOUNT_DEACTIVATED,
    SESSION_REVOKED, ORG_UNIT_CREATED, ORG_UNIT_UPDATED,
)

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
