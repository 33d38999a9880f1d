"""``make run`` where no broker or database answers: tools/run.py starts its own, runs the stack, cleans up.

The broker and the database are pointed at free ports on 127.0.0.1, where nothing answers, so tools/run.py
must start a RabbitMQ and a PostgreSQL of its own on exactly those ports (throwaway data), create, migrate
and seed the databases and start every service behind Traefik. We read the API's OpenAPI document and log
in through Traefik, then send SIGINT as a Ctrl-C would and check that nothing is left: no process, no
listening port, no data directory. This machine's own servers (5672, 5432) are never touched: every port
here is a free one, and the cleanup only ever signals processes whose command line names this test's own
temporary directory or ports.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from deploy_helpers import poll
from situok_contracts.services import SERVICES

from tools.local_servers import listening
from tools.run import port_variables
from tools.traefik import free_port

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "Fresh-Machine-2026"
#: Start-up (servers, databases, services) and shutdown, each bounded.
START_WITHIN = 90.0
STOP_WITHIN = 60.0


class Run:
    """tools/run.py in its own session, with every port it uses chosen here."""

    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        self.var = tmp_path / "var"
        self.amqp_port, self.pg_port, self.http_port = free_port(), free_port(), free_port()
        self.service_ports: list[int] = []
        env = {**os.environ, "PYTHONUNBUFFERED": "1",
               "SITUOK_AMQP_URI": f"amqp://guest:guest@127.0.0.1:{self.amqp_port}/",
               "SITUOK_DB_URL_TEMPLATE": f"postgresql+psycopg2://postgres@127.0.0.1:{self.pg_port}/situok_{{service}}",
               "SITUOK_HTTP_PORT": str(self.http_port), "SITUOK_ADMIN_PASSWORD": ADMIN_PASSWORD,
               "SITUOK_JWT_SECRET": f"fresh-{uuid.uuid4().hex}", "SITUOK_WEB_SECRET": f"fresh-{uuid.uuid4().hex}",
               "SITUOK_LOG_LEVEL": "WARNING"}
        for service in SERVICES:
            for variable in port_variables(service):
                port = free_port()
                env[variable] = str(port)
                if not service.bench:
                    self.service_ports.append(port)
        for name in ("SITUOK_TEST_RABBITMQ_NODE", *(f"SITUOK_{s.name.upper()}_PORTS" for s in SERVICES)):
            env.pop(name, None)
        assert not {5672, 5432} & {self.amqp_port, self.pg_port}
        self.log_path = tmp_path / "run.log"
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, str(ROOT / "tools" / "run.py"), "--var", str(self.var), "--throwaway-data",
                 "--stop-after", "150", "--grace", "5"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def ports(self) -> list[int]:
        return [self.amqp_port, self.pg_port, self.http_port, *self.service_ports]

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def data_root(self) -> Path:
        """Where the local servers keep their throwaway data, as tools/run.py reported it."""
        match = re.search(r"starting a local PostgreSQL on \S+ \(data in (\S+)/postgresql,", self.output())
        assert match, self.output()[-4000:]
        return Path(match.group(1))

    def leftovers(self) -> list[tuple[int, str]]:
        """Processes still running that this test started: their command line names its directories or ports."""
        markers = [str(self.tmp), f"situok-{self.amqp_port}@", *(f"--port {port}" for port in self.service_ports)]
        if "data in " in self.output():
            markers.append(str(self.data_root()))
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if any(marker in command for marker in markers):
                found.append((int(entry.name), command[:200]))
        return found

    def answers(self, path: str) -> requests.Response | None:
        try:
            response = requests.get(self.base_url + path, timeout=3)
        except requests.RequestException:
            return None
        return response if response.status_code == 200 else None

    def interrupt(self) -> int:
        """Ctrl-C: SIGINT to tools/run.py; its exit code."""
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(timeout=STOP_WITHIN)

    def clean_up(self) -> None:
        """Whatever happened: stop tools/run.py, then anything of this test's that outlived it."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=STOP_WITHIN)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        for pid, _ in self.leftovers():
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


@pytest.fixture
def run(tmp_path):
    machine_servers = {port: listening("127.0.0.1", port) for port in (5672, 5432)}
    started = Run(tmp_path)
    try:
        yield started
    finally:
        started.clean_up()
        # The machine's own servers answer as before (our processes never were theirs).
        assert {port: listening("127.0.0.1", port) for port in machine_servers} == machine_servers


def test_run_starts_its_own_servers_serves_the_stack_and_leaves_nothing_behind(run):
    began = time.monotonic()

    def answers_or_fails():
        """the stack answers /api/v1/openapi.json through Traefik"""
        if run.proc.poll() is not None:
            pytest.fail(f"tools/run.py exited with {run.proc.returncode}:\n{run.output()[-4000:]}")
        return run.answers("/api/v1/openapi.json")

    try:
        poll(answers_or_fails, timeout=START_WITHIN, interval=0.5)
    except BaseException:
        print(run.output()[-6000:])  # what tools/run.py said, for the report
        raise
    started_in = time.monotonic() - began
    output = run.output()
    assert f"starting a local RabbitMQ on 127.0.0.1:{run.amqp_port}" in output
    assert f"starting a local PostgreSQL on 127.0.0.1:{run.pg_port}" in output
    assert listening("127.0.0.1", run.amqp_port) and listening("127.0.0.1", run.pg_port)
    data = run.data_root()
    assert (data / "postgresql" / "PG_VERSION").is_file() and (data / "rabbitmq" / "mnesia").is_dir()

    login = requests.post(f"{run.base_url}/api/v1/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD},
                          timeout=10)
    assert login.status_code == 200, login.text
    assert login.json()["access_token"]

    assert run.interrupt() == 0, run.output()[-4000:]
    assert "SIGINT: stopping everything" in run.output()
    assert [port for port in run.ports if listening("127.0.0.1", port)] == []
    assert run.leftovers() == []
    assert not data.exists(), "the throwaway server data is removed"
    print(f"stack answering after {started_in:.1f} s; stopped {time.monotonic() - began - started_in:.1f} s later")
