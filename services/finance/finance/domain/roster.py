"""The roster copy: every employee and org unit as personnel publishes them (``situok_kit.roster`` does the
mechanics). Finance reads it for names, NIPs and positions on SPJ and in signature blocks, and for the units
the archive is arranged by."""
from __future__ import annotations

from situok_kit import roster as kit_roster
from situok_kit.errors import NotFound
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import RosterEmployee, RosterSyncRun, RosterUnit

PAGE = kit_roster.PAGE

#: The copy's upserts and snapshot (``situok_kit.roster.RosterStore``; advisory lock 7_340_002: one sync at a time).
STORE = kit_roster.RosterStore(RosterEmployee, RosterUnit, RosterSyncRun, 7_340_002)
employee_values = STORE.employee_values
upsert_employees = STORE.upsert_employees
upsert_units = STORE.upsert_units
set_inactive = STORE.set_inactive
apply_snapshot = STORE.apply_snapshot
needs_sync = STORE.needs_sync
subunit_ids = STORE.subunit_ids


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
