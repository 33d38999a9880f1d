"""Reading orders: one the caller may see, a keyset page of them, and each as the caller's ``View``.

Every order a caller is shown carries ``allowed_actions``: what ``workflow.ORDER`` lets them do with it now.
A page computes them from facts looked up once (``access.look_up``) and one query for which of its issued
orders have a trip report — never a query per order.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from situok_kit.errors import NotFound, ValidationFailed
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session, selectinload

from ..models import Attachment, Order, OrderTraveller, RealizationLine, Transition, TripReport
from . import access, official_vehicle, roster
from .common import View
from .estimate import trip_days
from .workflow import ORDER, guards


def load_order(session: Session, order_id: int, *, for_update: bool = False) -> Order:
    query = select(Order).where(Order.id == order_id).options(
        selectinload(Order.travellers).selectinload(OrderTraveller.legs))
    if for_update:
        query = query.with_for_update(of=Order)
    order = session.scalar(query)
    if order is None:
        raise NotFound("Perjalanan dinas tidak ditemukan.")
    return order


def visible_order(session: Session, caller: access.Caller, order_id: int, action: str, *,
                  for_update: bool = False) -> Order:
    """The order if the caller may see it; otherwise 404 (existence is not revealed)."""
    order = load_order(session, order_id, for_update=for_update)
    if not caller.can_see(order):
        access.log_hidden(caller.identity, action, f"travel_order:{order_id}")
        raise NotFound("Perjalanan dinas tidak ditemukan.")
    return order


def allowed_actions(caller: access.Caller, order: Order, report_filed: Callable[[], bool]) -> list[str]:
    return ORDER.allowed_actions(order.status, access.capacities(caller, order), guards(report_filed))


def summary(caller: access.Caller, order: Order, report_filed: Callable[[], bool]) -> View:
    """``order`` as a list shows it to ``caller`` (``OrderSummaryOut``)."""
    return View(order, days=trip_days(order.departure_date, order.return_date),
                allowed_actions=allowed_actions(caller, order, report_filed))


def detail(session: Session, caller: access.Caller, order: Order) -> View:
    """``order`` with its history, trip report and realization, as ``caller`` sees it (``OrderDetailOut``)."""
    transitions = list(session.scalars(select(Transition).where(Transition.order_id == order.id)
                                       .order_by(Transition.id)))
    report = session.get(TripReport, order.id)
    attachments = list(session.scalars(select(Attachment).where(Attachment.order_id == order.id)
                                       .order_by(Attachment.id)))
    lines = list(session.scalars(select(RealizationLine).where(RealizationLine.order_id == order.id)
                                 .order_by(RealizationLine.id)))
    realization = None
    if lines:
        total = sum(line.amount for line in lines)
        advances = [{"employee_id": t.employee_id, "amount": t.advance_paid or 0} for t in order.travellers]
        advance_paid = sum(a["amount"] for a in advances)
        realization = View(total=total, advances=advances, advance_paid=advance_paid, balance=total - advance_paid,
                           lines=[View(line, receipts=[a for a in attachments
                                                       if a.kind == "receipt" and a.line_id == line.id])
                                  for line in lines])
    return View(order, days=trip_days(order.departure_date, order.return_date),
                allowed_actions=allowed_actions(caller, order, lambda: report is not None),
                transitions=transitions, realization=realization,
                official_vehicle=official_vehicle.of_order(session, order.id),
                report=View(report, attachments=[a for a in attachments if a.kind == "report"]) if report else None)


def list_orders(session: Session, caller: access.Caller, filters: dict, cursor: str | None, limit: int) -> dict:
    """A keyset page of the orders the caller may see, newest departure first (then id): ``OrderPage``."""
    query = select(Order).options(selectinload(Order.travellers))
    condition = caller.order_condition()
    if condition is not None:
        query = query.where(condition)
    if filters.get("status"):
        query = query.where(Order.status == filters["status"])
    if filters.get("unit_id"):
        query = query.where(Order.unit_id.in_(sorted(roster.subunit_ids(session, filters["unit_id"]))))
    if filters.get("date_from"):
        query = query.where(Order.departure_date >= filters["date_from"])
    if filters.get("date_to"):
        query = query.where(Order.departure_date <= filters["date_to"])
    if filters.get("mine"):
        query = query.where(caller.own_orders_condition())
    after = decode_cursor(cursor, 2)
    if after is not None:
        try:
            last_date, last_id = date.fromisoformat(after[0]), int(after[1])
        except (TypeError, ValueError):
            raise ValidationFailed("Cursor tidak valid.",
                                   {"cursor": "Cursor tidak dikenali; mulai dari halaman pertama."}) from None
        query = query.where(tuple_(Order.departure_date, Order.id) < tuple_(last_date, last_id))
    orders = list(session.scalars(query.order_by(Order.departure_date.desc(), Order.id.desc()).limit(limit + 1)))
    found = page(orders, limit, lambda o: [o.departure_date, o.id])
    filed = reports_filed(session, found["items"])
    return {**found, "items": [summary(caller, o, lambda o=o: o.id in filed) for o in found["items"]]}


def reports_filed(session: Session, orders: list[Order]) -> set[int]:
    """Which of ``orders`` awaiting completion have a trip report (one query, none when no order waits)."""
    waiting = [o.id for o in orders if ORDER.step("complete", o.status) is not None]
    if not waiting:
        return set()
    return set(session.scalars(select(TripReport.order_id).where(TripReport.order_id.in_(waiting))))
