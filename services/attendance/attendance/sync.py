"""Roster sync: pull every employee and org unit from personnel's ``employee_snapshot``
(``situok_kit.roster.pull_snapshot``) into attendance's copy.

The service does it at start until one pull has succeeded, an admin with ``sync_roster``, or::

    python -m attendance.sync            # pull now (personnel must be running)
    python -m attendance.sync --optional # only say so when personnel is not running (make prepare)
"""
from __future__ import annotations

from situok_kit import roster as kit_roster

from .domain import roster


def sync_with(db, amqp_uri: str) -> dict:
    """Pull and store (``db``: the worker's ``UnitOfWork``)."""
    employees, units = kit_roster.pull_snapshot(amqp_uri)
    with db.transaction() as tx:
        return roster.apply_snapshot(tx.session, employees, units)


def main(argv=None) -> int:
    import argparse

    import eventlet

    eventlet.monkey_patch()
    from situok_kit.config import database_url, env
    from situok_kit.db import make_engine
    from sqlalchemy.orm import Session

    parser = argparse.ArgumentParser(description="Pull the attendance roster from personnel")
    parser.add_argument("--optional", action="store_true", help="personnel not running is not an error")
    args = parser.parse_args(argv)
    try:
        employees, units = kit_roster.pull_snapshot(env("SITUOK_AMQP_URI"))
    except Exception as exc:
        if args.optional:
            print(f"attendance roster sync: personnel not reachable ({type(exc).__name__}); "
                  "the attendance service syncs when it starts.")
            return 0
        raise
    engine = make_engine(database_url("attendance"), pool_size=1)
    try:
        with Session(engine) as session:
            result = roster.apply_snapshot(session, employees, units)
            session.commit()
    finally:
        engine.dispose()
    print(f"attendance roster sync: {result['employees']} employees, {result['org_units']} org units.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
