"""Dinas luar days from travel: ``travel.order_approved`` marks each traveller for their
``departure_date``…``return_date``; ``travel.order_cancelled`` takes them off again. A cancellation that
arrives before the approval leaves a cancelled row behind, so the late approval stays off."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import DutyAssignment, utcnow


def _d(value) -> date | None:
    return date.fromisoformat(value) if value else None


def order_approved(session: Session, data: dict) -> int:
    order_id = int(data["order_id"])
    n = 0
    for t in data.get("travellers") or []:
        start = _d(t.get("departure_date") or data.get("departure_date"))
        end = _d(t.get("return_date") or data.get("return_date"))
        stmt = pg_insert(DutyAssignment).values(
            order_id=order_id, employee_id=int(t["employee_id"]), start_date=start, end_date=end,
            number=t.get("sppd_number") or data.get("number"), purpose=data.get("purpose"), cancelled=False,
            updated_at=utcnow())
        session.execute(stmt.on_conflict_do_update(
            index_elements=[DutyAssignment.order_id, DutyAssignment.employee_id],
            set_={"start_date": start, "end_date": end, "number": stmt.excluded.number,
                  "purpose": stmt.excluded.purpose, "updated_at": utcnow()},
            where=DutyAssignment.cancelled.is_(False)))
        n += 1
    return n


def order_cancelled(session: Session, data: dict) -> int:
    order_id = int(data["order_id"])
    n = 0
    for t in data.get("travellers") or []:
        stmt = pg_insert(DutyAssignment).values(order_id=order_id, employee_id=int(t["employee_id"]),
                                                cancelled=True, updated_at=utcnow())
        session.execute(stmt.on_conflict_do_update(
            index_elements=[DutyAssignment.order_id, DutyAssignment.employee_id],
            set_={"cancelled": True, "updated_at": utcnow()}))
        n += 1
    return n


def duty_ranges(session: Session, employee_ids, start: date, end: date) -> list:
    q = select(DutyAssignment.employee_id, DutyAssignment.start_date, DutyAssignment.end_date).where(
        DutyAssignment.cancelled.is_(False), DutyAssignment.start_date <= end, DutyAssignment.end_date >= start)
    if employee_ids is not None:
        q = q.where(DutyAssignment.employee_id.in_(employee_ids))
    return list(session.execute(q))
