"""attendance test fixtures.

Plain tests need nothing running. Tests marked ``integration`` use the real PostgreSQL and RabbitMQ: two
throwaway databases (personnel's, migrated and seeded with the bureau; attendance's, migrated and seeded with
the location, schedules, periods, holidays and weights), one throwaway vhost, all removed at the end.
personnel and attendance run in-process as Nameko containers; attendance fills its roster from personnel's
``employee_snapshot`` at start. Callers use a standalone RPC proxy carrying an ``Identity``, as the gateway
does. ``clock_at`` fixes the service's clock (same process), so days and lateness are chosen by the test.
"""
from functools import partial

import pytest
from attendance.domain import clock
from attendance_testkit import Bureau, service_config, utc
from personnel.seed import seed as seed_personnel
from situok_kit import testing


@pytest.fixture(scope="session")
def personnel_db(infra):
    seed = partial(seed_personnel, admin_password="admin-test-2026", demo_password="demo-test-2026")
    with testing.migrated_database(infra.pg_url, "personnel", "situok_personnel_at", seed) as db:
        yield db.url, db.engine, db.seeded


@pytest.fixture(scope="session")
def attendance_db(infra):
    from attendance.seed import seed

    with testing.migrated_database(infra.pg_url, "attendance", "situok_attendance_test", seed) as db:
        yield db.url, db.engine


@pytest.fixture(scope="session")
def broker_uri(infra):
    with testing.temporary_vhost(infra.amqp_uri, "situok_attendance") as uri:
        yield uri


@pytest.fixture(scope="session")
def bureau(personnel_db, attendance_db):
    _, personnel_engine, report = personnel_db
    return Bureau(personnel_engine, attendance_db[1], report.employee_ids, report.unit_ids)


@pytest.fixture(scope="session")
def services(broker_uri, personnel_db, attendance_db, bureau):
    """personnel, then attendance (which pulls its roster at start), running for the whole test run."""
    from attendance.service import AttendanceService
    from nameko.containers import ServiceContainer
    from personnel.service import PersonnelService

    containers = []
    try:
        for cls, name, url in ((PersonnelService, "personnel", personnel_db[0]),
                               (AttendanceService, "attendance", attendance_db[0])):
            container = ServiceContainer(cls, service_config(name, broker_uri, url))
            containers.append(container)
            container.start()
        expected = len(bureau.employee_ids)
        testing.wait_for(lambda: bureau.scalar("SELECT count(*) FROM roster_employees") >= expected, timeout=20,
                         message="attendance's roster to be pulled from personnel")
        yield containers
    finally:
        for container in reversed(containers):
            container.kill()


@pytest.fixture
def rpc(broker_uri, services):
    """``rpc(identity)`` -> the attendance proxy as that identity (``rpc()``: no identity)."""
    with testing.rpc_proxies(broker_uri, "attendance") as make:
        yield make


@pytest.fixture
def observer(broker_uri, services):
    with testing.observers(broker_uri, "attendance") as make:
        yield make


@pytest.fixture
def clock_at(monkeypatch):
    """``clock_at("2026-03-03T15:59")`` (UTC, or with an offset): the service's clock from now on."""

    def set_(moment):
        fixed = utc(moment) if isinstance(moment, str) else moment
        monkeypatch.setattr(clock, "now", lambda: fixed)
        return fixed

    return set_
