"""Least privilege in both deployments, and the local bind address.

Every service of the list runs in production mode with its own RabbitMQ user (permissions over its own queues
and the exchanges it uses, in the vhost ``situok``) and, owning a database, its own PostgreSQL role (DML on its
own database; its migration step as the database's owner role); each signing key reaches only the services
that use it; the Kubernetes egress policies name every destination. Locally, a service listens on 127.0.0.1.
Offline: the generated files and the scripts that read them (tests/deploy/test_least_privilege_servers.py
runs them against a real RabbitMQ and PostgreSQL).
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml
from compose_model import load_compose
from service_list import compose_name
from situok_contracts.services import SERVICES, Service
from situok_kit.config import ServiceSettings

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import deploy_files  # noqa: E402

COMPOSE_DIR = ROOT / "deploy" / "compose"
CONTAINERS = load_compose(COMPOSE_DIR / "docker-compose.yml")["services"]
BROKER_SCRIPT = COMPOSE_DIR / "rabbitmq" / "broker_users.py"
TEMPLATE = COMPOSE_DIR / "rabbitmq" / "definitions.template"
DEPLOYED = [s for s in SERVICES if not s.bench]
OWNERS = [s for s in SERVICES if s.database]
BACKEND = {"personnel", "travel", "attendance", "finance", "assets", "booking", "agenda", "kepegawaian"}
EDGES = {"gateway", "web"}
KEYS = ("SITUOK_TOKEN_PRIVATE_KEY", "SITUOK_TOKEN_PUBLIC_KEY", "SITUOK_SYSTEM_PRIVATE_KEY",
        "SITUOK_SYSTEM_PUBLIC_KEY")


class Url(NamedTuple):
    username: str
    password: str
    path: str


def urlsplit(url: str) -> Url:
    """user, password and path of a connection URL whose password is a placeholder (``${...}``, ``secret:...``)."""
    credentials, _, rest = url.split("://", 1)[1].rpartition("@")
    username, _, password = credentials.partition(":")
    return Url(username, password, "/" + rest.split("/", 1)[1])


def expected_keys(name: str) -> set[str]:
    """situok_kit.keys: personnel alone signs access tokens, the backend services sign system tokens, the edges
    hold the access-token public key only."""
    keys = {"SITUOK_TOKEN_PRIVATE_KEY"} if name == "personnel" else {"SITUOK_TOKEN_PUBLIC_KEY"}
    if name in BACKEND:
        keys |= {"SITUOK_SYSTEM_PRIVATE_KEY", "SITUOK_SYSTEM_PUBLIC_KEY"}
    return keys


# ---------------------------------------------------------------- the local bind address

def test_a_local_service_listens_on_loopback_unless_told_otherwise(monkeypatch):
    monkeypatch.delenv("SITUOK_BIND_HOST", raising=False)
    settings = ServiceSettings.from_env("travel", http_port=8501)
    assert settings.nameko_config()["WEB_SERVER_ADDRESS"] == "127.0.0.1:8501"
    monkeypatch.setenv("SITUOK_BIND_HOST", "0.0.0.0")
    assert settings.nameko_config()["WEB_SERVER_ADDRESS"] == "0.0.0.0:8501"


# ---------------------------------------------------------------- Compose

def situok_containers() -> dict[str, tuple[Service, bool]]:
    """Compose name -> (service, is its migration step), for every SITU OK container."""
    found = {}
    for service in SERVICES:
        found[compose_name(service)] = (service, False)
        if service.database:
            found[f"migrate-{service.name}"] = (service, True)
    return found


def required_variable(value: str) -> str:
    """``${NAME:?message}`` -> NAME; anything else (a literal secret) fails."""
    match = re.fullmatch(r"\$\{(\w+):\?[^}]*\}", value)
    assert match, f"{value!r} is not a required variable from deploy/compose/.env"
    return match.group(1)


def test_compose_services_run_in_production_listening_on_their_container_address():
    for name in situok_containers():
        environment = CONTAINERS[name]["environment"]
        assert environment["SITUOK_ENV"] == "production", name
        assert environment["SITUOK_BIND_HOST"] == "0.0.0.0", name


def test_compose_each_service_has_its_own_broker_user_and_database_role():
    users = {}
    for name, (service, migration) in situok_containers().items():
        environment = CONTAINERS[name]["environment"]
        amqp = urlsplit(environment["SITUOK_AMQP_URI"])
        assert amqp.username == f"situok_{service.name}" and amqp.path == "/situok", name
        assert required_variable(amqp.password) == f"SITUOK_AMQP_PASSWORD_{service.name.upper()}"
        users.setdefault(amqp.username, set()).add(service.name)
        if not service.database:
            assert "SITUOK_DB_URL_TEMPLATE" not in environment, name
            continue
        db = urlsplit(environment["SITUOK_DB_URL_TEMPLATE"])
        role = f"situok_{service.name}_owner" if migration else f"situok_{service.name}"
        variable = (f"SITUOK_DB_OWNER_PASSWORD_{service.name.upper()}" if migration
                    else f"SITUOK_DB_PASSWORD_{service.name.upper()}")
        assert (db.username, required_variable(db.password)) == (role, variable), name
        assert db.path == "/situok_{service}"
    assert all(len(names) == 1 for names in users.values())  # no user shared between services


def test_compose_keys_and_secrets_reach_only_the_services_that_use_them():
    for name, (service, migration) in situok_containers().items():
        environment = CONTAINERS[name]["environment"]
        assert {k for k in KEYS if k in environment} == expected_keys(service.name), name
        for key in expected_keys(service.name):
            assert required_variable(environment[key]) == key
        assert ("SITUOK_WEB_SECRET" in environment) == (service.name == "web" and not migration), name
        assert "SITUOK_JWT_SECRET" not in environment, name  # development only (situok_kit.keys)


def test_compose_broker_and_database_servers_hold_no_service_password():
    definitions = CONTAINERS["rabbitmq-definitions"]["environment"]
    assert set(definitions) == {"RABBITMQ_PASSWORD"} | {f"SITUOK_AMQP_PASSWORD_{s.name.upper()}" for s in SERVICES}
    roles = CONTAINERS["postgres-roles"]["environment"]
    assert {k for k in roles if k.startswith("SITUOK_DB")} == {
        f"SITUOK_DB{kind}_PASSWORD_{s.name.upper()}" for s in OWNERS for kind in ("", "_OWNER")}
    assert not any("PASS" in key for key in CONTAINERS["rabbitmq"].get("environment", {}))
    for name in ("rabbitmq-definitions", "postgres-roles"):
        assert CONTAINERS[name]["restart"] == "no" and CONTAINERS[name]["read_only"] is True


def test_the_example_env_holds_no_usable_secret():
    for line in (COMPOSE_DIR / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            assert value == "", f"{name} has a value in .env.example: generate it instead"


# ---------------------------------------------------------------- the broker's users and permissions

def load_template() -> dict:
    return json.loads("".join(line for line in TEMPLATE.read_text().splitlines(keepends=True)
                              if not line.startswith("#")))


def permissions() -> dict[str, dict[str, str]]:
    return {p["user"]: p for p in load_template()["permissions"]}


def own_names(service: Service) -> dict[str, list[str]]:
    """The queues and exchanges Nameko and the kit use for ``service`` (nameko.rpc, nameko.events,
    situok_kit.consumers), by what the service does with them."""
    use = deploy_files.BROKER_USE[service.name]
    reply = str(uuid.uuid4())
    queues = [f"rpc-{service.name}"]
    if use.calls:
        queues.append(f"rpc.reply-{'standalone_rpc_proxy' if use.standalone else service.name}-{reply}")
    for source in use.consumes:
        queues += [f"evt-{source}-employee_created--{service.name}.on_employee_created",
                   f"evt-{source}-session_revoked--{service.name}.on_session_revoked-{uuid.uuid4().hex}"]
    if use.consumes:
        queues.append(f"dlq.{service.name}")
    return {"queues": queues, "published": ["nameko-rpc"] + ([f"{service.name}.events"] if service.database else [])
            + (["amq.default"] if use.consumes else []),
            "bound": ["nameko-rpc"] + [f"{source}.events" for source in use.consumes]}


def allowed(pattern: str, name: str) -> bool:
    return re.fullmatch(pattern, name) is not None  # RabbitMQ matches unanchored; the patterns carry ^...$


def test_every_service_has_a_user_in_the_vhost_situok_and_no_password_in_the_template():
    template = load_template()
    assert template["vhosts"] == [{"name": "situok"}]
    users = {u["name"]: u for u in template["users"]}
    assert set(users) == {"situok-admin"} | {f"situok_{s.name}" for s in SERVICES}
    for user in template["users"]:
        assert set(user) <= {"name", "password_variable", "tags", "operator"}  # a variable's name, no password
    assert {p["vhost"] for p in template["permissions"]} == {"situok"}
    k8s = (ROOT / deploy_files.K8S_ACCESS / "definitions.template").read_text()
    assert json.loads("".join(line for line in k8s.splitlines(keepends=True) if not line.startswith("#")))[
        "users"] == [u for u in template["users"] if u["name"] in {"situok-admin"} | {
            f"situok_{s.name}" for s in DEPLOYED}]


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_a_service_may_use_its_own_queues_and_none_of_another_service(service):
    grant = permissions()[f"situok_{service.name}"]
    names = own_names(service)
    for queue in names["queues"]:
        for kind in ("configure", "write", "read"):
            assert allowed(grant[kind], queue), (kind, queue)
    for exchange in names["published"]:
        assert allowed(grant["write"], exchange), exchange
    for exchange in names["bound"]:
        assert allowed(grant["read"], exchange), exchange
    for other in SERVICES:
        if other is service:
            continue
        theirs = own_names(other)
        for queue in [q for q in theirs["queues"] if "standalone_rpc_proxy" not in q]:
            assert not any(allowed(grant[kind], queue) for kind in ("configure", "write", "read")), queue
        if other.database:  # nobody publishes another service's events
            assert not allowed(grant["write"], f"{other.name}.events")
    assert not allowed(grant["configure"], "amq.default") and not allowed(grant["read"], "amq.default")


def test_a_service_sends_rpc_calls_only_to_the_services_it_calls():
    topics = {t["user"]: t for t in load_template()["topic_permissions"]}
    for service in SERVICES:
        topic = topics[f"situok_{service.name}"]
        assert topic["exchange"] == "nameko-rpc"
        assert allowed(topic["write"], str(uuid.uuid4()))  # a reply
        calls = deploy_files.BROKER_USE[service.name].calls
        for other in SERVICES:
            assert allowed(topic["write"], f"{other.name}.get_employee") == (other.name in calls), (service, other)


def test_the_broker_use_table_covers_every_service_of_the_list():
    """Calls go to services of the list; events come from a database owner of the list, or from a publisher
    whose event names the contracts already announce (booking's ``trip_returned`` before booking exists)."""
    from situok_contracts import events

    assert set(deploy_files.BROKER_USE) == {s.name for s in SERVICES}
    names = {s.name for s in SERVICES}
    announced = {name.split(".")[0] for publisher in vars(events).values() if isinstance(publisher, type)
                 for name in events.names(publisher)}
    for use in deploy_files.BROKER_USE.values():
        assert set(use.calls) <= names and set(use.consumes) <= {s.name for s in OWNERS} | announced


def test_the_broker_use_table_says_what_each_service_class_does():
    """Against the Nameko service classes: RpcProxy targets, event handlers' sources; a RosterCopy calls
    personnel through a standalone proxy (situok_kit.roster)."""
    import importlib
    import inspect

    from nameko.events import EventHandler
    from nameko.rpc import RpcProxy
    from situok_kit.roster import RosterCopy

    for service in SERVICES:
        module = importlib.import_module(f"{service.name}.service")
        (cls,) = [c for _, c in inspect.getmembers(module, inspect.isclass) if getattr(c, "name", None) == service.name
                  and c.__module__ == module.__name__]
        calls, consumes = set(), set()
        for attribute in dir(cls):
            value = getattr(cls, attribute, None)
            if isinstance(value, RpcProxy):
                calls.add(value.target_service)
            consumes |= {e.source_service for e in getattr(value, "nameko_entrypoints", ()) or ()
                         if isinstance(e, EventHandler)}
        use = deploy_files.BROKER_USE[service.name]
        if issubclass(cls, RosterCopy):
            assert use.standalone and "personnel" in use.calls, service.name
            assert not calls, f"{service.name}: both an RpcProxy and standalone calls: widen broker_permissions"
        else:
            assert not use.standalone, service.name
        assert calls <= set(use.calls) and consumes == set(use.consumes), service.name


def run_broker_script(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BROKER_SCRIPT), "render", str(TEMPLATE), str(tmp_path / "d.json")],
                          env={"PATH": os.environ["PATH"], **env}, capture_output=True, text=True)


def test_rendered_definitions_hold_salted_hashes_of_the_passwords_from_the_environment(tmp_path):
    env = {"RABBITMQ_PASSWORD": "operator0secret"}
    env |= {f"SITUOK_AMQP_PASSWORD_{s.name.upper()}": f"pw{s.name}0123" for s in SERVICES}
    result = run_broker_script(tmp_path, env)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "d.json").read_text()
    assert not any(password in text for password in env.values())
    definitions = json.loads(text)
    for user in definitions["users"]:
        raw = base64.b64decode(user["password_hash"])
        salt, digest = raw[:4], raw[4:]
        password = env["RABBITMQ_PASSWORD"] if user["name"] == "situok-admin" else f"pw{user['name'][7:]}0123"
        assert digest == hashlib.sha256(salt + password.encode()).digest(), user["name"]
        assert user["hashing_algorithm"] == "rabbit_password_hashing_sha256"
    assert definitions["permissions"] == load_template()["permissions"]
    del env["SITUOK_AMQP_PASSWORD_TRAVEL"]
    missing = run_broker_script(tmp_path, env)
    assert missing.returncode != 0 and "SITUOK_AMQP_PASSWORD_TRAVEL" in missing.stderr


def test_the_env_generator_fills_every_empty_variable_with_working_keys():
    from situok_kit import keys

    out = subprocess.run([sys.executable, str(COMPOSE_DIR / "generate-env.py")], capture_output=True, text=True,
                         check=True).stdout
    values = dict(line.split("=", 1) for line in out.splitlines())
    example = {line.split("=", 1)[0] for line in (COMPOSE_DIR / ".env.example").read_text().splitlines()
               if line and not line.startswith("#")}
    assert set(values) == example
    for purpose in ("TOKEN", "SYSTEM"):
        private = keys.load_private_key(values[f"SITUOK_{purpose}_PRIVATE_KEY"], purpose)
        public = keys.load_public_key(values[f"SITUOK_{purpose}_PUBLIC_KEY"], purpose)
        assert keys.public_bytes(private) == keys.public_bytes(public)
    assert values["SITUOK_TOKEN_PRIVATE_KEY"] != values["SITUOK_SYSTEM_PRIVATE_KEY"]
    assert all(re.fullmatch(r"[A-Za-z0-9]{32}", v) for k, v in values.items() if "PASSWORD" in k)


# ---------------------------------------------------------------- Kubernetes

@pytest.fixture(scope="module")
def built() -> list[dict]:
    out = subprocess.run(["kubectl", "kustomize", str(ROOT / "deploy" / "k8s" / "base")], capture_output=True,
                         text=True, check=True).stdout
    return [d for d in yaml.safe_load_all(out) if d]


def pod_environment(container: dict, docs: list[dict]) -> dict[str, str]:
    """The variables a container gets: envFrom (ConfigMap data, Secret stringData), then env (values with
    $(VAR) expanded as the kubelet does, secretKeyRef as ``secret:<name>/<key>``)."""
    objects = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            env |= objects[("ConfigMap", source["configMapRef"]["name"])]["data"]
        else:
            env |= objects[("Secret", source["secretRef"]["name"])]["stringData"]
    for entry in container.get("env", []):
        if "valueFrom" in entry:
            ref = entry["valueFrom"]["secretKeyRef"]
            assert ref["key"] in objects[("Secret", ref["name"])]["stringData"], ref
            env[entry["name"]] = f"secret:{ref['name']}/{ref['key']}"
        else:
            env[entry["name"]] = re.sub(r"\$\((\w+)\)", lambda m: env[m.group(1)], entry["value"])
    return env


def k8s_pods(docs: list[dict]) -> dict[str, tuple[Service, bool, dict]]:
    found = {}
    for doc in docs:
        if doc["kind"] not in ("Deployment", "Job"):
            continue
        name = doc["metadata"]["name"]
        service = next((s for s in DEPLOYED if compose_name(s) == name.removeprefix("migrate-")), None)
        if service is not None:
            found[name] = (service, name.startswith("migrate-"),
                           pod_environment(doc["spec"]["template"]["spec"]["containers"][0], docs))
    return found


def test_k8s_services_run_in_production_as_their_own_broker_user_and_database_role(built):
    pods = k8s_pods(built)
    assert set(pods) == {compose_name(s) for s in DEPLOYED} | {f"migrate-{s.name}" for s in OWNERS if not s.bench}
    for name, (service, migration, env) in pods.items():
        assert env["SITUOK_ENV"] == "production" and env["SITUOK_BIND_HOST"] == "0.0.0.0", name
        amqp = urlsplit(env["SITUOK_AMQP_URI"])
        assert amqp.username == f"situok_{service.name}" and amqp.path == "/situok", name
        assert amqp.password == f"secret:situok-access/SITUOK_AMQP_PASSWORD_{service.name.upper()}", name
        if service.database:
            db = urlsplit(env["SITUOK_DB_URL_TEMPLATE"])
            suffix = "_owner" if migration else ""
            assert db.username == f"situok_{service.name}{suffix}", name
            assert db.password == (f"secret:situok-access/SITUOK_DB{suffix.upper()}_PASSWORD_"
                                   f"{service.name.upper()}"), name
        else:
            assert "SITUOK_DB_URL_TEMPLATE" not in env, name
        assert {k for k in KEYS if k in env} >= expected_keys(service.name), name
        private = {k for k in KEYS if k in env and "PRIVATE" in k}
        assert private == {k for k in expected_keys(service.name) if "PRIVATE" in k}, name
        if service.name in EDGES:
            assert not any(k.startswith("SITUOK_SYSTEM") for k in env), name
        assert "SITUOK_JWT_SECRET" not in env, name


def test_k8s_access_jobs_create_what_the_services_log_in_with(built):
    jobs = {d["metadata"]["name"]: d for d in built if d["kind"] == "Job"
            and d["metadata"]["labels"]["app.kubernetes.io/component"] == "access"}
    assert set(jobs) == {"broker-users", "database-roles"}
    access = next(d for d in built if d["kind"] == "Secret" and d["metadata"]["name"] == "situok-access")
    pods = k8s_pods(built)
    used = {v.split("/", 1)[1] for _, _, env in pods.values() for v in env.values() if v.startswith("secret:")}
    assert used == set(access["stringData"])
    roles = jobs["database-roles"]["spec"]["template"]["spec"]["containers"][0]
    assert {e["name"]: e["value"] for e in roles["env"]}["SITUOK_DATABASES"].split() == [
        s.name for s in OWNERS if not s.bench]
    files = next(d for d in built if d["kind"] == "ConfigMap" and d["metadata"]["name"].startswith(
        "situok-access-files"))
    assert files["data"]["init-databases.sh"].split("\n", 4)[4] == \
        (COMPOSE_DIR / "postgres" / "init-databases.sh").read_text().split("\n", 1)[1]


def test_k8s_egress_names_every_destination(built):
    policies = [d for d in built if d["kind"] == "NetworkPolicy"]
    rules = [(p["metadata"]["name"], rule) for p in policies for rule in p["spec"].get("egress", [])]
    assert rules
    for name, rule in rules:
        assert rule.get("to"), f"{name}: an egress rule without `to` allows every address"
        for peer in rule["to"]:
            assert "ipBlock" not in peer, name
            assert peer.get("namespaceSelector", {}).get("matchLabels") and peer.get("podSelector", {}).get(
                "matchLabels"), f"{name}: {peer}"
    dns = [rule for _, rule in rules if any(p["port"] == 53 for p in rule["ports"])]
    assert [peer for rule in dns for peer in rule["to"]] == [
        {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
         "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}]
