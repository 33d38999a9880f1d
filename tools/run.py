"""``make run``: the whole SITU OK stack on this machine, kept running until Ctrl-C.

1. RabbitMQ and PostgreSQL answer where ``SITUOK_AMQP_URI`` and ``SITUOK_DB_URL_TEMPLATE`` point, or local
   ones are started on those ports (tools/local_servers.py; data under var/, kept across runs);
2. every database is created, migrated and seeded, demo data included (``situok-admin create-databases``,
   ``migrate``, ``seed``); sample data that needs the running stack (``Service.demo_after_start``) once it
   answers;
3. every service of ``situok_contracts.services.SERVICES`` that is not bench-only starts, each instance on
   its own port, Traefik in front; once the stack answers through Traefik, where to go is printed;
4. a process that exits is restarted after a delay that doubles with each quick failure (capped at 30 s),
   while the rest keeps running. (honcho, used before, stops the whole stack when one process dies.)
5. Ctrl-C or SIGTERM stops every process (SIGTERM, a grace period, then SIGKILL) and the local servers.

Every line a process prints is shown prefixed with its name. Ports: ``SITUOK_HTTP_PORT`` for Traefik;
``SITUOK_<NAME>_PORT`` for a service with one instance (``SITUOK_WEB_PORT``), ``SITUOK_<NAME><i>_PORT`` for
instance i of several (``SITUOK_GATEWAY1_PORT``), or ``SITUOK_<NAME>_PORTS``, a comma-separated list that
also sets the number of instances (``SITUOK_GATEWAY_PORTS=8101,8102,8103``); by default the list's port of
the service plus the instance's index.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from situok_contracts.services import SERVICES, Service  # noqa: E402
from situok_kit.config import env  # noqa: E402

from tools.local_servers import LocalServers, ServerUnavailable  # noqa: E402
from tools.processes import Backoff, Console, url_answers  # noqa: E402
from tools.stack import Stack  # noqa: E402

VAR = ROOT / "var"
#: How long the stack may take to answer before we say so (it keeps running and restarting meanwhile).
ANSWER_WITHIN = 120.0


def port_variables(service: Service, count: int | None = None) -> list[str]:
    """The variables that set the port of each of ``count`` instances (default: the list's number)."""
    count = service.instances if count is None else count
    key = service.name.upper()
    return [f"SITUOK_{key}_PORT"] if count == 1 else [f"SITUOK_{key}{i}_PORT" for i in range(1, count + 1)]


def instance_ports(service: Service, environ: Mapping[str, str] = os.environ) -> list[int]:
    """The port of each instance ``make run`` starts of ``service`` (module doc)."""
    listed = environ.get(f"SITUOK_{service.name.upper()}_PORTS", "").replace(" ", "")
    ports = [int(port) for port in listed.split(",") if port] or service.ports()
    variables = port_variables(service, len(ports))
    return [int(environ.get(variable) or port) for variable, port in zip(variables, ports, strict=True)]


def banner(url: str) -> str:
    return (
        f"SITU OK is running at {url}/   (log in at {url}/masuk)\n"
        f"Public portal: {url}/publik\n"
        f"API:      {url}/api/v1   (docs: {url}/api/v1/docs)\n"
        "Log in as 'admin' with SITUOK_ADMIN_PASSWORD, or the password the seed printed on the first run.\n"
        "Ctrl-C stops everything."
    )


class Announcer:
    """Says where to go once the login page answers through Traefik (or that it does not, in time)."""

    def __init__(self, console: Console, http_port: int, since: float, on_answer=None):
        self.console, self.since, self.on_answer = console, since, on_answer
        self.probe = f"http://127.0.0.1:{http_port}/masuk"
        self.shown = f"http://localhost:{http_port}"
        self.done = False
        self._next_check = 0.0

    def tick(self) -> None:
        now = time.monotonic()
        if self.done or now < self._next_check:
            return
        self._next_check = now + 0.5
        if url_answers(self.probe, timeout=1):
            self.console.say("run", f"\n{banner(self.shown)}\n(answering {now - self.since:.0f} s after start)\n")
            self.done = True
            if self.on_answer is not None:
                self.on_answer()
        elif now - self.since > ANSWER_WITHIN:
            self.console.say("run", f"SITU OK did not answer at {self.shown} within {ANSWER_WITHIN:.0f} s; "
                                    "see the logs above (it keeps trying).")
            self.done = True


def demos_after_start(console: Console, started: list) -> None:
    """Sample data that needs the running stack (``Service.demo_after_start``: booking's waits for the resources
    assets publishes): ``python -m <name>.demo`` in the background, its lines shown like a process's; each process
    goes into ``started`` so stopping the stack stops it too."""
    import subprocess

    def run(name: str) -> None:
        process = subprocess.Popen([sys.executable, "-m", f"{name}.demo"], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        started.append(process)
        for line in process.stdout:
            console.say(f"{name}-demo", line.rstrip())
        process.wait()

    for service in SERVICES:
        if service.demo_after_start and not service.bench:
            threading.Thread(target=run, args=(service.name,), daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--var", type=Path, default=VAR, metavar="DIR",
                        help="local state: Traefik's configuration, logs, the local servers' data (default var/)")
    parser.add_argument("--throwaway-data", action="store_true",
                        help="local servers keep their data in a temporary directory, removed on exit")
    parser.add_argument("--stop-after", type=float, default=0.0, metavar="SECONDS",
                        help="stop by itself after this long (0: run until Ctrl-C)")
    parser.add_argument("--grace", type=float, default=10.0, help="seconds a process gets to stop (default 10)")
    args = parser.parse_args(argv)

    console = Console()
    stop = threading.Event()

    def on_signal(signum, _frame) -> None:
        if not stop.is_set():
            console.say("run", f"{signal.Signals(signum).name}: stopping everything")
            stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    since = time.monotonic()
    var = args.var.resolve()
    (var / "log").mkdir(parents=True, exist_ok=True)
    servers = LocalServers(None if args.throwaway_data else var, log=lambda text: console.say("servers", text))
    http_port = int(env("SITUOK_HTTP_PORT"))
    # Links in letters and their QR codes point at this stack's port unless told otherwise.
    stack = Stack(env={"SITUOK_PUBLIC_URL": os.environ.get("SITUOK_PUBLIC_URL") or f"http://localhost:{http_port}"},
                  workdir=var, http_port=http_port, port_of=instance_ports, console=console,
                  access_log=var / "log" / "traefik-access.json")
    deadline = since + args.stop_after if args.stop_after else None
    demos: list = []
    announcer = Announcer(console, http_port, since, on_answer=lambda: demos_after_start(console, demos))

    def tick() -> None:
        announcer.tick()
        if deadline is not None and time.monotonic() >= deadline and not stop.is_set():
            console.say("run", f"--stop-after {args.stop_after:.0f}: stopping everything")
            stop.set()

    try:
        servers.ensure(env("SITUOK_AMQP_URI"), env("SITUOK_DB_URL_TEMPLATE"), stop=stop)
        if not stop.is_set():
            stack.prepare()
        if not stop.is_set():
            stack.spawn_all()
            stack.supervise(stop, Backoff(first=1.0, cap=30.0), on_tick=tick)
    except InterruptedError:
        pass
    except (ServerUnavailable, RuntimeError, TimeoutError) as exc:
        if not stop.is_set():
            console.say("run", str(exc))
            return 1
    finally:
        for process in demos:
            if process.poll() is None:
                process.terminate()
        stack.stop(args.grace)
        servers.stop()
        console.say("run", f"stopped after {time.monotonic() - since:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
