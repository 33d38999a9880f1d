"""Shared test helpers for the personnel tests (a uniquely named module, so that
several services' tests can run in one pytest session without ``conftest`` clashes)."""
from __future__ import annotations

from dataclasses import dataclass

from personnel.models import Account, Employee
from situok_kit import testing
from situok_kit.db import Database
from situok_kit.identity import Identity
from sqlalchemy import select
from sqlalchemy.orm import Session

ADMIN_PASSWORD = "admin-test-2026"
DEMO_PASSWORD = "demo-test-2026"
#: A short lock so the unlock test waits about a second instead of 15 minutes.
LOCK_MINUTES = 0.02
MAX_FAILURES = 3


@dataclass
class SeededDb:
    url: str
    engine: object
    employee_ids: dict[str, int]
    unit_ids: dict[str, int]

    def identity(self, username: str, session_id: str | None = None) -> Identity:
        """The identity the gateway would put in context for ``username`` (as after login)."""
        with Session(self.engine) as session:
            account = session.scalar(select(Account).where(Account.username == username))
            unit_id = None
            if account.employee_id:
                unit_id = session.scalar(select(Employee.unit_id).where(Employee.id == account.employee_id))
            return Identity(account_id=account.id, username=account.username, employee_id=account.employee_id,
                            unit_id=unit_id, roles=frozenset(account.roles), session_id=session_id)

    def scalar(self, statement):
        with Session(self.engine) as session:
            return session.scalar(statement)

    def scalars(self, statement) -> list:
        with Session(self.engine) as session:
            return list(session.scalars(statement))


def service_config(amqp_uri: str, db_url: str) -> dict:
    config = testing.service_config("personnel", amqp_uri, db_url, rpc_timeout=5)
    config["LOGIN_MAX_FAILURES"] = MAX_FAILURES
    config["LOGIN_LOCK_MINUTES"] = LOCK_MINUTES
    return config


def database_provider(container) -> Database:
    return next(dep for dep in container.dependencies if isinstance(dep, Database))
