"""Recaps: an employee's days of a month (and of today), the monthly recap of a unit (per employee and totals)
and the supervisor's "today" view. Each returns the values its answer schema dumps: a person with their
summary or day is the pair ``(employee, summary)`` / ``(employee, DayRow)``."""
from __future__ import annotations

from datetime import date

from situok_kit.errors import Forbidden, NotFound
from situok_kit.identity import Identity
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import AttendanceRecord
from . import access, clock, daily, roster, setup
from .status import CODES, STATUSES, TODAY_GROUP, TODAY_GROUPS, summarize

_TOTALLED = ("working_days", "late_minutes", "early_minutes", "deduction_bp")


def month_range(year: int, month: int) -> tuple[date, date]:
    from calendar import monthrange

    return date(year, month, 1), date(year, month, monthrange(year, month)[1])


def employee_month(session: Session, ident: Identity, employee_id: int | None, year: int, month: int) -> dict:
    """``EmployeeDaysOut``: an employee's (default: the caller's) days of a month, up to today."""
    view = access.viewer(session, ident)
    employee = access.visible_employee(session, view, employee_id or ident.employee_id or 0)
    start, end = month_range(year, month)
    rows = daily.compute(session, [employee], start, end)[employee.id]
    return {"employee": employee, "month": f"{year:04d}-{month:02d}", "days": rows,
            "summary": summarize([r.state for r in rows], setup.weights_map(session))}


def my_today(session: Session, ident: Identity) -> dict:
    """``MyTodayOut``: the caller's record of today (or None) and the day's status."""
    today = clock.wita_day()
    month = employee_month(session, ident, None, today.year, today.month)
    employee = month["employee"]
    record = session.scalar(select(AttendanceRecord).where(AttendanceRecord.employee_id == employee.id,
                                                           AttendanceRecord.day == today))
    return {"day": today, "record": (record, employee) if record else None,
            "status": next((row for row in month["days"] if row.day == today), None)}


def _scope(session: Session, ident: Identity, unit_id: int | None) -> tuple[list, bool]:
    """(employees, everyone?) a supervisor's view covers; 403 for a caller who supervises nobody."""
    view = access.viewer(session, ident)
    if not (view.sees_all or view.is_supervisor):
        raise Forbidden("Hanya atasan atau kepala unit yang dapat melihat rekap unit.")
    if unit_id and not view.sees_all and unit_id not in view.unit_ids:
        ids = access.scope_employee_ids(session, view, unit_id)
        if not ids:
            raise NotFound("Unit tidak ditemukan.")
    ids = access.scope_employee_ids(session, view, unit_id)
    people = roster.tracked(session, employee_ids=ids) if ids is not None else roster.tracked(session)
    return people, ids is None


def _totals(summaries: list[dict]) -> dict:
    totals = {"days": dict.fromkeys(STATUSES, 0), "codes": dict.fromkeys(CODES, 0), **dict.fromkeys(_TOTALLED, 0)}
    for summary in summaries:
        for key in ("days", "codes"):
            for code, n in summary[key].items():
                totals[key][code] += n
        for key in _TOTALLED:
            totals[key] += summary[key]
    return totals


def monthly_recap(session: Session, ident: Identity, year: int, month: int, unit_id: int | None = None) -> dict:
    """``RecapOut``: every employee of the caller's scope (or ``unit_id``) with their month's summary."""
    people, everyone = _scope(session, ident, unit_id)
    start, end = month_range(year, month)
    weights = setup.weights_map(session)
    computed = daily.compute(session, people, start, end, all_tracked=everyone)
    rows = [(e, summarize([r.state for r in computed[e.id]], weights)) for e in people]
    return {"month": f"{year:04d}-{month:02d}", "unit_id": unit_id,
            "unit_name": roster.unit_name(session, unit_id) if unit_id else None,
            "until": min(end, clock.wita_day()), "weights": weights, "employees": rows,
            "totals": _totals([summary for _, summary in rows])}


def today_view(session: Session, ident: Identity, unit_id: int | None = None) -> dict:
    """``TodayOut``: the caller's scope today, grouped (``status.TODAY_GROUPS``)."""
    people, everyone = _scope(session, ident, unit_id)
    today = clock.wita_day()
    computed = daily.compute(session, people, today, today, all_tracked=everyone)
    groups: dict[str, list] = {group: [] for group in TODAY_GROUPS}
    for e in people:
        for row in computed[e.id]:
            groups[TODAY_GROUP[row.state.status]].append((e, row))
    return {"day": today, "unit_id": unit_id, "counts": {k: len(v) for k, v in groups.items()},
            "total": len(people), **groups}
