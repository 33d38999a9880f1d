"""Helpers for tests that drive booking's domain directly on the test database (no service in between): a
real ``Transaction`` (its events go to the outbox table as the service's would), resources made straight in
the database."""
from __future__ import annotations

from contextlib import contextmanager

from booking.models import Resource, kit_tables
from booking_testkit import unique
from situok_kit.db import Transaction
from sqlalchemy.orm import Session


@contextmanager
def transaction(engine):
    """A committed unit of work on booking's test database, with ``emit`` into the outbox."""
    with Session(engine) as session:
        with session.begin():
            yield Transaction(session, kit_tables, {}, {"username": "test"})


def make_resource(engine, kind: str = "room", **fields) -> int:
    """A local resource (a room with 20 seats unless told), committed; its id."""
    values = {"kind": kind, "name": unique(f"{kind} "), "capacity": 20} | fields
    with Session(engine) as session, session.begin():
        resource = Resource(**values)
        session.add(resource)
        session.flush()
        return resource.id
