"""Load scenarios for ``make bench``; ``bench/run.py`` picks one per locust run via SITUOK_BENCH_SCENARIO."""
from __future__ import annotations

import itertools
import os
import random
from pathlib import Path

from locust import FastHttpUser, constant, task

TOKEN = os.environ.get("SITUOK_BENCH_TOKEN", "")
UNIT_ID = int(os.environ.get("SITUOK_BENCH_UNIT_ID", "1"))
SCENARIO = os.environ.get("SITUOK_BENCH_SCENARIO", "echo")


def random_nik() -> str:
    """A structurally valid NIK (region 510101, a birth date in 1980-1999, a random sequence)."""
    day = random.randint(1, 28) + random.choice((0, 40))
    return f"510101{day:02d}{random.randint(1, 12):02d}{random.randint(80, 99):02d}{random.randint(1, 9999):04d}"


class Echo(FastHttpUser):
    """The floor: Traefik -> Nameko HTTP entrypoint -> one RPC -> reply."""

    wait_time = constant(0)

    @task
    def echo(self):
        self.client.get("/echo", name="echo")


class ListEmployees(FastHttpUser):
    wait_time = constant(0)

    @task
    def list_employees(self):
        self.client.get("/api/v1/employees?limit=20", name="GET /api/v1/employees",
                        headers={"Authorization": f"Bearer {TOKEN}"})


class CreateEmployee(FastHttpUser):
    wait_time = constant(0)

    @task
    def create_employee(self):
        body = {"employment_type": "non_asn", "name": f"Ni Luh Beban {random.randint(1, 10**9)}",
                "nik": random_nik(), "unit_id": UNIT_ID}
        with self.client.post("/api/v1/employees", json=body, name="POST /api/v1/employees",
                              headers={"Authorization": f"Bearer {TOKEN}"}, catch_response=True) as response:
            if response.status_code == 409:  # a random NIK collided: not a server failure
                response.success()


_TOKENS_FILE = os.environ.get("SITUOK_BENCH_CHECKIN_TOKENS", "")
_CHECKIN_TOKENS = Path(_TOKENS_FILE).read_text().split() if _TOKENS_FILE else []
#: One employee per check-in; bench/run.py gives each round its own slice of tokens.
_next_token = itertools.count(int(os.environ.get("SITUOK_BENCH_CHECKIN_OFFSET", "0")))


class CheckIn(FastHttpUser):
    """A phone's check-in: a distinct non-ASN employee every time, inside the office geofence."""

    wait_time = constant(0)

    @task
    def check_in(self):
        index = next(_next_token)
        if index >= len(_CHECKIN_TOKENS):
            self.environment.runner.quit()
            return
        body = {"latitude": -8.67255, "longitude": 115.23345, "accuracy": 12}
        self.client.post("/api/v1/attendance/check-in", json=body, name="POST /api/v1/attendance/check-in",
                         headers={"Authorization": f"Bearer {_CHECKIN_TOKENS[index]}"})


_SPJ_FILE = os.environ.get("SITUOK_BENCH_SPJ_IDS", "")
_SPJ_IDS = Path(_SPJ_FILE).read_text().split() if _SPJ_FILE else []
_PPK_TOKEN = Path(_SPJ_FILE).with_suffix(".token").read_text() if _SPJ_FILE else ""
#: One verified SPJ per approval; bench/run.py gives each round its own slice of ids.
_next_spj = itertools.count(int(os.environ.get("SITUOK_BENCH_SPJ_OFFSET", "0")))


class ApproveSpj(FastHttpUser):
    """The PPK approves a verified SPJ: the workflow check and the budget line's ceiling check, once each."""

    wait_time = constant(0)

    @task
    def approve(self):
        index = next(_next_spj)
        if index >= len(_SPJ_IDS):
            self.environment.runner.quit()
            return
        self.client.post(f"/api/v1/finance/spj/{_SPJ_IDS[index]}/approve", json={},
                         name="POST /api/v1/finance/spj/{id}/approve",
                         headers={"Authorization": f"Bearer {_PPK_TOKEN}"})


class SearchAssets(FastHttpUser):
    """The register's search through the stack: KIB B items whose name has a word, first page, over 50,000."""

    wait_time = constant(0)

    @task
    def search(self):
        self.client.get("/api/v1/assets/items?kib=B&q=laptop&limit=50", name="GET /api/v1/assets/items",
                        headers={"Authorization": f"Bearer {TOKEN}"})


class SearchBooking(FastHttpUser):
    """booking's availability search through the stack: the one-week window of vehicles, over 200 resources
    booked several times a day for a year (``bench/booking_availability.prepare_stack``)."""

    wait_time = constant(0)

    @task
    def search(self):
        self.client.get("/api/v1/booking/availability?kind=vehicle&starts_at=2030-06-03T00:00%2B08:00"
                        "&ends_at=2030-06-10T00:00%2B08:00&passengers=3", name="GET /api/v1/booking/availability",
                        headers={"Authorization": f"Bearer {TOKEN}"})


_BOOKING_FILE = os.environ.get("SITUOK_BENCH_BOOKING_IDS", "")
_BOOKING_IDS = Path(_BOOKING_FILE).read_text().split() if _BOOKING_FILE else []
#: One pending booking per approval, each on its own slot; bench/run.py gives each round its own slice of ids.
_next_booking = itertools.count(int(os.environ.get("SITUOK_BENCH_BOOKING_OFFSET", "0")))


class ApproveBooking(FastHttpUser):
    """An approver (admin) approves a pending booking: the workflow check, the row locks, the exclusion
    constraint and the outbox, once each."""

    wait_time = constant(0)

    @task
    def approve(self):
        index = next(_next_booking)
        if index >= len(_BOOKING_IDS):
            self.environment.runner.quit()
            return
        self.client.post(f"/api/v1/booking/bookings/{_BOOKING_IDS[index]}/approve", json={"note": None},
                         name="POST /api/v1/booking/bookings/{id}/approve",
                         headers={"Authorization": f"Bearer {TOKEN}"})


PORTAL_EVENT = os.environ.get("SITUOK_BENCH_PORTAL_EVENT", "1")


class PortalHome(FastHttpUser):
    """The public portal's home, as anyone on the internet asks for it (no session: the web's shared cache)."""

    wait_time = constant(0)

    @task
    def home(self):
        self.client.get("/publik", name="GET /publik")


class PortalEvent(FastHttpUser):
    """A public event's page with its published documentation (``bench/run.prepare_portal``)."""

    wait_time = constant(0)

    @task
    def event(self):
        self.client.get(f"/publik/agenda/{PORTAL_EVENT}", name="GET /publik/agenda/{id}")


USERS = {"echo": Echo, "list": ListEmployees, "create": CreateEmployee, "checkin": CheckIn,
         "approve": ApproveSpj, "assets_search": SearchAssets, "booking_search": SearchBooking,
         "booking_approve": ApproveBooking, "portal_home": PortalHome, "portal_event": PortalEvent}
for _name, _cls in USERS.items():
    if _name != SCENARIO:
        _cls.abstract = True
del _name, _cls  # locust collects every User class bound in the module, aliases included
