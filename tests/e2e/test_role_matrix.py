"""The role matrix: every route of the OpenAPI document, one row each, against the real stack.

A row names the route and whether it is public; the columns checked so far are the attacker's: no token, a
token forged with another key, a token whose signature was tampered with, and a token of the wrong type.
Every non-public route must answer 401 to each of them before anything else happens. A route in the OpenAPI
without a row here fails ``test_every_route_has_a_row``, so each new domain adds its rows (and, as the matrix
grows, its per-role cells: allowed, 403, 404 for own / other-unit / other-person records).
"""
from __future__ import annotations

import base64
import json
import time

import jwt
import pytest
import requests

pytestmark = pytest.mark.e2e

#: Values for path parameters: any well-formed value will do for the columns checked before a lookup.
PATH_VALUES = {"employee_id": "1", "unit_id": "1", "account_id": "1", "request_id": "1", "correction_id": "1",
               "location_id": "1", "period_id": "1", "day": "2026-01-01", "order_id": "1", "kind": "spt",
               "attachment_id": "1", "fiscal_year": "2026", "token": "abc", "asset": "swagger-ui.css"}

PUBLIC, PRIVATE = True, False
#: (method, path under the server root, public?) — one row per operation of the OpenAPI document.
ROWS = (
    ("POST", "/api/v1/auth/login", PUBLIC),
    ("POST", "/api/v1/auth/refresh", PUBLIC),
    ("POST", "/api/v1/auth/logout", PRIVATE),
    ("POST", "/api/v1/auth/password", PRIVATE),
    ("GET", "/api/v1/me", PRIVATE),
    ("GET", "/api/v1/personnel/capabilities", PRIVATE),
    ("GET", "/api/v1/employees", PRIVATE),
    ("POST", "/api/v1/employees", PRIVATE),
    ("GET", "/api/v1/employees/{employee_id}", PRIVATE),
    ("PATCH", "/api/v1/employees/{employee_id}", PRIVATE),
    ("POST", "/api/v1/employees/{employee_id}/deactivate", PRIVATE),
    ("GET", "/api/v1/org-units", PRIVATE),
    ("POST", "/api/v1/org-units", PRIVATE),
    ("GET", "/api/v1/org-units/{unit_id}", PRIVATE),
    ("PATCH", "/api/v1/org-units/{unit_id}", PRIVATE),
    ("GET", "/api/v1/positions", PRIVATE),
    ("POST", "/api/v1/positions", PRIVATE),
    ("GET", "/api/v1/accounts", PRIVATE),
    ("POST", "/api/v1/accounts", PRIVATE),
    ("GET", "/api/v1/accounts/{account_id}", PRIVATE),
    ("PATCH", "/api/v1/accounts/{account_id}", PRIVATE),
    ("POST", "/api/v1/accounts/{account_id}/unlock", PRIVATE),
    ("POST", "/api/v1/attendance/check-in", PRIVATE),
    ("POST", "/api/v1/attendance/check-out", PRIVATE),
    ("GET", "/api/v1/attendance/me", PRIVATE),
    ("GET", "/api/v1/attendance/capabilities", PRIVATE),
    ("GET", "/api/v1/attendance/me/today", PRIVATE),
    ("GET", "/api/v1/attendance/days", PRIVATE),
    ("GET", "/api/v1/attendance/recap", PRIVATE),
    ("GET", "/api/v1/attendance/recap/export", PRIVATE),
    ("GET", "/api/v1/attendance/today", PRIVATE),
    ("GET", "/api/v1/attendance/requests", PRIVATE),
    ("POST", "/api/v1/attendance/requests", PRIVATE),
    ("GET", "/api/v1/attendance/requests/{request_id}", PRIVATE),
    ("GET", "/api/v1/attendance/requests/{request_id}/attachment", PRIVATE),
    ("POST", "/api/v1/attendance/requests/{request_id}/approve", PRIVATE),
    ("POST", "/api/v1/attendance/requests/{request_id}/reject", PRIVATE),
    ("POST", "/api/v1/attendance/requests/{request_id}/cancel", PRIVATE),
    ("GET", "/api/v1/attendance/corrections", PRIVATE),
    ("POST", "/api/v1/attendance/corrections", PRIVATE),
    ("GET", "/api/v1/attendance/corrections/{correction_id}", PRIVATE),
    ("POST", "/api/v1/attendance/corrections/{correction_id}/approve", PRIVATE),
    ("POST", "/api/v1/attendance/corrections/{correction_id}/reject", PRIVATE),
    ("POST", "/api/v1/attendance/corrections/{correction_id}/cancel", PRIVATE),
    ("GET", "/api/v1/attendance/setup", PRIVATE),
    ("POST", "/api/v1/attendance/locations", PRIVATE),
    ("PATCH", "/api/v1/attendance/locations/{location_id}", PRIVATE),
    ("PUT", "/api/v1/attendance/schedules", PRIVATE),
    ("POST", "/api/v1/attendance/periods", PRIVATE),
    ("PUT", "/api/v1/attendance/periods/{period_id}", PRIVATE),
    ("DELETE", "/api/v1/attendance/periods/{period_id}", PRIVATE),
    ("GET", "/api/v1/attendance/holidays", PRIVATE),
    ("POST", "/api/v1/attendance/holidays", PRIVATE),
    ("DELETE", "/api/v1/attendance/holidays/{day}", PRIVATE),
    ("POST", "/api/v1/attendance/holidays/import", PRIVATE),
    ("PUT", "/api/v1/attendance/weights", PRIVATE),
    ("PATCH", "/api/v1/attendance/settings", PRIVATE),
    ("GET", "/api/v1/attendance/roster", PRIVATE),
    ("POST", "/api/v1/attendance/roster/sync", PRIVATE),
    ("GET", "/api/v1/travel/orders", PRIVATE),
    ("POST", "/api/v1/travel/orders", PRIVATE),
    ("GET", "/api/v1/travel/orders/{order_id}", PRIVATE),
    ("PATCH", "/api/v1/travel/orders/{order_id}", PRIVATE),
    ("POST", "/api/v1/travel/estimate", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/submit", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/approve", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/reject", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/issue", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/cancel", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/legs", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/report", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/complete", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/realize", PRIVATE),
    ("GET", "/api/v1/travel/orders/{order_id}/documents/{kind}", PRIVATE),
    ("GET", "/api/v1/travel/attachments/{attachment_id}", PRIVATE),
    ("GET", "/api/v1/travel/rates", PRIVATE),
    ("GET", "/api/v1/travel/rates/{fiscal_year}", PRIVATE),
    ("POST", "/api/v1/travel/rates/{fiscal_year}", PRIVATE),
    ("GET", "/api/v1/travel/capabilities", PRIVATE),
    ("GET", "/api/v1/travel/rules", PRIVATE),
    ("PUT", "/api/v1/travel/rules", PRIVATE),
    ("GET", "/api/v1/travel/roster", PRIVATE),
    ("POST", "/api/v1/travel/roster/sync", PRIVATE),
    ("GET", "/api/v1/public/letters/{token}", PUBLIC),
    ("GET", "/api/v1/openapi.json", PUBLIC),
    ("GET", "/api/v1/docs", PUBLIC),
    ("GET", "/api/v1/docs/{asset}", PUBLIC),
    ("GET", "/health/live", PUBLIC),
    ("GET", "/health/ready", PUBLIC),
)
PRIVATE_ROWS = [(method, path) for method, path, public in ROWS if not public]


def concrete(path: str) -> str:
    for name, value in PATH_VALUES.items():
        path = path.replace("{" + name + "}", value)
    return path


def test_every_route_has_a_row(stack):
    spec = requests.get(f"{stack.base_url}/api/v1/openapi.json", timeout=10).json()
    documented = {(method.upper(), path, operation.get("security") == [])
                  for path, operations in spec["paths"].items()
                  for method, operation in operations.items() if method in ("get", "post", "put", "patch", "delete")}
    assert documented - set(ROWS) == set(), "routes without a row in the role matrix"
    assert set(ROWS) - documented == set(), "rows for routes the OpenAPI no longer has"


def _forged_tokens(real: str) -> dict[str, str]:
    """Tokens an attacker can make: another key, a tampered payload, an unsigned one, a refresh-typed one."""
    claims = jwt.decode(real, options={"verify_signature": False})
    elevated = {**claims, "roles": ["admin"], "exp": int(time.time()) + 600}
    head, _payload, signature = real.split(".")
    tampered_payload = base64.urlsafe_b64encode(json.dumps(elevated).encode()).rstrip(b"=").decode()
    return {
        "another key": jwt.encode(elevated, "attacker-secret-" + "x" * 32, algorithm="HS256"),
        "tampered payload": f"{head}.{tampered_payload}.{signature}",
        "alg none": jwt.encode(elevated, None, algorithm="none"),
        "not a token": "situok",
    }


@pytest.fixture(scope="module")
def forged(admin) -> dict[str, str]:
    return _forged_tokens(admin.token)


@pytest.mark.parametrize("method, path", PRIVATE_ROWS)
def test_no_token_is_401(api, method, path):
    response = api.request(method, concrete(path.removeprefix("/api/v1")), token="")
    assert response.status_code == 401, (method, path, response.status_code, response.text[:200])


@pytest.mark.parametrize("method, path", PRIVATE_ROWS)
def test_a_forged_token_is_401(api, forged, method, path):
    for how, token in forged.items():
        response = api.request(method, concrete(path.removeprefix("/api/v1")), token=token)
        assert response.status_code == 401, (how, method, path, response.status_code, response.text[:200])
