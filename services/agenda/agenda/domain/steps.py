"""An event's steps (``EventStep``): every action, who took it and their note — written in the action's
transaction, read back as the event's history."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import EventStep
from .access import Caller

#: Who a step is by when no employee took it.
SYSTEM = "system"


def record(session: Session, event_id: int, action: str, by: Caller | str, note: str | None = None) -> EventStep:
    """Write one step of event ``event_id`` (``by``: the caller, or ``SYSTEM``)."""
    if isinstance(by, Caller):
        step = EventStep(event_id=event_id, action=action, actor_employee_id=by.employee_id, actor=by.username,
                         note=note)
    else:
        step = EventStep(event_id=event_id, action=action, actor=by, note=note)
    session.add(step)
    session.flush()
    return step


def of(session: Session, event_id: int) -> list[EventStep]:
    """The steps of one event, oldest first."""
    return list(session.scalars(select(EventStep).where(EventStep.event_id == event_id).order_by(EventStep.id)))
