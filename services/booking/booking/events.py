"""Events booking publishes (outbox, exchange ``booking.events``): their names live in
``situok_contracts.events.Booking``, their payloads are dumped through the ``*Event`` schemas each area lists in
its ``EVENTS`` (``booking.schemas``).

Consumed: ``personnel.employee_*`` and ``personnel.org_unit_*`` (the roster copy, ``situok_kit.roster``);
``assets.resource_published`` / ``assets.resource_withdrawn`` (the resources' copy), ``assets.maintenance_*``
(maintenance windows block bookings); ``travel.order_approved`` / ``travel.order_cancelled`` (an official
vehicle for an SPT).
"""
from __future__ import annotations

from situok_contracts.events import Booking, names

from .schemas import EVENTS

PUBLISHED = names(Booking)

#: The schema of each published event's payload.
PAYLOADS = EVENTS
