"""Employees' approved leave (cuti), kept from kepegawaian's events, and the rule it makes: **no SPT sends a
traveller on a day of their approved leave** (issue 15; PP 11/2017: an employee on leave is released from duty,
so they cannot be ordered to travel on it). kepegawaian checks the other way (no leave over an approved trip,
from travel's ``order_approved``/``order_cancelled``).

The copy (``kepegawaian_leaves``) is ``situok_kit.leave_copy``'s: ``kepegawaian.leave_approved`` keeps the
leave with its days, ``kepegawaian.leave_cancelled`` marks it cancelled — also when it arrives before the
approval, so the late approval stays off; between two approvals of one request the later ``decided_at`` wins.

The check runs when an order is drafted or changed (``drafting``) and again when it is submitted and approved
(``commands``): a leave approved after the draft must stop the approval. A 422 names the traveller's field
(``travellers.<i>.employee_id``) and the leave's kind and days.

Known limit: kepegawaian and travel keep separate databases and learn of each other through events, so a leave
and a trip for the same days approved at the very same moment (before either event arrives) both pass; the
staff officer sees both. No distributed lock is taken for this.
"""
from __future__ import annotations

from datetime import date

from situok_kit.errors import ValidationFailed
from situok_kit.leave_copy import LeaveCopy
from sqlalchemy.orm import Session

from ..models import KepegawaianLeave

ON_LEAVE = "Pelaksana sedang cuti pada tanggal perjalanan dinas."
#: travel's copy of kepegawaian's approved leave (every employee's: anyone may be sent travelling).
COPY = LeaveCopy(KepegawaianLeave)


def approved_leave(session: Session, employee_id: int, start: date, end: date) -> list[KepegawaianLeave]:
    """The employee's approved (not cancelled) leave overlapping ``[start, end]`` (inclusive), earliest first."""
    return COPY.overlapping(session, start, end, [employee_id])


def describe(leave: KepegawaianLeave, name: str) -> str:
    what = leave.kind_name or "cuti"
    return (f"{name} sedang {what} ({leave.start_date.isoformat()} s.d. {leave.end_date.isoformat()}): "
            f"tidak dapat ditugaskan perjalanan dinas pada tanggal itu.")


def check_travellers(session: Session, travellers: list[tuple[int, str, date, date]]) -> None:
    """422 naming ``travellers.<i>.employee_id`` for every traveller (``(employee_id, name, departure,
    return)``, in the order's order) on approved leave on any day of their trip."""
    errors = {}
    for i, (employee_id, name, start, end) in enumerate(travellers):
        found = approved_leave(session, employee_id, start, end)
        if found:
            errors[f"travellers.{i}.employee_id"] = describe(found[0], name)
    if errors:
        raise ValidationFailed(ON_LEAVE, errors)

