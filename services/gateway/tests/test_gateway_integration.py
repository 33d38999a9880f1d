"""The gateway over HTTP, against the real broker and a fake personnel service."""
import time

import pytest
import requests
from gateway_fakes import BROKEN_EMPLOYEE_ID, SLOW_EMPLOYEE_ID, Recorder, make_token
from kombu import Connection
from situok_kit.envelope import Envelope
from situok_kit.outbox import event_exchange
from situok_kit.testing import wait_for

pytestmark = pytest.mark.integration

PROBLEM = "application/problem+json"


def assert_problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["type"] == f"urn:situok:problem:{code}"
    assert body["title"] and body["detail"]
    assert body["request_id"] == response.headers["X-Request-Id"]
    return body


def publish_session_revoked(amqp_uri: str, session_id: str, until: float) -> None:
    """What personnel's outbox relay publishes, sent with an independent client."""
    envelope = Envelope(type="personnel.session_revoked",
                        data={"session_id": session_id, "account_id": 11, "until": int(until)})
    exchange = event_exchange("personnel")
    with Connection(amqp_uri) as conn:
        conn.Producer(serializer="json").publish(envelope.to_dict(), exchange=exchange,
                                                 routing_key="session_revoked", declare=[exchange])


# -- authentication ------------------------------------------------------------------

def test_no_token_is_401_with_bearer_challenge(gateway):
    response = gateway.get("/api/v1/employees")
    body = assert_problem(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer ")
    assert body["instance"] == "/api/v1/employees"
    assert Recorder.of("list_employees") == []


@pytest.mark.parametrize("authorization", [
    "Bearer not-a-jwt",
    "Bearer " + make_token(secret="another-secret-entirely-0123456789")[0],
    "Bearer " + make_token(now=time.time() - 3600, ttl=60)[0],
    "Basic YWRtaW46YWRtaW4=",
])
def test_bad_token_is_401(gateway, authorization):
    response = gateway.get("/api/v1/me", headers={"Authorization": authorization})
    assert_problem(response, 401, "unauthorized")
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]
    assert Recorder.of("me") == []


def test_valid_token_reaches_personnel_with_identity(gateway):
    token, session_id = make_token(roles=("kasubbag",))
    response = gateway.get("/api/v1/employees?unit_id=3&active=true&limit=10&q=made&unknown=x", token=token)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/json"
    assert response.json()["items"][0]["nip"] == "199003152015031002"
    [(args, identity)] = Recorder.of("list_employees")
    assert args == {"filters": {"unit_id": 3, "active": True, "q": "made"}, "cursor": None, "limit": 10}
    assert identity == {"account_id": 11, "username": "made", "roles": ["kasubbag"], "session_id": session_id}


def test_login_is_public_and_maps_failures(gateway):
    ok = gateway.post("/api/v1/auth/login", json={"username": "admin", "password": "rahasia-123"})
    assert ok.status_code == 200 and ok.json()["token_type"] == "Bearer"
    wrong = gateway.post("/api/v1/auth/login", json={"username": "admin", "password": "salah"})
    assert assert_problem(wrong, 401, "unauthorized")["detail"] == "Nama pengguna atau kata sandi salah."
    locked = gateway.post("/api/v1/auth/login", json={"username": "terkunci", "password": "x"})
    assert_problem(locked, 423, "account_locked")
    assert locked.headers["Retry-After"] == "90"
    missing = gateway.post("/api/v1/auth/login", json={"username": "admin"})
    assert assert_problem(missing, 422, "validation_failed")["fields"] == {"password": "Wajib diisi."}


def test_logout_revokes_the_session_on_this_instance_at_once(gateway):
    token, _ = make_token()
    assert gateway.get("/api/v1/me", token=token).status_code == 200
    response = gateway.post("/api/v1/auth/logout", token=token)
    assert response.status_code == 200 and response.json() == {"revoked": True}
    body = assert_problem(gateway.get("/api/v1/me", token=token), 401, "unauthorized")
    assert body["fields"] == {"token": "revoked"}


def test_revocation_list_is_warmed_from_personnel_on_first_request(gateway):
    token, session_id = make_token()
    other, _ = make_token()
    Recorder.revoked = [{"session_id": session_id, "until": int(time.time()) + 600}]
    assert_problem(gateway.get("/api/v1/me", token=token), 401, "unauthorized")
    assert gateway.get("/api/v1/me", token=other).status_code == 200
    assert gateway.get("/api/v1/me", token=other).status_code == 200
    assert len(Recorder.of("revoked_sessions")) == 1


def test_session_revoked_event_reaches_every_instance(start_gateway, recorder, broker_uri):
    first = start_gateway()
    second = start_gateway(with_personnel=False)  # same vhost: the first one's fake personnel serves both
    token, session_id = make_token()
    untouched, _ = make_token()
    for gateway in (first, second):
        assert gateway.get("/api/v1/me", token=token).status_code == 200

    publish_session_revoked(broker_uri, session_id, time.time() + 600)

    for gateway in (first, second):
        wait_for(lambda gw=gateway: gw.get("/api/v1/me", token=token).status_code == 401, timeout=10,
                 message="revoked token rejected")
        assert gateway.get("/api/v1/me", token=untouched).status_code == 200


# -- errors ----------------------------------------------------------------------------

def test_forbidden_from_personnel_is_403(gateway):
    token, _ = make_token(roles=("pegawai",))
    response = gateway.post("/api/v1/employees", token=token, json={"name": "Ayu"})
    assert_problem(response, 403, "forbidden")


def test_validation_failure_is_422_with_fields(gateway):
    token, _ = make_token(roles=("admin",))
    response = gateway.post("/api/v1/employees", token=token, json={"nip": "123"})
    body = assert_problem(response, 422, "validation_failed")
    assert body["title"] == "Data tidak valid."
    assert body["fields"] == {"name": "Wajib diisi.", "nip": "NIP harus 18 digit."}


def test_query_type_errors_are_422_naming_the_parameter(gateway):
    token, _ = make_token()
    response = gateway.get("/api/v1/employees?limit=abc&active=maybe&employment_type=honorer", token=token)
    body = assert_problem(response, 422, "validation_failed")
    assert set(body["fields"]) == {"limit", "active", "employment_type"}
    assert Recorder.of("list_employees") == []


def test_not_found_from_personnel_is_404(gateway):
    token, _ = make_token()
    assert_problem(gateway.get("/api/v1/employees/99", token=token), 404, "not_found")


def test_unknown_route_is_404_problem_and_wrong_method_405(gateway):
    assert_problem(gateway.get("/api/v1/nothing-here"), 404, "not_found")
    assert_problem(gateway.get("/"), 404, "not_found")
    assert_problem(gateway.get("/api/v1/employees/not-a-number"), 404, "not_found")
    response = gateway.request("DELETE", "/api/v1/employees")
    assert_problem(response, 405, "method_not_allowed")
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


@pytest.mark.parametrize("data, content_type, field", [
    (b'{"name": "Ayu"', "application/json", "body"),
    (b'["a list"]', "application/json", "body"),
    (b'name=Ayu', "application/x-www-form-urlencoded", "content_type"),
])
def test_malformed_body_is_400(gateway, data, content_type, field):
    token, _ = make_token(roles=("admin",))
    response = gateway.post("/api/v1/employees", token=token, data=data, headers={"Content-Type": content_type})
    body = assert_problem(response, 400, "bad_request")
    assert field in body["fields"]
    assert Recorder.of("create_employee") == []


def test_slow_personnel_is_504(gateway):
    token, _ = make_token()
    gateway.get("/api/v1/me", token=token)  # warm the revocation list first
    started = time.monotonic()
    response = gateway.get(f"/api/v1/employees/{SLOW_EMPLOYEE_ID}", token=token)
    assert_problem(response, 504, "service_timeout")
    assert time.monotonic() - started < 1.4
    assert gateway.pending_replies() == 0


def test_no_personnel_is_503(start_gateway, recorder, fresh_broker_uri):
    gateway = start_gateway(with_personnel=False, amqp_uri=fresh_broker_uri)
    token, _ = make_token()
    for _ in range(3):
        assert_problem(gateway.get("/api/v1/employees", token=token), 503, "service_unavailable")
    assert gateway.pending_replies() == 0
    assert gateway.get("/health/live").status_code == 200


def test_unexpected_error_is_500_without_internals(gateway):
    token, _ = make_token()
    response = gateway.get(f"/api/v1/employees/{BROKEN_EMPLOYEE_ID}", token=token)
    body = assert_problem(response, 500, "internal_error")
    assert "exploded" not in response.text and "Traceback" not in response.text
    assert body["request_id"] in body["detail"]


# -- headers ---------------------------------------------------------------------------

def test_idempotency_key_is_forwarded_and_location_set(gateway):
    token, _ = make_token(roles=("admin",))
    response = gateway.post("/api/v1/employees", token=token, json={"name": "Ayu"},
                            headers={"Idempotency-Key": "buat-ayu-1"})
    assert response.status_code == 201, response.text
    assert response.headers["Location"] == "/api/v1/employees/8"
    [(args, _)] = Recorder.of("create_employee")
    assert args == {"data": {"name": "Ayu"}, "idempotency_key": "buat-ayu-1"}


def test_request_id_is_the_callers_or_the_call_id(gateway):
    token, _ = make_token()
    mine = gateway.get("/api/v1/me", token=token, headers={"X-Request-Id": "klien-42.a"})
    assert mine.headers["X-Request-Id"] == "klien-42.a"
    generated = gateway.get("/api/v1/me", token=token)
    assert generated.headers["X-Request-Id"].startswith("gateway.me.")
    hostile = gateway.get("/api/v1/me", token=token, headers={"X-Request-Id": "x" * 500})
    assert hostile.headers["X-Request-Id"].startswith("gateway.me.")
    problem = gateway.get("/api/v1/nothing", headers={"X-Request-Id": "klien-43"})
    assert problem.headers["X-Request-Id"] == "klien-43" and problem.json()["request_id"] == "klien-43"
    # personnel's logs carry the same id as their origin call id: one request, followed across services
    origins = [origin for method, origin in Recorder.origins if method == "me"]
    assert origins == ["klien-42.a", generated.headers["X-Request-Id"], hostile.headers["X-Request-Id"]]


# -- docs and health ---------------------------------------------------------------------

def test_openapi_docs_and_health_are_served(gateway):
    spec = gateway.get("/api/v1/openapi.json")
    assert spec.status_code == 200 and spec.json()["openapi"].startswith("3.")
    page = gateway.get("/api/v1/docs")
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    script = gateway.get("/api/v1/docs/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000
    assert_problem(gateway.get("/api/v1/docs/nope.js"), 404, "not_found")
    live = gateway.get("/health/live", headers={"X-Request-Id": "probe-1"})
    assert live.json() == {"status": "ok", "service": "gateway"}
    assert live.headers["X-Request-Id"] == "probe-1"
    ready = requests.get(gateway.url("/health/ready"), timeout=10)
    assert ready.status_code == 200 and ready.json()["checks"] == {"broker": "ok"}
    assert ready.headers["X-Request-Id"].startswith("gateway.health_ready.")
