"""``make bench``: load-test through Traefik and compare with a raw Nameko echo, in one run.

Starts its own stack from the list of services (own vhost and databases,
removed afterwards), the bench-only echo services beside the gateways, then
runs locust headless once per scenario at the same concurrency and prints
requests/s, p50 and p99 of each and its throughput as a ratio of the echo's.
Where no RabbitMQ or PostgreSQL answers, throwaway local ones are started as
for ``make test`` (tools/local_servers.py).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from situok_kit import testing  # noqa: E402

from bench import (  # noqa: E402
    assets_register,
    attendance_checkin,
    attendance_recap,
    booking_availability,
    finance_approve,
    travel_pdf,
)
from bench import travel_figures as travel_bench  # noqa: E402
from tools.local_servers import servers_for_tests  # noqa: E402
from tools.stack import isolated_stack  # noqa: E402

ADMIN_PASSWORD = "Bench-Admin-2026"
DEMO_PASSWORD = "Bench-Demo-2026"
SCENARIOS = (("echo", "echo (raw Nameko HTTP->RPC)"),
             ("list", "GET /api/v1/employees (auth, RPC, DB)"),
             ("create", "POST /api/v1/employees (auth, RPC, DB write + outbox)"),
             ("checkin", "POST /api/v1/attendance/check-in (auth, RPC, geofence, DB write + outbox)"),
             ("approve", "POST /api/v1/finance/spj/{id}/approve (auth, RPC, ceiling check + outbox)"),
             ("assets_search", "GET /api/v1/assets/items?kib=B&q=laptop (auth, RPC, 50,000 items)"),
             ("booking_search", "GET /api/v1/booking/availability (auth, RPC, 200 resources, a year booked)"),
             ("booking_approve", "POST /api/v1/booking/bookings/{id}/approve (auth, RPC, exclusion + outbox)"))
#: The public portal's pages through Traefik and the web (served from the web's public page cache where it can).
PORTAL_SCENARIOS = (("portal_home", "GET /publik (web, public page cache)"),
                    ("portal_event", "GET /publik/agenda/{id} (web, public page cache)"))
SCENARIOS += PORTAL_SCENARIOS
#: Distinct employees prepared per round for the check-in scenario (one check-in each).
CHECKINS_PER_ROUND = 3000
#: Verified SPJ prepared per round for the approval scenario (one approval each).
APPROVALS_PER_ROUND = 3000
#: Pending bookings prepared per round for the booking approval scenario (one approval each, each on its own slot).
BOOKING_APPROVALS_PER_ROUND = 3000


def run_locust(host: str, scenario: str, users: int, seconds: int, env: dict, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    prefix = out / scenario
    subprocess.run(
        [str(Path(sys.executable).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
         "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", host, "--csv", str(prefix),
         "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "5"],
        env={**os.environ, **env, "SITUOK_BENCH_SCENARIO": scenario}, check=False,
        stdout=open(f"{prefix}.log", "w"), stderr=subprocess.STDOUT,
    )
    if not Path(f"{prefix}_stats.csv").exists():
        raise RuntimeError(f"locust wrote no results for {scenario}:\n" + Path(f"{prefix}.log").read_text()[-3000:])
    with open(f"{prefix}_stats.csv") as f:
        row = next(r for r in csv.DictReader(f) if r["Name"] == "Aggregated")
    return {"rps": float(row["Requests/s"]), "p50": float(row["50%"]), "p99": float(row["99%"]),
            "requests": int(row["Request Count"]), "failures": int(row["Failure Count"])}


def prepare_portal(db_url: str) -> int:
    """A public event with published documentation in agenda's database, for ``portal_event``: its id."""
    from datetime import timedelta

    from agenda.models import AgendaEvent, Documentation
    from situok_kit.clock import utcnow
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    engine = create_engine(db_url)
    now = utcnow()
    try:
        with Session(engine) as session:
            event = AgendaEvent(title="Rapat Koordinasi Pembangunan Daerah", status="done", is_public=True,
                                starts_at=now - timedelta(days=3), ends_at=now - timedelta(days=3, hours=-2),
                                location_kind="external", address="Gedung Wiswa Sabha Utama, Denpasar",
                                public_summary="Rapat koordinasi pembangunan bersama bupati dan wali kota.")
            session.add(event)
            session.flush()
            session.add(Documentation(event_id=event.id, status="approved", approved_at=now, public_from=now,
                                      press_release="Gubernur memimpin rapat koordinasi pembangunan daerah."))
            session.commit()
            return event.id
    finally:
        engine.dispose()


def median_result(runs: list[dict]) -> dict:
    """Per figure, the median over the rounds (failures: the sum)."""
    out = {key: statistics.median(r[key] for r in runs) for key in ("rps", "p50", "p99")}
    out["requests"] = sum(r["requests"] for r in runs)
    out["failures"] = sum(r["failures"] for r in runs)
    out["rounds_rps"] = [round(r["rps"], 1) for r in runs]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=20, help="concurrent connections (default 20)")
    parser.add_argument("--seconds", type=int, default=10, help="duration of each scenario per round (default 10)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of all scenarios, interleaved so drift hits each alike; medians reported")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()

    with servers_for_tests() as server_env:
        os.environ.update(server_env)
        return run_bench(args)


def run_bench(args: argparse.Namespace) -> int:
    infra = testing.start_infra()
    jwt_secret = "bench-" + testing.unique_name("jwt") + "-secret-of-enough-length"
    env = {"SITUOK_ADMIN_PASSWORD": ADMIN_PASSWORD, "SITUOK_DEMO_PASSWORD": DEMO_PASSWORD,
           "SITUOK_LOG_LEVEL": "WARNING", "SITUOK_JWT_SECRET": jwt_secret}
    work = Path(tempfile.mkdtemp(prefix="situok-bench-"))
    print("preparing a stack (databases, migrations, seed) ...", flush=True)
    with isolated_stack(infra, "situok_bench", env, workdir=work, with_bench=True) as stack:
        login = requests.post(f"{stack.base_url}/api/v1/auth/login",
                              json={"username": "admin", "password": ADMIN_PASSWORD}, timeout=10)
        login.raise_for_status()
        token = login.json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        units = requests.get(f"{stack.base_url}/api/v1/org-units", headers=headers, timeout=10).json()["items"]
        unit_id = next(u["id"] for u in units if u["kind"] == "subbagian")
        tokens_file = attendance_checkin.prepare(stack.env["SITUOK_DB_URL_TEMPLATE"].format(service="attendance"),
                                                 jwt_secret, CHECKINS_PER_ROUND * args.rounds, work / "checkin.tokens")
        spj_file = finance_approve.prepare(stack.env["SITUOK_DB_URL_TEMPLATE"].format(service="finance"),
                                           jwt_secret, APPROVALS_PER_ROUND * args.rounds, work / "approve.ids")
        assets_register.prepare_stack(stack.env["SITUOK_DB_URL_TEMPLATE"].format(service="assets"))
        booking_db = stack.env["SITUOK_DB_URL_TEMPLATE"].format(service="booking")
        booking_availability.prepare_stack(booking_db)
        pending_file = booking_availability.prepare_pending(
            booking_db, BOOKING_APPROVALS_PER_ROUND * args.rounds, work / "booking_approve.ids")
        portal_event = prepare_portal(stack.env["SITUOK_DB_URL_TEMPLATE"].format(service="agenda"))
        locust_env = {"SITUOK_BENCH_PORTAL_EVENT": str(portal_event),
                      "SITUOK_BENCH_TOKEN": token, "SITUOK_BENCH_UNIT_ID": str(unit_id),
                      "SITUOK_BENCH_CHECKIN_TOKENS": str(tokens_file), "SITUOK_BENCH_SPJ_IDS": str(spj_file),
                      "SITUOK_BENCH_BOOKING_IDS": str(pending_file)}
        rounds: dict[str, list[dict]] = {scenario: [] for scenario, _ in SCENARIOS}
        for number in range(1, args.rounds + 1):
            for scenario, label in SCENARIOS:
                print(f"round {number}/{args.rounds}: {label}, {args.users} connections for {args.seconds}s ...",
                      flush=True)
                round_env = {**locust_env, "SITUOK_BENCH_CHECKIN_OFFSET": str((number - 1) * CHECKINS_PER_ROUND),
                             "SITUOK_BENCH_SPJ_OFFSET": str((number - 1) * APPROVALS_PER_ROUND),
                             "SITUOK_BENCH_BOOKING_OFFSET": str((number - 1) * BOOKING_APPROVALS_PER_ROUND)}
                rounds[scenario].append(run_locust(stack.base_url, scenario, args.users, args.seconds, round_env,
                                                   work / f"round{number}"))
        print("travel: one issued trip, its SPPD fetched as PDF; 10,000 orders listed first vs deep ...", flush=True)
        order_id = travel_bench.issued_order(stack.base_url, token, DEMO_PASSWORD)
        letter = travel_bench.measure_letter(stack.base_url, token, order_id)
        travel_bench.seed_bulk_orders(stack.env["SITUOK_DB_URL_TEMPLATE"].format(service="travel"))
        listing = travel_bench.measure_listing(stack.base_url, token)
        print("booking: the one-week-window search one request at a time, beside the echo ...", flush=True)
        week = booking_availability.measure_through_stack(stack.base_url, token)
    render = travel_pdf.main(["-n", "200"])
    recap = attendance_recap.main([])
    results = {scenario: median_result(runs) for scenario, runs in rounds.items()}

    echo_rps = results["echo"]["rps"] or 1.0
    print(f"\nSITU OK benchmark, through Traefik, {args.users} connections, {args.rounds} interleaved rounds of "
          f"{args.seconds}s per scenario (medians), {os.cpu_count()} cores, load generator on the same machine")
    print(f"{'scenario':58} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'fail':>6} {'vs echo':>8}")
    for scenario, label in SCENARIOS:
        r = results[scenario]
        r["ratio_to_echo"] = round(r["rps"] / echo_rps, 3)
        print(f"{label:58} {r['rps']:8.1f} {r['p50']:8.0f} {r['p99']:8.0f} {r['failures']:6d} "
              f"{r['ratio_to_echo']:8.2f}   rounds: {r['rounds_rps']}")
    target = results["list"]["ratio_to_echo"] >= 0.6 and results["list"]["p99"] <= 100
    print(f"\ntarget (list >= 0.60 x echo throughput, p99 <= 100 ms): {'met' if target else 'NOT met'}")
    portal = all(results[name]["ratio_to_echo"] >= 1.0 for name, _ in PORTAL_SCENARIOS)
    print(f"target (portal home and event page >= 1.00 x echo throughput): {'met' if portal else 'NOT met'}; "
          f"p99 {results['portal_home']['p99']:.0f} / {results['portal_event']['p99']:.0f} ms")
    print(f"\ntravel letter (SPPD sheet I): rendered in-process p50 {render['p50_ms']:.1f} ms; fetched through "
          f"Traefik/gateway/travel p50 {letter['p50_ms']:.1f} ms, p95 {letter['p95_ms']:.1f} ms "
          f"(target p50 <= 150 ms: {'met' if letter['p50_ms'] <= 150 else 'NOT met'})")
    print(f"travel listing, 10,000 orders, pages of {listing['page_size']}: "
          f"first p50 {listing['first_p50_ms']:.1f} ms, {listing['depth']} deep p50 {listing['deep_p50_ms']:.1f} ms, "
          f"deep/first {listing['deep_to_first']:.2f}")
    search, echo = week["search"], week["echo"]
    print(f"booking availability, one-week window over 200 resources and a year of bookings, one request at a "
          f"time through Traefik/gateway/booking: p50 {search['p50_ms']:.1f} ms, p95 {search['p95_ms']:.1f} ms "
          f"(echo the same way: p50 {echo['p50_ms']:.1f} ms, p95 {echo['p95_ms']:.1f} ms); "
          f"target p50 < 50 ms: {'met' if search['p50_ms'] < 50 else 'NOT met'}")
    results["travel"] = {"render": render, "letter": letter, "listing": listing}
    results["booking_week_search"] = week
    results["attendance_recap"] = recap
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
