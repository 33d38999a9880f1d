"""Who may see which employee records. Deny by default.

* ``admin`` sees everything;
* every account sees its own employee record;
* a unit head (``pimpinan``, ``kepala_bagian``, ``kasubbag``) sees the employees
  of the unit they work in and of every unit below it.

The head's unit is read from the database, not from the token, so a transfer
takes effect at once.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from situok_contracts.roles import heads_unit
from situok_kit.identity import Identity
from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session

from ..models import Employee
from .orgunits import subunit_ids

audit = logging.getLogger("situok.audit")


@dataclass(frozen=True)
class Viewer:
    identity: Identity
    unit_ids: frozenset[int] | None  # None: every unit (admin)

    @property
    def sees_everything(self) -> bool:
        return self.unit_ids is None

    def can_see(self, employee: Employee) -> bool:
        if self.unit_ids is None:
            return True
        return employee.id == self.identity.employee_id or employee.unit_id in self.unit_ids

    def employee_condition(self):
        """SQL condition selecting the employees this viewer may see (None: everyone)."""
        if self.unit_ids is None:
            return None
        own = Employee.id == self.identity.employee_id if self.identity.employee_id else false()
        if not self.unit_ids:
            return own
        return or_(own, Employee.unit_id.in_(sorted(self.unit_ids)))


def viewer_for(session: Session, identity: Identity) -> Viewer:
    if identity.is_admin:
        return Viewer(identity, None)
    units: frozenset[int] = frozenset()
    if heads_unit(identity.roles) and identity.employee_id:
        unit_id = session.scalar(
            select(Employee.unit_id).where(Employee.id == identity.employee_id, Employee.active))
        if unit_id is not None:
            units = frozenset(subunit_ids(session, unit_id))
    return Viewer(identity, units)


def log_hidden(identity: Identity, action: str, record: str) -> None:
    """Audit a read of a record the caller may not see (answered as 404)."""
    audit.warning("denied: %s not visible", record,
                  extra={"action": action, "decision": "not_visible", "account_id": identity.account_id,
                         "record": record})
