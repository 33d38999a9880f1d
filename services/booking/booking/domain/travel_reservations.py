"""travel's SPTs with an official vehicle: an approved order (``transport`` ``dinas``) reserves a vehicle and a
driver for its dates — or tells travel and the requester that none is free.

For an approved order with no reservation yet: the smallest bookable vehicle with enough seats (travellers and
followers, the driver's seat excluded) free from 07:00 WITA on the departure date to 18:00 WITA on the return
date, and a driver free those days; the booking is made (source ``travel``, ``travel_order_id``, the order's
requester, its purpose and number, its destination), approved by the system and its driver assigned — all in the
consumer's one transaction — and ``booking.travel_vehicle_reserved`` published. When nothing fits,
``booking.travel_vehicle_unavailable`` says why. ``TravelReservation.travel_order_id`` is unique: a redelivered
event, or the same order approved again, does nothing new. A cancelled order cancels its booking (the system,
with a reason).
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from situok_contracts.events import Booking as BookingEvents
from situok_kit.clock import at_wita, utcnow
from situok_kit.errors import Conflict, ValidationFailed
from sqlalchemy import or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import Resource, RosterEmployee, TravelReservation
from ..schemas.vehicles import TravelVehicleEvent
from . import bookings, drivers, roster, rules, steps, trips

SYSTEM = steps.SYSTEM
DEPARTS, RETURNS = time(7, 0), time(18, 0)
_event = TravelVehicleEvent()


def period_of(departure: date, return_date: date, now: datetime) -> tuple[datetime, datetime]:
    """07:00 WITA on the departure date to 18:00 WITA on the return date; a start already past (an order
    approved on its departure day) starts at the next whole minute."""
    starts, ends = at_wita(departure, DEPARTS), at_wita(return_date, RETURNS)
    if starts < now:
        starts = (now + timedelta(minutes=1)).replace(second=0, microsecond=0)
    return starts, ends


def seats_needed(order: dict) -> int:
    """Travellers and their followers (the driver not counted)."""
    travellers = order.get("travellers") or []
    followers = sum(len(t.get("followers") or []) for t in travellers) + len(order.get("followers") or [])
    followers = max(followers, order.get("followers_count") or 0)
    return max(1, len(travellers) + followers)


def candidate_vehicles(session: Session, seats: int) -> list[Resource]:
    """Bookable vehicles with at least ``seats`` passenger seats (a vehicle without a capacity takes anyone),
    the smallest first."""
    rows = session.scalars(select(Resource).where(
        Resource.kind == "vehicle", Resource.active, Resource.withdrawn_reason.is_(None),
        or_(Resource.capacity.is_(None), Resource.capacity - 1 >= seats))
        .order_by(Resource.capacity.asc().nulls_last(), Resource.id))
    return [r for r in rows if bookings.unbookable_reason(r) is None]


def _publish(tx, event: str, **values) -> None:
    """Every field of ``TravelVehicleEvent`` present (null when it does not apply)."""
    tx.emit(event, _event.dump({name: None for name in _event.fields} | values))


def order_approved(tx, order: dict, *, now: datetime | None = None) -> TravelReservation | None:
    """``travel.order_approved`` (``TravelOrderIn``, loaded). Nothing for another transport or an order
    already handled."""
    if (order.get("transport") or "").lower() != "dinas":
        return None
    session = tx.session
    now = now or utcnow()
    starts, ends = period_of(order["departure_date"], order["return_date"], now)
    claimed = session.execute(pg_insert(TravelReservation).values(
        travel_order_id=order["order_id"], order_number=order.get("number"), status="unavailable",
        requester_employee_id=order.get("requester_employee_id"), starts_at=starts, ends_at=ends)
        .on_conflict_do_nothing(index_elements=["travel_order_id"]).returning(TravelReservation.id)).scalar()
    if claimed is None:
        return None  # handled before: a redelivery, or the same order again
    reservation = session.get(TravelReservation, claimed)
    base = {"travel_order_id": order["order_id"], "starts_at": starts, "ends_at": ends,
            "requester_employee_id": order.get("requester_employee_id")}
    reason = _reserve(tx, order, reservation, starts, ends, now, base)
    if reason is not None:
        reservation.reason = reason
        session.flush()
        _publish(tx, BookingEvents.TRAVEL_VEHICLE_UNAVAILABLE, status="unavailable", reason=reason, **base)
    return reservation


def _reserve(tx, order: dict, reservation: TravelReservation, starts: datetime, ends: datetime, now: datetime,
             base: dict) -> str | None:
    """Try each fitting vehicle with a free driver; the reason none fits, or None when reserved."""
    session = tx.session
    if ends <= starts:
        return "Tanggal kembali SPT sudah lewat."
    if ends - starts > timedelta(days=rules.MAX_DAYS["vehicle"]):
        return f"Perjalanan lebih dari {rules.MAX_DAYS['vehicle']} hari: kendaraan dinas dipesan manual."
    seats = seats_needed(order)
    vehicles = candidate_vehicles(session, seats)
    if not vehicles:
        return f"Tidak ada kendaraan dinas dengan {seats} kursi penumpang."
    free_drivers = drivers.free_drivers(session, starts, ends)
    if not free_drivers:
        return "Tidak ada pengemudi yang bebas pada tanggal itu."
    number = order.get("number")
    purpose = (order.get("purpose") or "Perjalanan dinas").strip()
    purpose = (f"SPT {number}: {purpose}" if number else f"SPT #{order['order_id']}: {purpose}")[:500]
    destination = ", ".join(d.get("city") for d in order.get("destinations") or [] if d.get("city"))[:200] or None
    requester = order.get("requester_employee_id")
    unit_id = order.get("unit_id")
    if requester and unit_id is None:
        unit_id = session.scalar(select(RosterEmployee.unit_id).where(RosterEmployee.id == requester))
    free_vehicle = False
    for vehicle in vehicles:
        occupied_from, occupied_to = bookings.occupied_period(vehicle, starts, ends)
        if bookings.conflicts_of(session, vehicle.id, occupied_from, occupied_to):
            continue
        free_vehicle = True
        for driver in free_drivers:
            try:
                with session.begin_nested():
                    booking = bookings.create(
                        tx, SYSTEM, vehicle, {"purpose": purpose, "starts_at": starts, "ends_at": ends,
                                              "passengers": seats, "destination": destination,
                                              "needs_driver": True},
                        source="travel", requester_employee_id=requester, requester_unit_id=unit_id,
                        travel_order_id=order["order_id"], now=now)
                    bookings.approve(tx, SYSTEM, booking.id, "Otomatis untuk SPT", check=False)
                    trips.assign(tx, SYSTEM, booking.id, driver.employee_id)
            except (Conflict, ValidationFailed):
                continue
            reservation.status, reservation.booking_id = "reserved", booking.id
            reservation.updated_at = utcnow()
            session.flush()
            name = roster.names(session, [driver.employee_id]).get(driver.employee_id)
            _publish(tx, BookingEvents.TRAVEL_VEHICLE_RESERVED, status="reserved", booking_id=booking.id,
                     resource_id=vehicle.id, vehicle_name=vehicle.name, plate=vehicle.code,
                     driver_employee_id=driver.employee_id, driver_name=name, reason=None, **base)
            return None
    if not free_vehicle:
        return f"Semua kendaraan dinas dengan {seats} kursi penumpang sudah terpakai pada tanggal itu."
    return "Tidak ada pengemudi yang bebas pada tanggal itu."


def order_cancelled(tx, order: dict) -> TravelReservation | None:
    """``travel.order_cancelled``: the order's reserved booking is cancelled by the system, with a reason."""
    session = tx.session
    reservation = session.scalar(select(TravelReservation).where(
        TravelReservation.travel_order_id == order["order_id"]).with_for_update())
    if reservation is None or reservation.status == "cancelled":
        return None
    booking_id = reservation.booking_id
    reservation.status = "cancelled"
    reservation.updated_at = utcnow()
    session.flush()
    if booking_id is not None:
        booking = bookings.get_booking(session, booking_id)
        if booking.status in ("pending", "approved"):
            reason = "SPT dibatalkan" + (f": {order['reason']}" if order.get("reason") else ".")
            bookings.cancel(tx, SYSTEM, booking_id, reason, check=False)
    return reservation
