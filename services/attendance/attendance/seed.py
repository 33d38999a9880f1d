"""Seed data: the office location, the default schedules (Pergub Bali 58/2023), Ramadan periods (2026,
2027), the 2026 holiday calendar and the deduction weights — every one of them *verify*, all editable.

``python -m attendance.seed`` is safe on every start: each table is filled only where it lacks the rows
(afterwards they are the admin's to change). Then it tries the roster sync (``attendance.sync --optional``).
"""
from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from situok_kit.db import advisory_lock, run_in_database
from sqlalchemy import exists, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from .models import DeductionWeight, Holiday, Setting, SpecialPeriod, WorkLocation, WorkSchedule

DATA_DIR = Path(__file__).resolve().parent / "data"
_LOCK_KEY = 7_330_001


def read_data(name: str) -> list[dict]:
    with open(DATA_DIR / name, newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def _time(value: str) -> time | None:
    return time.fromisoformat(value) if value else None


@dataclass
class SeedReport:
    created: dict = field(default_factory=lambda: dict.fromkeys(
        ("locations", "schedules", "periods", "holidays", "weights"), 0))


def seed(session: Session) -> SeedReport:
    """Create what is missing, in ``session`` (the caller commits)."""
    advisory_lock(session, _LOCK_KEY)
    report = SeedReport()
    if not session.scalar(select(exists().where(WorkLocation.id.isnot(None)))):
        for row in read_data("locations.csv"):
            session.add(WorkLocation(name=row["name"], latitude=float(row["latitude"]),
                                     longitude=float(row["longitude"]), radius_m=int(row["radius_m"])))
            report.created["locations"] += 1
    if not session.scalar(select(exists().where(WorkSchedule.unit_id.is_(None)))):
        for row in read_data("schedules.csv"):
            session.add(WorkSchedule(unit_id=None, period=row["period"], weekday=int(row["weekday"]),
                                     start_time=_time(row["start_time"]), end_time=_time(row["end_time"]),
                                     break_start=_time(row["break_start"]), break_end=_time(row["break_end"]),
                                     note=row["note"] or None))
            report.created["schedules"] += 1
    for row in read_data("periods.csv"):
        start, end = date.fromisoformat(row["start_date"]), date.fromisoformat(row["end_date"])
        if not session.scalar(select(exists().where(SpecialPeriod.start_date <= end, SpecialPeriod.end_date >= start))):
            session.add(SpecialPeriod(period=row["period"], name=row["name"], start_date=start, end_date=end,
                                      verify=row["verify"] == "1"))
            report.created["periods"] += 1
    for row in read_data("holidays_2026.csv"):
        result = session.execute(pg_insert(Holiday).values(
            day=date.fromisoformat(row["tanggal"]), name=row["nama"], kind=row["jenis"],
            verify=row["verifikasi"] == "1", source="seed (attendance/data, verify)").on_conflict_do_nothing())
        report.created["holidays"] += result.rowcount
    for row in read_data("weights.csv"):
        result = session.execute(pg_insert(DeductionWeight).values(
            code=row["code"], weight_bp=int(row["weight_bp"]), note=row["note"], verify=True).on_conflict_do_nothing())
        report.created["weights"] += result.rowcount
    session.flush()
    return report


def start_tracking(session: Session) -> str | None:
    """On an installation's first seed, attendance starts counting today (WITA); later seeds keep the date."""
    from .domain import clock

    today = clock.wita_day(clock.now()).isoformat()
    result = session.execute(pg_insert(Setting).values(key="tracking_start", value={"v": today})
                             .on_conflict_do_nothing())
    return today if result.rowcount else None


def main() -> int:
    report, started = run_in_database("attendance", lambda session: (seed(session), start_tracking(session)))
    print("attendance seed: created " + ", ".join(f"{n} {what}" for what, n in report.created.items()) + ".")
    if started:
        print(f"attendance counts from {started} (setting tracking_start; earlier days are not marked alpa).")
    from .sync import main as sync_main

    return sync_main(["--optional"])


if __name__ == "__main__":
    sys.exit(main())
