"""Time the monthly attendance recap of 1,000 non-ASN employees × 22 working days (target ≤ 2 s).

In-process against a seeded throwaway database (created, migrated, seeded and dropped here; PostgreSQL from
``SITUOK_TEST_PG_URL`` or the local default): 1,000 roster employees in 10 units, a check-in and check-out
on every working day of September 2026 (22 working days) with varied lateness, some approved corrections,
leave and duty days. Times ``RecapOut().dump(recap.monthly_recap(...))`` (queries + statuses + summaries +
the answer's dump: what the ``monthly_recap`` RPC does minus transport) and, separately, the pure status
function alone.
Run: ``.venv/bin/python bench/attendance_recap.py [-n 5] [--employees 1000]``.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta

TARGET_SECONDS = 2.0
YEAR, MONTH = 2026, 9


def _seed(session, employees: int) -> int:
    from attendance.domain import calendar, clock
    from attendance.models import AttendanceRecord, Correction, DutyAssignment, LeaveRequest, RosterEmployee, RosterUnit
    from attendance.seed import seed

    seed(session)
    session.add(RosterUnit(id=1, code="BUP", name="Biro Umum dan Protokol", kind="biro", parent_id=None))
    for u in range(10):
        session.add(RosterUnit(id=100 + u, code=f"BUP.{u}", name=f"Bagian {u}", kind="bagian", parent_id=1))
    session.flush()
    session.bulk_insert_mappings(RosterEmployee, [
        {"id": 10_000 + i, "name": f"Pegawai {i:04d}", "full_name": f"Pegawai Non-ASN {i:04d}",
         "nik": f"5171{i:012d}", "employment_type": "non_asn", "unit_id": 100 + i % 10, "unit_name": f"Bagian {i % 10}",
         "supervisor_id": None, "active": True} for i in range(employees)])
    cal = calendar.load(session)
    first = date(YEAR, MONTH, 1)
    days = [first + timedelta(days=i) for i in range(30)]
    working = [d for d in days if cal.hours(None, d) and not cal.holiday(d)]
    rng = random.Random(58)
    rows = []
    for i in range(employees):
        for d in working:
            if rng.random() < 0.03:
                continue                                          # alpa now and then
            hours = cal.hours(None, d)
            start = datetime.combine(d, hours.start, tzinfo=clock.WITA) + timedelta(minutes=rng.randint(-20, 100))
            end = datetime.combine(d, hours.end, tzinfo=clock.WITA) + timedelta(minutes=rng.randint(-95, 40))
            rows.append({"employee_id": 10_000 + i, "day": d, "check_in_at": start.astimezone(UTC),
                         "check_in_latitude": -8.6725, "check_in_longitude": 115.2334, "check_in_fingerprint": "x",
                         "check_out_at": None if rng.random() < 0.05 else end.astimezone(UTC)})
    for start in range(0, len(rows), 5000):
        session.bulk_insert_mappings(AttendanceRecord, rows[start:start + 5000])
    for i in range(0, employees, 7):
        d = working[i % len(working)]
        session.add(Correction(employee_id=10_000 + i, unit_id=100 + i % 10, day=d, kind="check_out",
                               requested_at=datetime.combine(d, cal.hours(None, d).end, tzinfo=clock.WITA),
                               reason="lupa", status="approved", submitted_by_account_id=1,
                               decided_at=datetime.now(UTC)))
    for i in range(0, employees, 11):
        d = working[(i * 3) % len(working)]
        session.add(LeaveRequest(employee_id=10_000 + i, unit_id=100 + i % 10, kind="sakit", start_date=d,
                                 end_date=d + timedelta(days=1), reason="sakit", attachment_name="a.pdf",
                                 attachment_type="application/pdf", attachment_sha256="0" * 64,
                                 attachment=b"%PDF", status="approved", submitted_by_account_id=1))
        session.add(DutyAssignment(order_id=i + 1, employee_id=10_000 + i, start_date=working[-3],
                                   end_date=working[-1]))
    session.flush()
    return len(working)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--rounds", type=int, default=5, help="timed recaps (default 5)")
    parser.add_argument("--employees", type=int, default=1000)
    args = parser.parse_args(argv)

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "services", "attendance"))
    from attendance.domain import clock, recap
    from attendance.domain.status import Hours, day_status
    from attendance.schemas import RecapOut
    from situok_kit import testing
    from situok_kit.identity import SYSTEM
    from situok_kit.migrate import create_database, drop_database, upgrade
    from sqlalchemy.orm import Session

    pg = os.environ.get("SITUOK_TEST_PG_URL") or testing.DEFAULT_PG
    url = testing.database_url_for(pg, testing.unique_name("situok_attendance_bench"))
    create_database(url)
    original_now = clock.now
    try:
        upgrade("attendance", url)
        from situok_kit.db import make_engine

        engine = make_engine(url, pool_size=2)
        with Session(engine) as session:
            working = _seed(session, args.employees)
            session.commit()
        clock.now = lambda: datetime(YEAR, MONTH + 1, 1, 4, 0, tzinfo=UTC)      # the month is over
        answer = RecapOut()
        times = []
        result = None
        for _ in range(args.rounds + 1):
            with Session(engine) as session:
                t0 = time.perf_counter()
                result = answer.dump(recap.monthly_recap(session, SYSTEM, YEAR, MONTH))
                times.append(time.perf_counter() - t0)
        times = times[1:]                                                     # the first warms caches
        engine.dispose()
        hours = Hours(datetime(2026, 1, 1, 7, 30).time(), datetime(2026, 1, 1, 16, 30).time())
        ci, co = datetime(2026, 1, 1, 8, 5).time(), datetime(2026, 1, 1, 16, 10).time()
        t0 = time.perf_counter()
        for _ in range(args.employees * working):
            day_status(hours, False, ci, co)
        pure = time.perf_counter() - t0
    finally:
        clock.now = original_now
        drop_database(url)
    assert len(result["employees"]) == args.employees
    out = {"employees": args.employees, "working_days": working, "rounds": args.rounds,
           "recap_seconds_median": round(statistics.median(times), 3), "recap_seconds_max": round(max(times), 3),
           "pure_status_seconds": round(pure, 3), "target_seconds": TARGET_SECONDS,
           "within_target": statistics.median(times) <= TARGET_SECONDS, "day_rows": sum(
               r["working_days"] for r in result["employees"])}
    print(f"attendance recap: {args.employees} employees × {working} working days: "
          f"median {out['recap_seconds_median']:.3f} s, max {out['recap_seconds_max']:.3f} s "
          f"(target ≤ {TARGET_SECONDS:.1f} s); pure status function alone {out['pure_status_seconds']:.3f} s")
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
