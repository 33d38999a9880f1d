"""The roster copy: every employee and org unit as personnel publishes them (``situok_kit.roster`` does the
mechanics), with the career facts kepegawaian needs beside the shared columns (``career_values``)."""
from __future__ import annotations

from datetime import date

from situok_kit import roster as kit_roster

from ..models import RosterEmployee, RosterSyncRun, RosterUnit

PAGE = kit_roster.PAGE


def _day(value) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def career_values(employee: dict) -> dict:
    """The columns kepegawaian keeps beside the shared ones, from personnel's ``EmployeeOut``."""
    return {
        "nik": employee.get("nik"),
        "gender": employee.get("gender"),
        "birth_date": _day(employee.get("birth_date")),
        "birth_place": employee.get("birth_place"),
        "golongan": employee.get("golongan"),
        "pangkat": employee.get("pangkat"),
        "pppk_grade": employee.get("pppk_grade"),
        "tmt_cpns": _day(employee.get("tmt_cpns")),
        "rank_tmt": _day(employee.get("rank_tmt")),
        "kgb_tmt": _day(employee.get("kgb_tmt")),
        "position_id": employee.get("position_id"),
        "position_kind": employee.get("position_kind"),
        "position_level": employee.get("position_level"),
        "position_tmt": _day(employee.get("position_tmt")),
        "kelas_jabatan": employee.get("kelas_jabatan"),
        "supervisor_id": employee.get("supervisor_id"),
        "status": employee.get("status") or ("aktif" if employee.get("active", True) else "nonaktif"),
        "status_since": _day(employee.get("status_since")),
    }


#: The copy's upserts and snapshot (``situok_kit.roster.RosterStore``; advisory lock 7_340_011: one sync at a time).
STORE = kit_roster.RosterStore(RosterEmployee, RosterUnit, RosterSyncRun, 7_340_011, extra=career_values)
employee_values = STORE.employee_values
upsert_employees = STORE.upsert_employees
upsert_units = STORE.upsert_units
set_inactive = STORE.set_inactive
apply_snapshot = STORE.apply_snapshot
needs_sync = STORE.needs_sync
subunit_ids = STORE.subunit_ids
#: Readers of the copy: its status, one employee (404 when unknown), names by id.
counts = STORE.counts
get_employee = STORE.get_employee
names = STORE.names
