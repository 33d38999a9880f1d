"""Travel's approved trips per traveller (``models.EmployeeTrip``), kept from travel's events, and the question
leave asks of them: is the employee on dinas on any day of ``[start, end]``?

* ``travel.order_approved``: one row per traveller with the traveller's own dates (the order's when a traveller
  carries none), the number (the SPT's, else the traveller's SPPD, when the event has one) and the purpose; a
  redelivery or a later approval of the same order refreshes it — unless the order was cancelled meanwhile;
* ``travel.order_cancelled``: the rows are marked cancelled; a cancellation that arrives before its approval
  leaves a cancelled row without dates, so the late approval stays off (travel never un-cancels an order).
  A draft or submitted order cancelled was never approved: its cancelled row is harmless;
* ``travel.order_issued``: the same order with its numbers (SPT, SPPD per traveller): the rows get them (an
  approval redelivered later keeps a number already known);
* ``travel.order_rejected`` comes only before an approval and ``travel.order_completed`` after the trip — neither
  changes who was away, so neither is consumed.

Events are idempotent by id (``situok_kit.consumers``) and these upserts are idempotent by (order, employee).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import EmployeeTrip, utcnow


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def order_approved(session: Session, data: dict) -> int:
    """Keep each traveller of the approved order ``data`` (``OrderApprovedEvent``); answers how many."""
    order_id = int(data["order_id"])
    n = 0
    for t in data.get("travellers") or []:
        start = _day(t.get("departure_date") or data.get("departure_date"))
        end = _day(t.get("return_date") or data.get("return_date"))
        if start is None or end is None or start > end:
            continue
        number = data.get("number") or t.get("sppd_number")
        stmt = pg_insert(EmployeeTrip).values(
            order_id=order_id, employee_id=int(t["employee_id"]), start_date=start, end_date=end, number=number,
            purpose=data.get("purpose"), cancelled=False, updated_at=utcnow())
        session.execute(stmt.on_conflict_do_update(
            index_elements=[EmployeeTrip.order_id, EmployeeTrip.employee_id],
            set_={"start_date": start, "end_date": end,
                  "number": func.coalesce(stmt.excluded.number, EmployeeTrip.number),
                  "purpose": stmt.excluded.purpose, "updated_at": utcnow()},
            where=EmployeeTrip.cancelled.is_(False)))
        n += 1
    return n


def order_issued(session: Session, data: dict) -> int:
    """The order's letters were numbered (``OrderIssuedEvent``: the approved order plus its numbers): the same
    as an approval, now with the SPT number a refusal names."""
    return order_approved(session, data)


def order_cancelled(session: Session, data: dict) -> int:
    """Mark each traveller of the cancelled order ``data`` (``OrderCancelledEvent``) off; answers how many."""
    order_id = int(data["order_id"])
    n = 0
    for t in data.get("travellers") or []:
        stmt = pg_insert(EmployeeTrip).values(order_id=order_id, employee_id=int(t["employee_id"]),
                                              cancelled=True, updated_at=utcnow())
        session.execute(stmt.on_conflict_do_update(
            index_elements=[EmployeeTrip.order_id, EmployeeTrip.employee_id],
            set_={"cancelled": True, "updated_at": utcnow()}))
        n += 1
    return n


def conflicts(session: Session, employee_id: int, start: date, end: date) -> list[dict]:
    """The employee's approved, not cancelled trips overlapping ``[start, end]`` (inclusive), earliest first:
    ``{"order_id", "number", "purpose", "start_date", "end_date"}`` (dates as ``date``)."""
    rows = session.execute(
        select(EmployeeTrip.order_id, EmployeeTrip.number, EmployeeTrip.purpose, EmployeeTrip.start_date,
               EmployeeTrip.end_date)
        .where(EmployeeTrip.employee_id == employee_id, EmployeeTrip.cancelled.is_(False),
               EmployeeTrip.start_date <= end, EmployeeTrip.end_date >= start)
        .order_by(EmployeeTrip.start_date, EmployeeTrip.order_id))
    return [{"order_id": r.order_id, "number": r.number, "purpose": r.purpose, "start_date": r.start_date,
             "end_date": r.end_date} for r in rows]


def label(trip: dict) -> str:
    """How a refusal names a trip: its number (or ``#id`` before issuing) and its dates."""
    name = trip.get("number") or f"#{trip['order_id']}"
    return (f"perjalanan dinas {name} ({trip['start_date'].isoformat()} s.d. {trip['end_date'].isoformat()})")
