"""travel test fixtures.

Plain tests need nothing running. Tests marked ``integration`` use the real PostgreSQL and RabbitMQ through
the kit's fixtures (``situok_kit.fixtures``): personnel's database seeded with the bureau's org tree and staff,
travel's seeded with rules, number templates and the default rate tables of ``FISCAL_YEARS``, one throwaway
vhost, personnel and travel running in-process for the whole run (travel fills its roster from personnel's
``employee_snapshot`` at start, as in production), callers through an RPC proxy carrying an ``Identity``.
"""
import pytest
from situok_kit.fixtures import UnderTest, broker_uri, bureau, observer, personnel_db, rpc, service_db, services  # noqa: F401
from travel.seed import seed as seed_travel
from travel_testkit import FISCAL_YEARS, Bureau


def seed_travel_years(session):
    for year in FISCAL_YEARS:
        seed_travel(session, fiscal_year=year)


@pytest.fixture(scope="session")
def under_test():
    return UnderTest("travel", "travel.service.TravelService", seed=seed_travel_years, bureau=Bureau)
