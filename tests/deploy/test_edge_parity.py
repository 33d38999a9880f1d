"""The Compose labels and the Kubernetes CRDs make a working edge on the real Traefik.

Schemas check field names; this checks meaning. Docker labels and the CRDs'
specs are Traefik's dynamic configuration in other clothes, so both are
translated to the file provider and loaded, next to a stand-in gateway and a
stand-in web, by the real binary started from deploy/compose/traefik.yml (only
its provider and addresses swapped for loopback ones). Each edge must route
/api to the gateway and everything else to web, add the security headers and
rate-limit both logins (the API's and web's form), and Traefik must report no
configuration error. First of all, the three edges (local files, Compose
labels, IngressRoutes) must declare the same routes.
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
from compose_model import load_compose
from deploy_helpers import Backend, poll, stop_process

from tools.traefik import command, free_port, render_config, wait_ready

pytestmark = pytest.mark.timeout(60)

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_DIR = ROOT / "deploy" / "compose"
K8S_BASE = ROOT / "deploy" / "k8s" / "base"
#: The services every edge routes to (echo is the local and Compose benchmark only).
ROUTED = ("gateway", "web")
#: Login endpoints, each rate-limited, and the service behind it.
LOGINS = {"/api/v1/auth/login": "gateway", "/masuk": "web"}


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


def compose_labels() -> dict[str, str]:
    """The Traefik labels of the routed containers, merged (the shared middlewares are identical on each)."""
    compose = load_compose(COMPOSE_DIR / "docker-compose.yml")
    labels: dict[str, str] = {}
    for name in ROUTED:
        for key, value in compose["services"][name]["labels"].items():
            value = interpolate(str(value))
            assert labels.get(key, value) == value, f"{name} redefines {key}"
            labels[key] = value
    return labels


def k8s_documents() -> list[dict]:
    """The edge's objects in the base: the Middlewares (edge/) and each routed service's IngressRoute."""
    return [doc for path in sorted(K8S_BASE.rglob("*.yaml")) if path.name != "kustomization.yaml"
            for doc in yaml.safe_load_all(path.read_text()) if doc and doc["kind"] in ("Middleware", "IngressRoute")]


def compose_edge(backend_urls: dict[str, str]) -> dict:
    """Labels of the routed containers as a file-provider configuration (names prefixed compose-)."""
    labels = compose_labels()
    http = nested({k.removeprefix("traefik.http."): v for k, v in labels.items() if k.startswith("traefik.http.")})
    for router in http["routers"].values():
        router["service"] = "compose-" + router["service"]
        router["middlewares"] = ["compose-" + m.removesuffix("@docker") for m in router["middlewares"].split(",")]
    for name, service in http["services"].items():
        # `server.port` is Docker-only shorthand for "this container, this port".
        assert set(service["loadbalancer"].pop("server")) == {"port"}
        service["loadbalancer"]["servers"] = [{"url": backend_urls[name]}]
    return {"http": {section: {f"compose-{name}": spec for name, spec in entries.items()}
                     for section, entries in http.items()}}


def k8s_edge(backend_urls: dict[str, str]) -> dict:
    """The IngressRoutes and Middlewares as a file-provider configuration (names prefixed k8s-)."""
    middlewares, routers, services = {}, {}, {}
    for doc in k8s_documents():
        if doc["kind"] == "Middleware":
            middlewares["k8s-" + doc["metadata"]["name"]] = doc["spec"]
        elif doc["kind"] == "IngressRoute":
            spec = doc["spec"]
            for number, route in enumerate(spec["routes"]):
                (target,) = route["services"]
                name = "k8s-" + target["name"]
                services[name] = {"loadBalancer": {"servers": [{"url": backend_urls[target["name"]]}],
                                                   "passHostHeader": target.get("passHostHeader", True)}}
                # TLS is the cluster's business; here the websecure entry point is plain HTTP.
                routers[f"k8s-{doc['metadata']['name']}-{number}"] = {
                    "entryPoints": spec["entryPoints"], "rule": route["match"], "priority": route["priority"],
                    "service": name, "middlewares": ["k8s-" + m["name"] for m in route["middlewares"]]}
    return {"http": {"routers": routers, "services": services, "middlewares": middlewares}}


# ---------------------------------------------------------------- the same routes everywhere (offline)

Route = tuple[str, int, str, tuple[str, ...]]  # rule, priority, service, middlewares


def local_routes(tmp_path: Path) -> set[Route]:
    paths = render_config(tmp_path, http_port=18000, gateway_ports=[18101], web_ports=[18401], ping_port=18080)
    routes = set()
    for file in sorted(Path(paths["dynamic_dir"]).glob("*.yml")):
        for router in yaml.safe_load(file.read_text())["http"].get("routers", {}).values():
            routes.add((router["rule"], router["priority"], router["service"], tuple(router["middlewares"])))
    return routes


def compose_routes() -> set[Route]:
    routers = nested({k.removeprefix("traefik.http.routers."): v for k, v in compose_labels().items()
                      if k.startswith("traefik.http.routers.")})
    return {(r["rule"], int(r["priority"]), r["service"],
             tuple(m.removesuffix("@docker") for m in r["middlewares"].split(","))) for r in routers.values()}


def k8s_routes() -> set[Route]:
    routes = set()
    for doc in k8s_documents():
        if doc["kind"] == "IngressRoute":
            for route in doc["spec"]["routes"]:
                (target,) = route["services"]
                routes.add((route["match"], route["priority"], target["name"],
                            tuple(m["name"] for m in route["middlewares"])))
    return routes


def test_the_three_edges_declare_the_same_routes(tmp_path):
    local = local_routes(tmp_path)
    assert local == compose_routes(), "deploy/traefik and the Compose labels differ"
    assert local == k8s_routes(), "deploy/traefik and the IngressRoutes differ"
    assert {service for _, _, service, _ in local} == set(ROUTED)
    (catch_all,) = [r for r in local if r[0] == "PathPrefix(`/`)"]
    assert catch_all[2] == "web" and all(r[1] > catch_all[1] for r in local if r != catch_all)
    for path, service in LOGINS.items():
        (login,) = [r for r in local if f"Path(`{path}`)" in r[0]]
        assert login[2] == service and "login-ratelimit" in login[3] and "Method(`POST`)" in login[0]
    # Only the logins are rate-limited.
    assert sum("login-ratelimit" in r[3] for r in local) == len(LOGINS)


# ---------------------------------------------------------------- the real Traefik


class Edges:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.backends = {name: Backend(name) for name in ROUTED}
        backend_urls = {name: f"http://127.0.0.1:{b.port}" for name, b in self.backends.items()}
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
        (dynamic_dir / "compose.yml").write_text(yaml.safe_dump(compose_edge(backend_urls)))
        (dynamic_dir / "k8s.yml").write_text(yaml.safe_dump(k8s_edge(backend_urls)))
        static_path = workdir / "traefik.yml"
        static_path.write_text(yaml.safe_dump(static))
        self.proc = subprocess.Popen(command(static_path), stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            wait_ready(f"http://127.0.0.1:{ping_port}/ping", timeout=15)
            for entrypoint in self.ports:
                for path in ("/api/v1/ping", "/"):
                    poll(lambda ep=entrypoint, p=path: self.get(ep, p).status_code == 200, timeout=10)
        except BaseException:
            self.close()  # never leave a Traefik behind when start-up fails
            raise

    def url(self, entrypoint: str, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[entrypoint]}{path}"

    def get(self, entrypoint: str, path: str) -> requests.Response:
        return requests.get(self.url(entrypoint, path), timeout=5)

    def close(self) -> None:
        stop_process(self.proc)
        for backend in self.backends.values():
            backend.stop()


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


@pytest.mark.parametrize("entrypoint", ["web", "websecure"], ids=["compose-labels", "k8s-crds"])
@pytest.mark.parametrize("path", ["/", "/masuk", "/pegawai?halaman=2"])
def test_edge_routes_everything_else_to_web(edges, entrypoint, path):
    response = edges.get(entrypoint, path)
    assert response.json()["backend"] == "web"
    assert response.json()["path"] == path  # passed through unchanged
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("entrypoint", ["web", "websecure"], ids=["compose-labels", "k8s-crds"])
@pytest.mark.parametrize("path", list(LOGINS))
def test_edge_rate_limits_the_login(edges, entrypoint, path):
    responses = []
    with requests.Session() as session:
        for _ in range(40):  # bounded: four times the configured burst of 10
            responses.append(session.post(edges.url(entrypoint, path), json={}, timeout=5))
            if responses[-1].status_code == 429:
                break
    statuses = [r.status_code for r in responses]
    assert statuses[-1] == 429 and statuses.index(429) >= 10, statuses
    assert responses[0].json() == {"backend": LOGINS[path], "path": path}
    assert responses[-1].headers["X-Content-Type-Options"] == "nosniff"  # the refusal is an edge answer too


def test_traefik_accepted_both_configurations(edges):
    entries = [json.loads(line) for line in (edges.workdir / "traefik.log").read_text().splitlines() if line]
    errors = [e for e in entries if e.get("level") in ("error", "fatal", "panic")]
    assert not errors, errors
    routers = [r for r in requests.get(f"{edges.api}/http/routers", timeout=5).json() if r["provider"] == "file"]
    assert {r["name"] for r in routers} == {
        "compose-api@file", "compose-api-login@file", "compose-web@file", "compose-web-login@file",
        "k8s-situok-api-0@file", "k8s-situok-api-1@file", "k8s-situok-web-0@file", "k8s-situok-web-1@file"}
    middlewares = requests.get(f"{edges.api}/http/middlewares", timeout=5).json()
    assert len(middlewares) == 6
    assert all(item["status"] == "enabled" for item in routers + middlewares), routers + middlewares
