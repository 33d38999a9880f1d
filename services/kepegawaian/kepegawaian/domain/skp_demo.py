"""Sample SKP for ``make run``: this year's plan of ``pegawai`` (with their supervisor's, so it aligns),
agreed, with one period's progress (a link as evidence)."""
from __future__ import annotations

from decimal import Decimal

from situok_kit.clock import utcnow, wita_day
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import RosterEmployee, SkpIndicator, SkpPlan, SkpProgress, SkpResult
from . import skp
from . import skp_rules as rules

#: personnel's seeded ``pegawai`` (Pengadministrasi Keuangan), supervised by the Kepala Subbagian Perbendaharaan.
DEMO_EMPLOYEE = "I Kadek Agus Wirawan"


def _plan(session: Session, employee: RosterEmployee, year: int, results: list[tuple[str, str, int | None]],
          now) -> SkpPlan:
    first, last = rules.year_bounds(year)
    plan = SkpPlan(employee_id=employee.id, employee_name=employee.full_name, unit_id=employee.unit_id,
                   supervisor_id=employee.supervisor_id, year=year, period_start=first, period_end=last,
                   period_kind=rules.DEFAULT_PERIOD_KIND, status="approved", behaviour_expectations={},
                   submitted_at=now, approved_at=now, approved_by="demo")
    for position, (text, unit, aligned) in enumerate(results, 1):
        result = SkpResult(position=position, kind="utama", text=text, aligned_result_id=aligned,
                           aligned_goal=None if aligned else "Tata kelola keuangan biro yang akuntabel")
        result.indicators = [SkpIndicator(position=1, text=f"Jumlah {unit} yang diselesaikan tepat waktu",
                                          target_value=Decimal(12), target_unit=unit, aspect="kuantitas")]
        plan.results.append(result)
    session.add(plan)
    session.flush()
    return plan


def demo(session: Session) -> dict:
    skp.seed(session)
    employee = session.scalar(select(RosterEmployee).where(RosterEmployee.full_name.like(f"%{DEMO_EMPLOYEE}%"),
                                                           RosterEmployee.active.is_(True)).limit(1))
    if employee is None:
        return {}
    year = wita_day().year
    if session.scalar(select(SkpPlan.id).where(SkpPlan.employee_id == employee.id, SkpPlan.year == year)):
        return {"skp_plans": 0}
    now = utcnow()
    created = 0
    aligned = None
    boss = session.get(RosterEmployee, employee.supervisor_id) if employee.supervisor_id else None
    if boss is not None:
        boss_plan = session.scalar(select(SkpPlan).where(SkpPlan.employee_id == boss.id, SkpPlan.year == year))
        if boss_plan is None:
            boss_plan = _plan(session, boss, year, [("Pengelolaan perbendaharaan biro yang tertib", "laporan",
                                                     None)], now)
            created += 1
        aligned = boss_plan.results[0].id if boss_plan.results else None
    plan = _plan(session, employee, year, [("Dokumen pertanggungjawaban keuangan tersusun", "dokumen", aligned)],
                 now)
    created += 1
    indicator = plan.results[0].indicators[0]
    session.add(SkpProgress(plan_id=plan.id, period=rules.period_of(plan.period_kind, wita_day()),
                            realisations=[{"indicator_id": indicator.id, "value": "3", "note": "Sesuai jadwal"}],
                            evidence_url="https://example.invalid/bukti-skp", recorded_by="pegawai",
                            recorded_at=now))
    session.flush()
    return {"skp_plans": created, "skp_progress": 1}
