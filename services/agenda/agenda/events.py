"""Events agenda publishes (outbox, exchange ``agenda.events``): their names live in
``situok_contracts.events.Agenda``, their payloads are dumped through the ``*Event`` schemas each area lists in
its ``EVENTS`` (``agenda.schemas``).

Consumed: ``personnel.employee_*`` and ``personnel.org_unit_*`` (the roster copy, ``situok_kit.roster``) — who
the protocol staff are, names, the units feedback goes to. Rooms are booked in booking by RPC
(``domain.rooms``), not by events: the staff need the answer (free or taken) at once; ``booking.cancelled`` of
one of agenda's bookings cancelled there by someone else marks the event or visit (``domain.room_notices``).
"""
from __future__ import annotations

from situok_contracts.events import Agenda, names

from .schemas import EVENTS

PUBLISHED = names(Agenda)

#: The schema of each published event's payload.
PAYLOADS = EVENTS
