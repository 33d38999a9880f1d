"""The booking Nameko service: buildings, rooms and four-wheeled official vehicles lent to the bureau's staff, to
guests from the public portal and to travel's official trips — availability first, approval without double
booking (the database's exclusion constraints), drivers and trips, recurring series, iCal feeds.

The entrypoints live in one mixin per area (``booking.entrypoints``) — this class is their table of contents:

* resources (``ResourceEntrypoints``): resources entered here or kept from assets' events, managers, buffers,
  blackouts and maintenance windows; availability search with the nearest free alternatives; calendars;
* requests (``RequestEntrypoints``): requests, the conflicts a pending one would have, approval and rejection
  by the resource's approver, cancellation, my bookings, the manager's inbox, every step;
* series (``SeriesEntrypoints``): weekly/monthly series, approving a series (each conflict reported), moving or
  cancelling one occurrence, editing this and following (a split);
* vehicles (``VehicleEntrypoints``): drivers (hours, absences), assignment (one trip at a time per driver),
  check-out and return (odometer, fuel, damage → assets), overdue trips, travel's SPT reservations;
* guests (``GuestEntrypoints``): the public portal's requests, tracking codes, limits, the staff's queue;
* feeds (``FeedEntrypoints``): iCal feeds per resource and per person behind revocable tokens;
* settings (``SettingsEntrypoints``): approving roles per kind, the overdue grace, the guest form's limits;
* agenda (``AgendaEntrypoints``): rooms agenda books as the system for a leader's event or an official visit,
  approved at once, one booking per agenda reference (``reserve_for_agenda``, ``release_for_agenda``).

Contract: docs/contracts.md and ``booking.schemas``.
"""
from __future__ import annotations

from situok_kit.db import Database
from situok_kit.health import HealthMixin
from situok_kit.identity import CallerIdentity
from situok_kit.logs import CallIdLogging
from situok_kit.roster import RosterCopy
from situok_kit.rpc import api

from . import sync
from .domain import access, approvers, capabilities, drivers, roster
from .entrypoints.agenda import AgendaEntrypoints
from .entrypoints.feeds import FeedEntrypoints
from .entrypoints.guests import GuestEntrypoints
from .entrypoints.requests import RequestEntrypoints
from .entrypoints.resources import ResourceEntrypoints
from .entrypoints.series import SeriesEntrypoints
from .entrypoints.settings import SettingsEntrypoints
from .entrypoints.vehicles import VehicleEntrypoints
from .models import Base
from .schemas.common import BookingCapabilitiesOut, BookingRosterStatusOut, BookingRosterSyncOut

_capabilities_out = BookingCapabilitiesOut()


class BookingService(HealthMixin, RosterCopy, ResourceEntrypoints, RequestEntrypoints, SeriesEntrypoints,
                     VehicleEntrypoints, GuestEntrypoints, FeedEntrypoints, SettingsEntrypoints, AgendaEntrypoints):
    name = "booking"

    db = Database(Base.metadata)
    caller = CallerIdentity()
    call_log = CallIdLogging()

    # -- roster: situok_kit.roster.RosterCopy keeps it (personnel's events, a pull at start) and answers
    # ``sync_roster`` (admin: pull now) and ``roster_status`` through these schemas
    roster_store = roster
    roster_sync = sync
    roster_sync_out = BookingRosterSyncOut()
    roster_status_out = BookingRosterStatusOut()

    def _caller(self) -> access.Caller:
        """The identity in context (401 without one) as booking sees it."""
        return access.caller_of(self.caller.require())

    @api
    def capabilities(self):
        """What the caller may do in booking in general (an edge's menu and pages); records carry their own
        ``allowed_actions``."""
        caller = self._caller()
        session = self.db.session
        return _capabilities_out.dump(capabilities.capabilities(
            caller, approves_some=approvers.approves_some(session, caller),
            is_driver=drivers.is_driver(session, caller.employee_id)))
