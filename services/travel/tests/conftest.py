"""travel test fixtures.

Plain tests need nothing running. Tests marked ``integration`` use the real PostgreSQL and RabbitMQ: two
throwaway databases (personnel's, migrated and seeded with the bureau's org tree and staff; travel's, migrated
and seeded with rules, number templates and default rate tables), one throwaway vhost, all removed at the
end. personnel and travel run in-process as Nameko containers for the whole run; travel fills its roster from
personnel's ``employee_snapshot`` at start, as in production. Callers use a standalone RPC proxy carrying an
``Identity`` in context data, as the gateway does.
"""
from functools import partial

import pytest
from personnel.seed import seed as seed_personnel
from situok_kit import testing
from travel.seed import seed as seed_travel
from travel_testkit import FISCAL_YEARS, Bureau, service_config


@pytest.fixture(scope="session")
def personnel_db(infra):
    seed = partial(seed_personnel, admin_password="admin-test-2026", demo_password="demo-test-2026")
    with testing.migrated_database(infra.pg_url, "personnel", "situok_personnel_tt", seed) as db:
        yield db.url, db.engine, db.seeded


def seed_travel_years(session):
    for year in FISCAL_YEARS:
        seed_travel(session, fiscal_year=year)


@pytest.fixture(scope="session")
def travel_db(infra):
    with testing.migrated_database(infra.pg_url, "travel", "situok_travel_test", seed_travel_years) as db:
        yield db.url, db.engine


@pytest.fixture(scope="session")
def broker_uri(infra):
    with testing.temporary_vhost(infra.amqp_uri, "situok_travel") as uri:
        yield uri


@pytest.fixture(scope="session")
def bureau(personnel_db, travel_db):
    """The seeded bureau: employee ids by key, identities, and SQL helpers on both databases."""
    _, personnel_engine, report = personnel_db
    return Bureau(personnel_engine, travel_db[1], report.employee_ids, report.unit_ids)


@pytest.fixture(scope="session")
def services(broker_uri, personnel_db, travel_db, bureau):
    """personnel, then travel (which pulls its roster at start), running for the whole test run."""
    from nameko.containers import ServiceContainer
    from personnel.service import PersonnelService
    from travel.service import TravelService

    containers = []
    try:
        for cls, name, url in ((PersonnelService, "personnel", personnel_db[0]),
                               (TravelService, "travel", travel_db[0])):
            container = ServiceContainer(cls, service_config(name, broker_uri, url))
            containers.append(container)
            container.start()
        expected = len(bureau.employee_ids)
        testing.wait_for(lambda: bureau.roster_count() >= expected, timeout=20,
                         message="travel's roster to be pulled from personnel")
        yield containers
    finally:
        for container in reversed(containers):
            container.kill()


@pytest.fixture
def rpc(broker_uri, services):
    """``rpc(identity)`` -> the travel proxy as that identity (``rpc()``: no identity);
    ``rpc(identity, "personnel")`` -> personnel's."""
    with testing.rpc_proxies(broker_uri, "travel") as make:
        yield make


@pytest.fixture
def observer(broker_uri, services):
    with testing.observers(broker_uri, "travel") as make:
        yield make
