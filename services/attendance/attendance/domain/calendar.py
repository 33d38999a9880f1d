"""Which hours apply on a day for a unit: periods (Ramadan dates are data), per-unit schedules with the
default (no unit) behind them, and the holiday calendar. ``Calendar`` is loaded once per request and then
answers from memory."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Holiday, RosterUnit, SpecialPeriod, WorkSchedule
from .status import Hours


@dataclass
class Calendar:
    holidays: dict[date, str]
    periods: list[tuple[str, date, date]]
    schedules: dict[tuple[int | None, str], dict[int, Hours]]
    parents: dict[int, int | None]
    _cache: dict = field(default_factory=dict)

    def period_of(self, day: date) -> str:
        for period, start, end in self.periods:
            if start <= day <= end:
                return period
        return "normal"

    def _week(self, unit_id: int | None, period: str) -> dict[int, Hours]:
        key = (unit_id, period)
        if key in self._cache:
            return self._cache[key]
        week = None
        seen = set()
        unit = unit_id
        while unit is not None and unit not in seen:  # the nearest unit up the tree with its own schedule
            seen.add(unit)
            if (unit, period) in self.schedules:
                week = self.schedules[(unit, period)]
                break
            unit = self.parents.get(unit)
        if week is None:
            week = self.schedules.get((None, period))
        if week is None and period != "normal":
            week = self._week(unit_id, "normal")
        self._cache[key] = week or {}
        return self._cache[key]

    def hours(self, unit_id: int | None, day: date) -> Hours | None:
        """The working hours of ``day`` for ``unit_id`` (None: not a working day by schedule)."""
        return self._week(unit_id, self.period_of(day)).get(day.weekday())

    def holiday(self, day: date) -> str | None:
        return self.holidays.get(day)


def load(session: Session, start: date | None = None, end: date | None = None) -> Calendar:
    q = select(Holiday.day, Holiday.name)
    if start and end:
        q = q.where(Holiday.day.between(start, end))
    holidays = {row.day: row.name for row in session.execute(q)}
    periods = [(p.period, p.start_date, p.end_date) for p in session.scalars(select(SpecialPeriod))]
    schedules: dict = {}
    for s in session.scalars(select(WorkSchedule)):
        schedules.setdefault((s.unit_id, s.period), {})[s.weekday] = Hours(s.start_time, s.end_time,
                                                                            s.break_start, s.break_end)
    parents = dict(session.execute(select(RosterUnit.id, RosterUnit.parent_id)).all())
    return Calendar(holidays, periods, schedules, parents)
