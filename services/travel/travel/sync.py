"""Roster sync: pull every employee and org unit from personnel's ``employee_snapshot``.

personnel's events feed the roster from the moment travel's queue exists; whatever was published before is
lost, so travel pulls a snapshot until one pull has succeeded (the service checks at start and every
``TRAVEL_ROSTER_CHECK_SECONDS``), when an admin calls ``sync_roster``, or from the command line::

    python -m travel.sync            # pull now (personnel must be running)
    python -m travel.sync --optional # same, but only say so when personnel is not running (make prepare)

Upserts never overwrite a newer version of an employee (events and a sync may interleave).
"""
from __future__ import annotations

import logging

from situok_kit import roster as kit_roster

from .domain import roster

log = logging.getLogger(__name__)
PAGE = 200
_LOCK_KEY = 7_320_002  # pg advisory lock: one sync at a time


def pull_snapshot(amqp_uri: str, timeout: float = 10.0) -> tuple[list[dict], list[dict]]:
    """(employees, org units) from personnel, every page (``situok_kit.roster``)."""
    return kit_roster.pull_snapshot(amqp_uri, timeout=timeout, page=PAGE)


def apply_snapshot(session, employees: list[dict], units: list[dict]) -> dict:
    from .domain.orders import lock_advisory

    lock_advisory(session, _LOCK_KEY)
    roster.upsert_units(session, units)
    rules = roster.load_rules(session)
    for start in range(0, len(employees), PAGE):
        roster.upsert_employees(session, employees[start:start + PAGE], rules)
    roster.record_sync(session, len(employees), len(units))
    return {"employees": len(employees), "org_units": len(units)}


def sync_with(db, amqp_uri: str) -> dict:
    """Pull and store (``db``: the worker's ``UnitOfWork``)."""
    employees, units = pull_snapshot(amqp_uri)
    with db.transaction() as tx:
        return apply_snapshot(tx.session, employees, units)


def main(argv=None) -> int:
    import argparse

    import eventlet

    eventlet.monkey_patch()
    from situok_kit.config import database_url, env
    from situok_kit.db import make_engine
    from sqlalchemy.orm import Session

    parser = argparse.ArgumentParser(description="Pull the travel roster from personnel")
    parser.add_argument("--optional", action="store_true", help="personnel not running is not an error")
    args = parser.parse_args(argv)
    try:
        employees, units = pull_snapshot(env("SITUOK_AMQP_URI"))
    except Exception as exc:
        if args.optional:
            print(f"travel roster sync: personnel not reachable ({type(exc).__name__}); "
                  "the travel service syncs when it starts.")
            return 0
        raise
    engine = make_engine(database_url("travel"), pool_size=1)
    try:
        with Session(engine) as session:
            result = apply_snapshot(session, employees, units)
            session.commit()
    finally:
        engine.dispose()
    print(f"travel roster sync: {result['employees']} employees, {result['org_units']} org units.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
