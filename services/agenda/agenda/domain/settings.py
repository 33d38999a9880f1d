"""agenda's settings row (``AgendaSettings``): read by every rule that names the protocol unit, the approving
role or a public form's limits; seeded with the defaults and a random form-ticket secret."""
from __future__ import annotations

import secrets
from datetime import timedelta

from situok_kit.errors import ValidationFailed
from situok_kit.public_forms import FormTickets
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import AgendaSettings

#: How long a public form may stay open before it is sent (a ticket older than this is refused: reload the form).
TICKET_MAX_AGE = timedelta(hours=12)
EDITABLE = ("protocol_unit_code", "approver_role", "visit_requests_per_hour", "feedback_per_hour",
            "form_min_seconds")


def get_settings(session: Session) -> AgendaSettings:
    row = session.get(AgendaSettings, 1)
    if row is None:  # a database the seed has not reached yet: the defaults, written once
        seed(session)
        row = session.get(AgendaSettings, 1)
    return row


def form_tickets(session: Session) -> FormTickets:
    """The public forms' time-to-submit tickets (``situok_kit.public_forms``)."""
    return FormTickets(get_settings(session).form_secret)


def check_ticket(session: Session, ticket, now) -> None:
    """A public form's ticket (visit request, feedback): 422 on ``ticket`` when it is missing, forged, sent
    sooner than ``form_min_seconds`` after it was issued, or older than ``TICKET_MAX_AGE``."""
    form_tickets(session).check(ticket, now, min_seconds=get_settings(session).form_min_seconds,
                                max_age=TICKET_MAX_AGE)


def update(session: Session, values: dict) -> AgendaSettings:
    """``values``: ``AgendaSettingsIn``, loaded (only the fields given change)."""
    from situok_contracts.roles import ROLES

    if values.get("approver_role") and values["approver_role"] not in ROLES:
        raise ValidationFailed("Pengaturan agenda belum benar.", {"approver_role": "Peran tidak dikenal."})
    row = get_settings(session)
    for name in EDITABLE:
        if name in values:
            setattr(row, name, values[name])
    session.flush()
    return row


def seed(session: Session) -> dict:
    if session.scalar(select(AgendaSettings.id).where(AgendaSettings.id == 1)) is not None:
        return {"settings": 0}
    session.add(AgendaSettings(id=1, form_secret=secrets.token_bytes(32)))
    session.flush()
    return {"settings": 1}
