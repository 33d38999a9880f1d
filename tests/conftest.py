"""Cross-service tests: a whole stack per session, in its own vhost and databases.

Integration and end-to-end tests share one stack (services + two gateways +
real Traefik) started as processes; everything it creates is removed at the end.
"""
from __future__ import annotations

import pytest
from situok_kit import testing
from situok_kit.migrate import drop_database

from tools.stack import DB_SERVICES, Stack

ADMIN_PASSWORD = "Rahasia-Admin-2026"
DEMO_PASSWORD = "situok-demo-2026"


@pytest.fixture(scope="session")
def stack(infra, tmp_path_factory):
    name = testing.unique_name("situok_e2e")
    amqp_uri = testing.create_vhost(infra.amqp_uri, name)
    db_template = testing.database_url_for(infra.pg_url, f"{name}_{{service}}")
    env = {
        "SITUOK_AMQP_URI": amqp_uri,
        "SITUOK_DB_URL_TEMPLATE": db_template,
        "SITUOK_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "SITUOK_DEMO_PASSWORD": DEMO_PASSWORD,
        "SITUOK_JWT_SECRET": "e2e-secret-" + name,
        "SITUOK_LOGIN_RATE_AVERAGE": "200",
        "SITUOK_LOGIN_RATE_BURST": "400",
        "SITUOK_MAX_WORKERS": "10",
    }
    stack = Stack(env=env, workdir=tmp_path_factory.mktemp("stack"))
    try:
        stack.prepare()
        stack.start()
        yield stack
    finally:
        stack.stop()
        for service in DB_SERVICES:
            drop_database(db_template.format(service=service))
        testing.delete_vhost(name)
