"""``situok-service [<name>]``: run one service with config from the environment.

The name defaults to ``SITUOK_SERVICE`` (the service images set it, so their
``CMD`` needs no shell). Loads ``<name>.service``, finds its Nameko service class, configures JSON
logging and runs it under Nameko's runner (in production, ``SITUOK_ENV=production``, only once
``keys.check_production`` found its keys and secrets usable), which drains in-flight workers on
SIGTERM before exiting.
"""
from __future__ import annotations

import eventlet

eventlet.monkey_patch()  # noqa: E402  must precede every other import

import argparse  # noqa: E402
import importlib  # noqa: E402
import logging  # noqa: E402

from nameko.cli.run import run as nameko_run  # noqa: E402

from . import codec  # noqa: E402
from .config import ServiceSettings, env  # noqa: E402
from .keys import check_production  # noqa: E402
from .logs import configure_logging  # noqa: E402


def find_service_class(name: str):
    module = importlib.import_module(f"{name}.service")
    for value in vars(module).values():
        if isinstance(value, type) and getattr(value, "name", None) == name and value.__module__ == module.__name__:
            return value
    raise SystemExit(f"no Nameko service named {name!r} in {module.__name__}")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Run a SITU OK service")
    parser.add_argument("service", nargs="?", default=None, help="service package (default: $SITUOK_SERVICE)")
    parser.add_argument("--port", type=int, default=None, help="health/HTTP port (default per service)")
    args = parser.parse_args(argv)
    if not args.service:
        args.service = env("SITUOK_SERVICE").strip()
    if not args.service:
        parser.error("no service given: name one (situok-service personnel) or set SITUOK_SERVICE")
    return args


def main(argv=None) -> None:
    args = parse_args(argv)
    check_production(args.service)  # SITUOK_ENV=production: refuse missing, weak or placeholder secrets
    configure_logging(args.service)
    codec.install()
    settings = ServiceSettings.from_env(args.service, args.port)
    cls = find_service_class(args.service)
    logging.getLogger("situok").info("starting %s on port %s", args.service, settings.http_port)
    nameko_run([cls], settings.nameko_config())


if __name__ == "__main__":
    main()
