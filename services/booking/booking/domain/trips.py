"""Vehicle trips: a driver assigned to an approved vehicle booking, the vehicle checked out and returned
(odometer, fuel in eighths of a tank, damage), trips not returned on time flagged.

One trip at a time per driver, **guaranteed by the database**: ``booking_trips`` carries the exclusion
constraint ``ex_trips_driver_no_overlap`` (``driver_employee_id WITH =, tstzrange(starts_at, ends_at) WITH &&``,
not cancelled). ``assign`` checks first (``drivers.free_drivers``: active, not absent, not busy) and writes the
trip inside a savepoint; two assignments racing for one driver both pass the checks and PostgreSQL lets exactly
one commit — the other's ``exclusion_violation`` (23P01) is answered as a 409 naming ``driver_employee_id``.

Returning a vehicle from assets publishes ``booking.trip_returned`` — exactly the payload assets reads into the
vehicle's history (``TripReturnedEvent``). A vehicle entered in booking (no ``asset_id``) publishes nothing:
assets requires ``asset_id`` and has no record of it.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from situok_contracts.events import Booking as BookingEvents
from situok_kit.clock import WITA, utcnow, wita_day
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.outputs import View
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import case, extract, or_, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import Booking, Driver, Resource, RosterEmployee, Trip
from ..schemas.vehicles import TripEvent, TripReturnedEvent
from . import drivers as drivers_domain
from . import roster, steps
from . import settings as settings_domain
from .access import Caller

EXCLUSION_VIOLATION = "23P01"
STATUS_LABELS = {"assigned": "pengemudi ditugaskan", "checked_out": "dalam perjalanan",
                 "returned": "sudah kembali", "cancelled": "dibatalkan"}
DRIVER_OR_KEEPER = "Hanya pengemudi perjalanan ini atau pengurus barang yang dapat mencatatnya."
_trip_event = TripEvent()
_returned_event = TripReturnedEvent()


# -- what the requests area reads ---------------------------------------------------------------------

def _grace(session: Session) -> timedelta:
    return timedelta(minutes=settings_domain.get_settings(session).overdue_grace_minutes)


def is_overdue(trip: Trip, grace: timedelta, now: datetime) -> bool:
    """Not returned (nor cancelled) by its planned end plus the grace."""
    return trip.status in ("assigned", "checked_out") and now > trip.ends_at + grace


def summaries_of(session: Session, booking_ids) -> dict[int, dict]:
    """``{booking_id: TripSummaryOut fields}`` of the vehicle bookings among ``booking_ids`` that have a trip."""
    ids = list({i for i in booking_ids if i})
    if not ids:
        return {}
    rows = session.execute(select(Trip, RosterEmployee.name).outerjoin(
        RosterEmployee, RosterEmployee.id == Trip.driver_employee_id).where(Trip.booking_id.in_(ids))).all()
    if not rows:
        return {}
    grace, now = _grace(session), utcnow()
    return {trip.booking_id: {"trip_id": trip.id, "driver_employee_id": trip.driver_employee_id,
                              "driver_name": name, "status": trip.status, "checked_out_at": trip.checked_out_at,
                              "returned_at": trip.returned_at, "overdue": is_overdue(trip, grace, now)}
            for trip, name in rows}


def booking_cancelled(tx, booking) -> None:
    """A vehicle booking was cancelled: its trip (if any, not yet returned) is cancelled with it."""
    trip = tx.session.scalar(select(Trip).where(Trip.booking_id == booking.id).with_for_update())
    if trip is not None and trip.status in ("assigned", "checked_out"):
        trip.status = "cancelled"
        trip.updated_at = utcnow()
        tx.session.flush()


def booking_rescheduled(tx, booking) -> None:
    """A vehicle booking moved (``bookings.reschedule``): its assigned trip moves with it. When the driver is
    absent or busy at the new time (the exclusion constraint says so), the trip is cancelled and the step says
    a driver must be assigned again — the move itself stands."""
    session = tx.session
    trip = session.scalar(select(Trip).where(Trip.booking_id == booking.id).with_for_update())
    if trip is None or trip.status != "assigned":
        return
    absent = drivers_domain.absence_of(session, trip.driver_employee_id, booking.starts_at, booking.ends_at)
    try:
        if absent is not None:
            raise Conflict("absent")
        with session.begin_nested():
            trip.starts_at, trip.ends_at = booking.starts_at, booking.ends_at
            trip.updated_at = utcnow()
            session.flush()
        return
    except IntegrityError as exc:
        if getattr(exc.orig, "pgcode", None) != EXCLUSION_VIOLATION:
            raise
        session.refresh(trip)
    except Conflict:
        pass
    trip.status, trip.updated_at = "cancelled", utcnow()
    session.flush()
    steps.record(session, booking, "driver_unassigned", steps.SYSTEM,
                 "Pengemudi tidak tersedia pada jadwal baru; tugaskan pengemudi lagi.")


# -- views --------------------------------------------------------------------------------------------

def get_trip(session: Session, trip_id: int, *, lock: bool = False) -> Trip:
    statement = select(Trip).where(Trip.id == trip_id)
    if lock:
        statement = statement.with_for_update()
    trip = session.scalar(statement)
    if trip is None:
        raise NotFound("Perjalanan tidak ditemukan.", {"trip_id": "Tidak ada perjalanan dengan id ini."})
    return trip


def is_trip_party(caller: Caller, trip: Trip) -> bool:
    return caller.is_keeper or (bool(caller.employee_id) and caller.employee_id == trip.driver_employee_id)


#: How long before its start a trip's vehicle may be taken when the trip starts the next (WITA) day: a trip at
#: 00:30 is picked up at 23:45 the evening before.
CHECK_OUT_EARLY = timedelta(hours=2)


def may_check_out(now: datetime, starts_at: datetime) -> bool:
    """From the trip's (WITA) day on, or within ``CHECK_OUT_EARLY`` before its start (pure)."""
    return wita_day(now) >= wita_day(starts_at) or now >= starts_at - CHECK_OUT_EARLY


def allowed_actions(caller: Caller, trip: Trip, now: datetime) -> list[str]:
    if not is_trip_party(caller, trip):
        return []
    if trip.status == "assigned" and may_check_out(now, trip.starts_at):
        return ["check_out"]
    if trip.status == "checked_out":
        return ["return"]
    return []


def views(session: Session, caller: Caller, trips: list[Trip], *, now: datetime | None = None,
          warnings: dict[int, list[str]] | None = None) -> list[View]:
    """Each trip as ``TripOut`` shows it to ``caller``: vehicle, booking, driver, requester, overdue, actions."""
    if not trips:
        return []
    now = now or utcnow()
    grace = _grace(session)
    bookings = {b.id: b for b in session.scalars(select(Booking).where(Booking.id.in_({t.booking_id for t in trips})))}
    resources = {r.id: r for r in session.scalars(select(Resource).where(
        Resource.id.in_({t.resource_id for t in trips})))}
    people = {e.id: e for e in session.scalars(select(RosterEmployee).where(RosterEmployee.id.in_(
        {t.driver_employee_id for t in trips} | {b.requester_employee_id for b in bookings.values()
                                                  if b.requester_employee_id})))}
    phones = dict(session.execute(select(Driver.employee_id, Driver.phone).where(
        Driver.employee_id.in_({t.driver_employee_id for t in trips}))).all())
    answers = []
    for trip in trips:
        booking, resource = bookings[trip.booking_id], resources[trip.resource_id]
        driven = (trip.odometer_in - trip.odometer_out if trip.odometer_in is not None
                  and trip.odometer_out is not None else None)
        answers.append(View(
            trip, vehicle_name=resource.name, plate=resource.code,
            driver_name=getattr(people.get(trip.driver_employee_id), "name", None),
            driver_phone=phones.get(trip.driver_employee_id), status_label=STATUS_LABELS[trip.status],
            purpose=booking.purpose, destination=booking.destination, passengers=booking.passengers,
            requester_employee_id=booking.requester_employee_id,
            requester_name=getattr(people.get(booking.requester_employee_id), "name", None),
            travel_order_id=booking.travel_order_id, km_driven=driven, overdue=is_overdue(trip, grace, now),
            warnings=(warnings or {}).get(trip.id, []), allowed_actions=allowed_actions(caller, trip, now)))
    return answers


def event_payload(session: Session, trip: Trip) -> dict:
    booking = session.get(Booking, trip.booking_id)
    resource = session.get(Resource, trip.resource_id)
    return _trip_event.dump(View(trip, resource_key=resource.resource_key, asset_id=resource.asset_id,
                                 requester_employee_id=booking.requester_employee_id,
                                 travel_order_id=booking.travel_order_id, destination=booking.destination))


# -- assigning ----------------------------------------------------------------------------------------

def _assignable(session: Session, by, booking: Booking, resource: Resource) -> None:
    """The workflow's ``assign_driver``: an approved vehicle booking with a driver, by its approver or a keeper
    (the system — travel's reservations — without a check)."""
    from . import bookings as core  # the core imports this module: import it when needed
    from .requests_workflow import BOOKING, VERBS

    if isinstance(by, Caller):
        BOOKING.check("assign_driver", booking.status, core.capacities(session, by, booking, resource),
                      core.guards(booking, resource), verb=VERBS["assign_driver"])
    elif booking.status != "approved" or resource.kind != "vehicle":
        raise Conflict("Pengemudi hanya untuk peminjaman kendaraan yang disetujui.",
                       {"status": f"Status saat ini: {booking.status}."})


def available(session: Session, caller: Caller, booking_id: int) -> dict:
    """``AvailableDriversOut``: who may drive ``booking_id`` (active, not absent, free), the current driver
    marked, each with their hours' warnings."""
    from . import bookings as core

    booking = core.get_booking(session, booking_id)
    resource = core.get_resource(session, booking.resource_id)
    _assignable(session, caller, booking, resource)
    current = session.scalar(select(Trip.driver_employee_id).where(Trip.booking_id == booking.id,
                                                                   Trip.status != "cancelled"))
    found = drivers_domain.free_drivers(session, booking.starts_at, booking.ends_at, exclude_booking_id=booking.id)
    names = roster.names(session, [d.employee_id for d in found])
    return {"booking_id": booking.id, "starts_at": booking.starts_at, "ends_at": booking.ends_at,
            "items": [View(d, name=names.get(d.employee_id), current=d.employee_id == current,
                           warnings=drivers_domain.hours_warnings(d, booking.starts_at, booking.ends_at))
                      for d in found]}


def assign(tx, by, booking_id: int, driver_employee_id: int, note: str | None = None) -> tuple[Trip, list[str]]:
    """The approver or a keeper (or the system: travel) gives an approved vehicle booking its driver; an
    assigned trip gets the new driver instead. 422 when the driver is not on the list or inactive; 409 when
    absent those days or on another trip (the exclusion constraint has the last word). Returns the trip and the
    hours' warnings; records the step, publishes ``booking.driver_assigned``."""
    from . import bookings as core

    session = tx.session
    booking = core.get_booking(session, booking_id, lock=True)
    resource = core.get_resource(session, booking.resource_id)
    _assignable(session, by, booking, resource)
    driver = session.scalar(select(Driver).where(Driver.employee_id == driver_employee_id).with_for_update(read=True))
    if driver is None:
        raise ValidationFailed("Pengemudi tidak dikenal.",
                               {"driver_employee_id": "Pegawai ini tidak ada di daftar pengemudi."})
    if not driver.active:
        raise ValidationFailed("Pengemudi tidak aktif.", {"driver_employee_id": "Pengemudi ini tidak aktif."})
    absence = drivers_domain.absence_of(session, driver.employee_id, booking.starts_at, booking.ends_at)
    if absence is not None:
        message = (f"Pengemudi berhalangan ({drivers_domain.ABSENCE_LABELS[absence.kind]}) "
                   f"{absence.starts_on:%d-%m-%Y}–{absence.ends_on:%d-%m-%Y}.")
        raise Conflict(message, {"driver_employee_id": message})
    trip = session.scalar(select(Trip).where(Trip.booking_id == booking.id).with_for_update())
    if trip is not None and trip.status in ("checked_out", "returned"):
        raise Conflict("Kendaraan sudah diambil: pengemudi tidak dapat diganti.",
                       {"driver_employee_id": "Perjalanan sudah berjalan atau selesai."})
    previous = trip.driver_employee_id if trip is not None else None
    try:
        with session.begin_nested():
            if trip is None:
                trip = Trip(booking_id=booking.id, resource_id=resource.id, driver_employee_id=driver.employee_id,
                            starts_at=booking.starts_at, ends_at=booking.ends_at, status="assigned")
                session.add(trip)
            else:
                trip.driver_employee_id = driver.employee_id
                trip.starts_at, trip.ends_at = booking.starts_at, booking.ends_at
                trip.status = "assigned"
                trip.flagged_at = None
            trip.assigned_by = by.username if isinstance(by, Caller) else by
            trip.updated_at = utcnow()
            session.flush()
    except IntegrityError as exc:
        if getattr(exc.orig, "pgcode", None) != EXCLUSION_VIOLATION:
            raise
        if trip is not None and trip in session:
            session.expire(trip)
        other = session.scalar(select(Trip).where(
            Trip.driver_employee_id == driver.employee_id, Trip.status != "cancelled", Trip.booking_id != booking.id,
            Trip.starts_at < booking.ends_at, Trip.ends_at > booking.starts_at).limit(1))
        message = "Pengemudi ini sudah bertugas pada perjalanan lain di waktu itu"
        message += f" (peminjaman #{other.booking_id})." if other else "."
        raise Conflict(message, {"driver_employee_id": message}) from None
    name = roster.names(session, [driver.employee_id]).get(driver.employee_id)
    step_note = f"Pengemudi: {name or driver.employee_id}" + (" (mengganti)" if previous not in (None,
                                                                                                 driver.employee_id)
                                                               else "") + (f". {note}" if note else "")
    steps.record(session, booking, "driver_assigned", by, step_note)
    tx.emit(BookingEvents.DRIVER_ASSIGNED, event_payload(session, trip))
    return trip, drivers_domain.hours_warnings(driver, booking.starts_at, booking.ends_at)


# -- the driver's trips -------------------------------------------------------------------------------

def my_trips(session: Session, caller: Caller, cursor: str | None, limit: int, *,
             now: datetime | None = None) -> dict:
    """The caller's trips (not cancelled): today's and upcoming (and any not yet returned) first, soonest
    first; then past ones, latest first. Keyset on ``(group, order, id)``."""
    caller.require_employee()
    now = now or utcnow()
    today = datetime.combine(wita_day(now), datetime.min.time(), tzinfo=WITA)
    group = case((or_(Trip.status.in_(("assigned", "checked_out")), Trip.ends_at >= today), 0), else_=1)
    epoch = extract("epoch", Trip.starts_at)
    order = case((group == 0, epoch), else_=-epoch)
    statement = select(Trip, group, order).where(Trip.driver_employee_id == caller.employee_id,
                                                 Trip.status != "cancelled")
    after = decode_cursor(cursor, 3)
    if after is not None:
        statement = statement.where(tuple_(group, order, Trip.id) > tuple_(int(after[0]), float(after[1]),
                                                                           int(after[2])))
    rows = session.execute(statement.order_by(group, order, Trip.id).limit(limit + 1)).all()
    found = page(rows, limit, lambda row: [int(row[1]), float(row[2]), row[0].id])
    return {"items": views(session, caller, [row[0] for row in found["items"]], now=now),
            "next_cursor": found["next_cursor"]}


def _require_party(caller: Caller, trip: Trip) -> None:
    if not is_trip_party(caller, trip):
        raise Forbidden(DRIVER_OR_KEEPER)


def check_out(tx, caller: Caller, trip_id: int, data: dict, *, now: datetime | None = None) -> Trip:
    """The driver (or a keeper) takes the vehicle: odometer, fuel, notes. Not before the trip's (WITA) day (or
    ``CHECK_OUT_EARLY`` before a trip starting just after midnight);
    only an assigned trip. Publishes ``booking.trip_checked_out``."""
    session = tx.session
    now = now or utcnow()
    trip = get_trip(session, trip_id, lock=True)
    _require_party(caller, trip)
    if trip.status != "assigned":
        raise Conflict(f"Perjalanan berstatus {STATUS_LABELS[trip.status]} tidak dapat diambil.",
                       {"status": f"Status saat ini: {trip.status}."})
    if not may_check_out(now, trip.starts_at):
        message = f"Kendaraan baru dapat diambil pada hari perjalanan ({wita_day(trip.starts_at):%d-%m-%Y})."
        raise Conflict(message, {"starts_at": message})
    resource = session.get(Resource, trip.resource_id)
    if resource.odometer_km is not None and data["odometer_km"] < resource.odometer_km:
        raise ValidationFailed("Odometer belum benar.", {"odometer_km": (
            f"Odometer tidak boleh kurang dari yang tercatat ({resource.odometer_km} km).")})
    trip.status = "checked_out"
    trip.checked_out_at = trip.updated_at = now
    trip.checked_out_by = caller.username
    trip.odometer_out, trip.fuel_out, trip.notes_out = data["odometer_km"], data["fuel"], data.get("notes")
    session.flush()
    steps.record(session, session.get(Booking, trip.booking_id), "trip_checked_out", caller,
                 f"Odometer {trip.odometer_out} km, bahan bakar {trip.fuel_out}/8")
    tx.emit(BookingEvents.TRIP_CHECKED_OUT, event_payload(session, trip))
    return trip


def return_trip(tx, caller: Caller, trip_id: int, data: dict, *, now: datetime | None = None) -> Trip:
    """The driver (or a keeper) brings the vehicle back: odometer (not less than at check-out), fuel, damage.
    The vehicle's own odometer is raised; a vehicle from assets publishes ``booking.trip_returned``."""
    session = tx.session
    now = now or utcnow()
    trip = get_trip(session, trip_id, lock=True)
    _require_party(caller, trip)
    if trip.status != "checked_out":
        raise Conflict(f"Perjalanan berstatus {STATUS_LABELS[trip.status]} tidak dapat dikembalikan.",
                       {"status": f"Status saat ini: {trip.status}."})
    if trip.odometer_out is not None and data["odometer_km"] < trip.odometer_out:
        raise ValidationFailed("Odometer belum benar.", {"odometer_km": (
            f"Odometer kembali tidak boleh kurang dari saat diambil ({trip.odometer_out} km).")})
    trip.status = "returned"
    trip.returned_at = trip.updated_at = now
    trip.returned_by = caller.username
    trip.odometer_in, trip.fuel_in = data["odometer_km"], data["fuel"]
    trip.damage, trip.notes_in = data.get("damage"), data.get("notes")
    session.flush()
    resource = session.scalar(select(Resource).where(Resource.id == trip.resource_id).with_for_update())
    if resource.odometer_km is None or trip.odometer_in > resource.odometer_km:
        resource.odometer_km = trip.odometer_in
    booking = session.get(Booking, trip.booking_id)
    note = f"Odometer {trip.odometer_in} km ({trip.odometer_in - (trip.odometer_out or trip.odometer_in)} km)"
    steps.record(session, booking, "trip_returned", caller,
                 note + (f"; kerusakan: {trip.damage}" if trip.damage else ""))
    if resource.asset_id is not None:
        tx.emit(BookingEvents.TRIP_RETURNED, _returned_event.dump(View(
            trip, asset_id=resource.asset_id, resource_key=resource.resource_key,
            destination=booking.destination)))
    session.flush()
    return trip


# -- overdue ------------------------------------------------------------------------------------------

def flag_overdue(tx, *, now: datetime | None = None) -> list[int]:
    """Trips not returned by their end plus ``BookingSettings.overdue_grace_minutes`` are flagged once
    (``flagged_at``) and ``booking.trip_overdue`` published for each. Returns their ids."""
    session = tx.session
    now = now or utcnow()
    limit = now - _grace(session)
    found = list(session.scalars(select(Trip).where(
        Trip.status.in_(("assigned", "checked_out")), Trip.flagged_at.is_(None), Trip.ends_at < limit)
        .order_by(Trip.id).with_for_update(skip_locked=True)))
    for trip in found:
        trip.flagged_at = now
        session.flush()
        tx.emit(BookingEvents.TRIP_OVERDUE, event_payload(session, trip))
    return [trip.id for trip in found]


def overdue_trips(session: Session, caller: Caller, *, now: datetime | None = None) -> list[View]:
    """Keepers and approvers: trips not returned past their end plus the grace, the oldest first."""
    caller.require(drivers_domain.may_see_all(session, caller),
                   "Hanya pengurus barang atau penyetuju kendaraan yang dapat melihat perjalanan terlambat.")
    now = now or utcnow()
    trips = list(session.scalars(select(Trip).where(
        Trip.status.in_(("assigned", "checked_out")), Trip.ends_at < now - _grace(session))
        .order_by(Trip.ends_at, Trip.id).limit(500)))
    return views(session, caller, trips, now=now)
