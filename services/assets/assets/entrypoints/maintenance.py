"""The maintenance area's entrypoints: plans, records and their workflow, what is due, costs
(``domain.maintenance``); booking's returned trips into the vehicles' history (``domain.trips``)."""
from __future__ import annotations

import logging

from marshmallow import ValidationError
from nameko.timer import timer
from situok_contracts.events import Booking
from situok_kit.consumers import event_consumer
from situok_kit.errors import ValidationFailed
from situok_kit.idempotency import run_idempotent
from situok_kit.pagination import clamp_limit
from situok_kit.rpc import api
from situok_kit.schema import load_input
from situok_kit.schema import record_id as checked_id

from ..domain import access, maintenance, trips
from ..schemas.maintenance import (
    BookingTripReturnedIn,
    MaintenanceCostsOut,
    MaintenanceDueListOut,
    MaintenanceFilters,
    MaintenanceFinishIn,
    MaintenancePlanChangeIn,
    MaintenancePlanIn,
    MaintenancePlanOut,
    MaintenanceReasonIn,
    MaintenanceRecordIn,
    MaintenanceRecordOut,
    MaintenanceRecordPage,
)

log = logging.getLogger(__name__)

_plan_in = MaintenancePlanIn()
_plan_change_in = MaintenancePlanChangeIn()
_plan_out = MaintenancePlanOut()
_plans_out = MaintenancePlanOut(many=True)
_record_in = MaintenanceRecordIn()
_finish_in = MaintenanceFinishIn()
_reason_in = MaintenanceReasonIn()
_filters = MaintenanceFilters()
_record_out = MaintenanceRecordOut()
_record_page = MaintenanceRecordPage()
_due_out = MaintenanceDueListOut()
_costs_out = MaintenanceCostsOut()
_trip_in = BookingTripReturnedIn()


class MaintenanceEntrypoints:
    """RPCs of the maintenance area (mixed into ``AssetsService``)."""

    # -- plans
    @api
    def create_maintenance_plan(self, data):
        """Keeper: recurring work on an item every N months and/or N km; its next due date/km computed."""
        caller = self._caller()
        caller.require(caller.is_keeper, maintenance.KEEPER_ONLY)
        payload = load_input(_plan_in, data)
        with self.db.transaction() as tx:
            plan = maintenance.create_plan(tx.session, caller, payload)
            return _plan_out.dump(maintenance.plan_views(tx.session, [plan])[0])

    @api
    def update_maintenance_plan(self, plan_id, data):
        """Keeper: change a plan (only the fields sent); ``active=false`` stops it."""
        caller = self._caller()
        caller.require(caller.is_keeper, maintenance.KEEPER_ONLY)
        plan_id = checked_id(plan_id, "plan_id")
        payload = load_input(_plan_change_in, data)
        with self.db.transaction() as tx:
            plan = maintenance.update_plan(tx.session, caller, plan_id, payload)
            return _plan_out.dump(maintenance.plan_views(tx.session, [plan])[0])

    @api
    def list_maintenance_plans(self, asset_id=None, include_inactive=False):
        """Keeper and report roles: the plans (of one item), soonest due first."""
        caller = self._caller()
        asset_id = checked_id(asset_id, "asset_id") if asset_id is not None else None
        return _plans_out.dump(maintenance.list_plans(self.db.session, caller, asset_id, bool(include_inactive)))

    # -- records
    @api
    def create_maintenance_record(self, data, idempotency_key=None):
        """Keeper: schedule a maintenance (a window published to booking: ``assets.maintenance_scheduled``) or
        record one already done (``status=done``: history, odometer, plan moved, ``assets.maintenance_recorded``).
        A retry with the same ``idempotency_key`` records it once."""
        ident = self.caller.require()
        caller = access.caller_of(ident)
        caller.require(caller.is_keeper, maintenance.KEEPER_ONLY)
        payload = load_input(_record_in, data)

        def create(tx):
            record = maintenance.create_record(tx, caller, payload)
            return _record_out.dump(maintenance.record_view(tx.session, caller, record))

        return run_idempotent(self.db, f"create_maintenance_record:{ident.account_id}", idempotency_key, data,
                              create)

    @api
    def get_maintenance_record(self, record_id):
        """Keeper and report roles: one record with the caller's ``allowed_actions``."""
        caller = self._caller()
        return _record_out.dump(maintenance.get_record(self.db.session, caller, checked_id(record_id, "record_id")))

    @api
    def list_maintenance_records(self, filters=None, cursor=None, limit=50):
        """Keeper and report roles: records newest first, keyset-paginated; filters status, asset_id, year."""
        caller = self._caller()
        return _record_page.dump(maintenance.list_records(self.db.session, caller, load_input(_filters, filters),
                                                          cursor, clamp_limit(limit)))

    def _maintenance_step(self, record_id, action, payload=None):
        caller = self._caller()
        record_id = checked_id(record_id, "record_id")
        with self.db.transaction() as tx:
            record = maintenance.act(tx, caller, record_id, action, payload)
            return _record_out.dump(maintenance.record_view(tx.session, caller, record))

    @api
    def start_maintenance(self, record_id):
        """Keeper: a scheduled maintenance starts (the item is under maintenance; a vehicle unavailable)."""
        return self._maintenance_step(record_id, "start")

    @api
    def finish_maintenance(self, record_id, data=None):
        """Keeper: done (``done_on``, vendor, cost, odometer): history, plan moved, ``maintenance_ended`` and
        ``maintenance_recorded``, a vehicle available again."""
        return self._maintenance_step(record_id, "finish", load_input(_finish_in, data))

    @api
    def cancel_maintenance(self, record_id, reason=None):
        """Keeper: cancel a scheduled or started maintenance with a reason (``maintenance_ended``)."""
        return self._maintenance_step(record_id, "cancel", load_input(_reason_in, {"reason": reason}))

    # -- what is due, what it cost
    @api
    def maintenance_due(self, month=None):
        """Keeper and report roles: plans due in the month (``YYYY-MM``, default this WITA month), overdue, or
        whose vehicle is within the km margin of their next due km."""
        return _due_out.dump(maintenance.due(self.db.session, self._caller(), month))

    @api
    def maintenance_costs(self, year):
        """Keeper and report roles: the cost of maintenance done in ``year``, per item."""
        caller = self._caller()
        if isinstance(year, str) and year.isdigit():
            year = int(year)
        if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
            raise ValidationFailed("Tahun tidak valid.", {"year": "Tahun 2000-2100."})
        return _costs_out.dump(maintenance.costs(self.db.session, caller, year))

    @timer(interval=maintenance.START_CHECK_SECONDS)
    def start_due_maintenance(self):
        """Every ``START_CHECK_SECONDS``: scheduled records whose window has begun start (the item is under
        maintenance; a vehicle re-published unavailable)."""
        with self.db.transaction() as tx:
            started = maintenance.start_due(tx)
        if started:
            log.info("maintenance started by its window: %s", started)

    # -- booking's trips
    @event_consumer(Booking.TRIP_RETURNED)
    def on_trip_returned(self, tx, event):
        """booking's returned vehicle trip: a ``trip`` row in the vehicle's history, its odometer raised
        (``domain.trips``). A payload assets cannot read is logged and dropped (retrying would not help)."""
        try:
            data = _trip_in.load(event.data or {})
        except ValidationError as exc:
            log.warning("booking.trip_returned %s refused: %s", event.id, exc.messages)
            return
        trips.trip_returned(tx, data, event.id)
