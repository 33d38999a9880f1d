"""What the caller may do in agenda, in general (``AgendaCapabilitiesOut``): what an edge offers them — a menu
link, a page, a button. Records still carry their own ``allowed_actions``."""
from __future__ import annotations

from .access import Caller


def capabilities(caller: Caller) -> dict[str, bool]:
    protocol = caller.is_protocol_staff
    approver = caller.approves_publication
    return {
        "read": caller.is_employee or caller.is_admin,
        "manage_events": protocol,
        "manage_leaders": protocol,
        "document": protocol,
        "approve_publication": approver,
        "view_visits": protocol or approver,
        "decide_visits": approver,
        "check_in_visitors": protocol,
        "triage_feedback": protocol,
        "answer_feedback": caller.is_employee,
        "manage_settings": caller.is_admin,
    }
