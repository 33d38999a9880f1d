from __future__ import annotations

import uuid

import pytest
import requests

from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD

PROBLEM = "application/problem+json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Api:
    """A client app's view: JSON over HTTP through Traefik."""

    def __init__(self, base_url: str, token: str | None = None):
        self.base = base_url + "/api/v1"
        self.http = requests.Session()
        self.token = token

    def request(self, method: str, path: str, token: str | None = None, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        token = token if token is not None else self.token
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.http.request(method, self.base + path, headers=headers, timeout=15, **kwargs)

    def login(self, username: str, password: str) -> requests.Response:
        return self.request("POST", "/auth/login", json={"username": username, "password": password}, token="")

    def token_for(self, username: str, password: str) -> str:
        response = self.login(username, password)
        assert response.status_code == 200, response.text
        return response.json()["access_token"]


def signed_in(stack, username: str, password: str = DEMO_PASSWORD) -> Api:
    """A client signed in as ``username`` (default password: the seeded demo accounts')."""
    client = Api(stack.base_url)
    client.token = client.token_for(username, password)
    return client


def is_problem(response, status: int) -> dict:
    """``response`` is a problem document of ``status`` carrying its request id; its body."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith(PROBLEM), response.headers["Content-Type"]
    body = response.json()
    assert body["status"] == status and body["request_id"] == response.headers["X-Request-Id"]
    return body


@pytest.fixture(scope="session")
def api(stack) -> Api:
    return Api(stack.base_url)


@pytest.fixture(scope="session")
def admin(stack) -> Api:
    return signed_in(stack, "admin", ADMIN_PASSWORD)


def unique_nip(gender_digit: str = "1") -> str:
    """A structurally valid NIP: born 1990-05-17, TMT CPNS 2015-03, a random sequence."""
    return f"19900517201503{gender_digit}" + f"{uuid.uuid4().int % 999 + 1:03d}"


def unique_nik() -> str:
    """A structurally valid NIK: region 510101, born 17-05-90 (a man), a random sequence."""
    return "510101170590" + f"{uuid.uuid4().int % 9999 + 1:04d}"


def a_person(admin: Api, unit_id: int, name: str, password: str) -> tuple[int, str]:
    """A new non-ASN employee of ``unit_id`` with a ``pegawai`` account of their own: ``(employee id, username)``
    — for a test that gives someone a part (a driver) without changing what a seeded role may do."""
    employee = admin.request("POST", "/employees", json={
        "employment_type": "non_asn", "name": f"{name} {uuid.uuid4().hex[:4]}", "nik": unique_nik(),
        "unit_id": unit_id})
    assert employee.status_code == 201, employee.text
    username = "uji" + uuid.uuid4().hex[:8]
    account = admin.request("POST", "/accounts", json={"username": username, "password": password,
                                                        "employee_id": employee.json()["id"], "roles": ["pegawai"]})
    assert account.status_code == 201, account.text
    return employee.json()["id"], username


@pytest.fixture(scope="session")
def a_unit_id(admin) -> int:
    units = admin.request("GET", "/org-units").json()["items"]
    return next(u["id"] for u in units if u["kind"] == "subbagian")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Let fixtures see whether their test failed (the browser fixture saves a screenshot then)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
