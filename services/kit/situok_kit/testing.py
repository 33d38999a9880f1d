"""Test infrastructure shared by every service's and the cross-service tests.

Real broker and database, isolated per test run:

* the broker and PostgreSQL come from ``SITUOK_TEST_AMQP_URI`` / ``SITUOK_TEST_PG_URL``
  (default: the local servers; ``make test`` starts throwaway ones there when none answers,
  tools/local_servers.py), or from testcontainers where a Docker engine runs and
  ``SITUOK_TEST_USE_CONTAINERS=1``;
* each run gets its own RabbitMQ vhost and its own databases, removed afterwards;
* ``TcpProxy`` sits between a service and a server so a fault test can cut and
  restore the connection without touching the shared server;
* ``wait_for`` polls a condition with a deadline, so no test sleeps blindly.

The fixtures of a service tested beside personnel are in ``situok_kit.fixtures``.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote, urlparse, urlunparse

from sqlalchemy.engine import make_url

DEFAULT_AMQP = "amqp://guest:guest@127.0.0.1:5672/"
DEFAULT_PG = "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"


def wait_for(condition, timeout: float = 10.0, interval: float = 0.05, message: str = "condition"):
    """Poll ``condition()`` until it returns a truthy value; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last_exc = None
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except Exception as exc:  # the condition may raise while the system settles
            last_exc = exc
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}" +
                         (f" (last error: {last_exc!r})" if last_exc else ""))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


# -- broker and database -------------------------------------------------

def _docker_available() -> bool:
    if not shutil.which("docker"):
        return False
    return subprocess.run(["docker", "info"], capture_output=True).returncode == 0


@dataclass
class Infra:
    amqp_uri: str          # base URI, default vhost
    pg_url: str            # URL of the maintenance database (postgres)
    containers: tuple = ()

    def stop(self) -> None:
        for c in self.containers:
            c.stop()


def uses_containers() -> bool:
    """Tests get their servers from testcontainers: asked for, possible, and no server named by the environment."""
    return (not os.environ.get("SITUOK_TEST_AMQP_URI") and not os.environ.get("SITUOK_TEST_PG_URL")
            and os.environ.get("SITUOK_TEST_USE_CONTAINERS") == "1" and _docker_available())


def start_infra() -> Infra:
    """The broker and database server the tests use (env, containers, or the local defaults)."""
    amqp = os.environ.get("SITUOK_TEST_AMQP_URI")
    pg = os.environ.get("SITUOK_TEST_PG_URL")
    if uses_containers():
        from testcontainers.postgres import PostgresContainer
        from testcontainers.rabbitmq import RabbitMqContainer

        rabbit = RabbitMqContainer("rabbitmq:3.13-management").start()
        postgres = PostgresContainer("postgres:16").start()
        amqp = f"amqp://guest:guest@{rabbit.get_container_host_ip()}:{rabbit.get_exposed_port(5672)}/"
        pg = postgres.get_connection_url().replace("postgresql://", "postgresql+psycopg2://")
        return Infra(amqp, pg, (rabbit, postgres))
    return Infra(amqp or DEFAULT_AMQP, pg or DEFAULT_PG)


def with_vhost(amqp_uri: str, vhost: str) -> str:
    parts = urlparse(amqp_uri)
    return urlunparse(parts._replace(path="/" + quote(vhost, safe="")))


def rabbitmqctl(*args: str) -> list[str]:
    """argv of ``rabbitmqctl args``, aimed at the node ``SITUOK_TEST_RABBITMQ_NODE`` names when set (the broker
    ``make test`` started itself: another node than this machine's)."""
    node = os.environ.get("SITUOK_TEST_RABBITMQ_NODE")
    return ["rabbitmqctl", *(["-n", node] if node else []), "-q", *args]


def create_vhost(amqp_uri: str, vhost: str) -> str:
    """Create ``vhost`` (rabbitmqctl locally) and return the URI that uses it."""
    user = urlparse(amqp_uri).username or "guest"
    if shutil.which("rabbitmqctl"):
        subprocess.run(rabbitmqctl("add_vhost", vhost), check=True, capture_output=True)
        subprocess.run(rabbitmqctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*"),
                       check=True, capture_output=True)
        return with_vhost(amqp_uri, vhost)
    return amqp_uri  # no admin tool: a throwaway broker (container) is already isolated


def delete_vhost(vhost: str) -> None:
    if shutil.which("rabbitmqctl"):
        subprocess.run(rabbitmqctl("delete_vhost", vhost), capture_output=True)


@contextmanager
def temporary_vhost(amqp_uri: str, prefix: str):
    """A vhost of its own for a test run or a benchmark; yields its URI, always removed."""
    name = unique_name(prefix)
    uri = create_vhost(amqp_uri, name)
    try:
        yield uri
    finally:
        delete_vhost(name)


def database_url_for(pg_url: str, name: str) -> str:
    """``pg_url`` naming database ``name``; a ``{service}`` placeholder in ``name`` stays a placeholder.

    (Rendering a URL percent-encodes braces: without the swap every service of a
    test stack would silently share one database.)
    """
    marker = "situokservicemarker"
    rendered = make_url(pg_url).set(database=name.replace("{service}", marker)).render_as_string(hide_password=False)
    return rendered.replace(marker, "{service}")


@dataclass
class SeededDatabase:
    url: str
    engine: object
    seeded: object  # what the seed function returned


@contextmanager
def migrated_database(pg_url: str, service: str, prefix: str, seed=None):
    """A throwaway database of ``service``: created, migrated, seeded by ``seed(session)`` (committed),
    and dropped afterwards, whatever happened."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from .migrate import create_database, drop_database, upgrade

    url = database_url_for(pg_url, unique_name(prefix))
    create_database(url)
    try:
        upgrade(service, url)
        engine = create_engine(url)
        try:
            seeded = None
            if seed is not None:
                with Session(engine) as session:
                    seeded = seed(session)
                    session.commit()
            yield SeededDatabase(url, engine, seeded)
        finally:
            engine.dispose()
    finally:
        drop_database(url)


def service_config(service: str, amqp_uri: str, db_url: str, rpc_timeout: float = 10) -> dict:
    """The Nameko config of ``service`` under test: the given broker and database, a free HTTP port."""
    from .config import ServiceSettings

    settings = ServiceSettings(service=service, amqp_uri=amqp_uri, db_url=db_url, http_port=free_port(),
                               max_workers=10, rpc_timeout=rpc_timeout)
    config = settings.nameko_config()
    config["WEB_SERVER_ADDRESS"] = f"127.0.0.1:{settings.http_port}"
    return config


def unique_name(prefix: str = "t") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


# -- observing events with an independent client -------------------------

class EventObserver:
    """Collects events from ``<source>.events`` on its own connection (not Nameko's)."""

    def __init__(self, amqp_uri: str, source: str, routing_keys=("#",)):
        from kombu import Connection, Queue

        from .outbox import event_exchange

        self.messages: list[dict] = []
        self._conn = Connection(amqp_uri)
        exchange = event_exchange(source)
        self._channel = self._conn.channel()
        exchange(self._channel).declare()
        name = f"observer-{uuid.uuid4().hex[:8]}"
        self._queue = Queue(name, exchange=exchange, routing_key=routing_keys[0], exclusive=True,
                            auto_delete=True)(self._channel)
        self._queue.declare()
        for key in routing_keys[1:]:
            self._queue.bind_to(exchange=exchange, routing_key=key)

    def poll(self) -> list[dict]:
        while True:
            message = self._queue.get(no_ack=True)
            if message is None:
                return self.messages
            self.messages.append(message.payload)

    def of_type(self, event_type: str) -> list[dict]:
        return [m for m in self.poll() if m.get("type") == event_type]

    def close(self) -> None:
        try:
            self._conn.release()
        except Exception:
            pass


@contextmanager
def observers(amqp_uri: str, source: str):
    """``make(*routing_keys)`` -> an ``EventObserver`` on ``<source>.events`` (all keys by default); every
    one made is closed on exit (a test's ``observer`` fixture)."""
    made: list[EventObserver] = []

    def make(*routing_keys: str) -> EventObserver:
        obs = EventObserver(amqp_uri, source, routing_keys or ("#",))
        made.append(obs)
        return obs

    try:
        yield make
    finally:
        for obs in made:
            obs.close()


# -- calling services as an identity ------------------------------------------

def publish_event(amqp_uri: str, event: str, data: dict, *, event_id: str | None = None,
                  actor: dict | None = None, occurred_at: str | None = None) -> str:
    """Publish ``event`` (``"<service>.<name>"``) as that service's outbox relay does — topic exchange
    ``<service>.events``, routing key ``<name>``, the JSON envelope, persistent, confirmed — for a consumer's test
    of another service's events; ``event_id`` to redeliver one, ``occurred_at`` (ISO 8601) for one that happened
    earlier. Returns the envelope's id."""
    import json

    from kombu import Connection
    from nameko.constants import PERSISTENT

    from .envelope import Envelope
    from .outbox import event_exchange

    source, _, routing_key = event.partition(".")
    envelope = Envelope(type=event, data=data, actor=actor or {"username": "system"})
    if event_id is not None or occurred_at is not None:
        envelope = Envelope(type=event, data=data, actor=envelope.actor, id=event_id or envelope.id,
                            occurred_at=occurred_at or envelope.occurred_at)
    with Connection(amqp_uri, transport_options={"confirm_publish": True}) as conn:
        exchange = event_exchange(source)
        producer = conn.Producer()
        exchange(producer.channel).declare()
        producer.publish(json.loads(json.dumps(envelope.to_dict(), default=str)), exchange=exchange,
                         routing_key=routing_key, serializer="json", delivery_mode=PERSISTENT, retry=True)
    return envelope.id


@contextmanager
def rpc_proxies(amqp_uri: str, default_service: str, timeout: float = 20):
    """``make(identity=None, service=default_service)`` -> that service's proxy with ``identity`` in the
    context (none: no identity); every proxy made is stopped on exit (a test's ``rpc`` fixture)."""
    from .rpc import cluster_proxy

    proxies = []

    def make(identity=None, service: str = default_service):
        context = signed_context(identity)
        proxy = cluster_proxy(amqp_uri, timeout=timeout, context_data=context)
        proxies.append(proxy)
        return getattr(proxy.start(), service)

    try:
        yield make
    finally:
        for proxy in proxies:
            proxy.stop()


def signed_token(identity) -> str:
    """A token for ``identity`` signed with this process's keys (development: derived from
    ``SITUOK_JWT_SECRET``), as the gateway would forward it: a system token for ``SYSTEM``, else an access
    token (one hour; the identity's session id, or a made-up one)."""
    from .identity import SYSTEM
    from .tokens import issue_access_token, issue_system_token

    if identity == SYSTEM:
        return issue_system_token()
    session_id = identity.session_id or f"test-{uuid.uuid4().hex}"
    return issue_access_token(identity, session_id, ttl=3600)[0]


def signed_context(identity) -> dict:
    """Context data carrying ``identity`` as a signed token (``None``: no identity)."""
    from .identity import CONTEXT_KEY

    return {CONTEXT_KEY: signed_token(identity)} if identity is not None else {}


def account_identity(personnel_engine, username: str):
    """The ``Identity`` the gateway would put in context for personnel's account ``username``."""
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from .identity import Identity

    with Session(personnel_engine) as session:
        row = session.execute(text(
            "SELECT a.id, a.username, a.employee_id, a.roles, e.unit_id FROM accounts a "
            "LEFT JOIN employees e ON e.id = a.employee_id WHERE a.username = :u"), {"u": username}).one()
    return Identity(account_id=row.id, username=row.username, employee_id=row.employee_id, unit_id=row.unit_id,
                    roles=frozenset(row.roles))


def employee_identity(key: str, employee_id: int, *roles: str):
    """A made-up account for the seeded employee ``key`` holding ``roles`` (default: pegawai)."""
    from .identity import Identity

    return Identity(account_id=100_000 + employee_id, username=f"t.{key}", employee_id=employee_id,
                    roles=frozenset(roles or ("pegawai",)))


# -- a TCP proxy the test controls ----------------------------------------

class TcpProxy:
    """Forwards 127.0.0.1:<port> to ``target`` from a separate process.

    ``cut()`` kills that process: every connection through it drops and new ones
    are refused until ``restore()`` starts it again on the same port. The server
    behind it is never touched.
    """

    def __init__(self, target_host: str, target_port: int, listen_port: int | None = None):
        self.target = f"{target_host}:{target_port}"
        self.port = listen_port or free_port()
        self._process: subprocess.Popen | None = None

    def start(self) -> TcpProxy:
        import sys

        self._process = subprocess.Popen(
            [sys.executable, "-m", "situok_kit.tcpproxy", str(self.port), self.target],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        line = self._process.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError(f"tcp proxy on port {self.port} did not start")
        return self

    def uri_for(self, uri: str) -> str:
        """``uri`` with its host and port replaced by this proxy's."""
        parts = urlparse(uri)
        netloc = parts.netloc.rsplit("@", 1)
        auth = netloc[0] + "@" if len(netloc) == 2 else ""
        return urlunparse(parts._replace(netloc=f"{auth}127.0.0.1:{self.port}"))

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def cut(self) -> None:
        """Drop all connections and refuse new ones."""
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process.stdout.close()
            self._process = None

    def restore(self) -> None:
        if not self.running:
            self.start()

    def stop(self) -> None:
        self.cut()
