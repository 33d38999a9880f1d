"""The Compose labels and the Kubernetes CRDs make a working edge on the real Traefik.

Schemas check field names; this checks meaning. Docker labels and the CRDs'
specs are Traefik's dynamic configuration in other clothes, so both are
translated to the file provider and loaded, next to a stand-in gateway, by the
real binary started from deploy/compose/traefik.yml (only its provider and
addresses swapped for loopback ones). Each edge must route /api, add the
security headers and rate-limit the login, and Traefik must report no
configuration error.
"""
from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path

import pytest
import requests
import yaml
from deploy_helpers import Backend, poll, stop_process

from tools.traefik import command, free_port, wait_ready

pytestmark = pytest.mark.timeout(60)

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_DIR = ROOT / "deploy" / "compose"
K8S_EDGE = ROOT / "deploy" / "k8s" / "base" / "edge"


def nested(flat: dict[str, str]) -> dict:
    tree: dict = {}
    for key, value in flat.items():
        node = tree
        *parents, leaf = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return tree


def interpolate(value: str) -> str:
    """Compose's ${VAR:-default} with nothing set: the defaults apply."""
    return re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", value)


def compose_edge(backend_url: str) -> dict:
    """Labels of the gateway container as a file-provider configuration (names prefixed compose-)."""
    compose = yaml.safe_load((COMPOSE_DIR / "docker-compose.yml").read_text())
    labels = {k: interpolate(str(v)) for k, v in compose["services"]["gateway"]["labels"].items()}
    http = nested({k.removeprefix("traefik.http."): v for k, v in labels.items() if k.startswith("traefik.http.")})
    for router in http["routers"].values():
        router["service"] = "compose-" + router["service"]
        router["middlewares"] = ["compose-" + m.removesuffix("@docker") for m in router["middlewares"].split(",")]
    for service in http["services"].values():
        # `server.port` is Docker-only shorthand for "this container, this port".
        assert set(service["loadbalancer"].pop("server")) == {"port"}
        service["loadbalancer"]["servers"] = [{"url": backend_url}]
    return {"http": {section: {f"compose-{name}": spec for name, spec in entries.items()}
                     for section, entries in http.items()}}


def k8s_edge(backend_url: str) -> dict:
    """The IngressRoute and Middlewares as a file-provider configuration (names prefixed k8s-)."""
    middlewares, routes = {}, []
    for path in sorted(K8S_EDGE.glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if doc["kind"] == "Middleware":
                middlewares["k8s-" + doc["metadata"]["name"]] = doc["spec"]
            elif doc["kind"] == "IngressRoute":
                routes.append(doc["spec"])
    routers, services = {}, {}
    for spec in routes:
        for number, route in enumerate(spec["routes"]):
            (target,) = route["services"]
            name = "k8s-" + target["name"]
            services[name] = {"loadBalancer": {"servers": [{"url": backend_url}],
                                               "passHostHeader": target.get("passHostHeader", True)}}
            # TLS is the cluster's business; here the websecure entry point is plain HTTP.
            routers[f"k8s-route-{number}"] = {
                "entryPoints": spec["entryPoints"], "rule": route["match"], "priority": route["priority"],
                "service": name, "middlewares": ["k8s-" + m["name"] for m in route["middlewares"]]}
    return {"http": {"routers": routers, "services": services, "middlewares": middlewares}}


class Edges:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.backend = Backend("gateway")
        backend_url = f"http://127.0.0.1:{self.backend.port}"
        static = yaml.safe_load((COMPOSE_DIR / "traefik.yml").read_text())
        self.ports = {"web": free_port(), "websecure": free_port()}
        ping_port = free_port()
        static["entryPoints"]["web"]["address"] = f"127.0.0.1:{self.ports['web']}"
        static["entryPoints"]["websecure"] = copy.deepcopy(static["entryPoints"]["web"])
        static["entryPoints"]["websecure"]["address"] = f"127.0.0.1:{self.ports['websecure']}"
        static["entryPoints"]["traefik"]["address"] = f"127.0.0.1:{ping_port}"
        static["api"] = {"insecure": True, "dashboard": False}  # read-only view for the last test
        self.api = f"http://127.0.0.1:{ping_port}/api"
        dynamic_dir = workdir / "dynamic"
        dynamic_dir.mkdir()
        static["providers"] = {"file": {"directory": str(dynamic_dir)}}
        static["log"]["filePath"] = str(workdir / "traefik.log")
        static["accessLog"]["filePath"] = str(workdir / "access.log")
        (dynamic_dir / "compose.yml").write_text(yaml.safe_dump(compose_edge(backend_url)))
        (dynamic_dir / "k8s.yml").write_text(yaml.safe_dump(k8s_edge(backend_url)))
        static_path = workdir / "traefik.yml"
        static_path.write_text(yaml.safe_dump(static))
        self.proc = subprocess.Popen(command(static_path), stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            wait_ready(f"http://127.0.0.1:{ping_port}/ping", timeout=15)
            for entrypoint in self.ports:
                poll(lambda ep=entrypoint: self.get(ep, "/api/v1/ping").status_code == 200, timeout=10)
        except BaseException:
            self.close()  # never leave a Traefik behind when start-up fails
            raise

    def url(self, entrypoint: str, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[entrypoint]}{path}"

    def get(self, entrypoint: str, path: str) -> requests.Response:
        return requests.get(self.url(entrypoint, path), timeout=5)

    def close(self) -> None:
        stop_process(self.proc)
        self.backend.stop()


@pytest.fixture(scope="module")
def edges(tmp_path_factory):
    edges = Edges(tmp_path_factory.mktemp("edges"))
    yield edges
    edges.close()


@pytest.mark.parametrize("entrypoint", ["web", "websecure"], ids=["compose-labels", "k8s-crds"])
def test_edge_routes_api_with_security_headers(edges, entrypoint):
    response = edges.get(entrypoint, "/api/v1/ping")
    assert response.status_code == 200
    assert response.json() == {"backend": "gateway", "path": "/api/v1/ping"}
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert edges.get(entrypoint, "/").status_code == 404  # nothing but /api is routed


@pytest.mark.parametrize("entrypoint", ["web", "websecure"], ids=["compose-labels", "k8s-crds"])
def test_edge_rate_limits_the_login(edges, entrypoint):
    statuses = []
    with requests.Session() as session:
        for _ in range(80):  # bounded: four times the configured burst of 20
            statuses.append(session.post(edges.url(entrypoint, "/api/v1/auth/login"), json={}, timeout=5).status_code)
            if statuses[-1] == 429:
                break
    assert statuses[-1] == 429 and statuses.index(429) >= 20, statuses


def test_traefik_accepted_both_configurations(edges):
    entries = [json.loads(line) for line in (edges.workdir / "traefik.log").read_text().splitlines() if line]
    errors = [e for e in entries if e.get("level") in ("error", "fatal", "panic")]
    assert not errors, errors
    routers = [r for r in requests.get(f"{edges.api}/http/routers", timeout=5).json() if r["provider"] == "file"]
    assert {r["name"] for r in routers} == {"compose-api@file", "compose-api-login@file",
                                           "k8s-route-0@file", "k8s-route-1@file"}
    middlewares = requests.get(f"{edges.api}/http/middlewares", timeout=5).json()
    assert len(middlewares) == 6
    assert all(item["status"] == "enabled" for item in routers + middlewares), routers + middlewares
