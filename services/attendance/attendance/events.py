"""Events attendance publishes (outbox, exchange ``attendance.events``): their names live in
``situok_contracts.events.Attendance``, their payloads are dumped through the ``*Event`` schemas
(``PAYLOADS``). The steps of the workflow tables (``domain.workflow``) name their own events.

Consumed: ``personnel.employee_*`` and ``personnel.org_unit_*`` (the roster copy, ``situok_kit.roster``),
``travel.order_approved`` / ``travel.order_cancelled`` (dinas luar days, ``domain.duty``).
"""
from __future__ import annotations

from situok_contracts.events import Attendance, names

from .schemas import (
    AttendanceRecordEvent,
    CorrectionEvent,
    CorrectionSubmittedEvent,
    LeaveRequestEvent,
    LeaveRequestSubmittedEvent,
    RecordReviewedEvent,
)

CHECKED_IN = Attendance.CHECKED_IN
CHECKED_OUT = Attendance.CHECKED_OUT
REQUEST_SUBMITTED = Attendance.REQUEST_SUBMITTED
CORRECTION_SUBMITTED = Attendance.CORRECTION_SUBMITTED
RECORD_REVIEWED = Attendance.RECORD_REVIEWED

PUBLISHED = names(Attendance)

#: The schema of each published event's payload.
PAYLOADS = {
    Attendance.CHECKED_IN: AttendanceRecordEvent,
    Attendance.CHECKED_OUT: AttendanceRecordEvent,
    Attendance.REQUEST_SUBMITTED: LeaveRequestSubmittedEvent,
    Attendance.REQUEST_APPROVED: LeaveRequestEvent,
    Attendance.REQUEST_REJECTED: LeaveRequestEvent,
    Attendance.REQUEST_CANCELLED: LeaveRequestEvent,
    Attendance.CORRECTION_SUBMITTED: CorrectionSubmittedEvent,
    Attendance.CORRECTION_APPROVED: CorrectionEvent,
    Attendance.CORRECTION_REJECTED: CorrectionEvent,
    Attendance.CORRECTION_CANCELLED: CorrectionEvent,
    Attendance.RECORD_REVIEWED: RecordReviewedEvent,
}

_record = AttendanceRecordEvent()
_request = LeaveRequestEvent()
_request_submitted = LeaveRequestSubmittedEvent()
_correction = CorrectionEvent()
_correction_submitted = CorrectionSubmittedEvent()
_record_reviewed = RecordReviewedEvent()


def record_data(record, employee) -> dict:
    """``checked_in`` / ``checked_out``: the day's record with the employee's name and unit (no selfie)."""
    return _record.dump((record, employee))


def request_submitted_data(request, employee) -> dict:
    return _request_submitted.dump((request, employee))


def request_data(request) -> dict:
    """A leave request after a step of its table (approved, rejected, cancelled)."""
    return _request.dump(request)


def correction_submitted_data(correction, employee) -> dict:
    return _correction_submitted.dump((correction, employee))


def correction_data(correction) -> dict:
    """A correction after a step of its table (approved, rejected, cancelled)."""
    return _correction.dump(correction)


def record_reviewed_data(record, employee, decision: dict) -> dict:
    """``record_reviewed``: which side of whose record was taken off the review queue, by whom, with its note."""
    return _record_reviewed.dump((record, employee, decision))
