"""The events area's entrypoints: the leaders' agenda (``domain.events``). Every signed-in employee reads (a VIP
guest's contact only protocol staff see); protocol staff (and admin) write. Every event answer is an
``AgendaEventOut`` with the caller's ``allowed_actions`` and the event's ``conflicts``; lists and views carry
``AgendaEventSummaryOut``. An internal event's room is booked in booking (``domain.rooms``) before the commit."""
from __future__ import annotations

import functools
import logging

from marshmallow import ValidationError
from situok_contracts.events import Booking
from situok_kit.consumers import event_consumer
from situok_kit.pagination import clamp_limit
from situok_kit.rpc import api
from situok_kit.schema import load_input
from situok_kit.schema import record_id as checked_id

from ..domain import events, room_notices, rooms
from ..schemas.events import (
    UPDATE_OPTIONAL,
    AgendaDayOut,
    AgendaDayQuery,
    AgendaEventConflictList,
    AgendaEventIn,
    AgendaEventNoteIn,
    AgendaEventOut,
    AgendaEventPage,
    AgendaEventQuery,
    AgendaEventReasonIn,
    AgendaEventRescheduleIn,
    AgendaEventUpdateIn,
    AgendaWeekOut,
)
from ..schemas.rooms import AgendaBookingCancelledIn

_event_in = AgendaEventIn()
_update_in = AgendaEventUpdateIn()
_reason_in = AgendaEventReasonIn()
_note_in = AgendaEventNoteIn()
_reschedule_in = AgendaEventRescheduleIn()
_query = AgendaEventQuery()
_day_query = AgendaDayQuery()
_event_out = AgendaEventOut()
_page_out = AgendaEventPage()
_day_out = AgendaDayOut()
_week_out = AgendaWeekOut()
_conflicts_out = AgendaEventConflictList()
_booking_cancelled_in = AgendaBookingCancelledIn()
log = logging.getLogger(__name__)


def _given(**values) -> dict:
    return {key: value for key, value in values.items() if value is not None}


class EventEntrypoints:
    """RPCs of the events area (mixed into ``AgendaService``)."""

    def _events_room_calls(self) -> dict:
        """booking's room RPCs, bound to this service's broker (``domain.rooms``)."""
        uri = self._amqp_uri()
        return {"reserve": functools.partial(rooms.reserve, uri), "release": functools.partial(rooms.release, uri)}

    @event_consumer(Booking.CANCELLED)
    def on_booking_cancelled(self, tx, event):
        """A room agenda booked, cancelled in booking by someone else: the event or visit says so
        (``domain.room_notices``)."""
        try:
            data = _booking_cancelled_in.load(event.data or {})
        except ValidationError as exc:
            log.warning("%s %s refused: %s", event.type, event.id, exc.messages)
            return
        changed = room_notices.booking_cancelled(tx, data)
        if any(changed.values()):
            log.info("booking %s cancelled in booking: %s", data["booking_id"], changed)

    def _events_answer(self, session, caller, event) -> dict:
        return _event_out.dump(events.detail(session, caller, event))

    @api
    def create_event(self, data):
        """Protocol staff: a new tentative event (``AgendaEventIn``) with its leaders, participants, VIP guests,
        run-down and protocol staff; an internal one books its room in booking (409 naming the booking that holds
        the time: nothing saved). 422 naming each bad field (``rundown.2.starts_at``). Clashes with the leaders'
        other events are allowed: the answer's ``conflicts`` lists them. Publishes ``agenda.event_created``."""
        caller = self._caller()
        payload = load_input(_event_in, data)
        with self.db.transaction() as tx:
            event = events.create(tx, caller, payload, reserve=self._events_room_calls()["reserve"])
            return self._events_answer(tx.session, caller, event)

    @api
    def update_event(self, event_id, data):
        """Protocol staff: edit an open event (``AgendaEventUpdateIn``: ``version`` and any fields; a list given
        replaces the event's). 409 when ``version`` is stale or the event is done/cancelled; a changed time or
        room books again, moving outside releases the room. Publishes ``agenda.event_updated``."""
        caller = self._caller()
        event_id = checked_id(event_id, "event_id")
        payload = load_input(_update_in, data, partial=UPDATE_OPTIONAL)
        with self.db.transaction() as tx:
            event = events.update(tx, caller, event_id, payload, **self._events_room_calls())
            return self._events_answer(tx.session, caller, event)

    @api
    def get_event(self, event_id):
        """Anyone signed in: one event with everything (guests in protocol order — their contacts to protocol
        staff only —, run-down by time, protocol staff, steps, conflicts, ``allowed_actions``)."""
        caller = self._caller()
        event_id = checked_id(event_id, "event_id")
        return _event_out.dump(events.read(self.db.session, caller, event_id))

    @api
    def list_events(self, starts_from=None, starts_before=None, leader_id=None, status=None, cursor=None,
                    limit=50):
        """Anyone signed in: events overlapping the window, by start (keyset: ``cursor``, ``limit``)."""
        caller = self._caller()
        filters = load_input(_query, _given(starts_from=starts_from, starts_before=starts_before,
                                            leader_id=leader_id, status=status))
        return _page_out.dump(events.list_events(self.db.session, caller, filters, cursor, clamp_limit(limit)))

    @api
    def agenda_day(self, day=None, leader_id=None, include_cancelled=None):
        """Anyone signed in: one WITA day of the leaders' agenda (default today), each event with its conflicts."""
        caller = self._caller()
        args = load_input(_day_query, _given(day=day, leader_id=leader_id, include_cancelled=include_cancelled))
        return _day_out.dump(events.agenda_day(self.db.session, caller, args.get("day"), args.get("leader_id"),
                                               args["include_cancelled"]))

    @api
    def agenda_week(self, day=None, leader_id=None, include_cancelled=None):
        """Anyone signed in: the week (Monday–Sunday, WITA) of ``day`` (default today), day by day."""
        caller = self._caller()
        args = load_input(_day_query, _given(day=day, leader_id=leader_id, include_cancelled=include_cancelled))
        return _week_out.dump(events.agenda_week(self.db.session, caller, args.get("day"), args.get("leader_id"),
                                                 args["include_cancelled"]))

    @api
    def event_conflicts(self, event_id):
        """Anyone signed in: the other events of the same leaders overlapping this one (not cancelled)."""
        caller = self._caller()
        event_id = checked_id(event_id, "event_id")
        return _conflicts_out.dump(events.event_conflicts(self.db.session, caller, event_id))

    @api
    def confirm_event(self, event_id, data=None):
        """Protocol staff: tentative → confirmed (``AgendaEventNoteIn``). Publishes ``agenda.event_confirmed``."""
        caller = self._caller()
        event_id = checked_id(event_id, "event_id")
        payload = load_input(_note_in, data)
        with self.db.transaction() as tx:
            event = events.confirm(tx, caller, event_id, payload.get("note"))
            return self._events_answer(tx.session, caller, event)

    @api
    def postpone_event(self, event_id, data=None):
        """Protocol staff: tentative/confirmed → postponed with a reason (``AgendaEventReasonIn``); the room is
        released. Publishes ``agenda.event_postponed``."""
        caller = self._caller()
        event_id = checked_id(event_id, "event_id")
        payload = load_input(_reason_in, data)
        with self.db.transaction() as tx:
            event = events.postpone(tx, caller, event_id, payload["reason"],
                                    release=self._events_room_calls()["release"])
            return self._events_answer(tx.session, caller, event)

    @api
    def reschedule_event(self, event_id, data=None):
        """Protocol staff: a postponed event's new time (``AgendaEventRescheduleIn``) → tentative; an internal
        one books its room again (409 when taken). Publishes ``agenda.event_updated``."""
        caller = self._caller()
        event_id = checked_id(event_id, "event_id")
        payload = load_input(_reschedule_in, data)
        with self.db.transaction() as tx:
            event = events.reschedule(tx, caller, event_id, payload["starts_at"], payload["ends_at"],
                                      reserve=self._events_room_calls()["reserve"], note=payload.get("note"))
            return self._events_answer(tx.session, caller, event)

    @api
    def cancel_event(self, event_id, data=None):
        """Protocol staff: cancel an open event with a reason (``AgendaEventReasonIn``); the room is released.
        Publishes ``agenda.event_cancelled``."""
        caller = self._caller()
        event_id = checked_id(event_id, "event_id")
        payload = load_input(_reason_in, data)
        with self.db.transaction() as tx:
            event = events.cancel(tx, caller, event_id, payload["reason"],
                                  release=self._events_room_calls()["release"])
            return self._events_answer(tx.session, caller, event)

    @api
    def complete_event(self, event_id, data=None):
        """Protocol staff: confirmed → done once it has started (422 on ``starts_at`` before). Publishes
        ``agenda.event_done``."""
        caller = self._caller()
        event_id = checked_id(event_id, "event_id")
        payload = load_input(_note_in, data)
        with self.db.transaction() as tx:
            event = events.complete(tx, caller, event_id, payload.get("note"))
            return self._events_answer(tx.session, caller, event)
