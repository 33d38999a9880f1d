"""An order's official vehicle as booking reported it (``booking.travel_vehicle_reserved`` /
``booking.travel_vehicle_unavailable``, consumed by ``TravelService.on_vehicle_reserved`` /
``on_vehicle_unavailable``): one ``OfficialVehicle`` row per order, shown on the order (``OrderDetailOut``
``official_vehicle``) so its requester and approver see the car and driver reserved — or that none was free
and another transport must be arranged.

Booking publishes after an order is approved with ``transport`` ``dinas``; an event about an unknown order is
logged and dropped; an older event (by its ``occurred_at``) than the row already kept changes nothing.
"""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from ..models import OfficialVehicle, Order

log = logging.getLogger(__name__)

FIELDS = ("status", "booking_id", "vehicle_name", "plate", "driver_employee_id", "driver_name", "starts_at",
          "ends_at", "reason")


def record(session: Session, data: dict, reported_at: datetime, event_id: str) -> OfficialVehicle | None:
    """Keep what booking said about ``data['travel_order_id']`` (``TravelVehicleEventIn``, loaded)."""
    order_id = data["travel_order_id"]
    if session.get(Order, order_id) is None:
        log.warning("booking event %s about unknown order %s dropped", event_id, order_id)
        return None
    row = session.get(OfficialVehicle, order_id, with_for_update=True)
    if row is not None and row.reported_at >= reported_at:
        log.info("booking event %s about order %s is older than what is kept", event_id, order_id)
        return row
    if row is None:
        row = OfficialVehicle(order_id=order_id)
        session.add(row)
    for name in FIELDS:
        setattr(row, name, data.get(name))
    row.reported_at = reported_at
    session.flush()
    return row


def of_order(session: Session, order_id: int) -> OfficialVehicle | None:
    return session.get(OfficialVehicle, order_id)
