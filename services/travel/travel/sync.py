"""Roster sync: pull every employee and org unit from personnel's ``employee_snapshot``.

personnel's events feed the roster from the moment travel's queue exists; whatever was published before is
lost, so travel pulls a snapshot until one pull has succeeded (the service checks at start and every
15 s: ``situok_kit.roster.RosterConsumers``), when an admin calls ``sync_roster``, or from the command line::

    python -m travel.sync            # pull now (personnel must be running)
    python -m travel.sync --optional # same, but only say so when personnel is not running (make prepare)

Upserts never overwrite a newer version of an employee (events and a sync may interleave).
"""
from __future__ import annotations

from situok_kit import roster as kit_roster
from situok_kit.db import advisory_lock

from .domain import roster

PAGE = kit_roster.PAGE
_LOCK_KEY = 7_320_002  # pg advisory lock: one sync at a time


def apply_snapshot(session, employees: list[dict], units: list[dict]) -> dict:
    advisory_lock(session, _LOCK_KEY)
    roster.upsert_units(session, units)
    rules = roster.load_rules(session)
    for start in range(0, len(employees), PAGE):
        roster.upsert_employees(session, employees[start:start + PAGE], rules)
    roster.record_sync(session, len(employees), len(units))
    return {"employees": len(employees), "org_units": len(units)}


def sync_with(db, amqp_uri: str) -> dict:
    """Pull and store (``db``: the worker's ``UnitOfWork``)."""
    return kit_roster.sync_with(db, amqp_uri, apply_snapshot)


def main(argv=None) -> int:
    return kit_roster.sync_command("travel", apply_snapshot, argv)


if __name__ == "__main__":
    raise SystemExit(main())
