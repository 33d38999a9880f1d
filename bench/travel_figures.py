"""Travel figures for ``make bench``, measured on the benchmark's own stack.

* **letter**: ``GET /api/v1/travel/orders/{id}/documents/sppd1`` through Traefik,
  sequentially — the whole path a user waits for (gateway, RPC, the order read,
  the PDF rendered in the travel service, base64 back, the PDF out) — beside the
  render alone in-process (``bench/travel_pdf.py``).
* **listing**: 10,000 orders in one unit; the first page and a page ~9,000 orders
  deep (keyset cursor) fetched alternately; the deep page's p50 as a ratio of
  the first's (1.0 = as fast).
"""
from __future__ import annotations

import statistics
import time
from datetime import date, timedelta

import requests
from sqlalchemy import create_engine, text

BULK_UNIT = 900_001
ORDERS = 10_000


def _api(base_url: str, token: str):
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"

    def call(method: str, path: str, **kwargs):
        response = session.request(method, f"{base_url}/api/v1{path}", timeout=30, **kwargs)
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.text[:300]}")
        return response
    return call


def login(base_url: str, username: str, password: str) -> str:
    response = requests.post(f"{base_url}/api/v1/auth/login", json={"username": username, "password": password},
                             timeout=10)
    response.raise_for_status()
    return response.json()["access_token"]


def issued_order(base_url: str, admin_token: str, demo_password: str) -> int:
    """One trip requested by the demo pegawai, approved by their kabag and issued by admin."""
    admin = _api(base_url, admin_token)
    admin("POST", "/travel/roster/sync")
    pegawai = _api(base_url, login(base_url, "pegawai", demo_password))
    kabag = _api(base_url, login(base_url, "kabag", demo_password))
    me = pegawai("GET", "/me").json()["employee"]
    start = date.today() + timedelta(days=3)
    if (start + timedelta(days=2)).year != date.today().year:
        start = date.today() - timedelta(days=12)
    order = pegawai("POST", "/travel/orders", json={
        "travellers": [{"employee_id": me["id"]}], "destinations": [{"province_code": "31", "city": "Jakarta Pusat"}],
        "departure_date": start.isoformat(), "return_date": (start + timedelta(days=2)).isoformat(),
        "category": "luar_kota", "transport": "umum", "basis": ["Undangan rapat koordinasi"],
        "purpose": "Benchmark", "budget_agency": "Biro Umum dan Protokol", "budget_account": "5.1.02.04.01.0001",
    }).json()
    pegawai("POST", f"/travel/orders/{order['id']}/submit")
    kabag("POST", f"/travel/orders/{order['id']}/approve")
    admin("POST", f"/travel/orders/{order['id']}/issue")
    return order["id"]


def measure_letter(base_url: str, admin_token: str, order_id: int, rounds: int = 60) -> dict:
    admin = _api(base_url, admin_token)
    path = f"/travel/orders/{order_id}/documents/sppd1"
    for _ in range(3):
        admin("GET", path)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = admin("GET", path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.content.startswith(b"%PDF")
    times.sort()
    return {"rounds": rounds, "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1)}


def seed_bulk_orders(travel_db_url: str, count: int = ORDERS) -> None:
    engine = create_engine(travel_db_url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO orders (status, unit_id, requester_account_id, requester_name, basis, purpose, origin, "
            "destinations, departure_date, return_date, category, transport, budget_agency, budget_account, "
            "estimate, estimate_total) "
            "SELECT 'draft', :u, 1, 'bulk', '[]', 'bulk ' || g, 'Denpasar', "
            "'[{\"province_code\": \"51\", \"city\": \"Badung\"}]', date '2026-01-01' + (g % 700), "
            "date '2026-01-01' + (g % 700), 'luar_kota', 'umum', 'x', 'x', '{}', 0 "
            "FROM generate_series(1, :n) g"), {"u": BULK_UNIT, "n": count})
        connection.execute(text("ANALYZE orders"))
    engine.dispose()


def measure_listing(base_url: str, admin_token: str, rounds: int = 40, limit: int = 20) -> dict:
    admin = _api(base_url, admin_token)
    params = {"unit_id": BULK_UNIT, "limit": 200}
    cursor, walked = None, 0
    while walked < ORDERS - 1000:  # walk to ~9,000 deep with big pages, keep that cursor
        body = admin("GET", "/travel/orders", params={**params, **({"cursor": cursor} if cursor else {})}).json()
        walked += len(body["items"])
        cursor = body["next_cursor"]
    first_params = {"unit_id": BULK_UNIT, "limit": limit}
    deep_params = {**first_params, "cursor": cursor}
    first, deep = [], []
    for _ in range(rounds):  # alternate, so drift hits both alike
        for params_, times in ((first_params, first), (deep_params, deep)):
            started = time.perf_counter()
            items = admin("GET", "/travel/orders", params=params_).json()["items"]
            times.append((time.perf_counter() - started) * 1000)
            assert len(items) == limit
    first_p50, deep_p50 = statistics.median(first), statistics.median(deep)
    return {"depth": walked, "page_size": limit, "rounds": rounds, "first_p50_ms": round(first_p50, 1),
            "deep_p50_ms": round(deep_p50, 1), "deep_to_first": round(deep_p50 / first_p50, 2)}
