"""Events travel publishes (through the outbox, exchange ``travel.events``) and the ones it consumes.

Names come from ``situok_contracts.events``; each payload is its event schema (``travel.schemas.events``)
dumping the order, with the facts the step adds (a note, a reason, the realization lines). Which step
publishes which event is ``domain.workflow.ORDER``. The consumed personnel events keep the roster copy
(``situok_kit.roster.RosterConsumers``); booking's ``travel_vehicle_*`` events say which official vehicle was
reserved for an order (``domain.official_vehicle``); kepegawaian's ``leave_approved``/``leave_cancelled`` keep who
is on approved leave, over which no order may send them (``domain.leave``).
"""
from __future__ import annotations

from situok_contracts.events import Booking, Kepegawaian, Personnel, Travel

from .domain.common import View
from .models import Order
from .schemas import (
    OrderApprovedEvent,
    OrderCancelledEvent,
    OrderCompletedEvent,
    OrderIssuedEvent,
    OrderRealizedEvent,
    OrderRejectedEvent,
    OrderSubmittedEvent,
)

#: Each published event and the schema of its payload.
PAYLOADS = {
    Travel.ORDER_SUBMITTED: OrderSubmittedEvent(),
    Travel.ORDER_APPROVED: OrderApprovedEvent(),
    Travel.ORDER_REJECTED: OrderRejectedEvent(),
    Travel.ORDER_ISSUED: OrderIssuedEvent(),
    Travel.ORDER_CANCELLED: OrderCancelledEvent(),
    Travel.ORDER_COMPLETED: OrderCompletedEvent(),
    Travel.ORDER_REALIZED: OrderRealizedEvent(),
}
PUBLISHED = tuple(PAYLOADS)
CONSUMED = (Personnel.EMPLOYEE_CREATED, Personnel.EMPLOYEE_UPDATED, Personnel.EMPLOYEE_DEACTIVATED,
            Personnel.ORG_UNIT_CREATED, Personnel.ORG_UNIT_UPDATED, Booking.TRAVEL_VEHICLE_RESERVED,
            Booking.TRAVEL_VEHICLE_UNAVAILABLE, Kepegawaian.LEAVE_APPROVED, Kepegawaian.LEAVE_CANCELLED)


def payload(event: str, order: Order, **facts) -> dict:
    """The ``data`` of ``event`` about ``order``; ``facts`` are what the step adds to the order's own fields."""
    return PAYLOADS[event].dump(View(order, **facts))
