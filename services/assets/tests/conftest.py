"""assets test fixtures.

Plain tests need nothing running. Tests marked ``integration`` use the real PostgreSQL and RabbitMQ through
the kit's fixtures (``situok_kit.fixtures``): personnel's database seeded with the bureau, assets's migrated
and seeded with its reference data, one throwaway vhost, personnel and assets running in-process (assets
fills its roster from personnel's ``employee_snapshot`` at start), callers through an RPC proxy carrying an
``Identity``, as the gateway does.
"""
import pytest
from assets.seed import seed
from assets_testkit import Bureau
from situok_kit.fixtures import UnderTest, broker_uri, bureau, observer, personnel_db, rpc, service_db, services  # noqa: F401


@pytest.fixture(scope="session")
def under_test():
    return UnderTest("assets", "assets.service.AssetsService", seed=seed, bureau=Bureau)


@pytest.fixture(scope="session")
def assets_db(request):
    """assets's database: ``(url, engine)`` (the kit's ``service_db``)."""
    return request.getfixturevalue("service_db")
