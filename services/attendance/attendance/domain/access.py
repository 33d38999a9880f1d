"""Who sees and does what. Deny by default; records the caller may not see answer 404.

* an employee sees and acts on their own records (check-in/out, requests, corrections, days, recap);
* their supervisor (``supervisor_id`` in the roster) and the unit heads (``pimpinan``, ``kepala_bagian``,
  ``kasubbag``) of their unit or a unit above it see them, approve/reject their requests and corrections
  and see the unit's today view and recap (never their own requests);
* ``admin`` sees everything (read) and manages the setup data; approving is the supervisors' alone.

The caller's unit is read from the roster (a transfer takes effect at once), falling back to the token.
"""
from __future__ import annotations

from dataclasses import dataclass

from situok_contracts.roles import heads_unit
from situok_kit.errors import NotFound
from situok_kit.identity import Identity
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import RosterEmployee
from . import roster


@dataclass(frozen=True)
class Viewer:
    identity: Identity
    sees_all: bool
    unit_ids: frozenset[int]      # units the caller heads (with sub-units)
    supervised: frozenset[int]    # employees whose supervisor_id is the caller

    def manages(self, employee: RosterEmployee) -> bool:
        """May approve for / supervise ``employee`` (never oneself)."""
        if employee.id == self.identity.employee_id:
            return False
        return employee.id in self.supervised or employee.unit_id in self.unit_ids

    def sees(self, employee: RosterEmployee) -> bool:
        return self.sees_all or employee.id == self.identity.employee_id or self.manages(employee)

    @property
    def is_supervisor(self) -> bool:
        return bool(self.unit_ids or self.supervised)


def viewer(session: Session, ident: Identity) -> Viewer:
    units: set[int] = set()
    supervised: set[int] = set()
    if ident.employee_id:
        if heads_unit(ident.roles):
            me = session.get(RosterEmployee, ident.employee_id)
            unit_id = me.unit_id if me is not None else ident.unit_id
            if unit_id:
                units = roster.subunit_ids(session, unit_id)
        supervised = set(session.scalars(select(RosterEmployee.id).where(
            RosterEmployee.supervisor_id == ident.employee_id)))
    return Viewer(ident, ident.is_admin, frozenset(units), frozenset(supervised))


def whoami(session: Session, ident: Identity) -> dict:
    """``AttendanceWhoAmIOut``: what the UI may offer the caller."""
    me = session.get(RosterEmployee, ident.employee_id) if ident.employee_id else None
    return {"employee_id": ident.employee_id, "tracked": bool(me and me.active and me.employment_type == "non_asn"),
            "supervisor": viewer(session, ident).is_supervisor, "admin": ident.is_admin}


def visible_employee(session: Session, view: Viewer, employee_id: int) -> RosterEmployee:
    employee = session.get(RosterEmployee, employee_id)
    if employee is None or not view.sees(employee):
        raise NotFound("Pegawai tidak ditemukan.")
    return employee


def scope_employee_ids(session: Session, view: Viewer, unit_id: int | None = None) -> set[int] | None:
    """Employees the caller may list (None: everyone), narrowed to ``unit_id`` (with sub-units)."""
    wanted = roster.subunit_ids(session, unit_id) if unit_id else None
    if view.sees_all:
        if wanted is None:
            return None
        return set(session.scalars(select(RosterEmployee.id).where(RosterEmployee.unit_id.in_(wanted))))
    ids = set(view.supervised)
    if view.unit_ids:
        ids |= set(session.scalars(select(RosterEmployee.id).where(RosterEmployee.unit_id.in_(view.unit_ids))))
    ids.discard(view.identity.employee_id)
    if wanted is not None:
        ids = set(session.scalars(select(RosterEmployee.id).where(RosterEmployee.unit_id.in_(wanted),
                                                                  RosterEmployee.id.in_(ids))))
    return ids
