"""The fault suite: the whole stack behind TCP proxies (``tools.fault_stack``), and clients of it."""
from __future__ import annotations

import uuid

import pytest
import requests

from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD, stack_env
from tools.fault_stack import draft_order, faulty_stack

#: How soon after a fault ends the stack must answer again (the platform's recovery target).
RECOVERY_SECONDS = 5.0


class Client:
    """A client app: JSON over HTTP through Traefik, patient enough to outlast a restart."""

    def __init__(self, base_url: str, username: str, password: str):
        self.base = base_url + "/api/v1"
        self.http = requests.Session()
        response = self.call("POST", "/auth/login", json={"username": username, "password": password})
        assert response.status_code == 200, response.text
        self.http.headers["Authorization"] = f"Bearer {response.json()['access_token']}"

    def call(self, method: str, path: str, **kwargs) -> requests.Response:
        return self.http.request(method, self.base + path, timeout=40, **kwargs)


@pytest.fixture(scope="module")
def faulty(infra, tmp_path_factory):
    env = stack_env("fault", SITUOK_RPC_TIMEOUT="20")
    with faulty_stack(infra, tmp_path_factory.mktemp("fault"), env) as stack:
        yield stack


@pytest.fixture(scope="module")
def admin(faulty) -> Client:
    return Client(faulty.stack.base_url, "admin", ADMIN_PASSWORD)


@pytest.fixture(scope="module")
def pegawai(faulty, admin) -> Client:
    synced = admin.call("POST", "/travel/roster/sync")
    assert synced.status_code == 200, synced.text
    return Client(faulty.stack.base_url, "pegawai", DEMO_PASSWORD)


@pytest.fixture(scope="module")
def me(pegawai) -> dict:
    return pegawai.call("GET", "/me").json()["employee"]


def order_form(employee_id: int) -> dict:
    return draft_order(employee_id, "Uji gangguan " + uuid.uuid4().hex[:10])


def employee_form(unit_id: int) -> dict:
    """A non-ASN employee (a NIK born 17-05-90, a random sequence)."""
    return {"employment_type": "non_asn", "name": "Uji Gangguan " + uuid.uuid4().hex[:6],
            "nik": "510101170590" + f"{uuid.uuid4().int % 9999 + 1:04d}", "unit_id": unit_id}


@pytest.fixture(scope="module")
def unit_id(admin) -> int:
    units = admin.call("GET", "/org-units").json()["items"]
    return next(u["id"] for u in units if u["kind"] == "subbagian")
