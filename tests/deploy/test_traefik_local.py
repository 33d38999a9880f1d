"""The local Traefik configuration, proven with the real binary on loopback.

Two tiny HTTP backends stand in for gateway instances. Traefik starts from the
configuration tools/traefik.py renders out of deploy/traefik/, and the tests
check routing, load balancing, security headers, the login rate limit, the
JSON access log, and what happens when one backend dies: the retry middleware
hides it before the health check notices, and once the health check has
marked it down no request goes near it. Tests run in file order and share one
Traefik; the failover tests come last because they stop a backend.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import requests
from deploy_helpers import Backend, poll, stop_process

from tools.traefik import command, free_port, render_config, wait_ready

pytestmark = pytest.mark.timeout(60)

LOGIN_BURST = 20


def access_log_lines(path: str) -> list[dict]:
    text = Path(path).read_text(encoding="utf-8") if Path(path).exists() else ""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


class Edge:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.backends = {"a": Backend("a"), "b": Backend("b")}
        self.http_port = free_port()
        self.ping_port = free_port()
        self.session = requests.Session()
        # A long health-check interval at first, so the retry test sees a dead
        # backend that the health check has not noticed yet (deterministic).
        self.paths = self.render(health_interval="30s")
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.log_file = open(workdir / "traefik.log", "w")  # noqa: SIM115  closed in close()
        self.proc = subprocess.Popen(command(self.paths["static"]), stdout=self.log_file, stderr=subprocess.STDOUT,
                                     cwd=workdir)
        try:
            wait_ready(self.paths["ping_url"], timeout=15)
            poll(self.routes_ready, timeout=10)
        except BaseException:
            self.close()  # never leave a Traefik behind when start-up fails
            raise

    def render(self, health_interval: str) -> dict:
        return render_config(self.workdir, http_port=self.http_port,
                             gateway_ports=[b.port for b in self.backends.values()],
                             ping_port=self.ping_port, login_rate_average=10, login_rate_burst=LOGIN_BURST,
                             health_interval=health_interval)

    def routes_ready(self) -> bool:
        """/api answers through Traefik"""
        try:
            return self.get("/api/v1/ping").status_code == 200
        except requests.ConnectionError:
            return False

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(self.url + path, timeout=5, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.session.post(self.url + path, timeout=5, **kwargs)

    def gateway_status(self) -> dict:
        """Traefik's view of the gateway service: health-check settings and per-server status."""
        response = requests.get(f"{self.paths['api_url']}/http/services/gateway@file", timeout=5)
        response.raise_for_status()
        return response.json()

    def failed_attempts(self) -> float:
        """Attempts Traefik sent to gateway servers that failed (Prometheus, 502 at the service level).

        The client never sees these when a retry succeeds. The access log's
        RetryAttempts field stayed 0 in our runs with Traefik 3.7 although its
        debug log showed the retries, so the metric is the witness.
        """
        text = requests.get(self.paths["ping_url"].replace("/ping", "/metrics"), timeout=5).text
        return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                   if line.startswith("traefik_service_requests_total{") and 'code="502"' in line
                   and 'service="gateway@file"' in line)

    def backend_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.backends[name].port}"

    def close(self) -> None:
        stop_process(self.proc)
        for backend in self.backends.values():
            if backend.thread.is_alive():
                backend.stop()
        self.session.close()
        self.log_file.close()


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    edge = Edge(tmp_path_factory.mktemp("traefik"))
    yield edge
    edge.close()


def test_api_is_load_balanced_over_both_backends(edge):
    seen = []
    for _ in range(10):
        response = edge.get("/api/v1/ping")
        assert response.status_code == 200
        seen.append(response.json()["backend"])
    assert set(seen) == {"a", "b"}
    assert response.json()["path"] == "/api/v1/ping"  # path passed through unchanged


def test_security_headers_on_every_response(edge):
    for response in (edge.get("/api/v1/ping"), edge.get("/api/v1/nothing-here")):
        headers = response.headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert "Strict-Transport-Security" not in headers  # plain HTTP locally: HSTS only where TLS


def test_routes_exist_only_for_configured_services(edge):
    # No web or echo ports were given, so / and /echo have no router.
    assert edge.get("/").status_code == 404
    assert edge.get("/echo").status_code == 404
    assert not (Path(edge.paths["dynamic_dir"]) / "web.yml").exists()


def test_login_is_rate_limited_per_client(edge):
    responses = []
    for _ in range(LOGIN_BURST * 4):  # bounded: far more than the burst, sent back to back
        responses.append(edge.post("/api/v1/auth/login", json={"username": "u", "password": "p"}))
        if responses[-1].status_code == 429:
            break
    statuses = [r.status_code for r in responses]
    assert statuses[-1] == 429, statuses
    # The whole burst passed before the limit applied (the bucket refills meanwhile, so maybe a few more).
    assert statuses.index(429) >= LOGIN_BURST, statuses
    # The refusal is still an edge answer with the security headers (no second request: the
    # token bucket may have refilled by then on a busy machine).
    assert responses[-1].headers["X-Content-Type-Options"] == "nosniff"
    # Other API routes are not limited.
    assert edge.get("/api/v1/ping").status_code == 200


def test_access_log_is_json_lines(edge):
    edge.get("/api/v1/ping", headers={"X-Request-Id": "req-deploy-test-1"})

    def logged():
        """the request shows up in the access log"""
        lines = access_log_lines(edge.paths["access_log"])  # every line must parse as JSON
        return [entry for entry in lines if entry.get("request_X-Request-Id") == "req-deploy-test-1"]

    entry = poll(logged)[0]
    assert entry["RouterName"] == "api@file"
    assert entry["DownstreamStatus"] == 200
    assert entry["RequestPath"] == "/api/v1/ping"
    entries = access_log_lines(edge.paths["access_log"])
    assert any(e.get("RouterName") == "api-login@file" and e["DownstreamStatus"] == 429 for e in entries)
    # Credentials never reach the log.
    assert not any("request_Authorization" in e or "request_Cookie" in e for e in entries)


def test_retry_hides_a_dead_backend_before_the_health_check_notices(edge):
    refused_before = edge.failed_attempts()
    edge.backends["b"].stop()
    for _ in range(20):
        response = edge.get("/api/v1/ping")
        assert response.status_code == 200
        assert response.json()["backend"] == "a"
    # The health check (30 s interval) has not run since: b still counts as up,
    # and Traefik did send attempts to it (refused, counted as 502 at the
    # service level) that the retry middleware re-sent to a.
    assert edge.gateway_status()["serverStatus"][edge.backend_url("b")] == "UP"
    assert edge.failed_attempts() > refused_before


def test_no_request_goes_to_a_backend_the_health_check_marked_down(edge):
    # Render again with the 1 s interval of real runs; Traefik watches the file.
    edge.render(health_interval="1s")

    def b_marked_down():
        """the reloaded health check (1s) marks b DOWN"""
        status = edge.gateway_status()
        interval = status["loadBalancer"]["healthCheck"]["interval"]
        return interval == "1s" and status.get("serverStatus", {}).get(edge.backend_url("b")) == "DOWN"

    poll(b_marked_down, timeout=10)
    refused_before = edge.failed_attempts()
    for _ in range(30):
        response = edge.get("/api/v1/ping")
        assert response.status_code == 200
        assert response.json()["backend"] == "a"
    assert edge.failed_attempts() == refused_before  # b is not even tried any more


def test_a_restarted_backend_rejoins(edge):
    edge.backends["b"] = Backend("b", port=edge.backends["b"].port)

    def b_back_up():
        """the health check marks b UP again"""
        return edge.gateway_status().get("serverStatus", {}).get(edge.backend_url("b")) == "UP"

    poll(b_back_up, timeout=10)
    seen = {edge.get("/api/v1/ping").json()["backend"] for _ in range(10)}
    assert seen == {"a", "b"}


def test_traefik_logged_no_configuration_error(edge):
    edge.log_file.flush()
    entries = [json.loads(line) for line in (edge.workdir / "traefik.log").read_text().splitlines()
               if line.startswith("{")]
    assert entries, "Traefik wrote no JSON log"
    errors = [e for e in entries if e.get("level") in ("error", "fatal", "panic")]
    assert not errors, errors
