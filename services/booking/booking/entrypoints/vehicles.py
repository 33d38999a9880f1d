"""The vehicles area's entrypoints: drivers (hours, absences, schedule), assignment (one trip at a time per
driver), trips (check-out, return, overdue), travel's reservations (``domain.drivers``, ``domain.trips``,
``domain.travel_reservations``)."""
from __future__ import annotations

import logging

from marshmallow import ValidationError
from nameko.timer import timer
from situok_contracts.events import Kepegawaian, Travel
from situok_kit.consumers import event_consumer
from situok_kit.errors import ValidationFailed
from situok_kit.pagination import clamp_limit
from situok_kit.rpc import api
from situok_kit.schema import load_input
from situok_kit.schema import record_id as checked_id

from ..domain import driver_leave, drivers, travel_reservations, trips
from ..schemas.vehicles import (
    AssignDriverIn,
    AvailableDriversOut,
    CheckOutIn,
    DriverAbsenceIn,
    DriverAbsenceOut,
    DriverAbsenceRemovedOut,
    DriverCandidateListOut,
    DriverChangeIn,
    DriverIn,
    DriverListOut,
    DriverOut,
    DriverScheduleOut,
    DriverScheduleQuery,
    ReturnIn,
    TravelOrderIn,
    TripListOut,
    TripOut,
    TripPage,
)

log = logging.getLogger(__name__)

#: How often the overdue check runs (seconds).
OVERDUE_CHECK_SECONDS = 60

_driver_in = DriverIn()
_driver_change_in = DriverChangeIn()
_driver_out = DriverOut()
_drivers_out = DriverListOut()
_absence_in = DriverAbsenceIn()
_absence_out = DriverAbsenceOut()
_schedule_query = DriverScheduleQuery()
_schedule_out = DriverScheduleOut()
_assign_in = AssignDriverIn()
_available_out = AvailableDriversOut()
_trip_out = TripOut()
_trip_page = TripPage()
_trips_out = TripListOut()
_check_out_in = CheckOutIn()
_return_in = ReturnIn()
_order_in = TravelOrderIn()


class VehicleEntrypoints:
    """RPCs of the vehicles area (mixed into ``BookingService``)."""

    # -- drivers
    @api
    def list_drivers(self):
        """Keepers and vehicle approvers: every driver, their hours and coming absences."""
        caller = self._caller()
        return _drivers_out.dump({"items": drivers.list_drivers(self.db.session, caller)})

    @api
    def driver_candidates(self, q=None):
        """Keeper: active employees not yet on the drivers' list (``q``: part of the name or NIP)."""
        caller = self._caller().require_keeper()
        if q is not None and (not isinstance(q, str) or len(q) > 100):
            raise ValidationFailed("Pencarian tidak valid.", {"q": "Teks paling banyak 100 karakter."})
        return DriverCandidateListOut().dump({"items": drivers.candidates(self.db.session, caller, q)})

    @api
    def add_driver(self, data):
        """Keeper: an employee of the roster onto the drivers' list (hours default Mon–Fri 07:30–16:00 WITA)."""
        caller = self._caller().require_keeper()
        payload = load_input(_driver_in, data)
        with self.db.transaction() as tx:
            driver = drivers.add_driver(tx.session, caller, payload)
            return _driver_out.dump(drivers.views(tx.session, [driver])[0])

    @api
    def update_driver(self, employee_id, data):
        """Keeper: change a driver's phone, days, hours, active flag, note (the fields sent)."""
        caller = self._caller().require_keeper()
        employee_id = checked_id(employee_id, "employee_id")
        payload = load_input(_driver_change_in, data)
        with self.db.transaction() as tx:
            driver = drivers.update_driver(tx.session, caller, employee_id, payload)
            return _driver_out.dump(drivers.views(tx.session, [driver])[0])

    @api
    def add_driver_absence(self, employee_id, data):
        """Keeper: the driver is away (leave, sick, training) over WITA dates, both ends counted."""
        caller = self._caller().require_keeper()
        employee_id = checked_id(employee_id, "employee_id")
        payload = load_input(_absence_in, data)
        with self.db.transaction() as tx:
            absence = drivers.add_absence(tx.session, caller, employee_id, payload)
            return _absence_out.dump(drivers.absence_views(tx.session, [absence])[0])

    @api
    def remove_driver_absence(self, absence_id):
        """Keeper: remove an absence entered by mistake."""
        caller = self._caller().require_keeper()
        absence_id = checked_id(absence_id, "absence_id")
        with self.db.transaction() as tx:
            drivers.remove_absence(tx.session, caller, absence_id)
        return DriverAbsenceRemovedOut().dump({"id": absence_id, "removed": True})

    @api
    def driver_schedule(self, starts_on, ends_on, employee_id=None):
        """Keepers and approvers: every driver's trips and absences over WITA dates (at most 62 days); a driver:
        their own."""
        caller = self._caller()
        query = load_input(_schedule_query, {"starts_on": starts_on, "ends_on": ends_on,
                                             "employee_id": employee_id})
        return _schedule_out.dump(drivers.schedule(self.db.session, caller, query["starts_on"], query["ends_on"],
                                                   query.get("employee_id"), trips.views))

    # -- assignment
    @api
    def available_drivers(self, booking_id):
        """The booking's approver or a keeper: drivers active, not absent and free for an approved vehicle
        booking, each with their hours' warnings."""
        caller = self._caller()
        booking_id = checked_id(booking_id, "booking_id")
        return _available_out.dump(trips.available(self.db.session, caller, booking_id))

    @api
    def assign_driver(self, booking_id, data):
        """The booking's approver or a keeper: a driver for an approved vehicle booking (again: replaces the
        driver). 409 naming ``driver_employee_id`` when the driver is absent or on another trip — the exclusion
        constraint ``ex_trips_driver_no_overlap`` decides races."""
        caller = self._caller()
        booking_id = checked_id(booking_id, "booking_id")
        payload = load_input(_assign_in, data)
        with self.db.transaction() as tx:
            trip, warnings = trips.assign(tx, caller, booking_id, payload["driver_employee_id"], payload.get("note"))
            return _trip_out.dump(trips.views(tx.session, caller, [trip], warnings={trip.id: warnings})[0])

    # -- trips
    @api
    def my_trips(self, cursor=None, limit=50):
        """A driver: their trips, today's and upcoming first."""
        caller = self._caller()
        return _trip_page.dump(trips.my_trips(self.db.session, caller, cursor, clamp_limit(limit)))

    @api
    def get_trip(self, trip_id):
        """The trip's driver, a keeper or an approver: one trip."""
        caller = self._caller()
        trip_id = checked_id(trip_id, "trip_id")
        session = self.db.session
        trip = trips.get_trip(session, trip_id)
        caller.require(trips.is_trip_party(caller, trip) or drivers.may_see_all(session, caller),
                       trips.DRIVER_OR_KEEPER)
        return _trip_out.dump(trips.views(session, caller, [trip])[0])

    @api
    def check_out_trip(self, trip_id, data):
        """The trip's driver or a keeper: the vehicle taken (odometer km, fuel in eighths 0–8, notes); not
        before the trip's day."""
        caller = self._caller()
        trip_id = checked_id(trip_id, "trip_id")
        payload = load_input(_check_out_in, data)
        with self.db.transaction() as tx:
            trip = trips.check_out(tx, caller, trip_id, payload)
            return _trip_out.dump(trips.views(tx.session, caller, [trip])[0])

    @api
    def return_trip(self, trip_id, data):
        """The trip's driver or a keeper: the vehicle back (odometer ≥ at check-out, fuel, damage); its history
        in assets gets the kilometres (``booking.trip_returned``)."""
        caller = self._caller()
        trip_id = checked_id(trip_id, "trip_id")
        payload = load_input(_return_in, data)
        with self.db.transaction() as tx:
            trip = trips.return_trip(tx, caller, trip_id, payload)
            return _trip_out.dump(trips.views(tx.session, caller, [trip])[0])

    @api
    def list_overdue_trips(self):
        """Keepers and approvers: vehicles not returned past their end plus the grace."""
        caller = self._caller()
        return _trips_out.dump({"items": trips.overdue_trips(self.db.session, caller)})

    @timer(interval=OVERDUE_CHECK_SECONDS)
    def flag_overdue_trips(self):
        """Every minute: trips not returned by their end plus the grace are flagged once and
        ``booking.trip_overdue`` published."""
        with self.db.transaction() as tx:
            flagged = trips.flag_overdue(tx)
        if flagged:
            log.info("vehicle trips flagged overdue: %s", flagged)

    # -- travel's SPTs
    @event_consumer(Travel.ORDER_APPROVED)
    def on_travel_order_approved(self, tx, event):
        """An approved SPT with an official vehicle: reserve a vehicle and driver, or say none is free."""
        order = self._travel_order(event)
        if order is not None:
            travel_reservations.order_approved(tx, order)

    @event_consumer(Travel.ORDER_CANCELLED)
    def on_travel_order_cancelled(self, tx, event):
        """A cancelled SPT: its reserved booking is cancelled (the system, with the reason)."""
        order = self._travel_order(event)
        if order is not None:
            travel_reservations.order_cancelled(tx, order)

    # -- kepegawaian's leave: a driver on approved leave is absent those days
    @event_consumer(Kepegawaian.LEAVE_APPROVED)
    def on_leave_approved(self, tx, event):
        """An employee's approved leave: a driver on it is not free those days (``domain.driver_leave``)."""
        driver_leave.leave_approved(tx.session, event.data)

    @event_consumer(Kepegawaian.LEAVE_CANCELLED)
    def on_leave_cancelled(self, tx, event):
        """A cancelled leave: the days count no more."""
        driver_leave.leave_cancelled(tx.session, event.data)

    @staticmethod
    def _travel_order(event):
        try:
            return _order_in.load(event.data or {})
        except ValidationError as exc:
            log.warning("%s %s refused: %s", event.type, event.id, exc.messages)
            return None
