"""``situok-admin``: operator commands.

    situok-admin check-infra                  is RabbitMQ and PostgreSQL reachable? (says how to start them)
    situok-admin create-databases [S...]      create situok_<service> databases that are missing
    situok-admin migrate [S...]               alembic upgrade head for each service
    situok-admin seed [--reference-only] [S...]
                                              run each service's seed (python -m <service>.seed): the
                                              reference data every installation needs and, unless
                                              --reference-only, the demo data
    situok-admin config                       list every setting with its value and meaning
    situok-admin dlq list S                   show dead-lettered events of a service
    situok-admin dlq replay S                 put them back on the queue they came from

With no service named, create-databases, migrate and seed act on every service of the list
(situok_contracts.services.SERVICES) that owns a database or has a seed, in the list's order.
"""
from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
from urllib.parse import urlparse

from situok_contracts.services import SERVICES, named, with_database
from sqlalchemy.engine import make_url

from .config import VARIABLES, database_url, env

HOW_TO_START = {
    "RabbitMQ": "`make run` starts a local one itself when the host is this machine; or start this machine's "
                "with `rabbitmq-server -detached` (or `sudo systemctl start rabbitmq-server`)",
    "PostgreSQL": "`make run` starts a local one itself when the host is this machine; or start this machine's "
                  "with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` "
                  "(or `sudo systemctl start postgresql`)",
}


def _reachable(host: str, port: int, timeout: float = 2.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def check_infra() -> int:
    amqp = urlparse(env("SITUOK_AMQP_URI"))
    pg = make_url(database_url("personnel"))
    targets = [("RabbitMQ", amqp.hostname or "127.0.0.1", amqp.port or 5672, "SITUOK_AMQP_URI"),
               ("PostgreSQL", pg.host or "127.0.0.1", pg.port or 5432, "SITUOK_DB_URL_TEMPLATE")]
    failed = 0
    for name, host, port, var in targets:
        if _reachable(host, port):
            print(f"ok   {name} at {host}:{port}")
        else:
            failed += 1
            print(f"FAIL {name} is not reachable at {host}:{port}.\n"
                  f"     {HOW_TO_START[name]}, or point {var} at a running server.", file=sys.stderr)
    return 1 if failed else 0


def create_databases(services: list[str]) -> int:
    from .migrate import create_database

    for service in services:
        url = database_url(service)
        created = create_database(url)
        print(f"{'created' if created else 'exists '} database {make_url(url).database}")
    return 0


def migrate(services: list[str]) -> int:
    from .migrate import upgrade

    for service in services:
        upgrade(service)
        print(f"migrated {service}")
    return 0


def seed(services: list[str], reference_only: bool = False) -> int:
    """Run the seeds of ``services`` (none named: every service with a seed), each in its own process.

    Reference seeds load what every installation needs and run everywhere, deployments included; demo seeds
    (sample people and accounts) only without ``reference_only``, and so does a reference service's sample data
    (``Service.demo``: ``python -m <name>.demo`` after its seed).
    """
    chosen = [named(name) for name in services] if services else [s for s in SERVICES if s.seed]
    for service in chosen:
        if service.seed is None:
            print(f"no seed    {service.name}")
            continue
        if reference_only and service.seed != "reference":
            print(f"skipped    {service.name} ({service.seed} data; --reference-only)")
            continue
        modules = [f"{service.name}.seed"] + ([f"{service.name}.demo"] if service.demo and not reference_only else [])
        for module in modules:
            sys.stdout.flush()
            code = subprocess.call([sys.executable, "-m", module])
            if code != 0:
                print(f"the {module} seed failed with code {code}", file=sys.stderr)
                return code
    return 0


def show_config() -> int:
    for name, (default, doc) in VARIABLES.items():
        print(f"{name}={env(name)!s}\n    {doc} (default: {default!r})")
    return 0


def dlq(action: str, service: str, limit: int = 100) -> int:
    from kombu import Connection

    from .consumers import DLQ_HEADER_ERROR, DLQ_HEADER_QUEUE, dlq_queue

    with Connection(env("SITUOK_AMQP_URI")) as conn:
        channel = conn.channel()
        queue = dlq_queue(service)(channel)
        queue.declare()
        count = 0
        seen = []
        while count < limit:
            message = queue.get(no_ack=False)
            if message is None:
                break
            count += 1
            headers = message.headers or {}
            if action == "list":
                seen.append(message)
                print(json.dumps({"queue": headers.get(DLQ_HEADER_QUEUE), "error": headers.get(DLQ_HEADER_ERROR),
                                  "body": message.payload}, default=str, ensure_ascii=False))
            else:
                original = headers.get(DLQ_HEADER_QUEUE)
                clean = {k: v for k, v in headers.items() if not k.startswith("x-situok-")}
                conn.Producer(channel).publish(message.body, exchange="", routing_key=original, headers=clean,
                                               content_type=message.content_type,
                                               content_encoding=message.content_encoding, delivery_mode=2)
                message.ack()
                print(f"replayed to {original}")
        for message in seen:
            message.requeue()
        print(f"{count} message(s) {'in' if action == 'list' else 'replayed from'} {dlq_queue(service).name}")
    return 0


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="situok-admin", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check-infra")
    sub.add_parser("config")
    for name in ("create-databases", "migrate"):
        p = sub.add_parser(name)
        p.add_argument("services", nargs="*", help="default: every service with a database")
    p = sub.add_parser("seed")
    p.add_argument("services", nargs="*", help="default: every service with a seed")
    p.add_argument("--reference-only", action="store_true", help="skip demo data (deployments)")
    p = sub.add_parser("dlq")
    p.add_argument("action", choices=["list", "replay"])
    p.add_argument("service")
    args = parser.parse_args(argv)
    if args.command == "check-infra":
        sys.exit(check_infra())
    if args.command == "config":
        sys.exit(show_config())
    if args.command == "create-databases":
        sys.exit(create_databases(args.services or list(with_database())))
    if args.command == "migrate":
        sys.exit(migrate(args.services or list(with_database())))
    if args.command == "seed":
        sys.exit(seed(args.services, args.reference_only))
    if args.command == "dlq":
        sys.exit(dlq(args.action, args.service))


if __name__ == "__main__":
    main()
