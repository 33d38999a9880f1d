"""Events kepegawaian publishes (outbox, exchange ``kepegawaian.events``): their names live in
``situok_contracts.events.Kepegawaian``, their payloads are dumped through the ``*Event`` schemas each area lists
in its ``EVENTS`` (``kepegawaian.schemas``).

Consumed: ``personnel.employee_*`` and ``personnel.org_unit_*`` (the roster copy, ``situok_kit.roster``);
travel's ``order_approved`` / ``order_issued`` (the SPT's number) / ``order_cancelled`` (approved trips per
employee, against which leave is checked: ``domain.trips``).
"""
from __future__ import annotations

from situok_contracts.events import Kepegawaian, names

from .schemas import EVENTS

PUBLISHED = names(Kepegawaian)

#: The schema of each published event's payload.
PAYLOADS = EVENTS
