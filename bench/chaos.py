"""``make chaos``: a broker cut under load, and what clients saw.

The whole stack behind TCP proxies (``tools.fault_stack``); ``--users`` clients (default 20) each signed in
as the demo ``pegawai``, each sending reads (``GET /travel/orders``) and writes (``POST /travel/orders``, a
draft with no natural key, no ``Idempotency-Key``) in turn, through Traefik. After a warm-up, the broker link
is cut for ``--cut`` seconds (default 10), then restored; the load goes on a while after. Reported:

* the answers during the cut, by status (the promise: 503/504 only, never a 500);
* time to full service: from the restore to the end of the last request that did not succeed;
* writes lost (a 201 whose order is not in the database) and duplicated (one form stored twice);
* writes whose outcome the client could not know (a 503/504 on a POST) and how many of them were kept.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from situok_kit import testing  # noqa: E402

from tools.fault_stack import draft_order, faulty_stack  # noqa: E402
from tools.local_servers import servers_for_tests  # noqa: E402

ADMIN_PASSWORD = "Chaos-Admin-2026"
DEMO_PASSWORD = "Chaos-Demo-2026"


def client_loop(base: str, token: str, employee_id: int, stop: threading.Event, log: list, limit: int) -> None:
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    for n in range(limit):
        if stop.is_set():
            return
        started = time.monotonic()
        if n % 3 == 0:
            form = draft_order(employee_id, "Chaos " + uuid.uuid4().hex)
            try:
                status = http.post(f"{base}/api/v1/travel/orders", json=form, timeout=40).status_code
            except requests.RequestException:
                status = 0
            log.append((started, time.monotonic(), "write", status, form["purpose"]))
        else:
            try:
                status = http.get(f"{base}/api/v1/travel/orders", params={"limit": 5}, timeout=40).status_code
            except requests.RequestException:
                status = 0
            log.append((started, time.monotonic(), "read", status, None))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--cut", type=float, default=10.0, help="seconds the broker link stays cut")
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--after", type=float, default=15.0, help="seconds of load after the restore")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    with servers_for_tests() as server_env:
        os.environ.update(server_env)
        return run(args)


def run(args) -> int:
    infra = testing.start_infra()
    env = {"SITUOK_ADMIN_PASSWORD": ADMIN_PASSWORD, "SITUOK_DEMO_PASSWORD": DEMO_PASSWORD,
           "SITUOK_JWT_SECRET": "chaos-" + testing.unique_name("jwt") + "-secret-of-enough-length",
           "SITUOK_WEB_SECRET": "chaos-web-" + testing.unique_name("web"), "SITUOK_LOG_LEVEL": "WARNING",
           "SITUOK_LOGIN_RATE_AVERAGE": "500", "SITUOK_LOGIN_RATE_BURST": "500"}
    print("preparing a stack behind TCP proxies ...", flush=True)
    with faulty_stack(infra, Path(tempfile.mkdtemp(prefix="situok-chaos-")), env) as faulty:
        base = faulty.stack.base_url
        admin = requests.post(f"{base}/api/v1/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD},
                              timeout=10).json()["access_token"]
        requests.post(f"{base}/api/v1/travel/roster/sync", headers={"Authorization": f"Bearer {admin}"},
                      timeout=30).raise_for_status()
        token = requests.post(f"{base}/api/v1/auth/login", json={"username": "pegawai", "password": DEMO_PASSWORD},
                              timeout=10).json()["access_token"]
        me = requests.get(f"{base}/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=10).json()
        stop, log = threading.Event(), []
        threads = [threading.Thread(target=client_loop, args=(base, token, me["employee"]["id"], stop, log, 100_000),
                                    daemon=True) for _ in range(args.users)]
        for thread in threads:
            thread.start()
        print(f"{args.users} clients, warm-up {args.warmup:g}s ...", flush=True)
        time.sleep(args.warmup)
        print(f"cutting the broker link for {args.cut:g}s ...", flush=True)
        cut_at = time.monotonic()
        faulty.broker.cut()
        time.sleep(args.cut)
        faulty.broker.restore()
        restored_at = time.monotonic()
        print(f"restored; {args.after:g}s more load ...", flush=True)
        time.sleep(args.after)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        figures = measure(faulty, log, cut_at, restored_at)
    report(figures, args)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0 if figures["status_500_or_other"] == 0 and not figures["writes_lost"] and \
        not figures["writes_duplicated"] else 1


def measure(faulty, log: list, cut_at: float, restored_at: float) -> dict:
    during = [entry for entry in log if entry[1] >= cut_at and entry[0] <= restored_at]
    failed_after = [entry for entry in log if entry[3] not in (200, 201) and entry[1] >= restored_at]
    purposes = [entry[4] for entry in log if entry[2] == "write"]
    stored = dict(faulty.sql("travel", "SELECT purpose, count(*) FROM orders WHERE purpose LIKE 'Chaos %' "
                                       "GROUP BY purpose"))
    created = [entry[4] for entry in log if entry[2] == "write" and entry[3] == 201]
    unknown = [entry[4] for entry in log if entry[2] == "write" and entry[3] not in (201,) and entry[3] >= 500]
    return {
        "requests": len(log),
        "during_cut": dict(Counter(str(entry[3]) for entry in during)),
        "failed_during_cut": sum(entry[3] not in (200, 201) for entry in during),
        "status_500_or_other": sum(entry[3] not in (200, 201, 503, 504) for entry in log),
        "seconds_to_full_service": round(max((entry[1] for entry in failed_after), default=restored_at)
                                         - restored_at, 2),
        "writes_acknowledged": len(created),
        "writes_lost": sum(purpose not in stored for purpose in created),
        "writes_duplicated": sum(count > 1 for count in stored.values()),
        "writes_unknown_to_client": len(unknown),
        "writes_unknown_but_kept": sum(purpose in stored for purpose in unknown),
        "writes_sent": len(purposes),
    }


def report(figures: dict, args) -> None:
    print(f"\nbroker cut of {args.cut:g}s under {args.users} connections (reads and writes), through Traefik")
    for key, value in figures.items():
        print(f"  {key:28} {value}")


if __name__ == "__main__":
    sys.exit(main())
