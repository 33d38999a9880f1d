"""The life of a leave request and of a correction, each as one table (``situok_kit.workflow``).

Who may take a step is a *capacity* of the caller towards the record's employee (``capacities``):

* ``owner``: the employee it is about — cancels it while it is submitted, and an approved leave request
  before its first day (guard ``not_started``);
* ``supervisor``: the employee's supervisor or a head of their unit or a unit above it (``Viewer.manages``,
  never oneself) — approves or rejects it while it is submitted;
* ``admin``: reads everything, takes no step (approving stays with the supervisors).

Separation of duties (``not_by``): the record's employee — who also submitted it, a request is always one's
own — is its ``participant`` and never approves or rejects it, even should ``Viewer.manages`` one day count
them (a supervisor's own request goes to their own supervisor).

Every command is ``TABLE.check(...)``; every answer's ``allowed_actions`` is ``TABLE.allowed_actions(...)``.
"""
from __future__ import annotations

from datetime import date

from situok_contracts.events import Attendance
from situok_kit.workflow import PARTICIPANT, Guard, Step, Workflow

from ..models import Correction, LeaveRequest, RosterEmployee
from .access import Viewer

OWNER, SUPERVISOR, ADMIN = "owner", "supervisor", "admin"
APPROVE, REJECT, CANCEL = "approve", "reject", "cancel"
#: Every action a leave request or correction answer may list in ``allowed_actions``.
ACTIONS = (APPROVE, REJECT, CANCEL)
#: How a refused step is worded: "Pengajuan berstatus disetujui tidak dapat ditolak."
VERBS = {APPROVE: "disetujui", REJECT: "ditolak", CANCEL: "dibatalkan"}
LABELS = {"submitted": "diajukan", "approved": "disetujui", "rejected": "ditolak", "cancelled": "dibatalkan"}
NOT_STARTED = "not_started"

_DECIDERS = "Anda tidak berwenang memutuskan pengajuan ini."
_OWNER_ONLY = "Hanya pegawai yang mengajukannya yang dapat membatalkan."

LEAVE_REQUEST = Workflow("pengajuan", [
    Step(APPROVE, ("submitted",), "approved", who=(SUPERVISOR,), event=Attendance.REQUEST_APPROVED,
         denied=_DECIDERS, not_by=(PARTICIPANT,)),
    Step(REJECT, ("submitted",), "rejected", who=(SUPERVISOR,), event=Attendance.REQUEST_REJECTED,
         denied=_DECIDERS, not_by=(PARTICIPANT,)),
    Step(CANCEL, ("submitted",), "cancelled", who=(OWNER,), event=Attendance.REQUEST_CANCELLED,
         denied=_OWNER_ONLY),
    Step(CANCEL, ("approved",), "cancelled", who=(OWNER,), event=Attendance.REQUEST_CANCELLED,
         requires=(NOT_STARTED,), denied=_OWNER_ONLY),
], LABELS)

CORRECTION = Workflow("koreksi", [
    Step(APPROVE, ("submitted",), "approved", who=(SUPERVISOR,), event=Attendance.CORRECTION_APPROVED,
         denied=_DECIDERS, not_by=(PARTICIPANT,)),
    Step(REJECT, ("submitted",), "rejected", who=(SUPERVISOR,), event=Attendance.CORRECTION_REJECTED,
         denied=_DECIDERS, not_by=(PARTICIPANT,)),
    Step(CANCEL, ("submitted",), "cancelled", who=(OWNER,), event=Attendance.CORRECTION_CANCELLED,
         denied=_OWNER_ONLY),
], LABELS)


def capacities(view: Viewer, employee: RosterEmployee) -> frozenset[str]:
    """What the caller (``view``) is to a record of ``employee``."""
    found = set()
    if employee.id == view.identity.employee_id:
        found.update((OWNER, PARTICIPANT))
    if view.manages(employee):
        found.add(SUPERVISOR)
    if view.sees_all:
        found.add(ADMIN)
    return frozenset(found)


def request_guards(request: LeaveRequest, today: date) -> dict[str, Guard]:
    """An approved leave is cancelled before its first day (WITA), never once it has begun."""
    def not_started():
        if today < request.start_date:
            return None
        return "start_date", "Izin/sakit/cuti yang sudah dimulai tidak dapat dibatalkan."

    return {NOT_STARTED: not_started}


def correction_guards(correction: Correction, today: date) -> dict[str, Guard]:
    return {}
