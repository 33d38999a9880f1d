"""What the caller may do in kepegawaian, in general (``KepegawaianCapabilitiesOut``): what an edge offers them —
a menu link, a page, a button. Records still carry their own ``allowed_actions``."""
from __future__ import annotations

from .access import Caller


def capabilities(caller: Caller) -> dict[str, bool]:
    employee = caller.is_employee
    officer = caller.is_staff_officer
    return {
        "own_records": employee,
        "supervise": caller.is_supervisor,
        "decide_leave": caller.is_official,
        "manage_records": officer,
        "verify_documents": officer,
        "view_due_dates": officer,
        "export": officer or caller.is_official,
        "manage_settings": caller.is_admin,
    }
