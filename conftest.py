"""Root pytest configuration for every test in the repository.

Nameko 2.14's pytest plugin no longer monkey-patches eventlet, so it is done
here, before anything imports socket, threading or psycopg2 — except for the
browser suite (``SITUOK_EVENTLET=0``, set by tools/run_tests.py): Playwright's
synchronous API runs its own greenlets and asyncio loop, and hangs under
eventlet's patched sockets. That suite only drives processes over HTTP.
"""
import os

import eventlet

if os.environ.get("SITUOK_EVENTLET", "1") != "0":
    eventlet.monkey_patch()

import pytest  # noqa: E402
from situok_kit import testing  # noqa: E402


@pytest.fixture(scope="session")
def infra():
    """The RabbitMQ and PostgreSQL servers of this test run (see ``situok_kit.testing.start_infra``)."""
    infra = testing.start_infra()
    yield infra
    infra.stop()


def pytest_configure(config):
    import warnings

    warnings.filterwarnings("ignore", message=".*monkeypatch.*", category=UserWarning)
