"""pytest fixtures of a service whose integration tests run it beside personnel (travel, attendance).

Both need the same stage: personnel's database migrated and seeded with the bureau, the service's own
migrated and seeded, one throwaway vhost, personnel and the service running in-process as Nameko containers
until the service has pulled its roster (as in production), and callers with an ``Identity`` in context, as
the gateway does. A service's conftest imports the fixtures by name and says what differs in one fixture,
``under_test``::

    from situok_kit.fixtures import UnderTest, broker_uri, bureau, observer, personnel_db, rpc, service_db, services

    @pytest.fixture(scope="session")
    def under_test():
        return UnderTest("travel", "travel.service.TravelService", seed=seed_travel, bureau=Bureau)

Everything is removed at the end of the run, whatever happened.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from . import testing
from .identity import Identity

#: Passwords of personnel's seeded accounts in these tests.
ADMIN_PASSWORD = "admin-test-2026"
DEMO_PASSWORD = "demo-test-2026"


@dataclass
class Bureau:
    """The seeded bureau as a service's tests see it: personnel's employee and unit ids by key, identities
    the gateway would put in context, and SQL on the service's database. A service subclasses it for
    helpers of its own."""

    personnel_engine: object
    engine: object
    employee_ids: dict[str, int]
    unit_ids: dict[str, int]

    def account(self, username: str) -> Identity:
        return testing.account_identity(self.personnel_engine, username)

    def as_(self, key: str, *roles: str) -> Identity:
        """An identity for the seeded employee ``key`` holding ``roles`` (default: pegawai)."""
        return testing.employee_identity(key, self.employee_ids[key], *roles)

    def admin(self) -> Identity:
        return self.account("admin")

    def scalar(self, statement, params=None):
        """One value from the service's database (``statement``: SQL text or a SQLAlchemy statement)."""
        with Session(self.engine) as session:
            return session.scalar(_statement(statement), params or {})

    def rows(self, statement, params=None) -> list:
        with Session(self.engine) as session:
            return session.execute(_statement(statement), params or {}).all()


def _statement(statement):
    return text(statement) if isinstance(statement, str) else statement


@dataclass(frozen=True)
class UnderTest:
    """The service the tests run: its name, its Nameko class (``"module.Class"``, imported when the tests
    start it), ``seed(session)`` of its database, and its ``Bureau`` class."""

    name: str
    service_class: str
    seed: Callable | None = None
    bureau: type[Bureau] = Bureau

    def cls(self):
        module, _, name = self.service_class.rpartition(".")
        return getattr(importlib.import_module(module), name)


@pytest.fixture(scope="session")
def personnel_db(infra, under_test):
    """personnel's database, seeded with the bureau: ``(url, engine, seed report)``."""
    from personnel.seed import seed

    seed_bureau = partial(seed, admin_password=ADMIN_PASSWORD, demo_password=DEMO_PASSWORD)
    prefix = f"situok_personnel_{under_test.name}"
    with testing.migrated_database(infra.pg_url, "personnel", prefix, seed_bureau) as db:
        yield db.url, db.engine, db.seeded


@pytest.fixture(scope="session")
def service_db(infra, under_test):
    """The service's database, migrated and seeded: ``(url, engine)``."""
    prefix = f"situok_{under_test.name}_test"
    with testing.migrated_database(infra.pg_url, under_test.name, prefix, under_test.seed) as db:
        yield db.url, db.engine


@pytest.fixture(scope="session")
def broker_uri(infra, under_test):
    with testing.temporary_vhost(infra.amqp_uri, f"situok_{under_test.name}") as uri:
        yield uri


@pytest.fixture(scope="session")
def bureau(personnel_db, service_db, under_test) -> Bureau:
    _, personnel_engine, report = personnel_db
    return under_test.bureau(personnel_engine, service_db[1], report.employee_ids, report.unit_ids)


@pytest.fixture(scope="session")
def services(broker_uri, personnel_db, service_db, bureau, under_test):
    """personnel, then the service (which pulls its roster at start), running for the whole test run."""
    from nameko.containers import ServiceContainer
    from personnel.service import PersonnelService

    containers = []
    try:
        for cls, name, url in ((PersonnelService, "personnel", personnel_db[0]),
                               (under_test.cls(), under_test.name, service_db[0])):
            container = ServiceContainer(cls, testing.service_config(name, broker_uri, url))
            containers.append(container)
            container.start()
        expected = len(bureau.employee_ids)
        testing.wait_for(lambda: bureau.scalar("SELECT count(*) FROM roster_employees") >= expected, timeout=20,
                         message=f"{under_test.name}'s roster to be pulled from personnel")
        yield containers
    finally:
        for container in reversed(containers):
            container.kill()


@pytest.fixture
def rpc(broker_uri, services, under_test):
    """``rpc(identity)`` -> the service's proxy as that identity (``rpc()``: no identity);
    ``rpc(identity, "personnel")`` -> personnel's."""
    with testing.rpc_proxies(broker_uri, under_test.name) as make:
        yield make


@pytest.fixture
def observer(broker_uri, services, under_test):
    """``observer(*routing_keys)`` -> an ``EventObserver`` on the service's events, closed after the test."""
    with testing.observers(broker_uri, under_test.name) as make:
        yield make
