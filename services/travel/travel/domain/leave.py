"""Employees' approved leave (cuti), kept from kepegawaian's events, and the rule it makes: **no SPT sends a
traveller on a day of their approved leave** (issue 15; PP 11/2017: an employee on leave is released from duty,
so they cannot be ordered to travel on it). kepegawaian checks the other way (no leave over an approved trip,
from travel's ``order_approved``/``order_cancelled``).

* ``kepegawaian.leave_approved``: the leave is kept (``EmployeeLeave``, keyed by the request's id) with its days;
  a redelivery, or a later approval of the same request, refreshes it only if its ``decided_at`` is not older
  than what is kept;
* ``kepegawaian.leave_cancelled``: the leave is marked ``cancelled`` — also when the cancellation arrives before
  the approval (the row is made cancelled with the payload's days), so the late approval stays off; a pending
  request cancelled was never kept as approved, its cancelled row is harmless.

The check runs when an order is drafted or changed (``drafting``) and again when it is submitted and approved
(``commands``): a leave approved after the draft must stop the approval. A 422 names the traveller's field
(``travellers.<i>.employee_id``) and the leave's kind and days.

Known limit: kepegawaian and travel keep separate databases and learn of each other through events, so a leave
and a trip for the same days approved at the very same moment (before either event arrives) both pass; the
staff officer sees both. No distributed lock is taken for this.
"""
from __future__ import annotations

import logging
from datetime import date

from situok_kit.errors import ValidationFailed
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import EmployeeLeave, utcnow

log = logging.getLogger(__name__)

ON_LEAVE = "Pelaksana sedang cuti pada tanggal perjalanan dinas."


def _values(data: dict, status: str) -> dict:
    return {"leave_id": data["id"], "employee_id": data["employee_id"], "employee_name": data.get("employee_name"),
            "kind": data.get("kind"), "kind_name": data.get("kind_name"), "start_date": data["start_date"],
            "end_date": data["end_date"], "status": status, "decided_at": data.get("decided_at"),
            "updated_at": utcnow()}


def leave_approved(session: Session, data: dict) -> None:
    """Keep the approved leave ``data`` (``TravelLeaveEventIn``, loaded)."""
    values = _values(data, "approved")
    stmt = pg_insert(EmployeeLeave).values(**values)
    kept = EmployeeLeave.decided_at
    session.execute(stmt.on_conflict_do_update(
        index_elements=[EmployeeLeave.leave_id],
        set_={name: stmt.excluded[name] for name in values if name != "leave_id"},
        where=(EmployeeLeave.status == "approved")
        & (kept.is_(None) | stmt.excluded.decided_at.is_(None) | (stmt.excluded.decided_at >= kept))))


def leave_cancelled(session: Session, data: dict) -> None:
    """Mark the leave ``data`` (``TravelLeaveEventIn``, loaded) cancelled, kept or not yet."""
    values = _values(data, "cancelled")
    stmt = pg_insert(EmployeeLeave).values(**values)
    session.execute(stmt.on_conflict_do_update(
        index_elements=[EmployeeLeave.leave_id], set_={"status": "cancelled", "updated_at": values["updated_at"]}))


def approved_leave(session: Session, employee_id: int, start: date, end: date) -> list[EmployeeLeave]:
    """The employee's approved (not cancelled) leave overlapping ``[start, end]`` (inclusive), earliest first."""
    return list(session.scalars(
        select(EmployeeLeave).where(EmployeeLeave.employee_id == employee_id, EmployeeLeave.status == "approved",
                                    EmployeeLeave.start_date <= end, EmployeeLeave.end_date >= start)
        .order_by(EmployeeLeave.start_date, EmployeeLeave.leave_id)))


def describe(leave: EmployeeLeave, name: str) -> str:
    what = leave.kind_name or "cuti"
    return (f"{name} sedang {what} ({leave.start_date.isoformat()} s.d. {leave.end_date.isoformat()}): "
            f"tidak dapat ditugaskan perjalanan dinas pada tanggal itu.")


def check_travellers(session: Session, travellers: list[tuple[int, str, date, date]]) -> None:
    """422 naming ``travellers.<i>.employee_id`` for every traveller (``(employee_id, name, departure,
    return)``, in the order's order) on approved leave on any day of their trip."""
    errors = {}
    for i, (employee_id, name, start, end) in enumerate(travellers):
        found = approved_leave(session, employee_id, start, end)
        if found:
            errors[f"travellers.{i}.employee_id"] = describe(found[0], name)
    if errors:
        raise ValidationFailed(ON_LEAVE, errors)

