"""Events assets publishes (outbox, exchange ``assets.events``): their names live in
``situok_contracts.events.Assets``, their payloads are dumped through the ``*Event`` schemas each area lists in
its ``EVENTS`` (``assets.schemas``).

Consumed: ``personnel.employee_*`` and ``personnel.org_unit_*`` (the roster copy, ``situok_kit.roster``),
``booking.trip_returned`` (a vehicle's kilometres and reported damage into its history,
``domain.trips``).
"""
from __future__ import annotations

from situok_contracts.events import Assets, names

from .schemas import EVENTS

PUBLISHED = names(Assets)

#: The schema of each published event's payload.
PAYLOADS = EVENTS
