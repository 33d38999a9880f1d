"""Cross-service tests: a whole stack per session, in its own vhost and databases.

Integration and end-to-end tests share one stack (services + two gateways +
real Traefik) started as processes; everything it creates is removed at the end.
"""
from __future__ import annotations

import pytest
from situok_kit import testing

from tools.stack import isolated_stack

ADMIN_PASSWORD = "Rahasia-Admin-2026"
DEMO_PASSWORD = "situok-demo-2026"


def stack_env(prefix: str, **settings) -> dict:
    """A test stack's settings: known passwords, fresh secrets, a login rate limit tests do not trip."""
    return {
        "SITUOK_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "SITUOK_DEMO_PASSWORD": DEMO_PASSWORD,
        "SITUOK_JWT_SECRET": f"{prefix}-secret-" + testing.unique_name("jwt"),
        "SITUOK_WEB_SECRET": f"{prefix}-web-" + testing.unique_name("web"),
        "SITUOK_LOGIN_RATE_AVERAGE": "200",
        "SITUOK_LOGIN_RATE_BURST": "400",
        **settings,
    }


@pytest.fixture(scope="session")
def stack(infra, tmp_path_factory):
    env = stack_env("e2e", SITUOK_MAX_WORKERS="10")
    with isolated_stack(infra, "situok_e2e", env, workdir=tmp_path_factory.mktemp("stack")) as stack:
        yield stack
