"""Drivers on leave, from kepegawaian: ``kepegawaian.leave_approved`` keeps the employee's leave days
(``DriverLeave``), ``kepegawaian.leave_cancelled`` marks them cancelled (a tombstone: a late approval stays off).
``drivers.absent_during`` / ``drivers.absence_of`` count them as an absence, so a driver on approved leave is
left out of the free drivers (the assignment form, travel's vehicle reservation) and refused an assignment
(409) on any WITA day of the leave — as with an absence a keeper enters by hand.

Every employee's leave is kept (not only today's drivers): one put on the drivers' list later is still known to
be away. Idempotent by leave id (and by event id, ``situok_kit.consumers``)."""
from __future__ import annotations

from datetime import date

from situok_kit.clock import utcnow
from sqlalchemy import and_, exists, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import DriverAbsence, DriverLeave

#: What an absence built from a leave says when it has no kind name.
DEFAULT_REASON = "Cuti (kepegawaian)"


def _d(value) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def leave_approved(session: Session, data: dict) -> bool:
    """Keep the approved leave's days (False: the payload has no dates or ids; ignored)."""
    if not data.get("id") or not data.get("employee_id") or not data.get("start_date") or not data.get("end_date"):
        return False
    starts, ends = _d(data["start_date"]), _d(data["end_date"])
    stmt = pg_insert(DriverLeave).values(leave_id=int(data["id"]), employee_id=int(data["employee_id"]),
                                         starts_on=starts, ends_on=ends, kind_name=data.get("kind_name"),
                                         cancelled=False, updated_at=utcnow())
    session.execute(stmt.on_conflict_do_update(
        index_elements=[DriverLeave.leave_id],
        set_={"employee_id": stmt.excluded.employee_id, "starts_on": starts, "ends_on": ends,
              "kind_name": stmt.excluded.kind_name, "updated_at": utcnow()},
        where=DriverLeave.cancelled.is_(False)))
    return True


def leave_cancelled(session: Session, data: dict) -> bool:
    """The leave no longer counts (kept as a cancelled row)."""
    if not data.get("id") or not data.get("employee_id"):
        return False
    stmt = pg_insert(DriverLeave).values(leave_id=int(data["id"]), employee_id=int(data["employee_id"]),
                                         starts_on=_d(data.get("start_date")), ends_on=_d(data.get("end_date")),
                                         kind_name=data.get("kind_name"), cancelled=True, updated_at=utcnow())
    session.execute(stmt.on_conflict_do_update(index_elements=[DriverLeave.leave_id],
                                               set_={"cancelled": True, "updated_at": utcnow()}))
    return True


def on_leave_condition(employee_id_column, first: date, last: date):
    """A condition: the employee in ``employee_id_column`` is on approved leave some day of ``[first, last]``."""
    return exists().where(and_(DriverLeave.employee_id == employee_id_column, DriverLeave.cancelled.is_(False),
                               DriverLeave.starts_on <= last, DriverLeave.ends_on >= first))


def leave_of(session: Session, employee_id: int, first: date, last: date) -> DriverAbsence | None:
    """The employee's first approved leave touching ``[first, last]``, shaped as a (transient, never saved)
    ``DriverAbsence`` of kind ``leave`` so the callers' messages name it as any absence."""
    leave = session.scalar(select(DriverLeave).where(
        DriverLeave.employee_id == employee_id, DriverLeave.cancelled.is_(False), DriverLeave.starts_on <= last,
        DriverLeave.ends_on >= first).order_by(DriverLeave.starts_on).limit(1))
    if leave is None:
        return None
    return DriverAbsence(driver_employee_id=employee_id, kind="leave", starts_on=leave.starts_on,
                         ends_on=leave.ends_on, reason=leave.kind_name or DEFAULT_REASON, created_by="kepegawaian")
