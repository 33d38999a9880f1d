"""Time booking's availability search and calendars over a year of bookings: 200 resources (120 rooms, 30
buildings, 50 vehicles), each with several approved bookings a day for a year (rooms and vehicles at 08, 11 and
14 WITA, buildings at 08 and 14, two hours each, with their buffers) — about 200,000 bookings. A fifth of the rooms
and vehicles is free in each week (by resource and ISO week), so a week's search finds some.

In-process against a throwaway database (created, migrated to head, seeded, dropped here; PostgreSQL from
``SITUOK_TEST_PG_URL`` or the local default). Timed, as the RPCs do them minus transport, each the median of
``-n`` runs:

* ``search``: ``booking.domain.availability.search`` — a two-hour slot of rooms with participants and a facility,
  a one-week window of vehicles with passengers (the target: under 50 ms through the stack), and a slot where no
  building is free (the nearest alternatives computed);
* ``calendar``: a room's month (``domain.calendar.resource_calendar``) and the rooms' day overview.

The page's plan is checked to probe the bookings through a GiST index on ``(resource_id, occupied range)``:
``ix_bookings_resource_period`` or the exclusion constraint's own (approved only), as the planner prefers.

Run: ``.venv/bin/python bench/booking_availability.py [-n 5] [--resources 200] [--days 365]`` (``make bench`` runs
it). Prints a table, then the figures as JSON. ``prepare_stack`` / ``prepare_pending`` fill a running stack's
booking database for ``bench/run.py``'s ``booking_search`` and ``booking_approve`` scenarios.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

SEARCH_TARGET_MS = 50.0
FIRST_DAY = date(2030, 1, 7)  # a Monday
WEEK = date(2030, 6, 3)       # a Monday inside the year
FACILITIES = ("proyektor", "layar", "sound_system", "mikrofon", "video_conference", "ac", "papan_tulis", "wifi")
#: The bench's approval scenario: its own rooms, each pending booking on its own hour.
APPROVE_ROOMS = 20


def _resources(session, count: int) -> dict:
    """``count`` resources: 60 % rooms, 15 % buildings, the rest vehicles (deterministic)."""
    from booking.models import Resource
    from sqlalchemy import insert

    rooms, buildings = count * 60 // 100, count * 15 // 100
    rows = []
    for n in range(count):
        if n < rooms:
            rows.append({"kind": "room", "name": f"Ruang Rapat {n + 1:03d}", "code": f"R-{n + 1:03d}",
                         "capacity": 8 + (n * 7) % 93, "buffer_after_minutes": 15,
                         "facilities": sorted({FACILITIES[n % 8], FACILITIES[(n * 3) % 8], "ac"})})
        elif n < rooms + buildings:
            rows.append({"kind": "building", "name": f"Gedung Serbaguna {n + 1:03d}", "code": f"G-{n + 1:03d}",
                         "capacity": 100 + (n * 37) % 400, "buffer_before_minutes": 30, "buffer_after_minutes": 30,
                         "facilities": ["ac", "sound_system", "mikrofon", "panggung"]})
        else:
            rows.append({"kind": "vehicle", "name": f"Kendaraan Dinas {n + 1:03d}", "code": f"DK {1000 + n} BN",
                         "capacity": 5 + n % 4, "fuel": "solar", "condition": "B", "buffer_after_minutes": 30})
    session.execute(insert(Resource), rows)
    return {"rooms": rooms, "buildings": buildings, "vehicles": count - rooms - buildings}


_BOOKINGS_SQL = """
INSERT INTO bookings (resource_id, source, requester_employee_id, purpose, starts_at, ends_at, occupied_from,
                      occupied_to, participants, passengers, needs_driver, status, decided_at, created_by)
SELECT r.id, 'staff', 1, 'Kegiatan rutin ' || r.id, d + s.h, d + s.h + interval '2 hours',
       d + s.h - make_interval(mins => r.buffer_before_minutes),
       d + s.h + interval '2 hours' + make_interval(mins => r.buffer_after_minutes),
       CASE WHEN r.kind <> 'vehicle' THEN 5 END, CASE WHEN r.kind = 'vehicle' THEN 3 END, r.kind = 'vehicle',
       'approved', now(), 'bench'
FROM resources r
CROSS JOIN generate_series(CAST(:first AS timestamptz), CAST(:last AS timestamptz), interval '1 day') AS d
CROSS JOIN (VALUES (interval '8 hours'), (interval '11 hours'), (interval '14 hours')) AS s(h)
WHERE r.updated_by IS DISTINCT FROM 'bench-approve'
  -- buildings are not booked at 11:00; a fifth of the rooms and vehicles is free each ISO week
  AND NOT (r.kind = 'building' AND s.h = interval '11 hours')
  AND (r.kind = 'building'
       OR (r.id + CAST(extract(week FROM d AT TIME ZONE 'Asia/Makassar') AS integer)) % 5 <> 0)
"""


def _bookings(session, days: int) -> int:
    from sqlalchemy import text

    first = datetime.combine(FIRST_DAY, datetime.min.time()).isoformat() + "+08:00"
    last = datetime.combine(FIRST_DAY + timedelta(days=days - 1), datetime.min.time()).isoformat() + "+08:00"
    return session.execute(text(_BOOKINGS_SQL), {"first": first, "last": last}).rowcount


def generate(session, resources: int, days: int) -> dict:
    counts = _resources(session, resources)
    counts["bookings"] = _bookings(session, days)
    return counts


def _analyze(engine) -> None:
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE resources")
        connection.exec_driver_sql("ANALYZE bookings")
        connection.exec_driver_sql("ANALYZE resource_blocks")
        connection.commit()


def prepare_stack(db_url: str, resources: int = 200, days: int = 365) -> dict:
    """The same resources and year of bookings in a running stack's booking database (``bench/run.py``'s
    ``booking_search``), committed and analysed."""
    from situok_kit.db import make_engine
    from sqlalchemy.orm import Session

    engine = make_engine(db_url, pool_size=1)
    try:
        with Session(engine) as session:
            counts = generate(session, resources, days)
            session.commit()
        _analyze(engine)
        return counts
    finally:
        engine.dispose()


def prepare_pending(db_url: str, count: int, out: Path) -> Path:
    """``count`` pending bookings in a running stack's booking database, each on its own free slot (its own
    rooms, one hour each, in 2035): ``bench/run.py``'s ``booking_approve`` approves each once. Ids to ``out``."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    with engine.begin() as connection:
        rooms = connection.scalars(text(
            "INSERT INTO resources (kind, name, code, capacity, updated_by) "
            "SELECT 'room', 'Ruang Uji Persetujuan ' || g, 'UP-' || g, 20, 'bench-approve' "
            "FROM generate_series(1, :n) g RETURNING id"), {"n": APPROVE_ROOMS}).all()
        ids = connection.scalars(text(
            "INSERT INTO bookings (resource_id, source, requester_employee_id, purpose, starts_at, ends_at, "
            "occupied_from, occupied_to, participants, needs_driver, status, created_by) "
            "SELECT (:rooms)[1 + g % :r], 'staff', 1, 'Rapat uji ' || g, "
            "  timestamptz '2035-01-01 00:00+08' + (g / :r) * interval '1 hour', "
            "  timestamptz '2035-01-01 00:00+08' + (g / :r) * interval '1 hour' + interval '1 hour', "
            "  timestamptz '2035-01-01 00:00+08' + (g / :r) * interval '1 hour', "
            "  timestamptz '2035-01-01 00:00+08' + (g / :r) * interval '1 hour' + interval '1 hour', "
            "  5, false, 'pending', 'bench' "
            "FROM generate_series(0, :n - 1) g RETURNING id"),
            {"rooms": list(rooms), "r": len(rooms), "n": count}).all()
        connection.exec_driver_sql("ANALYZE bookings")
    engine.dispose()
    out.write_text("\n".join(str(i) for i in ids))
    return out


def _median_ms(fn, rounds: int) -> float:
    fn()                                                                  # warms caches and the plan
    times = []
    for _ in range(max(rounds, 3)):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


#: The one-week window of the issue's target, as a client asks for it through the stack.
WEEK_QUERY = {"kind": "vehicle", "starts_at": f"{WEEK.isoformat()}T00:00+08:00",
              "ends_at": f"{(WEEK + timedelta(days=7)).isoformat()}T00:00+08:00", "passengers": "3"}


def measure_through_stack(base_url: str, token: str, rounds: int = 100) -> dict:
    """The one-week-window search one request at a time through Traefik, the gateway and booking (the issue's
    target: median under 50 ms), beside the raw echo asked the same way: ``{search, echo}`` each with p50/p95."""
    import requests

    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"

    def timed(url: str, **params) -> dict:
        for _ in range(5):  # warm the connections and caches
            http.get(url, params=params, timeout=30).raise_for_status()
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            http.get(url, params=params, timeout=30).raise_for_status()
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        return {"rounds": rounds, "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1)}

    return {"search": timed(f"{base_url}/api/v1/booking/availability", **WEEK_QUERY),
            "echo": timed(f"{base_url}/echo")}


def searches() -> dict[str, dict]:
    from situok_kit.clock import WITA

    def at(day: date, hour: int) -> datetime:
        return datetime(day.year, day.month, day.day, hour, tzinfo=WITA)

    tuesday = WEEK + timedelta(days=1)
    return {
        "room slot, 10 people, proyektor": {"kind": "room", "starts_at": at(tuesday, 9), "ends_at": at(tuesday, 11),
                                            "participants": 10, "facilities": ["proyektor"], "limit": 50},
        "vehicle, one-week window": {"kind": "vehicle", "starts_at": at(WEEK, 0),
                                     "ends_at": at(WEEK + timedelta(days=7), 0), "passengers": 3,
                                     "needs_driver": True, "limit": 50},
        "building, none free: alternatives": {"kind": "building", "starts_at": at(tuesday, 9),
                                              "ends_at": at(tuesday, 11), "participants": 100, "limit": 50},
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--rounds", type=int, default=5, help="timed runs (median)")
    parser.add_argument("--resources", type=int, default=200)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args(argv)

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "services", "booking"))
    from booking.domain import availability, calendar
    from booking.seed import seed
    from situok_kit import testing
    from situok_kit.clock import utcnow
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    pg = os.environ.get("SITUOK_TEST_PG_URL") or testing.DEFAULT_PG
    with testing.migrated_database(pg, "booking", "situok_booking_bench") as db:
        engine = db.engine
        with Session(engine) as session:
            seed(session)
            counts = generate(session, args.resources, args.days)
            session.commit()
        _analyze(engine)
        timings: dict[str, float] = {}
        found: dict[str, tuple[int, int]] = {}
        now = utcnow()
        with Session(engine) as session:
            for label, query in searches().items():
                answer = availability.search(session, query, now=now)
                found[label] = (len(answer["items"]), len(answer["alternatives"]))
                timings[label] = _median_ms(lambda q=query: availability.search(session, q, now=now), args.rounds)
            sql, params = availability.page_sql(searches()["vehicle, one-week window"], free=True, after=None,
                                                limit=51)
            plan = "\n".join(session.execute(text("EXPLAIN " + sql), params).scalars())
            if os.environ.get("SITUOK_BENCH_PLAN"):
                print(plan)
            room_id = session.scalar(text("SELECT id FROM resources WHERE kind = 'room' ORDER BY id LIMIT 1"))
            month = WEEK.replace(day=15)
            timings["calendar: a room's month"] = _median_ms(
                lambda: calendar.resource_calendar(session, room_id, "month", month), args.rounds)
            timings["calendar: rooms' day overview"] = _median_ms(
                lambda: calendar.overview(session, "room", WEEK + timedelta(days=1)), args.rounds)
            entries = sum(len(d["entries"]) for d in calendar.resource_calendar(session, room_id, "month",
                                                                                 month)["days"])
    #: the bookings' GiST indexes on (resource_id, tstzrange(occupied)): ix_bookings_resource_period (pending and
    #: approved) or the exclusion constraint's own (approved only), whichever the planner finds cheaper
    used = [name for name in ("ix_bookings_resource_period", "ex_bookings_no_overlap") if name in plan]
    uses_index = bool(used)
    week = timings["vehicle, one-week window"]
    out = {**counts, "rounds": args.rounds, "median_ms": {k: round(v, 2) for k, v in timings.items()},
           "found": {k: {"items": v[0], "alternatives": v[1]} for k, v in found.items()},
           "month_entries": entries, "page_uses_gist_index": uses_index, "gist_index_used": used,
           "targets": {"search_ms": SEARCH_TARGET_MS},
           "within_target": max(v for k, v in timings.items() if not k.startswith("calendar")) <= SEARCH_TARGET_MS}
    print(f"booking availability: {counts['rooms']} rooms, {counts['buildings']} buildings, {counts['vehicles']} "
          f"vehicles, {counts['bookings']} approved bookings over {args.days} days")
    print(f"  {'what':<40} {'median':>10}  found")
    for label, ms in timings.items():
        shown = found.get(label)
        note = f"{shown[0]} free, {shown[1]} alternatives" if shown else f"{entries} entries" \
            if "month" in label else ""
        print(f"  {label:<40} {ms:>7.1f} ms  {note}")
    print(f"  the page's bookings probe uses a GiST index: {', '.join(used) if used else 'NO'}")
    verdict = "met" if out["within_target"] else "NOT met"
    print(f"  search target (< {SEARCH_TARGET_MS:.0f} ms median, in-process) {verdict} "
          f"(one-week window: {week:.1f} ms)")
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    # run on its own (``make bench`` runs it): the PostgreSQL the tests use, or a throwaway one
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    from tools.local_servers import servers_for_tests

    with servers_for_tests() as server_env:
        os.environ.update(server_env)
        main(sys.argv[1:])
