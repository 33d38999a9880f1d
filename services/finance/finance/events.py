"""Events finance publishes (outbox, exchange ``finance.events``): their names live in
``situok_contracts.events.Finance``, their payloads are dumped through the ``*Event`` schemas each area lists
in its ``EVENTS`` (``finance.schemas``). The steps of the workflow tables (``domain.workflow``) name their own
events.

Consumed: ``personnel.employee_*`` and ``personnel.org_unit_*`` (the roster copy, ``situok_kit.roster``),
``travel.order_realized`` (a draft travel SPJ, ``domain.travel_spj``).
"""
from __future__ import annotations

from situok_contracts.events import Finance, names

from .schemas import EVENTS

PUBLISHED = names(Finance)

#: The schema of each published event's payload.
PAYLOADS = EVENTS
