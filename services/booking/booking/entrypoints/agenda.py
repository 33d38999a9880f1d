"""agenda's rooms (``domain.agenda_reservations``): agenda books a room or a building for a leader's internal event
or an approved official visit, as the system, and needs the answer now. System callers only: an employee —
admin included — is refused (403); agenda's staff act through agenda, which decides who may book."""
from __future__ import annotations

from situok_kit.identity import SYSTEM
from situok_kit.rpc import api
from situok_kit.schema import load_input

from ..domain import agenda_reservations
from ..schemas.agenda import AgendaRoomIn, AgendaRoomOut, AgendaRoomReleaseIn

_room_in = AgendaRoomIn()
_release_in = AgendaRoomReleaseIn()
_room_out = AgendaRoomOut()


def _given(**arguments) -> dict:
    """The arguments sent (a missing one is named as required, not as null)."""
    return {name: value for name, value in arguments.items() if value is not None}


class AgendaEntrypoints:
    """RPCs of agenda's rooms (mixed into ``BookingService``)."""

    def _agenda_require_system(self) -> None:
        """401 without an identity, 403 for anyone but the system (the check of assets'
        ``booking_resource_snapshot``: the ``SYSTEM`` identity comes only from a system token)."""
        ident = self.caller.require()
        self.caller.ensure(ident.account_id == SYSTEM.account_id and ident.username == SYSTEM.username,
                           f"{self.caller.method} is for services only")

    @api
    def reserve_for_agenda(self, reference=None, resource_id=None, starts_at=None, ends_at=None, purpose=None,
                           contact_employee_id=None):
        """System only (agenda): book room ``resource_id`` over ``[starts_at, ends_at)`` (ISO 8601) for
        ``reference`` (``agenda-event:<id>`` / ``agenda-visit:<id>``), approved at once — or keep/move the
        reference's one booking (``AgendaRoomOut``). 422 naming the field; 409 when the time is taken, the
        message naming the booking that holds it (``extra['conflicts']``), nothing written."""
        self._agenda_require_system()
        data = load_input(_room_in, _given(reference=reference, resource_id=resource_id, starts_at=starts_at,
                                           ends_at=ends_at, purpose=purpose, contact_employee_id=contact_employee_id))
        with self.db.transaction() as tx:
            return _room_out.dump(agenda_reservations.reserve(tx, data))

    @api
    def release_for_agenda(self, reference=None, reason=None):
        """System only (agenda): cancel the booking of ``reference`` with ``reason`` (``AgendaRoomOut`` of the
        cancelled booking), or null when it has none."""
        self._agenda_require_system()
        data = load_input(_release_in, _given(reference=reference, reason=reason))
        with self.db.transaction() as tx:
            released = agenda_reservations.release(tx, data)
            return _room_out.dump(released) if released is not None else None
