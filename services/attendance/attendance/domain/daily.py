"""Statuses of many employees over a date range, in bulk: a handful of queries (records, approved
corrections, approved leave — attendance's own requests and kepegawaian's cuti —, duty days, the calendar),
then the pure ``status.day_status`` per day."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import AttendanceRecord
from . import calendar, clock, duty, kepegawaian_leave, requests, setup
from .status import DayStatus, day_status


@dataclass(frozen=True)
class DayRow:
    """One employee's day: its status, the (corrected) check-in/out instants and the holiday's name."""

    day: date
    state: DayStatus
    check_in: datetime | None
    check_out: datetime | None
    corrected: tuple[str, ...]
    holiday: str | None


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def compute(session: Session, people: list, start: date, end: date, now: datetime | None = None,
            all_tracked: bool = False) -> dict[int, list[DayRow]]:
    """{employee_id: [DayRow]} for ``people`` (objects with ``id`` and ``unit_id``) over ``start``…``end``,
    stopping at today (WITA). ``all_tracked``: the people are everyone, so queries need no id filter."""
    now = now or clock.now()
    today = clock.wita_day(now)
    last = min(end, today)
    first_tracked = setup.tracking_start(session)
    if first_tracked is not None:
        start = max(start, first_tracked)
    result: dict[int, list[DayRow]] = {p.id: [] for p in people}
    if last < start or not people:
        return result
    ids = None if all_tracked else [p.id for p in people]
    cal = calendar.load(session, start, last)
    q = select(AttendanceRecord.employee_id, AttendanceRecord.day, AttendanceRecord.check_in_at,
               AttendanceRecord.check_out_at).where(AttendanceRecord.day.between(start, last))
    if ids is not None:
        q = q.where(AttendanceRecord.employee_id.in_(ids))
    records = {(r.employee_id, r.day): (r.check_in_at, r.check_out_at) for r in session.execute(q)}
    overrides = requests.approved_overrides(session, ids, start, last)
    leave: dict[tuple[int, date], str] = {}
    for r in requests.approved_leave(session, ids, start, last):
        for d in _days(max(r.start_date, start), min(r.end_date, last)):
            leave[(r.employee_id, d)] = r.kind
    for r in kepegawaian_leave.leave_ranges(session, ids, start, last):      # non-ASN leave from kepegawaian
        for d in _days(max(r.start_date, start), min(r.end_date, last)):
            leave.setdefault((r.employee_id, d), kepegawaian_leave.STATUS)
    on_duty: set[tuple[int, date]] = set()
    for r in duty.duty_ranges(session, ids, start, last):
        for d in _days(max(r.start_date, start), min(r.end_date, last)):
            on_duty.add((r.employee_id, d))
    now_time = clock.wita_time(now)
    days = _days(start, last)
    for p in people:
        rows = result[p.id]
        for d in days:
            key = (p.id, d)
            ci, co = records.get(key, (None, None))
            corrected: tuple[str, ...] = ()
            fix = overrides.get(key)
            if fix:
                ci, co = fix.get("check_in", ci), fix.get("check_out", co)
                corrected = tuple(sorted(fix))
            holiday = cal.holiday(d)
            state = day_status(cal.hours(p.unit_id, d), holiday is not None,
                               clock.wita_time(ci) if ci else None, clock.wita_time(co) if co else None,
                               leave.get(key), key in on_duty, now_time if d == today else None)
            rows.append(DayRow(d, state, ci, co, corrected, holiday))
    return result
