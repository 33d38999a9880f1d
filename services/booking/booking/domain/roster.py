"""The roster copy: every employee and org unit as personnel publishes them (``situok_kit.roster`` does the
mechanics). Booking reads it for requesters', managers' and drivers' names and units, and for who heads the
requester's unit."""
from __future__ import annotations

from situok_kit import roster as kit_roster
from situok_kit.errors import NotFound
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import RosterEmployee, RosterSyncRun, RosterUnit

PAGE = kit_roster.PAGE

#: The copy's upserts and snapshot (``situok_kit.roster.RosterStore``; advisory lock 7_340_009: one sync at a time).
STORE = kit_roster.RosterStore(RosterEmployee, RosterUnit, RosterSyncRun, 7_340_009)
employee_values = STORE.employee_values
upsert_employees = STORE.upsert_employees
upsert_units = STORE.upsert_units
set_inactive = STORE.set_inactive
apply_snapshot = STORE.apply_snapshot
needs_sync = STORE.needs_sync
subunit_ids = STORE.subunit_ids


def counts(session: Session) -> dict:
    """``BookingRosterStatusOut``: how much of the roster is here, and when it was last pulled."""
    return {"employees": session.scalar(select(func.count()).select_from(RosterEmployee)),
            "units": session.scalar(select(func.count()).select_from(RosterUnit)),
            "last_sync_at": kit_roster.last_sync_at(session, RosterSyncRun)}


def get_employee(session: Session, employee_id: int) -> RosterEmployee:
    employee = session.get(RosterEmployee, employee_id)
    if employee is None:
        raise NotFound("Pegawai tidak ditemukan.")
    return employee


def names(session: Session, employee_ids) -> dict[int, str]:
    """``{employee_id: name}`` for the ids given (unknown ids are left out): one query for a page of answers."""
    wanted = {i for i in employee_ids if i}
    if not wanted:
        return {}
    rows = session.execute(select(RosterEmployee.id, RosterEmployee.name).where(RosterEmployee.id.in_(wanted)))
    return dict(rows.all())
