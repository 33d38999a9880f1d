"""The resources area's entrypoints: resources, availability, calendars, blackouts, assets' events
(``domain.resources``, ``domain.availability``, ``domain.calendar``, ``domain.resources_snapshot``)."""
from __future__ import annotations

import logging

from marshmallow import ValidationError
from nameko.timer import timer
from situok_contracts.events import Assets
from situok_kit.clock import wita_day
from situok_kit.consumers import event_consumer
from situok_kit.errors import ServiceUnavailable, ValidationFailed
from situok_kit.pagination import clamp_limit
from situok_kit.rpc import api
from situok_kit.schema import load_input
from situok_kit.schema import record_id as checked_id

from ..domain import availability, bookings, calendar, resources, resources_snapshot
from ..models.resources import RESOURCE_KINDS
from ..schemas.resources import (
    AssetsMaintenanceEndedIn,
    AssetsMaintenanceIn,
    AssetsResourceIn,
    AssetsWithdrawnIn,
    AvailabilityIn,
    AvailabilityOut,
    BlackoutIn,
    BlackoutOut,
    CalendarOverviewOut,
    ResourceBlockListOut,
    ResourceCalendarOut,
    ResourceIn,
    ResourceOut,
    ResourcePage,
    ResourceSyncOut,
)

log = logging.getLogger(__name__)

_resource_in = ResourceIn()
_resource_out = ResourceOut()
_resource_page = ResourcePage()
_blocks_out = ResourceBlockListOut()
_blackout_in = BlackoutIn()
_blackout_out = BlackoutOut()
_availability_in = AvailabilityIn()
_availability_out = AvailabilityOut()
_calendar_out = ResourceCalendarOut()
_overview_out = CalendarOverviewOut()
_sync_out = ResourceSyncOut()
_published_in = AssetsResourceIn()
_withdrawn_in = AssetsWithdrawnIn()
_maintenance_in = AssetsMaintenanceIn()
_maintenance_ended_in = AssetsMaintenanceEndedIn()


def _event_data(schema, event, name: str):
    """An assets event's payload as booking reads it; None (logged, dropped: retrying would not help) when it
    cannot."""
    try:
        return schema.load(event.data or {})
    except ValidationError as exc:
        log.warning("%s %s refused: %s", name, event.id, exc.messages)
        return None


def _moment(value, field: str):
    if value in (None, ""):
        return None
    return load_input(BlackoutIn(only=(field,)), {field: value}, partial=True)[field]


class ResourceEntrypoints:
    """RPCs of the resources area (mixed into ``BookingService``)."""

    #: Set once assets' snapshot has been pulled by this process (the start-up timer stops trying).
    _resources_pulled = False

    # -- resources
    @api
    def list_resources(self, kind=None, q=None, include_inactive=False, cursor=None, limit=50):
        """Anyone signed in: resources by kind then name, keyset-paginated; ``include_inactive`` (keepers) adds
        the inactive and withdrawn."""
        caller = self._caller()
        if kind is not None and kind not in RESOURCE_KINDS:
            raise ValidationFailed("Jenis tidak dikenal.", {"kind": "Harus salah satu dari: room, building, vehicle."})
        if q is not None and (not isinstance(q, str) or len(q) > 100):
            raise ValidationFailed("Pencarian tidak valid.", {"q": "Teks paling banyak 100 karakter."})
        return _resource_page.dump(resources.list_resources(
            self.db.session, caller, kind=kind, q=q, include_inactive=bool(include_inactive), cursor=cursor,
            limit=clamp_limit(limit)))

    @api
    def get_resource(self, resource_id):
        """Anyone signed in: one resource with the caller's ``allowed_actions``."""
        caller = self._caller()
        session = self.db.session
        resource = bookings.get_resource(session, checked_id(resource_id, "resource_id"))
        return _resource_out.dump(resources.view(session, caller, resource))

    @api
    def create_resource(self, data):
        """Keeper: a local resource (422 naming each bad field)."""
        caller = self._caller()
        caller.require_keeper()
        payload = load_input(_resource_in, data)
        with self.db.transaction() as tx:
            resource = resources.create_resource(tx, caller, payload)
            return _resource_out.dump(resources.view(tx.session, caller, resource))

    @api
    def update_resource(self, resource_id, data):
        """Keeper: the fields sent; of a resource kept from assets only booking's own."""
        caller = self._caller()
        caller.require_keeper()
        resource_id = checked_id(resource_id, "resource_id")
        payload = load_input(_resource_in, data, partial=True)
        with self.db.transaction() as tx:
            resource = resources.update_resource(tx, caller, resource_id, payload)
            return _resource_out.dump(resources.view(tx.session, caller, resource))

    # -- blocks
    @api
    def list_blocks(self, resource_id, starts_at=None, ends_at=None):
        """Anyone signed in: the resource's blackouts and maintenance windows (in a period), by start."""
        caller = self._caller()
        found = resources.list_blocks(self.db.session, caller, checked_id(resource_id, "resource_id"),
                                      _moment(starts_at, "starts_at"), _moment(ends_at, "ends_at"))
        return _blocks_out.dump({"items": found})

    @api
    def add_blackout(self, resource_id, data):
        """A keeper or the resource's approver: close it for a period with a reason (409 naming the approved
        bookings it would overlap, unless ``cancel_overlapping``)."""
        caller = self._caller()
        resource_id = checked_id(resource_id, "resource_id")
        payload = load_input(_blackout_in, data)
        with self.db.transaction() as tx:
            block, cancelled = resources.add_blackout(tx, caller, resource_id, payload)
            resource = bookings.get_resource(tx.session, resource_id)
            return _blackout_out.dump({"block": resources.block_views(tx.session, caller, resource, [block])[0],
                                       "cancelled_booking_ids": cancelled})

    @api
    def remove_blackout(self, block_id):
        """A keeper or the resource's approver: remove a blackout (a maintenance window is assets'); answers the
        resource's blocks left."""
        caller = self._caller()
        block_id = checked_id(block_id, "block_id")
        with self.db.transaction() as tx:
            resource = resources.remove_blackout(tx, caller, block_id)
            return _blocks_out.dump({"items": resources.list_blocks(tx.session, caller, resource.id)})

    # -- availability and calendars
    @api
    def search_availability(self, data):
        """Anyone signed in: the resources free and fitting for a period, best fit first; when none, the
        nearest free slots."""
        self._caller()
        query = load_input(_availability_in, data)
        return _availability_out.dump(availability.search(self.db.session, query))

    @api
    def resource_calendar(self, resource_id, view="week", date=None):
        """Anyone signed in: a resource's day/week/month around a WITA date (default today)."""
        caller = self._caller()
        session = self.db.session
        found = calendar.resource_calendar(session, checked_id(resource_id, "resource_id"), view or "week",
                                           date or wita_day())
        found["resource"] = resources.view(session, caller, found["resource"])
        return _calendar_out.dump(found)

    @api
    def calendar_overview(self, kind="room", date=None):
        """Anyone signed in: a WITA day of every resource of a kind."""
        self._caller()
        return _overview_out.dump(calendar.overview(self.db.session, kind or "room", date or wita_day()))

    # -- assets' copy
    @api
    def sync_resources(self):
        """Admin: pull assets' whole list of bookable resources now (503 when assets does not answer)."""
        self.caller.require_roles("admin")
        try:
            counts = resources_snapshot.sync_with(self.db, self.config["AMQP_URI"])
        except Exception as exc:
            if isinstance(exc, ValidationFailed):
                raise
            log.warning("assets snapshot failed: %s", exc)
            raise ServiceUnavailable("Layanan aset tidak menjawab; sumber daya yang ada tetap dipakai.") from None
        type(self)._resources_pulled = True
        return _sync_out.dump(counts)

    @timer(interval=15, eager=True)
    def fill_resources_from_assets(self):
        """At start and every 15 s until one pull has worked: assets' snapshot (what it published before
        booking's queue existed). assets away: booking carries on with what it has."""
        if type(self)._resources_pulled:
            return
        try:
            counts = resources_snapshot.sync_with(self.db, self.config["AMQP_URI"])
        except Exception as exc:
            log.info("assets snapshot not pulled (%s); retrying later", type(exc).__name__)
            return
        type(self)._resources_pulled = True
        log.info("resources pulled from assets: %s", counts)

    @event_consumer(Assets.RESOURCE_PUBLISHED)
    def on_resource_published(self, tx, event):
        data = _event_data(_published_in, event, Assets.RESOURCE_PUBLISHED)
        if data is not None:
            resources.apply_published(tx, data)

    @event_consumer(Assets.RESOURCE_WITHDRAWN)
    def on_resource_withdrawn(self, tx, event):
        data = _event_data(_withdrawn_in, event, Assets.RESOURCE_WITHDRAWN)
        if data is not None:
            resources.apply_withdrawn(tx, data)

    @event_consumer(Assets.MAINTENANCE_SCHEDULED)
    def on_maintenance_scheduled(self, tx, event):
        data = _event_data(_maintenance_in, event, Assets.MAINTENANCE_SCHEDULED)
        if data is not None:
            resources.apply_maintenance(tx, data)

    @event_consumer(Assets.MAINTENANCE_ENDED)
    def on_maintenance_ended(self, tx, event):
        data = _event_data(_maintenance_ended_in, event, Assets.MAINTENANCE_ENDED)
        if data is not None:
            resources.apply_maintenance_ended(tx, data)
