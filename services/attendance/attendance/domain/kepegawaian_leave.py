"""Cuti days from kepegawaian: ``kepegawaian.leave_approved`` of a non-ASN employee (attendance tracks non-ASN
staff; ASN leave is kepegawaian's own business) marks each day from ``start_date`` to ``end_date`` as leave,
shown ``cuti`` (``status.day_status``: libur > dinas luar > izin/sakit/cuti > the records) and counted so in
the monthly recap; ``kepegawaian.leave_cancelled`` takes it off again. A cancellation arriving before the
approval leaves a cancelled row behind, so the late approval stays off (``situok_kit.leave_copy``)."""
from __future__ import annotations

from datetime import date

from situok_kit.leave_copy import LeaveCopy
from sqlalchemy.orm import Session

from ..models import KepegawaianLeave

#: The employment type whose leave attendance shows (``LeaveEvent.employment_type``).
TRACKED = "non_asn"
#: The day status an approved kepegawaian leave gives (``status.STATUSES``).
STATUS = "cuti"
#: attendance's copy: only non-ASN employees' leave (ASN leave is kepegawaian's own business).
COPY = LeaveCopy(KepegawaianLeave, keeps=lambda leave: leave["employment_type"] == TRACKED)
leave_approved = COPY.approved
leave_cancelled = COPY.cancelled


def leave_ranges(session: Session, employee_ids, start: date, end: date) -> list[KepegawaianLeave]:
    """The approved, not cancelled leave (``employee_id``, ``start_date``, ``end_date`` …) overlapping
    ``[start, end]``, of ``employee_ids`` (None: everyone's)."""
    return COPY.overlapping(session, start, end, employee_ids)
