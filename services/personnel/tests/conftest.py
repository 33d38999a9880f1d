"""personnel test fixtures.

Plain tests need nothing running. Tests marked ``integration`` use the real
PostgreSQL and RabbitMQ: one throwaway database (migrated and seeded) and one
throwaway vhost for the whole run, both removed at the end. The service runs
in-process under Nameko's ``container_factory``; callers use a standalone RPC
proxy carrying an ``Identity`` in context data, as the gateway does.
"""
from functools import partial

import pytest
from personnel.models import kit_tables
from personnel.seed import seed
from personnel_testkit import ADMIN_PASSWORD, DEMO_PASSWORD, SeededDb, service_config
from situok_kit import testing
from situok_kit.db import Transaction
from situok_kit.identity import SYSTEM
from sqlalchemy.orm import Session


@pytest.fixture(scope="session")
def seeded_db(infra):
    """A migrated database holding the seed data, dropped after the run."""
    seed_bureau = partial(seed, admin_password=ADMIN_PASSWORD, demo_password=DEMO_PASSWORD)
    with testing.migrated_database(infra.pg_url, "personnel", "situok_personnel_test", seed_bureau) as db:
        yield SeededDb(db.url, db.engine, db.seeded.employee_ids, db.seeded.unit_ids)


@pytest.fixture
def tx(seeded_db):
    """A domain transaction that is rolled back after the test (no broker involved)."""
    connection = seeded_db.engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield Transaction(session, kit_tables, {}, SYSTEM.actor())
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture(scope="session")
def broker_uri(infra):
    """A vhost for this test run, removed at the end."""
    with testing.temporary_vhost(infra.amqp_uri, "situok_personnel") as uri:
        yield uri


@pytest.fixture
def start_service(container_factory, broker_uri, seeded_db):
    """Start the personnel service (optionally on another AMQP URI, e.g. through a proxy)."""
    from personnel.service import PersonnelService

    def start(amqp_uri: str | None = None):
        container = container_factory(PersonnelService, service_config(amqp_uri or broker_uri, seeded_db.url))
        container.start()
        return container

    return start


@pytest.fixture
def service(start_service):
    return start_service()


@pytest.fixture
def rpc(broker_uri):
    """``rpc()`` -> the personnel proxy without identity; ``rpc(identity)`` -> calling as that identity."""
    with testing.rpc_proxies(broker_uri, "personnel", timeout=10) as make:
        yield make


@pytest.fixture
def observer(broker_uri):
    """``observer(*routing_keys)`` -> an EventObserver on personnel.events, closed after the test."""
    with testing.observers(broker_uri, "personnel") as make:
        yield make

