"""What the caller may do in attendance, in general (``AttendanceCapabilitiesOut``): what an edge offers them —
menu links, the supervisor pages. Decided by ``access`` (the roster, not the token: a transfer or a new
supervisor takes effect at once); each leave request and correction still carries its own ``allowed_actions``.

* ``check_in``: an active non-ASN employee (the one attendance tracks): check-in/out, leave requests and
  corrections of their own;
* ``supervise``: sees the supervisor pages — the inbox, the review queue, today's board, the monthly recap — of
  the people in their scope: a supervisor or unit head (``Viewer.is_supervisor``), or admin (who reads everything);
* ``decide``: approves and rejects the requests and corrections of the people they supervise (never admin
  as such: approving stays with the supervisors);
* ``manage_setup``: locations, schedules, periods, holidays, weights, settings, the roster copy (admin).
"""
from __future__ import annotations

from situok_kit.identity import Identity
from sqlalchemy.orm import Session

from . import access

#: Every capability, in the order ``AttendanceCapabilitiesOut`` lists them (after ``employee_id``).
CAPABILITIES = ("check_in", "supervise", "decide", "manage_setup")


def capabilities(session: Session, ident: Identity) -> dict:
    who = access.whoami(session, ident)
    return {"employee_id": who["employee_id"], "check_in": who["tracked"],
            "supervise": who["supervisor"] or who["admin"], "decide": who["supervisor"],
            "manage_setup": who["admin"]}
