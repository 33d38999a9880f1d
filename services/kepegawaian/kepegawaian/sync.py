"""Roster sync: pull every employee and org unit from personnel's ``employee_snapshot``
(``situok_kit.roster.pull_snapshot``) into kepegawaian's copy. The service does it at start until one pull has
succeeded, an admin with ``sync_roster``, or::

    python -m kepegawaian.sync            # pull now (personnel must be running)
    python -m kepegawaian.sync --optional # only say so when personnel is not running (make prepare)
"""
from __future__ import annotations

from situok_kit import roster as kit_roster

from .domain import roster


def sync_with(db, amqp_uri: str) -> dict:
    """Pull and store (``db``: the worker's ``UnitOfWork``)."""
    return kit_roster.sync_with(db, amqp_uri, roster.apply_snapshot)


def main(argv=None) -> int:
    return kit_roster.sync_command("kepegawaian", roster.apply_snapshot, argv)


if __name__ == "__main__":
    raise SystemExit(main())
