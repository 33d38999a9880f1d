"""Drivers on leave, from kepegawaian: the copy of approved leave (``situok_kit.leave_copy``: approvals kept,
cancellations as tombstones so a late approval stays off). ``drivers.absent_during`` / ``drivers.absence_of``
count it as an absence, so a driver on approved leave is left out of the free drivers (the assignment form,
travel's vehicle reservation) and refused an assignment (409) on any WITA day of the leave — as with an absence a
keeper enters by hand.

Every employee's leave is kept (not only today's drivers): one put on the drivers' list later is still known to
be away."""
from __future__ import annotations

from datetime import date

from situok_kit.leave_copy import LeaveCopy
from sqlalchemy.orm import Session

from ..models import DriverAbsence, DriverLeave

#: What an absence built from a leave says when it has no kind name.
DEFAULT_REASON = "Cuti (kepegawaian)"
COPY = LeaveCopy(DriverLeave)
leave_approved = COPY.approved
leave_cancelled = COPY.cancelled
on_leave_condition = COPY.on_leave


def leave_of(session: Session, employee_id: int, first: date, last: date) -> DriverAbsence | None:
    """The employee's first approved leave touching ``[first, last]``, shaped as a (transient, never saved)
    ``DriverAbsence`` of kind ``leave`` so the callers' messages name it as any absence."""
    found = COPY.overlapping(session, first, last, [employee_id])
    if not found:
        return None
    leave = found[0]
    return DriverAbsence(driver_employee_id=employee_id, kind="leave", starts_on=leave.start_date,
                         ends_on=leave.end_date, reason=leave.kind_name or DEFAULT_REASON, created_by="kepegawaian")
