"""The roster copy: every employee and org unit as personnel publishes them (``situok_kit.roster`` does the
mechanics). Finance reads it for names, NIPs and positions on SPJ and in signature blocks, and for the units
the archive is arranged by."""
from __future__ import annotations

from situok_kit import roster as kit_roster
from situok_kit.db import advisory_lock
from situok_kit.errors import NotFound
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import RosterEmployee, RosterSyncRun, RosterUnit, utcnow

PAGE = kit_roster.PAGE
_LOCK_KEY = 7_340_002  # pg advisory lock: one sync at a time


def employee_values(employee: dict) -> dict:
    return {
        "id": int(employee["id"]),
        "name": employee["name"],
        "full_name": employee.get("full_name") or employee["name"],
        "nip": employee.get("nip"),
        "employment_type": employee["employment_type"],
        "position_name": employee.get("position_name"),
        "unit_id": int(employee["unit_id"]),
        "unit_name": employee.get("unit_name"),
        "active": bool(employee.get("active", True)),
        "source_updated_at": kit_roster.timestamp(employee.get("updated_at")),
        "synced_at": utcnow(),
    }


def upsert_employees(session: Session, employees: list[dict]) -> int:
    return kit_roster.upsert_newer(session, RosterEmployee, [employee_values(e) for e in employees])


def upsert_units(session: Session, units: list[dict]) -> int:
    return kit_roster.upsert_rows(session, RosterUnit, [kit_roster.unit_values(u) for u in units])


def set_inactive(session: Session, employee: dict) -> None:
    upsert_employees(session, [{**employee, "active": False}])


def apply_snapshot(session: Session, employees: list[dict], units: list[dict]) -> dict:
    advisory_lock(session, _LOCK_KEY)
    upsert_units(session, units)
    for start in range(0, len(employees), PAGE):
        upsert_employees(session, employees[start:start + PAGE])
    kit_roster.record_sync(session, RosterSyncRun, len(employees), len(units))
    return {"employees": len(employees), "org_units": len(units)}


def needs_sync(session: Session) -> bool:
    return kit_roster.needs_sync(session, RosterSyncRun)


def counts(session: Session) -> dict:
    """``FinanceRosterStatusOut``: how much of the roster is here, and when it was last pulled."""
    return {"employees": session.scalar(select(func.count()).select_from(RosterEmployee)),
            "units": session.scalar(select(func.count()).select_from(RosterUnit)),
            "last_sync_at": kit_roster.last_sync_at(session, RosterSyncRun)}


def get_employee(session: Session, employee_id: int) -> RosterEmployee:
    employee = session.get(RosterEmployee, employee_id)
    if employee is None:
        raise NotFound("Pegawai tidak ditemukan.")
    return employee


def subunit_ids(session: Session, unit_id: int) -> set[int]:
    return kit_roster.subunit_ids(session, RosterUnit, unit_id)
