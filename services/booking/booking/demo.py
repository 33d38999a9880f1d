"""Sample data for ``make run`` only (never in a deployment): ``Service.demo_after_start`` — run once the stack
answers, because booking's resources come from assets' events (and a snapshot pulled at start) and its drivers
from personnel's roster. It waits (at most ``WAIT_SECONDS``) until booking holds the roster and some resources,
then each area adds its part (``PARTS``), once each; local sample resources only when assets published none.

    python -m booking.demo
"""
from __future__ import annotations

import sys

from situok_kit.db import demo_when_ready, run_each
from sqlalchemy import func, select

from .models import Resource, RosterEmployee

#: ``module:function`` of each area's sample data, called in order with the session; each returns a dict of
#: counts of what it created (nothing when its part is there already).
PARTS: tuple[str, ...] = (
    "booking.domain.resources:demo",  # local rooms, a hall and a car — only when assets published none
    "booking.domain.drivers:demo",  # the roster's Pengemudi on the drivers' list
    "booking.domain.guests:demo",  # a hall guests may ask for through the public portal
    "booking.domain.requests_demo:demo",  # bookings next week: one approved, one clashing pending
)
#: How long to wait for the roster and the resources before adding the parts anyway.
WAIT_SECONDS = 90.0


def demo(session) -> dict:
    return run_each(session, PARTS)


def _ready(session) -> bool:
    """The roster copy and some resources are here (booking pulled them at start)."""
    return bool(session.scalar(select(func.count()).select_from(RosterEmployee))
                and session.scalar(select(func.count()).select_from(Resource)))


def main() -> int:
    return demo_when_ready("booking", PARTS, _ready, WAIT_SECONDS)


if __name__ == "__main__":
    sys.exit(main())
