"""The least-privilege scripts of deploy/ against a real RabbitMQ and PostgreSQL (throwaway local ones, on free
ports, from tools/local_servers.py).

- postgres/init-databases.sh (Compose postgres-roles, Kubernetes database-roles): run twice; each service's
  migrations run as its owner role; the role the service runs as may read and write every table of its own
  database and nothing more: no DDL, no other service's database.
- rabbitmq/broker_users.py over the generated definitions: imported by RabbitMQ, a service's user may declare
  and consume its own queues and not another service's, and send RPC calls only to the services it calls.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
from situok_contracts.services import SERVICES

from tools.local_servers import LocalServers, ServerUnavailable
from tools.traefik import free_port

pytestmark = [pytest.mark.integration, pytest.mark.timeout(240)]

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_DIR = ROOT / "deploy" / "compose"
OWNERS = [s.name for s in SERVICES if s.database]


@pytest.fixture(scope="module")
def servers():
    amqp_port, pg_port = free_port(), free_port()
    amqp = f"amqp://guest:guest@127.0.0.1:{amqp_port}/"
    pg = f"postgresql+psycopg2://postgres@127.0.0.1:{pg_port}/postgres"
    try:
        local = LocalServers(None, log=lambda _: None).ensure(amqp, pg)
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    with local:
        yield {"amqp_port": amqp_port, "pg_port": pg_port, "node": local.rabbitmq_node}


def passwords(prefix: str, names) -> dict[str, str]:
    return {f"{prefix}_{name.upper()}": f"pw{uuid.uuid4().hex}" for name in names}


# ---------------------------------------------------------------- PostgreSQL

def psql(port: int, user: str, database: str, sql: str) -> subprocess.CompletedProcess:
    return subprocess.run(["psql", "-X", "-q", "-t", "-A", "-h", "127.0.0.1", "-p", str(port), "-U", user,
                           "-d", database, "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True)


def test_each_service_role_gets_dml_on_its_own_database_only(servers):
    port = servers["pg_port"]
    env = {**os.environ, "PGHOST": "127.0.0.1", "PGPORT": str(port), "PGUSER": "postgres",
           "SITUOK_DATABASES": " ".join(OWNERS), **passwords("SITUOK_DB_PASSWORD", OWNERS),
           **passwords("SITUOK_DB_OWNER_PASSWORD", OWNERS)}
    for _ in range(2):  # runs on every start: the second changes nothing and fails on nothing
        result = subprocess.run(["sh", str(COMPOSE_DIR / "postgres" / "init-databases.sh")], env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    for service in OWNERS:
        url = f"postgresql+psycopg2://situok_{service}_owner@127.0.0.1:{port}/situok_{{service}}"
        migrate = subprocess.run([sys.executable, "-m", "situok_kit.admin", "migrate", service],
                                 env={**os.environ, "SITUOK_DB_URL_TEMPLATE": url}, capture_output=True, text=True)
        if migrate.returncode != 0 and "No module named" in migrate.stderr:
            migrate = subprocess.run([str(Path(sys.executable).parent / "situok-admin"), "migrate", service],
                                     env={**os.environ, "SITUOK_DB_URL_TEMPLATE": url}, capture_output=True,
                                     text=True)
        assert migrate.returncode == 0, migrate.stderr[-2000:]
    first, second = OWNERS[0], OWNERS[1]
    app = f"situok_{first}"
    tables = psql(port, app, f"situok_{first}", "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    assert tables.returncode == 0, tables.stderr
    names = tables.stdout.split()
    assert "alembic_version" in names and len(names) > 3
    for table in names:
        for privilege in ("SELECT", "INSERT", "UPDATE", "DELETE"):
            granted = psql(port, app, f"situok_{first}", f"SELECT has_table_privilege('{table}', '{privilege}')")
            assert granted.stdout.strip() == "t", (table, privilege)
    denied = {
        "create a table": psql(port, app, f"situok_{first}", "CREATE TABLE intruder (id int)"),
        "drop a table": psql(port, app, f"situok_{first}", f"DROP TABLE {names[0]}"),
        "alter a table": psql(port, app, f"situok_{first}", f"ALTER TABLE {names[0]} ADD COLUMN x int"),
        "reach another database": psql(port, app, f"situok_{second}", "SELECT 1"),
        "create a database": psql(port, app, f"situok_{first}", "CREATE DATABASE intruder"),
        "reach another as its owner": psql(port, f"situok_{second}_owner", f"situok_{first}", "SELECT 1"),
    }
    for what, result in denied.items():
        assert result.returncode != 0, f"the service role could {what}"
    # The owner role migrates: it may change its own schema.
    assert psql(port, f"situok_{first}_owner", f"situok_{first}", "CREATE TABLE later (id serial PRIMARY KEY); "
                "INSERT INTO later DEFAULT VALUES").returncode == 0
    # ... and what it creates later is the service's to read and write (default privileges), sequences too.
    assert psql(port, app, f"situok_{first}", "INSERT INTO later DEFAULT VALUES; DELETE FROM later").returncode == 0


# ---------------------------------------------------------------- RabbitMQ

@pytest.fixture(scope="module")
def broker(servers):
    if not shutil.which("rabbitmqctl"):
        pytest.skip("no rabbitmqctl")
    env = {**os.environ, "RABBITMQ_PASSWORD": "operator", **passwords("SITUOK_AMQP_PASSWORD",
                                                                      [s.name for s in SERVICES])}
    # Readable by the rabbitmq user rabbitmqctl runs as (pytest's temporary directories are root's only).
    directory = Path(tempfile.mkdtemp(prefix="situok-definitions-"))
    directory.chmod(0o755)
    out = directory / "definitions.json"
    subprocess.run([sys.executable, str(COMPOSE_DIR / "rabbitmq" / "broker_users.py"), "render",
                    str(COMPOSE_DIR / "rabbitmq" / "definitions.template"), str(out)], env=env, check=True,
                   capture_output=True)
    out.chmod(0o644)
    imported = subprocess.run(["rabbitmqctl", "-n", servers["node"], "-q", "import_definitions", str(out)],
                              capture_output=True, text=True)
    shutil.rmtree(directory)
    assert imported.returncode == 0, imported.stderr + imported.stdout
    return {name.removeprefix("SITUOK_AMQP_PASSWORD_").lower(): value for name, value in env.items()
            if name.startswith("SITUOK_AMQP_PASSWORD_")}


def connect(servers, broker, service: str):
    from kombu import Connection

    return Connection(f"amqp://situok_{service}:{broker[service]}@127.0.0.1:{servers['amqp_port']}/situok",
                      connect_timeout=5, transport_options={"confirm_publish": True})


def attempt(servers, broker, service: str, action) -> bool:
    """True if ``action(channel)`` succeeds as ``service``'s user; False if the broker refuses it."""
    from amqp.exceptions import AccessRefused, NotAllowed

    with connect(servers, broker, service) as conn:
        try:
            action(conn.channel())
            return True
        except (AccessRefused, NotAllowed):
            return False


def declare(queue: str, exchange: str = "nameko-rpc", key: str = "#"):
    from kombu import Exchange, Queue

    def run(channel):
        Queue(queue, Exchange(exchange, type="topic", durable=True), routing_key=key, durable=True,
              auto_delete=False)(channel).declare()
    return run


def publish(exchange: str, key: str):
    from kombu import Exchange, Producer

    def run(channel):
        Producer(channel, Exchange(exchange, type="topic", durable=True)).publish({"x": 1}, routing_key=key)
    return run


def test_a_service_user_has_its_own_queues_and_calls_only_what_it_calls(servers, broker):
    # Each service declares its RPC queue and exchange; travel and attendance their event queues.
    assert attempt(servers, broker, "personnel", declare("rpc-personnel", key="personnel.*"))
    assert attempt(servers, broker, "personnel", declare("rpc-personnel", key="personnel.*"))
    assert attempt(servers, broker, "travel", declare(f"rpc.reply-standalone_rpc_proxy-{uuid.uuid4()}",
                                                      key=str(uuid.uuid4())))
    assert attempt(servers, broker, "attendance", publish("nameko-rpc", "personnel.get_employee"))
    assert attempt(servers, broker, "personnel", lambda ch: publish("personnel.events", "employee_created")(ch))
    assert attempt(servers, broker, "travel", declare("evt-personnel-employee_created--travel.on_employee_created",
                                                      exchange="personnel.events", key="employee_created"))
    assert attempt(servers, broker, "gateway", publish("nameko-rpc", "travel.list_orders"))
    # ... and nothing of another's.
    assert not attempt(servers, broker, "gateway", declare("rpc-personnel", key="personnel.*"))
    assert not attempt(servers, broker, "web", declare("evt-personnel-employee_created--travel.on_employee_created",
                                                       exchange="personnel.events", key="employee_created"))
    assert not attempt(servers, broker, "travel", publish("personnel.events", "employee_created"))
    assert not attempt(servers, broker, "travel", publish("nameko-rpc", "attendance.list_requests"))
    assert not attempt(servers, broker, "gateway", lambda ch: ch.basic_get("rpc-personnel"))
    # The default vhost is not theirs.
    from amqp.exceptions import AccessRefused, ConnectionForced, NotAllowed
    from kombu import Connection

    with pytest.raises((AccessRefused, NotAllowed, ConnectionForced, OSError)):
        with Connection(f"amqp://situok_web:{broker['web']}@127.0.0.1:{servers['amqp_port']}/",
                        connect_timeout=5) as conn:
            conn.connect()


def test_the_definitions_hold_every_user_of_the_list(servers, broker):
    listed = subprocess.run(["rabbitmqctl", "-n", servers["node"], "-q", "--formatter", "json", "list_users"],
                            capture_output=True, text=True, check=True)
    users = {u["user"] for u in json.loads(listed.stdout)}
    assert {f"situok_{s.name}" for s in SERVICES} | {"situok-admin"} <= users


def test_nameko_services_work_under_their_own_users(servers, broker):
    """The real thing, not a simulation: a personnel serving RPC and publishing an event, a gateway calling it
    (the kit's TimedRpcProxy) and receiving the event on its broadcast queue (the kit's event_consumer), a
    travel consuming the event in its pool queue and calling personnel through a standalone proxy
    (cluster_proxy, as its roster pull does): each Nameko container logs in as its own user."""
    import eventlet
    from nameko.containers import ServiceContainer
    from nameko.events import EventDispatcher
    from nameko.rpc import rpc
    from nameko.testing.services import dummy, entrypoint_hook
    from situok_kit.consumers import event_consumer
    from situok_kit.envelope import Envelope
    from situok_kit.rpc import TimedRpcProxy, cluster_proxy

    received: dict[str, list] = {"gateway": [], "travel": []}

    class Personnel:
        name = "personnel"
        dispatch = EventDispatcher()

        @rpc
        def revoke(self, session_id):
            self.dispatch("session_revoked", Envelope("personnel.session_revoked",
                                                      {"session_id": session_id}).to_dict())
            return session_id

    class Gateway:
        name = "gateway"
        personnel = TimedRpcProxy("personnel", timeout=10)

        @dummy
        def call(self, session_id):
            return self.personnel.revoke(session_id)

        @event_consumer("personnel.session_revoked", broadcast=True, idempotent=False)
        def on_session_revoked(self, event):
            received["gateway"].append(event.data["session_id"])

    class Travel:
        name = "travel"

        @event_consumer("personnel.session_revoked", idempotent=False)
        def on_revoked(self, event):
            received["travel"].append(event.data["session_id"])

    def uri(service: str) -> str:
        return f"amqp://situok_{service}:{broker[service]}@127.0.0.1:{servers['amqp_port']}/situok"

    # The permission checks above left test messages in rpc-personnel: not for these services.
    subprocess.run(["rabbitmqctl", "-n", servers["node"], "-q", "purge_queue", "-p", "situok", "rpc-personnel"],
                   capture_output=True)
    containers = [ServiceContainer(cls, {"AMQP_URI": uri(cls.name), "serializer": "json", "RPC_TIMEOUT": 10,
                                         "WEB_SERVER_ADDRESS": f"127.0.0.1:{free_port()}"})
                  for cls in (Personnel, Gateway, Travel)]
    for container in containers:
        container.start()
    try:
        with entrypoint_hook(containers[1], "call") as call:
            assert call("s-1") == "s-1"
        with cluster_proxy(uri("travel"), timeout=10) as proxy:
            assert proxy.personnel.revoke("s-2") == "s-2"
        with eventlet.Timeout(10):
            while len(received["gateway"]) < 2 or len(received["travel"]) < 2:
                eventlet.sleep(0.05)
        assert sorted(received["gateway"]) == sorted(received["travel"]) == ["s-1", "s-2"]
    finally:
        for container in containers:
            container.kill() if container._died.ready() else container.stop()
