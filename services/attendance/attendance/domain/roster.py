"""The roster copy: every employee and org unit as personnel publishes them (``situok_kit.roster`` does the
mechanics). Statuses are kept for active non-ASN employees; the others are here as supervisors and unit
heads. ``supervisor_id`` decides who approves requests and corrections."""
from __future__ import annotations

from situok_kit import roster as kit_roster
from situok_kit.errors import NotFound
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import RosterEmployee, RosterSyncRun, RosterUnit

PAGE = kit_roster.PAGE


def _own_columns(employee: dict) -> dict:
    """Beside the shared columns: the NIK (non-ASN have no NIP) and who approves their requests."""
    return {"nik": employee.get("nik"),
            "supervisor_id": int(employee["supervisor_id"]) if employee.get("supervisor_id") else None}


#: The copy's upserts and snapshot (``situok_kit.roster.RosterStore``; advisory lock 7_330_002: one sync at a time).
STORE = kit_roster.RosterStore(RosterEmployee, RosterUnit, RosterSyncRun, 7_330_002, extra=_own_columns)
employee_values = STORE.employee_values
upsert_employees = STORE.upsert_employees
upsert_units = STORE.upsert_units
set_inactive = STORE.set_inactive
apply_snapshot = STORE.apply_snapshot
needs_sync = STORE.needs_sync
subunit_ids = STORE.subunit_ids


def counts(session: Session) -> dict:
    """``AttendanceRosterOut``: how much of the roster is here, and when it was last pulled."""
    non_asn = session.scalar(select(func.count()).select_from(RosterEmployee).where(
        RosterEmployee.employment_type == "non_asn", RosterEmployee.active.is_(True)))
    return {"employees": session.scalar(select(func.count()).select_from(RosterEmployee)),
            "active_non_asn": non_asn,
            "units": session.scalar(select(func.count()).select_from(RosterUnit)),
            "last_sync_at": session.scalar(select(RosterSyncRun.finished_at).order_by(RosterSyncRun.id.desc())
                                           .limit(1))}


def get_employee(session: Session, employee_id: int) -> RosterEmployee:
    employee = session.get(RosterEmployee, employee_id)
    if employee is None:
        raise NotFound("Pegawai tidak ditemukan.")
    return employee


def tracked(session: Session, unit_ids: set[int] | None = None, employee_ids: set[int] | None = None):
    """Active non-ASN employees (optionally within units / ids), ordered by name."""
    q = select(RosterEmployee).where(RosterEmployee.employment_type == "non_asn", RosterEmployee.active.is_(True))
    if unit_ids is not None:
        q = q.where(RosterEmployee.unit_id.in_(unit_ids))
    if employee_ids is not None:
        q = q.where(RosterEmployee.id.in_(employee_ids))
    return list(session.scalars(q.order_by(RosterEmployee.name, RosterEmployee.id)))


def unit_name(session: Session, unit_id: int) -> str | None:
    return session.scalar(select(RosterUnit.name).where(RosterUnit.id == unit_id))
