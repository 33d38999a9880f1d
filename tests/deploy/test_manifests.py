"""Offline validation of deploy/k8s, deploy/compose and the service Dockerfile.

No cluster and no Docker engine: Kubernetes kinds are checked against the
schemas shipped by ``kubernetes-validate``, Traefik's CRD kinds and the Compose
file against the schemas vendored in tests/deploy/schemas/, and on top of the
schemas the policies we hold ourselves to (probes, limits, hardened security
contexts, placeholders-only secrets, consistent Traefik middlewares). What runs
where comes from the one list of services, ``situok_contracts.services.SERVICES``:
both deployments must agree with it (service_list.py).
"""
from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import yaml
from compose_model import compose_files, load_compose
from service_list import compose_name, labels_of, migration_steps
from situok_contracts.services import SERVICES, with_database
from situok_kit.config import DEFAULT_PORTS, VARIABLES

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
COMPOSE_DIR = DEPLOY / "compose"
SCHEMAS = Path(__file__).resolve().parent / "schemas"
DOCKERFILE = DEPLOY / "docker" / "service.Dockerfile"

#: Oldest Kubernetes minor we support and the newest the package knows.
K8S_VERSIONS = ("1.30", kubernetes_validate.utils.latest_version())
TRAEFIK_API = "traefik.io/v1alpha1"
#: Services with an image of their own: a project under services/<name>/ (echo_rpc lives in echo's image).
SERVICES_WITH_IMAGES = tuple(s.name for s in SERVICES if (ROOT / "services" / s.name / "pyproject.toml").is_file())
EDGE_MIDDLEWARES = {"security-headers", "api-retry", "login-ratelimit"}
#: Services that own a database (each has its migration step).
DATABASE_OWNERS = set(with_database())
#: Services whose seed holds reference data every deployment needs (run after each migration).
#: Demo seeds (personnel's) stay out of the deployment.
SEEDED_ON_MIGRATION = {s.name for s in SERVICES if s.seed == "reference"}
#: The login path of each edge kind; its router gets the rate limit on every edge.
LOGIN_PATHS = {"api": "/api/v1/auth/login", "web": "/masuk"}
#: Services Traefik routes to in every deployment (bench-only ones aside), and their login paths.
ROUTED = {s.name: LOGIN_PATHS[s.edge] for s in SERVICES if s.edge and not s.bench}
#: Settings of the ConfigMap that are the manifests' own: each pod builds its broker and database URLs from them.
MANIFEST_ADDRESSES = {"SITUOK_AMQP_ADDRESS", "SITUOK_DB_ADDRESS"}


# ---------------------------------------------------------------- helpers

def load_all(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def k8s_source_files() -> list[Path]:
    return sorted(p for p in K8S.rglob("*.yaml") if p.name != "kustomization.yaml")


def k8s_source_docs() -> list[tuple[Path, dict]]:
    return [(path, doc) for path in k8s_source_files() for doc in load_all(path)]


def kustomization_dirs() -> list[Path]:
    return sorted(p.parent for p in K8S.rglob("kustomization.yaml"))


def is_component(directory: Path) -> bool:
    """A kustomize Component (the generated services/ parts): built only as part of what lists it."""
    return yaml.safe_load((directory / "kustomization.yaml").read_text())["kind"] == "Component"


def buildable_dirs() -> list[Path]:
    return [d for d in kustomization_dirs() if not is_component(d)]


def kustomize(directory: Path) -> list[dict]:
    kubectl = shutil.which("kubectl")
    assert kubectl, "kubectl (with its built-in kustomize) is needed to render deploy/k8s"
    result = subprocess.run([kubectl, "kustomize", str(directory)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def doc_id(item) -> str:
    path, doc = item
    return f"{path.relative_to(K8S)}:{doc['kind']}/{doc['metadata']['name']}"


def traefik_validator() -> jsonschema.Validator:
    schema = json.loads((SCHEMAS / "traefik-crds.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def validate_k8s(doc: dict) -> None:
    if doc["apiVersion"] == TRAEFIK_API:
        errors = list(traefik_validator().iter_errors(doc))
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
        return
    for version in K8S_VERSIONS:
        # strict: unknown fields are errors, as with kubectl --validate=strict.
        kubernetes_validate.validate(doc, version, strict=True)


def pod_specs(docs) -> list[tuple[str, dict]]:
    specs = []
    for doc in docs:
        if doc["kind"] == "Deployment" or doc["kind"] == "Job":
            specs.append((f"{doc['kind']}/{doc['metadata']['name']}", doc["spec"]["template"]["spec"]))
    return specs


SOURCE_DOCS = k8s_source_docs()
DEPLOYMENTS = [doc for _, doc in SOURCE_DOCS if doc["kind"] == "Deployment"]
BASE = K8S / "base"


# ---------------------------------------------------------------- Kubernetes: schemas

@pytest.mark.parametrize("item", SOURCE_DOCS, ids=doc_id)
def test_k8s_manifest_matches_its_schema(item):
    validate_k8s(item[1])


@pytest.mark.parametrize("directory", buildable_dirs(), ids=lambda d: str(d.relative_to(K8S)))
def test_kustomize_builds_valid_namespaced_objects(directory):
    docs = kustomize(directory)
    assert docs
    for doc in docs:
        validate_k8s(doc)
        if doc["kind"] != "Namespace":
            assert doc["metadata"].get("namespace") == "situok", f"{doc['kind']}/{doc['metadata']['name']}"
        assert doc["metadata"]["labels"]["app.kubernetes.io/part-of"] == "situok"


def test_autoscaled_deployments_leave_the_replica_count_to_their_hpa():
    docs = kustomize(K8S / "overlays" / "autoscaling")
    hpas = {d["spec"]["scaleTargetRef"]["name"]: d["spec"] for d in docs if d["kind"] == "HorizontalPodAutoscaler"}
    assert set(hpas) == set(ROUTED)  # the HTTP tier scales with its load
    deployments = {d["metadata"]["name"]: d["spec"] for d in docs if d["kind"] == "Deployment"}
    for name, spec in deployments.items():
        # An HPA's Deployment has no fixed count (each apply would reset it); the others keep theirs.
        assert ("replicas" in spec) == (name not in hpas), name
    for spec in hpas.values():
        assert spec["minReplicas"] >= 2 and spec["scaleTargetRef"]["kind"] == "Deployment"


def test_traefik_schema_rejects_what_the_crd_rejects():
    validator = traefik_validator()
    middleware = {"apiVersion": TRAEFIK_API, "kind": "Middleware", "metadata": {"name": "m"},
                  "spec": {"retry": {"attempts": 3}}}
    assert validator.is_valid(middleware)
    assert not validator.is_valid({**middleware, "spec": {"retry": {"attemps": 3}}})  # misspelt field
    assert not validator.is_valid({**middleware, "spec": {"retry": {}, "headers": {}}})  # two kinds in one
    route = {"apiVersion": TRAEFIK_API, "kind": "IngressRoute", "metadata": {"name": "r"},
             "spec": {"routes": [{"match": "PathPrefix(`/`)"}]}}
    assert validator.is_valid(route)
    assert not validator.is_valid({**route, "spec": {"routes": [{"kind": "Rule"}]}})  # match is required


# ---------------------------------------------------------------- Kubernetes: structure

@pytest.mark.parametrize("directory", kustomization_dirs(), ids=lambda d: str(d.relative_to(K8S)))
def test_kustomization_lists_every_file(directory):
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text())
    listed = {r for r in kustomization.get("resources", []) if (directory / r).is_file()}
    nested = [d for d in kustomization_dirs() if d != directory and directory in d.parents]
    present = {str(p.relative_to(directory)) for p in directory.rglob("*.yaml")
               if p.name != "kustomization.yaml" and not any(n in p.parents for n in nested)}
    assert listed == present
    for resource in kustomization.get("resources", []):
        assert (directory / resource).exists(), resource
    # Every nested kustomization is a Component its parent lists (the generated services/ parts).
    for child in nested:
        if child.parent == directory:
            assert is_component(child) and child.name in kustomization.get("components", []), child


def test_every_service_image_is_pinned_by_the_kustomization():
    images = {entry["name"] for directory in (BASE, *[d for d in kustomization_dirs() if BASE in d.parents])
              for entry in yaml.safe_load((directory / "kustomization.yaml").read_text()).get("images", [])}
    used = {c["image"].split(":")[0] for _, spec in pod_specs(d for _, d in SOURCE_DOCS) for c in spec["containers"]}
    assert used <= images


def test_namespace_enforces_restricted_pod_security():
    namespace = next(doc for _, doc in SOURCE_DOCS if doc["kind"] == "Namespace")
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"


# ---------------------------------------------------------------- Kubernetes: policies

@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=lambda d: d["metadata"]["name"])
def test_deployment_has_probes_on_the_health_endpoints(deployment):
    spec = deployment["spec"]["template"]["spec"]
    for container in spec["containers"]:
        ports = {p["name"]: p["containerPort"] for p in container["ports"]}
        assert container["livenessProbe"]["httpGet"]["path"] == "/health/live"
        assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"
        for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
            assert container[probe]["httpGet"]["port"] in ports
        health_port = {e["name"]: e.get("value") for e in container["env"]}["SITUOK_HEALTH_PORT"]
        assert int(health_port) == ports["http"]
    assert spec["terminationGracePeriodSeconds"] >= 10


@pytest.mark.parametrize("name,spec", pod_specs(d for _, d in SOURCE_DOCS))
def test_pod_is_hardened_and_bounded(name, spec):
    assert spec["automountServiceAccountToken"] is False
    pod_security = spec["securityContext"]
    assert pod_security["runAsNonRoot"] is True
    assert pod_security["runAsUser"] == 10001
    assert pod_security["seccompProfile"]["type"] == "RuntimeDefault"
    for container in spec["containers"]:
        security = container["securityContext"]
        assert security["runAsNonRoot"] is True
        assert security["runAsUser"] == 10001
        assert security["readOnlyRootFilesystem"] is True
        assert security["allowPrivilegeEscalation"] is False
        assert security["capabilities"] == {"drop": ["ALL"]}
        assert security["seccompProfile"]["type"] == "RuntimeDefault"
        for kind in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(container["resources"][kind]), f"{name} {kind}"
        assert not container["image"].endswith(":latest")
        # A read-only root filesystem still needs a writable /tmp.
        assert "/tmp" in {m["mountPath"] for m in container["volumeMounts"]}


def test_every_deployment_has_a_service_on_its_named_port():
    services = [doc for _, doc in SOURCE_DOCS if doc["kind"] == "Service"]
    for deployment in DEPLOYMENTS:
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        matching = [s for s in services if s["spec"]["selector"].items() <= labels.items()]
        assert len(matching) == 1, deployment["metadata"]["name"]
        port_names = {p["name"] for c in deployment["spec"]["template"]["spec"]["containers"] for p in c["ports"]}
        assert {p["targetPort"] for p in matching[0]["spec"]["ports"]} <= port_names


@pytest.mark.parametrize("name", sorted(ROUTED))
def test_routed_service_runs_several_replicas_that_drain_before_stopping(name):
    deployment = next(d for d in DEPLOYMENTS if d["metadata"]["name"] == name)
    assert deployment["spec"]["replicas"] >= 2
    assert deployment["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["lifecycle"]["preStop"]["exec"]["command"][0] == "sleep"
    budgets = [d for _, d in SOURCE_DOCS if d["kind"] == "PodDisruptionBudget"]
    assert any(b["spec"]["selector"]["matchLabels"] == {"app.kubernetes.io/name": name} for b in budgets)


def migration_command(service: str, command: str) -> None:
    """A migration step: create the database, migrate it, then (reference data only) seed it."""
    assert command == migration_steps(next(s for s in SERVICES if s.name == service)), command
    assert command.count(".seed") == (service in SEEDED_ON_MIGRATION)  # no demo data in a deployment


def test_the_list_agrees_with_the_repository():
    """A database owner has an Alembic history, a seeded service its seed module, an import its project."""
    for service in SERVICES:
        package = ROOT / "services" / service.name
        assert (package / "migrations").is_dir() == service.database or not package.exists(), service.name
        if service.seed:
            assert service.seed in ("reference", "demo") and (package / service.name / "seed.py").is_file()
        assert all((ROOT / "services" / name / "pyproject.toml").is_file() for name in service.imports)


def test_migration_jobs_create_and_migrate_each_database():
    jobs = {doc["metadata"]["name"]: doc for _, doc in SOURCE_DOCS if doc["kind"] == "Job"
            and doc["metadata"]["labels"]["app.kubernetes.io/component"] == "migration"}
    assert set(jobs) == {f"migrate-{service}" for service in DATABASE_OWNERS}
    for name, job in jobs.items():
        service = name.removeprefix("migrate-")
        container = job["spec"]["template"]["spec"]["containers"][0]
        assert container["command"][:2] == ["sh", "-c"]
        migration_command(service, container["command"][-1])
        assert container["image"].startswith(f"situok/{service}:")  # its own image holds its history
        assert "situok-secrets" in {e["secretRef"]["name"] for e in container["envFrom"] if "secretRef" in e}
        env = {e["name"]: e for e in container["env"]}
        owner_password = f"SITUOK_DB_OWNER_PASSWORD_{service.upper()}"  # it migrates as the owner role
        assert env["SITUOK_DB_PASSWORD"]["valueFrom"]["secretKeyRef"]["key"] == owner_password


def secret_refs(spec: dict) -> set[str]:
    return {e["secretRef"]["name"] for c in spec["containers"] for e in c.get("envFrom", []) if "secretRef" in e}


def pod_name(spec_name: str) -> str:
    """``Deployment/travel`` -> travel, ``Job/migrate-travel`` -> migrate-travel."""
    return spec_name.split("/", 1)[1]


def owner_of(pod: str) -> str:
    return pod.removeprefix("migrate-")


def db_password_keys(spec: dict) -> set[str]:
    return {e["valueFrom"]["secretKeyRef"]["key"] for c in spec["containers"] for e in c.get("env", [])
            if e["name"] == "SITUOK_DB_PASSWORD"}


def test_only_database_owners_get_a_database_password():
    specs = dict(pod_specs(d for _, d in SOURCE_DOCS))
    assert {pod_name(n) for n in specs} >= {compose_name(s) for s in SERVICES if not s.bench}
    for name, spec in specs.items():
        if spec["containers"][0]["envFrom"][0].get("secretRef", {}).get("name") == "situok-access":
            continue  # the access Jobs: they create every role
        has_db = bool(db_password_keys(spec))
        assert has_db == (owner_of(pod_name(name)) in DATABASE_OWNERS), name


def test_only_web_gets_the_cookie_secret():
    specs = dict(pod_specs(d for _, d in SOURCE_DOCS))
    for name, spec in specs.items():
        assert ("situok-web" in secret_refs(spec)) == (name == "Deployment/web"), name
    web_secret = next(d for _, d in SOURCE_DOCS if d["kind"] == "Secret" and d["metadata"]["name"] == "situok-web")
    assert set(web_secret["stringData"]) == {"SITUOK_WEB_SECRET"}
    shared = next(d for _, d in SOURCE_DOCS if d["kind"] == "Secret" and d["metadata"]["name"] == "situok-secrets")
    assert "SITUOK_WEB_SECRET" not in shared["stringData"]


def test_web_cookies_are_secure_where_tls_terminates():
    config = next(d for _, d in SOURCE_DOCS if d["kind"] == "ConfigMap")["data"]
    assert config["SITUOK_WEB_SECURE_COOKIES"] == "1"  # websecure: TLS at Traefik
    assert config["SITUOK_PUBLIC_URL"].startswith("https://")
    assert CONTAINERS["web"]["environment"]["SITUOK_WEB_SECURE_COOKIES"] == "0"  # Compose: plain HTTP


def test_configuration_names_are_the_kits_variables():
    for _, doc in SOURCE_DOCS:
        if doc["kind"] == "ConfigMap":
            assert set(doc["data"]) <= set(VARIABLES) | MANIFEST_ADDRESSES
        if doc["kind"] == "Secret" and not doc["metadata"]["name"].startswith("situok-access"):
            assert set(doc["stringData"]) <= set(VARIABLES)


def test_secrets_hold_only_marked_placeholders():
    secrets = [doc for _, doc in SOURCE_DOCS if doc["kind"] == "Secret"]
    assert secrets
    for secret in secrets:
        assert "data" not in secret
        for key, value in secret["stringData"].items():
            assert "CHANGE-ME" in value, f"{secret['metadata']['name']}.{key} is not a marked placeholder"


def test_network_policies_deny_by_default_and_open_the_gateway_to_traefik_only():
    policies = {doc["metadata"]["name"]: doc["spec"] for _, doc in SOURCE_DOCS if doc["kind"] == "NetworkPolicy"}
    deny = policies["default-deny"]
    assert deny["podSelector"] == {} and set(deny["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny and "egress" not in deny
    ingress_rules = {name: spec for name, spec in policies.items() if spec.get("ingress")}
    # No pod but the routed ones accepts connections, and those only from Traefik, on their HTTP port.
    assert set(ingress_rules) == {f"{name}-from-traefik" for name in ROUTED}
    for name in ROUTED:
        rule = ingress_rules[f"{name}-from-traefik"]
        assert rule["podSelector"] == {"matchLabels": {"app.kubernetes.io/name": name}}
        (source,) = rule["ingress"][0]["from"]
        assert source["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "traefik"}
        assert source["namespaceSelector"]["matchLabels"] == {"kubernetes.io/metadata.name": "traefik"}
        assert [p["port"] for p in rule["ingress"][0]["ports"]] == [DEFAULT_PORTS[name]]
    egress_ports = {p["port"] for spec in policies.values() for r in spec.get("egress", []) for p in r["ports"]}
    # DNS, AMQP, PostgreSQL, RabbitMQ's management API (the Job broker-users): nothing else leaves.
    assert egress_ports == {53, 5671, 5672, 5432, 15672}


def selected_pods(selector: dict, pods: dict[str, dict]) -> set[str]:
    """The pods (name -> template labels) a NetworkPolicy podSelector picks."""
    def matches(labels: dict) -> bool:
        if not selector.get("matchLabels", {}).items() <= labels.items():
            return False
        for expression in selector.get("matchExpressions", []):
            assert expression["operator"] in ("In", "NotIn"), expression
            inside = labels.get(expression["key"]) in expression["values"]
            if inside != (expression["operator"] == "In"):
                return False
        return True
    return {name for name, labels in pods.items() if matches(labels)}


def test_only_database_owners_may_reach_postgresql():
    pods = {pod_name(f"{d['kind']}/{d['metadata']['name']}"): d["spec"]["template"]["metadata"]["labels"]
            for _, d in SOURCE_DOCS if d["kind"] in ("Deployment", "Job")}
    owners = {pod for pod in pods if owner_of(pod) in DATABASE_OWNERS} | {"database-roles"}
    assert owners == DATABASE_OWNERS | {f"migrate-{name}" for name in DATABASE_OWNERS} | {"database-roles"}
    egress = [doc["spec"] for _, doc in SOURCE_DOCS if doc["kind"] == "NetworkPolicy" and "Egress" in
              doc["spec"]["policyTypes"] and doc["spec"].get("egress")]
    reach: dict[int, set[str]] = {}
    for spec in egress:
        for rule in spec["egress"]:
            for port in rule["ports"]:
                reach.setdefault(port["port"], set()).update(selected_pods(spec["podSelector"], pods))
    assert reach[5432] == owners
    for port in (53, 5672, 5671):  # DNS and the broker: every pod
        assert reach[port] == set(pods), port


def test_ingress_route_uses_defined_middlewares_and_services():
    middlewares = {doc["metadata"]["name"]: doc["spec"] for _, doc in SOURCE_DOCS if doc["kind"] == "Middleware"}
    assert set(middlewares) == EDGE_MIDDLEWARES
    assert middlewares["security-headers"]["headers"]["stsSeconds"] > 0  # TLS here, so HSTS
    services = {doc["metadata"]["name"]: doc for _, doc in SOURCE_DOCS if doc["kind"] == "Service"}
    routes = [r for _, doc in SOURCE_DOCS if doc["kind"] == "IngressRoute" for r in doc["spec"]["routes"]]
    assert routes
    for route in routes:
        names = [m["name"] for m in route["middlewares"]]
        assert set(names) <= set(middlewares)
        assert names[0] == "security-headers" and "api-retry" in names
        for target in route["services"]:
            port_names = {p["name"] for p in services[target["name"]]["spec"]["ports"]}
            assert target["port"] in port_names
    for path in ROUTED.values():
        login = [r for r in routes if f"Path(`{path}`)" in r["match"]]
        assert login and all("login-ratelimit" in [m["name"] for m in r["middlewares"]] for r in login), path
        assert min(r["priority"] for r in login) > min(r["priority"] for r in routes)
    # / goes to web, below every other route.
    (root,) = [r for r in routes if r["match"] == "PathPrefix(`/`)"]
    assert [s["name"] for s in root["services"]] == ["web"]
    assert all(r["priority"] > root["priority"] for r in routes if r is not root)


# ---------------------------------------------------------------- Compose

COMPOSE_FILE = COMPOSE_DIR / "docker-compose.yml"
#: The file and what it includes (the generated services.yml), each a Compose file of its own.
COMPOSE_FILES = compose_files(COMPOSE_FILE)
#: The merged model, as `docker compose config` sees it (include and env_file applied).
COMPOSE = load_compose(COMPOSE_FILE)
CONTAINERS = COMPOSE["services"]


def compose_validator() -> jsonschema.Validator:
    schema = json.loads((SCHEMAS / "compose-spec.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)  # the schema declares draft-07
    return jsonschema.Draft7Validator(schema)


def is_one_shot(service: dict) -> bool:
    return service.get("restart") == "no"


@pytest.mark.parametrize("path", COMPOSE_FILES, ids=lambda p: p.name)
def test_compose_file_matches_the_compose_specification(path):
    errors = sorted(compose_validator().iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))),
                    key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_compose_includes_the_generated_services():
    assert [p.relative_to(COMPOSE_DIR).as_posix() for p in COMPOSE_FILES] == ["docker-compose.yml", "services.yml"]
    infrastructure = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))["services"]
    assert not any(str(s.get("image", "")).startswith("situok/") for s in infrastructure.values())
    assert {compose_name(s) for s in SERVICES} <= set(CONTAINERS)
    # The database list reaches init-databases.sh (the one-shot postgres-roles) through the generated env file.
    generated = yaml.safe_load((COMPOSE_DIR / "services.yml").read_text(encoding="utf-8"))["services"]
    assert generated["postgres-roles"]["env_file"] == ["postgres/databases.env"]


def test_compose_schema_catches_mistakes():
    broken = json.loads(json.dumps(COMPOSE))
    broken["services"]["gateway"]["restart_policy"] = "always"  # not a Compose key
    assert not compose_validator().is_valid(broken)


@pytest.mark.parametrize("name", sorted(CONTAINERS))
def test_compose_service_has_healthcheck_and_restart_policy(name):
    service = CONTAINERS[name]
    assert "restart" in service
    healthcheck = service["healthcheck"]
    if is_one_shot(service):
        assert healthcheck == {"disable": True}  # a job has no health; the image's check would mislead
    else:
        assert healthcheck["test"][0] in ("CMD", "CMD-SHELL")


@pytest.mark.parametrize("name", sorted(n for n, s in CONTAINERS.items() if "build" in s))
def test_compose_situok_services_are_hardened(name):
    service = CONTAINERS[name]
    assert service["user"] == "10001:10001"
    assert service["read_only"] is True
    assert service["cap_drop"] == ["ALL"]
    assert "no-new-privileges:true" in service["security_opt"]
    assert ROOT / service["build"]["dockerfile"] == DOCKERFILE  # one Dockerfile, build args per service
    assert (COMPOSE_DIR / service["build"]["context"]).resolve() == ROOT
    assert set(service["environment"]) <= set(VARIABLES)
    assert {"SITUOK_AMQP_URI", "SITUOK_ENV", "SITUOK_BIND_HOST"} <= set(service["environment"])


def test_compose_dependencies_wait_for_health_and_migrations():
    for name, service in CONTAINERS.items():
        for dependency, condition in service.get("depends_on", {}).items():
            assert dependency in CONTAINERS, f"{name} -> {dependency}"
            if condition["condition"] == "service_healthy":
                assert "test" in CONTAINERS[dependency]["healthcheck"]
    migrations = {n.removeprefix("migrate-") for n in CONTAINERS if n.startswith("migrate-")}
    assert migrations == DATABASE_OWNERS
    for service in migrations:
        migrate = CONTAINERS[f"migrate-{service}"]
        assert migrate["depends_on"]["postgres-roles"]["condition"] == "service_completed_successfully"
        assert f"situok-admin create-databases {service} && situok-admin migrate {service}" in migrate["command"][-1]
        migration_command(service, migrate["command"][-1])
        assert CONTAINERS[service]["depends_on"][f"migrate-{service}"]["condition"] == "service_completed_successfully"
    assert sorted(CONTAINERS["postgres-roles"]["environment"]["SITUOK_DATABASES"].split()) == sorted(DATABASE_OWNERS)
    assert CONTAINERS["postgres-roles"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert CONTAINERS["rabbitmq"]["depends_on"]["rabbitmq-definitions"]["condition"] == "service_completed_successfully"
    for name in ROUTED:
        assert CONTAINERS[name]["deploy"]["replicas"] == 2


def test_postgres_roles_script_is_mounted_and_run():
    script = COMPOSE_DIR / "postgres" / "init-databases.sh"
    roles = CONTAINERS["postgres-roles"]
    mounts = [v.split(":") for v in roles["volumes"]]
    (target,) = [t for source, t, *_ in mounts if (COMPOSE_DIR / source).resolve() == script]
    assert roles["command"] == ["sh", target]
    # The database server holds no application password: the roles are the one-shot's business.
    assert not any("SITUOK" in name for name in CONTAINERS["postgres"].get("environment", {}))


def test_every_required_compose_variable_is_in_the_example_env():
    required = {name for path in COMPOSE_FILES for name in re.findall(r"\$\{(\w+):\?", path.read_text())}
    example = {line.split("=", 1)[0] for line in (COMPOSE_DIR / ".env.example").read_text().splitlines()
               if line and not line.startswith("#")}
    assert required and required <= example


def test_traefik_labels_reference_defined_middlewares_and_services():
    static = yaml.safe_load((COMPOSE_DIR / "traefik.yml").read_text())
    assert static["providers"]["docker"]["exposedByDefault"] is False
    entrypoints = set(static["entryPoints"])
    network_names = {key: (spec or {}).get("name", key) for key, spec in COMPOSE["networks"].items()}
    labelled = {name: labels_of(s) for name, s in CONTAINERS.items() if labels_of(s).get("traefik.enable") == "true"}
    assert set(labelled) == {compose_name(s) for s in SERVICES if s.edge}
    defined_middlewares = {key.split(".")[3] for labels in labelled.values() for key in labels
                           if key.startswith("traefik.http.middlewares.")}
    assert defined_middlewares == EDGE_MIDDLEWARES
    for name, labels in labelled.items():
        # Traefik reaches the container on a network both are attached to.
        joined = {network_names[key] for key in CONTAINERS[name]["networks"]}
        assert labels["traefik.docker.network"] in joined
        assert labels["traefik.docker.network"] in {network_names[key] for key in CONTAINERS["traefik"]["networks"]}
        services = {key.split(".")[3] for key in labels if key.startswith("traefik.http.services.")}
        routers = {key.split(".")[3] for key in labels if key.startswith("traefik.http.routers.")}
        assert routers
        for router in routers:
            prefix = f"traefik.http.routers.{router}."
            assert labels[prefix + "service"] in services
            assert set(labels[prefix + "entrypoints"].split(",")) <= entrypoints
            used = [m.removesuffix("@docker") for m in labels[prefix + "middlewares"].split(",")]
            assert set(used) <= defined_middlewares, f"{name}: {router} uses {used}"
            assert used[0] == "security-headers" and "api-retry" in used
        for service in services:
            prefix = f"traefik.http.services.{service}.loadbalancer."
            assert labels[prefix + "healthcheck.path"] == "/health/ready"
            port = int(labels[prefix + "server.port"])
            assert service_image(CONTAINERS[name]).all("EXPOSE") == [str(port)]
    gateway = labelled["gateway"]
    assert "login-ratelimit@docker" in gateway["traefik.http.routers.api-login.middlewares"]
    assert "Path(`/api/v1/auth/login`)" in gateway["traefik.http.routers.api-login.rule"]
    web = labelled["web"]
    assert "login-ratelimit@docker" in web["traefik.http.routers.web-login.middlewares"]
    assert "Path(`/masuk`)" in web["traefik.http.routers.web-login.rule"]
    assert web["traefik.http.routers.web.rule"] == "PathPrefix(`/`)"
    # / is the catch-all: every other router outranks it.
    priorities = {f"{name}.{key.split('.')[3]}": int(value) for name, labels in labelled.items()
                  for key, value in labels.items()
                  if key.startswith("traefik.http.routers.") and key.endswith(".priority")}
    assert min(priorities, key=priorities.get) == "web.web"
    assert sorted(priorities.values()).count(priorities["web.web"]) == 1
    # Only a login route carries the rate limit.
    for labels in labelled.values():
        for key, value in labels.items():
            if key.startswith("traefik.http.routers.") and key.endswith(".middlewares") and "login-ratelimit" in value:
                rule = labels[key.removesuffix(".middlewares") + ".rule"]
                assert any(f"Path(`{path}`)" in rule for path in ROUTED.values()), rule


def test_the_three_edges_share_one_middleware_set():
    local = yaml.safe_load((DEPLOY / "traefik" / "dynamic" / "common.yml").read_text())
    assert set(local["http"]["middlewares"]) == EDGE_MIDDLEWARES  # deploy/traefik (file provider)
    # deploy/compose (labels) and deploy/k8s (CRDs) are checked above against the same set.


# ---------------------------------------------------------------- Dockerfile

#: Instructions whose arguments Docker expands ${ARG}/${ENV} in (RUN, CMD and
#: HEALTHCHECK are left to the shell or the program).
DOCKER_EXPANDED = {"FROM", "COPY", "WORKDIR", "USER", "EXPOSE", "STOPSIGNAL", "LABEL"}


def dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    logical, current = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        logical.append(current + stripped)
        current = ""
    assert not current, f"{path}: dangling line continuation"
    return [(text.split(None, 1)[0].upper(), text.split(None, 1)[1] if " " in text else "") for text in logical]


INSTRUCTIONS = dockerfile_instructions(DOCKERFILE)


@dataclass
class Stage:
    base: str
    scope: dict[str, str]  # ARG and ENV values visible to the instructions that follow
    env: dict[str, str] = field(default_factory=dict)  # what ENV sets in the image
    instructions: list[tuple[str, str]] = field(default_factory=list)  # expanded where Docker expands

    def all(self, instruction: str) -> list[str]:
        return [args for i, args in self.instructions if i == instruction]


def expand(text: str, scope: dict[str, str]) -> str:
    def value(match: re.Match) -> str:
        name = match.group(1) or match.group(2)
        assert name in scope, f"${name} is not declared (ARG/ENV) in its stage: {text}"
        return scope[name]

    expanded = re.sub(r"\$\{(\w+)\}|\$(\w+)", value, text)
    assert "${" not in expanded, f"unsupported substitution in {text}"
    return expanded


def build_image(build_args: dict[str, str]) -> list[Stage]:
    """The stages of DOCKERFILE built with ``build_args``, the way Docker scopes
    and substitutes ARG and ENV (enough of it for this file)."""
    declared: set[str] = set()
    global_args: dict[str, str] = {}
    stages: list[Stage] = []
    for instruction, args in INSTRUCTIONS:
        if instruction == "FROM":
            # $PATH and the like come from the base image: kept symbolic.
            stages.append(Stage(base=expand(args, global_args).split()[0], scope={"PATH": "$PATH"}))
            continue
        assert stages or instruction == "ARG", f"{instruction} before the first FROM"
        scope = stages[-1].scope if stages else global_args
        if instruction == "ARG":
            for token in shlex.split(args):
                name, has_default, default = token.partition("=")
                declared.add(name)
                # Inside a stage, a bare ARG re-declares a global one with its default.
                scope[name] = build_args.get(name, default if has_default else global_args.get(name, ""))
        elif instruction == "ENV":
            for token in shlex.split(expand(args, scope)):
                name, has_value, value = token.partition("=")
                assert has_value, f"ENV {args}: use the NAME=value form"
                scope[name] = stages[-1].env[name] = value
        else:
            stages[-1].instructions.append(
                (instruction, expand(args, scope) if instruction in DOCKER_EXPANDED else args))
    assert set(build_args) <= declared, f"build args the Dockerfile does not declare: {set(build_args) - declared}"
    return stages


def builder_of(service: dict) -> dict:
    """A Compose service that builds ``service``'s image (itself, or one with the same image)."""
    builders = [s for s in CONTAINERS.values() if "build" in s and s["image"] == service["image"]]
    assert builders, f"nothing builds {service['image']}"
    assert all(b["build"] == builders[0]["build"] for b in builders), f"{service['image']} is built two ways"
    return builders[0]


def service_image(service: dict) -> Stage:
    """The runtime stage of the image a Compose service runs."""
    return build_image({k: str(v) for k, v in builder_of(service)["build"].get("args", {}).items()})[-1]


#: Installed into every image, before EXTRA: the kit and what it depends on.
BASE_PROJECTS = ("situok-contracts", "situok-kit")


def local_dependencies(service_dir: Path) -> set[str]:
    """Directories under services/ holding the situok-* projects ``service_dir`` depends on, the base aside."""
    projects = {tomllib.loads(p.read_text())["project"]["name"]: p.parent.name
                for p in (ROOT / "services").glob("*/pyproject.toml")}
    dependencies = tomllib.loads((service_dir / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {re.split(r"[\s<>=!~;\[]", d, maxsplit=1)[0] for d in dependencies}
    return {projects[n] for n in names if n.startswith("situok-") and n not in BASE_PROJECTS}


def test_one_dockerfile_builds_every_service_image():
    dockerfiles = [p for d in (ROOT / "services", DEPLOY) for p in d.rglob("*Dockerfile*")]
    assert dockerfiles == [DOCKERFILE]
    builds = [s["build"] for s in CONTAINERS.values() if "build" in s]
    assert all(ROOT / b["dockerfile"] == DOCKERFILE for b in builds)
    assert sorted({b["args"]["SERVICE"] for b in builds}) == sorted(SERVICES_WITH_IMAGES)
    for name in SERVICES_WITH_IMAGES:
        assert CONTAINERS[name]["image"] == f"situok/{name}:${{SITUOK_VERSION:-dev}}"
        builder_of(CONTAINERS[name])  # one build per image


def test_dockerfile_is_multi_stage_non_root_and_health_checked():
    known = {"FROM", "ARG", "ENV", "RUN", "COPY", "WORKDIR", "USER", "EXPOSE", "HEALTHCHECK", "STOPSIGNAL", "CMD",
             "LABEL", "ENTRYPOINT"}
    assert {i for i, _ in INSTRUCTIONS} <= known
    stages = [args for i, args in INSTRUCTIONS if i == "FROM"]
    assert len(stages) >= 2, "multi-stage: build tools stay out of the runtime image"
    # Python stages, and one Node stage that only runs npm ci for a service with a lockfile (the web's jsQR).
    assert all(s.split()[0] in ("${PYTHON_IMAGE}", "${NODE_IMAGE}") for s in stages)
    assert [s for s in stages if s.startswith("${NODE_IMAGE}")] == ["${NODE_IMAGE} AS vendor"]
    assert ("ARG", "PYTHON_IMAGE=python:3.11-slim") in INSTRUCTIONS
    assert ("ARG", "NODE_IMAGE=node:20-slim") in INSTRUCTIONS
    *build_stages, runtime = build_image({"SERVICE": "personnel", "HEALTH_PORT": "8201"})
    assert runtime.base == "python:3.11-slim"
    users = runtime.all("USER")
    assert users and users[-1].split(":")[0] == "10001"
    assert any("useradd" in run and "--uid 10001" in run and "--no-create-home" in run for run in runtime.all("RUN"))
    assert any("/health/ready" in args and "SITUOK_HEALTH_PORT" in args for args in runtime.all("HEALTHCHECK"))
    assert runtime.all("STOPSIGNAL") == ["SIGTERM"]
    assert not runtime.all("ENTRYPOINT")
    # Exec form, no shell in between: SIGTERM reaches situok-service itself.
    assert json.loads(runtime.all("CMD")[-1]) == ["situok-service"]
    assert runtime.env["PYTHONDONTWRITEBYTECODE"] == "1" and runtime.env["SITUOK_LOG_FORMAT"] == "json"
    assert runtime.env["PATH"].startswith("/opt/venv/bin:")
    assert set(runtime.all("COPY")) == {"--from=build /opt/venv /opt/venv", "--from=build /app /app"}
    build = build_stages[-1]
    # A build without SERVICE or HEALTH_PORT stops at once instead of making a broken image.
    assert any('test -n "$SERVICE"' in run and 'test -n "$HEALTH_PORT"' in run for run in build.all("RUN"))
    runs = " ".join(build.all("RUN"))
    assert 'pip install -e "/app/$SERVICE"' in runs and 'compileall -q "/app/$SERVICE"' in runs
    # No package index holds the kit's own dependency: it is installed from the context, with the kit.
    assert "pip install /src/contracts /src/kit" in build.all("RUN")


def test_the_base_layer_holds_every_local_project_the_kit_needs():
    kit = tomllib.loads((ROOT / "services" / "kit" / "pyproject.toml").read_text())["project"]
    local = {re.split(r"[\s<>=!~;\[]", d, maxsplit=1)[0] for d in kit["dependencies"]} & {
        tomllib.loads(p.read_text())["project"]["name"] for p in (ROOT / "services").glob("*/pyproject.toml")}
    assert local | {"situok-kit"} == set(BASE_PROJECTS)


@pytest.mark.parametrize("name", SERVICES_WITH_IMAGES)
def test_service_image_installs_and_runs_its_service_on_its_port(name):
    args = {k: str(v) for k, v in CONTAINERS[name]["build"].get("args", {}).items()}
    assert args["SERVICE"] == name
    service_dir = ROOT / "services" / name
    assert (service_dir / name / "service.py").is_file()  # what situok-service imports
    extra = args.get("EXTRA", "").split()
    assert sorted(extra) == sorted(next(s for s in SERVICES if s.name == name).imports)  # the list's imports
    # pip installs from the image only: every local project the service depends on must be in it.
    assert local_dependencies(service_dir) <= set(extra), "EXTRA must hold the local projects it depends on"
    assert all((ROOT / "services" / e / "pyproject.toml").is_file() for e in extra)
    *build_stages, runtime = build_image(args)
    build = build_stages[-1]
    copies = build.all("COPY")
    # The base (contracts, kit) first, in its own layer; the service last, where runtime keeps it.
    assert copies[:2] == ["services/contracts /src/contracts", "services/kit /src/kit"]
    assert copies[-1] == f"services/{name} /app/{name}"
    assert runtime.env["SITUOK_SERVICE"] == name
    port = str(DEFAULT_PORTS[name])
    assert runtime.env["SITUOK_HEALTH_PORT"] == port
    assert runtime.all("EXPOSE") == [port]


def test_every_situok_container_runs_a_service_its_image_holds():
    runners = {n: s for n, s in CONTAINERS.items() if s.get("image", "").startswith("situok/")}
    assert set(SERVICES_WITH_IMAGES) < set(runners)
    for name, service in runners.items():
        image = service_image(service)
        command = service.get("command") or json.loads(image.all("CMD")[-1])
        if command[0] != "situok-service":
            assert command[:2] == ["sh", "-c"] and "situok-admin" in command[-1], name  # a one-shot job
            continue
        run = command[1] if len(command) > 1 else image.env["SITUOK_SERVICE"]
        source = ROOT / "services" / image.env["SITUOK_SERVICE"]
        assert (source / run / "service.py").is_file(), f"{name} runs {run}, not in {source}"
        port = str(service["environment"].get("SITUOK_HEALTH_PORT", image.env["SITUOK_HEALTH_PORT"]))
        assert port == str(DEFAULT_PORTS[run]), f"{name}: {run} on {port}"
    assert CONTAINERS["echo-rpc"]["command"] == ["situok-service", "echo_rpc"]


def test_dockerignore_sends_only_service_sources():
    lines = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines[0] == "*" and "!services/" in lines
    assert "**/*.egg-info/" in lines and "**/__pycache__/" in lines
