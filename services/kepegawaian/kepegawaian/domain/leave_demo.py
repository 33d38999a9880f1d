"""Sample leave for ``make run`` (``kepegawaian.demo`` PARTS): the Pengadministrasi Keuangan (``pegawai``) with an
approved annual leave next month and the Bendahara Pengeluaran (``bendahara``) with one waiting for their
supervisor. Once only (nothing when either has leave already). Days are counted Monday–Friday without
attendance's holidays (the demo runs without the broker); the events are not published (sample data)."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from psycopg2.extras import DateRange
from situok_kit.clock import utcnow, wita_day
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import LeaveRequest, RosterEmployee
from . import leave, leave_rules


def _monday_after(day: date, weeks: int) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7 or 7) + timedelta(weeks=weeks)


def _employee(session: Session, nip_like: str | None, name_like: str) -> RosterEmployee | None:
    return session.scalar(select(RosterEmployee).where(RosterEmployee.active.is_(True),
                                                       RosterEmployee.position_name.ilike(name_like)).limit(1))


def _add(session: Session, employee: RosterEmployee, start: date, end: date, status: str, now) -> bool:
    if leave.has_leave(session, employee.id):
        return False
    rule = leave.rules_of(session, employee.employment_type).get("tahunan")
    if rule is None:
        return False
    days = leave_rules.count_days(rule, start, end, {})
    row = LeaveRequest(employee_id=employee.id, employee_name=employee.full_name, nip=employee.nip,
                       employment_type=employee.employment_type, unit_id=employee.unit_id,
                       supervisor_id=employee.supervisor_id, kind="tahunan", kind_name=rule.name, start_date=start,
                       end_date=end, period=DateRange(start, end, "[]"), days=Decimal(str(days)),
                       reason="Urusan keluarga (contoh)", status=status, created_at=now, filed_by="demo")
    if status == "approved":
        row.considered_option = row.decided_option = "setuju"
        row.considered_at = row.decided_at = now
        row.considered_by_employee_id = employee.supervisor_id
    session.add(row)
    session.flush()
    return True


def demo(session: Session) -> dict:
    leave.seed(session)
    now = utcnow()
    today = wita_day(now)
    added = 0
    pegawai = _employee(session, None, "Pengadministrasi Keuangan%")
    if pegawai is not None:
        start = _monday_after(today, 2)
        added += _add(session, pegawai, start, start + timedelta(days=2), "approved", now)
    bendahara = _employee(session, None, "Bendahara Pengeluaran%")
    if bendahara is not None:
        start = _monday_after(today, 4)
        added += _add(session, bendahara, start, start + timedelta(days=1), "submitted", now)
    return {"leave_requests": added}
