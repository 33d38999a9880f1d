"""Start the whole SITU OK stack as local processes behind the real Traefik.

Used by the end-to-end tests and the benchmark (``make run`` uses honcho with
the Procfile instead, for an interactive session). Each ``Stack`` can live in
its own RabbitMQ vhost and its own databases, so runs never see each other.

    stack = Stack(env={"SITUOK_AMQP_URI": ..., "SITUOK_DB_URL_TEMPLATE": ...})
    stack.prepare()          # create databases, migrate, seed
    stack.start()            # services + traefik, waits until /api answers
    ...
    stack.kill("gateway-1")  # SIGKILL one process (fault tests)
    stack.stop()             # SIGTERM everything, then SIGKILL stragglers
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools import traefik  # noqa: E402

BIN = Path(sys.executable).parent

#: Services with a database, in migration order.
DB_SERVICES = ("personnel", "travel", "attendance")


@dataclass
class Proc:
    name: str
    argv: list[str]
    health_url: str | None
    log_path: Path
    popen: subprocess.Popen | None = None


@dataclass
class Stack:
    env: dict = field(default_factory=dict)
    workdir: Path = ROOT / "var" / "stack"
    http_port: int = 0
    gateway_count: int = 2
    with_echo: bool = False
    with_web: bool = True
    procs: dict = field(default_factory=dict)

    def __post_init__(self):
        self.workdir = Path(self.workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.http_port = self.http_port or traefik.free_port()
        self.gateway_ports = [traefik.free_port() for _ in range(self.gateway_count)]
        self.personnel_port = traefik.free_port()
        self.travel_port = traefik.free_port()
        self.attendance_port = traefik.free_port()
        self.echo_ports = [traefik.free_port() for _ in range(self.gateway_count)] if self.with_echo else []
        self.echo_rpc_port = traefik.free_port()
        self.web_ports = [traefik.free_port()] if self.with_web else []
        self.base_url = f"http://127.0.0.1:{self.http_port}"

    # -- environment -------------------------------------------------------
    def process_env(self) -> dict:
        env = {**os.environ, **self.env}
        env.setdefault("SITUOK_LOG_FORMAT", "json")
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def run_tool(self, *argv: str) -> str:
        result = subprocess.run(list(argv), env=self.process_env(), capture_output=True, text=True, cwd=ROOT)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def prepare(self, seed: bool = True) -> str:
        """Create and migrate every service database; seed demo data. Returns the seed's output."""
        admin = str(BIN / "situok-admin")
        self.run_tool(admin, "create-databases", *DB_SERVICES)
        self.run_tool(admin, "migrate", *DB_SERVICES)
        if not seed:
            return ""
        return "".join(self.run_tool(str(BIN / "python"), "-m", f"{service}.seed") for service in DB_SERVICES)

    # -- processes ---------------------------------------------------------
    def _service(self, name: str, service: str, port: int) -> Proc:
        return Proc(name, [str(BIN / "situok-service"), service, "--port", str(port)],
                    f"http://127.0.0.1:{port}/health/ready", self.workdir / f"{name}.log")

    def plan(self) -> list[Proc]:
        procs = [self._service("personnel", "personnel", self.personnel_port)]
        procs.append(self._service("travel", "travel", self.travel_port))
        procs.append(self._service("attendance", "attendance", self.attendance_port))
        procs += [self._service(f"gateway-{i + 1}", "gateway", port) for i, port in enumerate(self.gateway_ports)]
        procs += [self._service(f"web-{i + 1}", "web", port) for i, port in enumerate(self.web_ports)]
        if self.echo_ports:  # the benchmark's floor, in the gateway's topology
            procs.append(self._service("echo-rpc", "echo_rpc", self.echo_rpc_port))
            procs += [self._service(f"echo-{i + 1}", "echo", port) for i, port in enumerate(self.echo_ports)]
        return procs

    def start(self, timeout: float = 60.0) -> None:
        for proc in self.plan():
            self._spawn(proc)
        for proc in list(self.procs.values()):
            self.wait_healthy(proc.name, timeout)
        paths = traefik.render_config(
            self.workdir / "traefik", http_port=self.http_port, gateway_ports=self.gateway_ports,
            echo_ports=self.echo_ports, web_ports=self.web_ports,
            access_log=str(self.workdir / "traefik-access.log"),
            login_rate_average=int(self.env.get("SITUOK_LOGIN_RATE_AVERAGE", 10)),
            login_rate_burst=int(self.env.get("SITUOK_LOGIN_RATE_BURST", 20)),
        )
        self.access_log = Path(paths["access_log"])
        self.traefik_api = paths["api_url"]
        self._spawn(Proc("traefik", traefik.command(paths["static"]), None, self.workdir / "traefik.log"))
        traefik.wait_ready(paths["ping_url"], timeout=timeout)
        self.wait_for_url(f"{self.base_url}/api/v1/openapi.json", timeout)

    def _spawn(self, proc: Proc) -> None:
        log = open(proc.log_path, "ab")
        proc.popen = subprocess.Popen(proc.argv, env=self.process_env(), stdout=log, stderr=subprocess.STDOUT,
                                      cwd=ROOT, start_new_session=True)
        log.close()
        self.procs[proc.name] = proc

    def wait_healthy(self, name: str, timeout: float = 60.0) -> None:
        proc = self.procs[name]
        if proc.health_url:
            self.wait_for_url(proc.health_url, timeout, proc)

    def wait_for_url(self, url: str, timeout: float, proc: Proc | None = None) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc is not None and proc.popen.poll() is not None:
                raise RuntimeError(f"{proc.name} exited with {proc.popen.returncode}:\n{self.tail(proc.name)}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        raise TimeoutError(f"{url} not ready after {timeout}s" + (f":\n{self.tail(proc.name)}" if proc else ""))

    def tail(self, name: str, lines: int = 40) -> str:
        path = self.procs[name].log_path
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def kill(self, name: str) -> None:
        """SIGKILL one process: a crash, not a graceful stop."""
        proc = self.procs[name]
        os.killpg(proc.popen.pid, signal.SIGKILL)
        proc.popen.wait(timeout=10)

    def stop(self, grace: float = 10.0) -> None:
        running = [p for p in self.procs.values() if p.popen and p.popen.poll() is None]
        for proc in running:
            try:
                os.killpg(proc.popen.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + grace
        for proc in running:
            try:
                proc.popen.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.popen.pid, signal.SIGKILL)
                proc.popen.wait(timeout=5)

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
