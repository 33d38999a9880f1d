"""The whole SITU OK stack as local processes behind the real Traefik, planned from the one list of services.

``situok_contracts.services.SERVICES`` says what runs: every service that is not bench-only (those join
with ``with_bench=True``, for ``make bench``), each with its number of instances, Traefik in front of the
ones with an edge route. Used by the end-to-end tests, the benchmark and ``make run`` (tools/run.py, which
also keeps it running: ``supervise``). Each ``Stack`` can live in its own RabbitMQ vhost and its own
databases, so runs never see each other.

    stack = Stack(env={"SITUOK_AMQP_URI": ..., "SITUOK_DB_URL_TEMPLATE": ...})
    stack.prepare()          # create databases, migrate, seed (situok-admin)
    stack.start()            # services + traefik, waits until /api answers
    ...
    stack.kill("gateway-1")  # SIGKILL one process (fault tests)
    stack.stop()             # SIGTERM everything, then SIGKILL stragglers

Process names: the service's name (``echo_rpc`` as ``echo-rpc``), with ``-1``, ``-2``... when it runs
several instances (``gateway-1``); ``traefik``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from situok_contracts.services import SERVICES, Service, with_database  # noqa: E402

from tools import traefik  # noqa: E402
from tools.processes import Backoff, Console, Proc, stop_all, url_answers, wait_until  # noqa: E402

BIN = Path(sys.executable).parent

#: Services with a database, in migration order.
DB_SERVICES = with_database()

#: The ports of a service's instances, one per instance.
PortChoice = Callable[[Service], list[int]]


def free_ports(service: Service) -> list[int]:
    """Tests: as many instances as the list says, each on a free port, so stacks never collide."""
    return [traefik.free_port() for _ in range(service.instances)]


def process_name(service: Service, index: int, count: int) -> str:
    base = service.name.replace("_", "-")
    return f"{base}-{index + 1}" if count > 1 else base


@dataclass
class Stack:
    env: dict = field(default_factory=dict)
    workdir: Path = ROOT / "var" / "stack"
    http_port: int = 0
    #: Also the bench-only services (the echo pair, the benchmark's floor).
    with_bench: bool = False
    with_web: bool = True
    port_of: PortChoice = free_ports
    #: Where process output goes: None, one log file per process in ``workdir``; else this console.
    console: Console | None = None
    access_log: Path | None = None
    procs: dict = field(default_factory=dict)

    def __post_init__(self):
        self.workdir = Path(self.workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.http_port = self.http_port or traefik.free_port()
        self.services = [s for s in SERVICES if (self.with_bench or not s.bench) and (self.with_web or s.name != "web")]
        self.ports = {s.name: self.port_of(s) for s in self.services}
        self.access_log = Path(self.access_log or self.workdir / "traefik-access.log")
        self.base_url = f"http://127.0.0.1:{self.http_port}"

    @property
    def gateway_ports(self) -> list[int]:
        return self.ports.get("gateway", [])

    # -- environment -------------------------------------------------------
    def process_env(self) -> dict:
        env = {**os.environ, **self.env}
        env.setdefault("SITUOK_LOG_FORMAT", "json")
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def run_tool(self, *argv: str, timeout: float = 600) -> str:
        """Run one set-up command to its end; its output is returned (and shown on the console, if any)."""
        result = subprocess.run(list(argv), env=self.process_env(), capture_output=True, text=True, cwd=ROOT,
                                timeout=timeout)
        if self.console is not None and (result.stdout or result.stderr):
            self.console.say("setup", (result.stdout + result.stderr).rstrip("\n"))
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def prepare(self, seed: bool = True) -> str:
        """Create and migrate every service database, then run every seed (demo ones too). Returns the seeds'
        output (the admin password, when generated)."""
        admin = str(BIN / "situok-admin")
        self.run_tool(admin, "create-databases")
        self.run_tool(admin, "migrate")
        return self.run_tool(admin, "seed") if seed else ""

    # -- processes ---------------------------------------------------------
    def plan(self) -> list[Proc]:
        """A process per instance of every selected service, in the list's (start) order."""
        procs = []
        for service in self.services:
            ports = self.ports[service.name]
            for index, port in enumerate(ports):
                name = process_name(service, index, len(ports))
                procs.append(Proc(name, [str(BIN / "situok-service"), service.name, "--port", str(port)],
                                  f"http://127.0.0.1:{port}/health/ready",
                                  None if self.console else self.workdir / f"{name}.log", cwd=ROOT))
        return procs

    def traefik_proc(self) -> Proc:
        """Render Traefik's configuration for the services with an edge route; the process that serves it."""
        routed = {s.name for s in self.services if s.edge}
        if routed - set(traefik.ROUTED_SERVICES):
            raise ValueError(f"no Traefik template for {sorted(routed - set(traefik.ROUTED_SERVICES))}: add "
                             "deploy/traefik/dynamic/<name>.yml and its ports to tools/traefik.py")
        backends = {f"{name}_ports": self.ports[name] for name in routed}
        env = self.process_env()
        paths = traefik.render_config(
            self.workdir / "traefik", http_port=self.http_port, access_log=str(self.access_log),
            login_rate_average=int(env.get("SITUOK_LOGIN_RATE_AVERAGE", 5)),
            login_rate_burst=int(env.get("SITUOK_LOGIN_RATE_BURST", 10)),
            **{"gateway_ports": [], **backends},
        )
        self.traefik_api = paths["api_url"]
        self.ping_url = paths["ping_url"]
        return Proc("traefik", traefik.command(paths["static"]), None,
                    None if self.console else self.workdir / "traefik.log", cwd=ROOT)

    def start(self, timeout: float = 60.0) -> None:
        """Start every service, wait until each is ready, then Traefik; return once /api answers through it."""
        for proc in self.plan():
            self._spawn(proc)
        for proc in list(self.procs.values()):
            self.wait_healthy(proc.name, timeout)
        self._spawn(self.traefik_proc())
        traefik.wait_ready(self.ping_url, timeout=timeout)
        self.wait_for_url(f"{self.base_url}/api/v1/openapi.json", timeout)

    def spawn_all(self) -> None:
        """Start every service and Traefik at once, without waiting (``make run``: Traefik routes to each
        instance as soon as its health check passes)."""
        for proc in [*self.plan(), self.traefik_proc()]:
            self._spawn(proc)

    def _spawn(self, proc: Proc) -> None:
        proc.spawn(self.process_env(), self.console)
        self.procs[proc.name] = proc

    def wait_healthy(self, name: str, timeout: float = 60.0) -> None:
        proc = self.procs[name]
        if proc.health_url:
            self.wait_for_url(proc.health_url, timeout, proc)

    def wait_for_url(self, url: str, timeout: float, proc: Proc | None = None) -> None:
        wait_until(lambda: url_answers(url), timeout, f"{url} to answer", proc=proc)

    def tail(self, name: str, lines: int = 40) -> str:
        return self.procs[name].tail(lines)

    def kill(self, name: str) -> None:
        """SIGKILL one process: a crash, not a graceful stop."""
        proc = self.procs[name]
        proc.kill_group()
        proc.popen.wait(timeout=10)

    def revive(self, name: str, timeout: float = 60.0) -> None:
        """Start a killed process again (its own log appended to) and wait until it is healthy: a test that
        kills one leaves the stack as it found it."""
        self._spawn(self.procs[name])
        self.wait_healthy(name, timeout)

    def supervise(self, stop: threading.Event, backoff: Backoff = Backoff(), on_tick: Callable[[], None] | None = None,
                  interval: float = 0.2) -> None:
        """Keep every process running until ``stop`` is set: one that exits is restarted after a delay that
        doubles with each quick failure (capped); the rest of the stack keeps running meanwhile."""
        failures = {name: 0 for name in self.procs}
        restart_at: dict[str, float] = {}
        while not stop.is_set():
            now = time.monotonic()
            for name, proc in self.procs.items():
                if name in restart_at:
                    if now >= restart_at[name]:
                        del restart_at[name]
                        self._spawn(proc)
                    continue
                code = proc.popen.poll()
                if code is None:
                    continue
                stable = now - proc.started_at >= backoff.stable_after
                failures[name] = 1 if stable else failures[name] + 1
                delay = backoff.delay(failures[name])
                self.say(f"{name} exited with code {code}; restarting in {delay:g}s")
                restart_at[name] = now + delay
            if on_tick is not None:
                on_tick()
            stop.wait(interval)

    def say(self, text: str) -> None:
        if self.console is not None:
            self.console.say("stack", text)
        else:
            print(text, file=sys.stderr, flush=True)

    def stop(self, grace: float = 10.0) -> None:
        stop_all(self.procs.values(), grace)
        if self.console is not None:
            self.console.drain()

    def access_log_entries(self) -> list[dict]:
        if not self.access_log.exists():
            return []
        return [json.loads(line) for line in self.access_log.read_text().splitlines() if line.strip()]


@contextmanager
def isolated_stack(infra, prefix: str, env: dict | None = None, **options):
    """A prepared and started ``Stack`` in its own vhost and databases, all removed afterwards.

    ``infra`` is ``situok_kit.testing.start_infra()``; ``env`` adds settings; ``options`` go to ``Stack``.
    """
    from situok_kit import testing
    from situok_kit.migrate import drop_database

    with testing.temporary_vhost(infra.amqp_uri, prefix) as amqp_uri:
        db_template = testing.database_url_for(infra.pg_url, f"{testing.unique_name(prefix)}_{{service}}")
        stack = Stack(env={"SITUOK_AMQP_URI": amqp_uri, "SITUOK_DB_URL_TEMPLATE": db_template, **(env or {})},
                      **options)
        try:
            stack.prepare()
            stack.start()
            yield stack
        finally:
            stack.stop()
            for service in DB_SERVICES:
                drop_database(db_template.format(service=service))
