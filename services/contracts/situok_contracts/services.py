"""The one list of SITU OK's processes: the source of everything that starts, wires or deploys them.

``make run`` and the test stack (``tools/stack.py``) start what this list says; ``situok-admin`` creates,
migrates and seeds the databases it names; the local ports come from here; deploy/compose and deploy/k8s are
checked against it (``tests/deploy``). Adding a service is one line here (docs/adding-a-service.md).

``python -m situok_contracts.services [--databases | --names]`` prints the names, for shell scripts.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Service:
    #: The Nameko service name, its package under services/<name>/ and its image's name.
    name: str
    #: Local health/HTTP port of the first instance (instance i listens on port + i).
    port: int
    #: Owns the PostgreSQL database ``situok_<name>`` (an Alembic history under services/<name>/migrations).
    database: bool = False
    #: ``reference``: its seed loads data every installation needs (run after each migration, deployments
    #: too); ``demo``: sample data for ``make run`` only; None: no seed.
    seed: str | None = None
    #: Also sample data for ``make run`` only (``python -m <name>.demo``, after the reference seed): a reference
    #: service's demo rows (the assets' sample buildings, rooms and items). Deployments never run it.
    demo: bool = False
    #: Sample data that needs the running stack (booking's: the resources assets publishes, the roster personnel
    #: publishes): ``python -m <name>.demo`` once the stack answers (``make run`` only, never a deployment).
    demo_after_start: bool = False
    #: Processes ``make run`` starts.
    instances: int = 1
    #: What Traefik routes to it: ``api`` (/api), ``web`` (everything else), ``echo`` (the benchmark's /echo).
    edge: str | None = None
    #: Only in the benchmark's stack (``make bench``), never in ``make run`` or a deployment's default set.
    bench: bool = False
    #: Other packages under services/ it imports (the gateway and web: each domain's contract schemas).
    imports: tuple[str, ...] = ()

    def ports(self) -> list[int]:
        return [self.port + i for i in range(self.instances)]


#: In start order: a service starts after the ones it calls at start-up (personnel before its consumers).
SERVICES: tuple[Service, ...] = (
    Service("personnel", 8201, database=True, seed="demo"),
    Service("travel", 8501, database=True, seed="reference"),
    Service("attendance", 8601, database=True, seed="reference"),
    Service("finance", 8701, database=True, seed="reference"),
    Service("assets", 8801, database=True, seed="reference", demo=True),
    Service("booking", 8901, database=True, seed="reference", demo_after_start=True),
    Service("agenda", 9001, database=True, seed="reference", demo_after_start=True),
    Service("kepegawaian", 9101, database=True, seed="reference", demo_after_start=True),
    Service("gateway", 8101, instances=2, edge="api",
            imports=("personnel", "travel", "attendance", "finance", "assets", "booking", "agenda",
                     "kepegawaian")),
    Service("web", 8401, edge="web",
            imports=("personnel", "travel", "attendance", "finance", "assets", "booking", "agenda",
                     "kepegawaian")),
    Service("echo_rpc", 8302, bench=True),
    Service("echo", 8301, instances=2, edge="echo", bench=True),
)

BY_NAME = {service.name: service for service in SERVICES}


def named(name: str) -> Service:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"no service {name!r} in situok_contracts.services.SERVICES") from None


def with_database() -> tuple[str, ...]:
    """The services that own a database, in start (and migration) order."""
    return tuple(s.name for s in SERVICES if s.database)


def default_port(name: str) -> int | None:
    service = BY_NAME.get(name)
    return service.port if service else None


def main(argv: list[str]) -> int:
    if argv[:1] == ["--databases"]:
        print(" ".join(with_database()))
    elif argv[:1] == ["--names"] or not argv:
        print(" ".join(s.name for s in SERVICES))
    else:
        print("usage: python -m situok_contracts.services [--databases | --names]", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
