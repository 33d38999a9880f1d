"""attendance test fixtures.

Plain tests need nothing running. Tests marked ``integration`` use the real PostgreSQL and RabbitMQ through
the kit's fixtures (``situok_kit.fixtures``): personnel's database seeded with the bureau, attendance's seeded
with the location, schedules, periods, holidays and weights, one throwaway vhost, personnel and attendance
running in-process (attendance fills its roster from personnel's ``employee_snapshot`` at start), callers
through an RPC proxy carrying an ``Identity``, as the gateway does. ``clock_at`` fixes the service's clock
(same process), so days and lateness are chosen by the test.
"""
import pytest
from attendance.domain import clock
from attendance.seed import seed
from attendance_testkit import utc
from situok_kit.fixtures import UnderTest, broker_uri, bureau, observer, personnel_db, rpc, service_db, services  # noqa: F401


@pytest.fixture(scope="session")
def under_test():
    return UnderTest("attendance", "attendance.service.AttendanceService", seed=seed)


@pytest.fixture(scope="session")
def attendance_db(request):
    """attendance's database: ``(url, engine)`` (the kit's ``service_db``)."""
    return request.getfixturevalue("service_db")


@pytest.fixture
def clock_at(monkeypatch):
    """``clock_at("2026-03-03T15:59")`` (UTC, or with an offset): the service's clock from now on."""

    def set_(moment):
        fixed = utc(moment) if isinstance(moment, str) else moment
        monkeypatch.setattr(clock, "now", lambda: fixed)
        return fixed

    return set_
