"""The roster copy: employees and org units as personnel publishes them.

Fed by personnel's events (``personnel.employee_*``, ``personnel.org_unit_*``) and, for whatever was
published before travel's queue existed, by ``sync`` (personnel's ``employee_snapshot``). An older
version never overwrites a newer one (``source_updated_at``), so events and a sync may interleave.
Each employee's approval rank and travel-cost level come from the ``level_rules`` table.
"""
from __future__ import annotations

from dataclasses import dataclass

from situok_kit import roster as kit_roster
from situok_kit.errors import ValidationFailed
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import LevelRule, RosterEmployee, RosterSyncRun, RosterUnit, utcnow


@dataclass(frozen=True)
class Rule:
    priority: int
    position_prefix: str | None
    golongan_prefix: str | None
    employment_type: str | None
    rank: str
    cost_level: str

    def matches(self, employee: dict) -> bool:
        position = (employee.get("position_name") or "").casefold()
        if self.position_prefix and not position.startswith(self.position_prefix.casefold()):
            return False
        if self.golongan_prefix and not (employee.get("golongan") or "").startswith(self.golongan_prefix):
            return False
        if self.employment_type and employee.get("employment_type") != self.employment_type:
            return False
        return True


FALLBACK = ("staff", "F")


def derive_level(rules: list[Rule], employee: dict) -> tuple[str, str]:
    """(rank, cost_level) of an employee (``EmployeeOut`` shape): the first matching rule."""
    for rule in sorted(rules, key=lambda r: r.priority):
        if rule.matches(employee):
            return rule.rank, rule.cost_level
    return FALLBACK


def load_rules(session: Session) -> list[Rule]:
    return [Rule(r.priority, r.position_prefix, r.golongan_prefix, r.employment_type, r.rank, r.cost_level)
            for r in session.scalars(select(LevelRule).order_by(LevelRule.priority))]


def employee_values(employee: dict, rules: list[Rule]) -> dict:
    rank, cost_level = derive_level(rules, employee)
    return {
        "id": int(employee["id"]),
        "name": employee["name"],
        "full_name": employee.get("full_name") or employee["name"],
        "nip": employee.get("nip"),
        "employment_type": employee["employment_type"],
        "is_asn": bool(employee.get("is_asn", employee["employment_type"] in ("pns", "pppk"))),
        "golongan": employee.get("golongan"),
        "pangkat": employee.get("pangkat"),
        "pppk_grade": employee.get("pppk_grade"),
        "position_id": employee.get("position_id"),
        "position_name": employee.get("position_name"),
        "unit_id": int(employee["unit_id"]),
        "unit_name": employee.get("unit_name"),
        "active": bool(employee.get("active", True)),
        "rank": rank,
        "cost_level": cost_level,
        "source_updated_at": kit_roster.timestamp(employee.get("updated_at")),
        "synced_at": utcnow(),
    }


def upsert_employees(session: Session, employees: list[dict], rules: list[Rule] | None = None) -> int:
    """Insert or refresh employees (``EmployeeOut`` dicts); older versions than the stored one are ignored."""
    if not employees:
        return 0
    rules = rules if rules is not None else load_rules(session)
    rows = [employee_values(e, rules) for e in employees]
    return kit_roster.upsert_newer(session, RosterEmployee, rows)


def upsert_units(session: Session, units: list[dict]) -> int:
    return kit_roster.upsert_rows(session, RosterUnit, [kit_roster.unit_values(u) for u in units])


def set_inactive(session: Session, employee: dict) -> None:
    upsert_employees(session, [{**employee, "active": False}])


def needs_sync(session: Session) -> bool:
    """True until a full snapshot has been pulled once (events alone may have filled only part of it)."""
    return kit_roster.needs_sync(session, RosterSyncRun)


def record_sync(session: Session, employees: int, org_units: int) -> None:
    kit_roster.record_sync(session, RosterSyncRun, employees, org_units)


def counts(session: Session) -> dict:
    return {"employees": session.scalar(select(func.count()).select_from(RosterEmployee)),
            "units": session.scalar(select(func.count()).select_from(RosterUnit)),
            "last_sync_at": kit_roster.last_sync_at(session, RosterSyncRun)}


def active_travellers(session: Session, items: list[dict]) -> list[RosterEmployee]:
    """The roster entries of ``items`` (``[{employee_id}]``, travellers of an order), in that order; an unknown
    or inactive one is a 422 naming its row."""
    found = {e.id: e for e in session.scalars(select(RosterEmployee).where(
        RosterEmployee.id.in_([t["employee_id"] for t in items])))}
    errors = {}
    for i, item in enumerate(items):
        employee = found.get(item["employee_id"])
        if employee is None:
            errors[f"travellers.{i}.employee_id"] = "Pegawai tidak ditemukan."
        elif not employee.active:
            errors[f"travellers.{i}.employee_id"] = f"{employee.full_name} sudah tidak aktif."
    if errors:
        raise ValidationFailed("Pelaksana tidak valid.", errors)
    return [found[t["employee_id"]] for t in items]


def subunit_ids(session: Session, unit_id: int) -> set[int]:
    """``unit_id`` and every unit below it (recursive CTE over the roster's units)."""
    return kit_roster.subunit_ids(session, RosterUnit, unit_id)


def unit_code(session: Session, unit_id: int) -> str:
    return session.scalar(select(RosterUnit.code).where(RosterUnit.id == unit_id)) or str(unit_id)
