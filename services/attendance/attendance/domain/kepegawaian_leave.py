"""Cuti days from kepegawaian: ``kepegawaian.leave_approved`` of a non-ASN employee (attendance tracks non-ASN
staff; ASN leave is kepegawaian's own business) marks each day from ``start_date`` to ``end_date`` as leave,
shown ``cuti`` (``status.day_status``: libur > dinas luar > izin/sakit/cuti > the records) and counted so in
the monthly recap; ``kepegawaian.leave_cancelled`` takes it off again. A cancellation arriving before the
approval leaves a cancelled row behind, so the late approval stays off (as ``duty`` does for travel)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import KepegawaianLeave, utcnow

#: The employment type whose leave attendance shows (``LeaveEvent.employment_type``).
TRACKED = "non_asn"
#: The day status an approved kepegawaian leave gives (``status.STATUSES``).
STATUS = "cuti"


def _d(value) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def leave_approved(session: Session, data: dict) -> bool:
    """Keep the approved leave's days (False: not a non-ASN employee's, ignored)."""
    if data.get("employment_type") != TRACKED or not data.get("start_date") or not data.get("end_date"):
        return False
    start, end = _d(data["start_date"]), _d(data["end_date"])
    stmt = pg_insert(KepegawaianLeave).values(
        leave_id=int(data["id"]), employee_id=int(data["employee_id"]), start_date=start, end_date=end,
        kind=data.get("kind"), kind_name=data.get("kind_name"), cancelled=False, updated_at=utcnow())
    session.execute(stmt.on_conflict_do_update(
        index_elements=[KepegawaianLeave.leave_id],
        set_={"employee_id": stmt.excluded.employee_id, "start_date": start, "end_date": end,
              "kind": stmt.excluded.kind, "kind_name": stmt.excluded.kind_name, "updated_at": utcnow()},
        where=KepegawaianLeave.cancelled.is_(False)))
    return True


def leave_cancelled(session: Session, data: dict) -> bool:
    """The leave's days are no longer leave (False: not a non-ASN employee's, ignored)."""
    if data.get("employment_type") != TRACKED:
        return False
    stmt = pg_insert(KepegawaianLeave).values(
        leave_id=int(data["id"]), employee_id=int(data["employee_id"]), start_date=_d(data.get("start_date")),
        end_date=_d(data.get("end_date")), kind=data.get("kind"), kind_name=data.get("kind_name"), cancelled=True,
        updated_at=utcnow())
    session.execute(stmt.on_conflict_do_update(index_elements=[KepegawaianLeave.leave_id],
                                               set_={"cancelled": True, "updated_at": utcnow()}))
    return True


def leave_ranges(session: Session, employee_ids, start: date, end: date) -> list:
    """``(employee_id, start_date, end_date)`` of approved, not cancelled leave overlapping ``[start, end]``."""
    q = select(KepegawaianLeave.employee_id, KepegawaianLeave.start_date, KepegawaianLeave.end_date).where(
        KepegawaianLeave.cancelled.is_(False), KepegawaianLeave.start_date <= end, KepegawaianLeave.end_date >= start)
    if employee_ids is not None:
        q = q.where(KepegawaianLeave.employee_id.in_(employee_ids))
    return list(session.execute(q))
