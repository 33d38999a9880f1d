"""kepegawaian test fixtures.

Plain tests need nothing running. Tests marked ``integration`` use the real PostgreSQL and RabbitMQ through
the kit's fixtures (``situok_kit.fixtures``): personnel's database seeded with the bureau, kepegawaian's
migrated and seeded with its reference data, one throwaway vhost, personnel and kepegawaian running in-process
(kepegawaian fills its roster from personnel's ``employee_snapshot`` at start), callers through an RPC proxy
carrying an ``Identity``, as the gateway does. Leave against travel's trips, attendance's calendar and booking's
drivers is tested through the whole stack (tests/e2e).
"""
import pytest
from kepegawaian.seed import seed
from kepegawaian_testkit import Bureau
from situok_kit.fixtures import UnderTest, broker_uri, bureau, observer, personnel_db, rpc, service_db, services  # noqa: F401


@pytest.fixture(scope="session")
def under_test():
    return UnderTest("kepegawaian", "kepegawaian.service.KepegawaianService", seed=seed, bureau=Bureau)


@pytest.fixture(scope="session")
def kepegawaian_db(request):
    """kepegawaian's database: ``(url, engine)`` (the kit's ``service_db``)."""
    return request.getfixturevalue("service_db")
