"""Sample data for ``make run`` only (never in a deployment): ``Service.demo_after_start`` — run once the stack
answers, because the protocol staff come from personnel's roster (pulled at start). It waits (at most
``WAIT_SECONDS``) until agenda holds the roster, then each area adds its part (``PARTS``), once each.

    python -m agenda.demo
"""
from __future__ import annotations

import sys

from situok_kit.db import demo_when_ready, run_each
from sqlalchemy import func, select

from .models import RosterEmployee

#: ``module:function`` of each area's sample data, called in order with the session; each returns a dict of
#: counts of what it created (nothing when its part is there already).
PARTS: tuple[str, ...] = (
    "agenda.domain.agenda_demo:demo",  # the leaders' events this week and next, public and internal
    "agenda.domain.documentation:demo",  # a past event's documentation, published, with a photo
    "agenda.domain.visits:demo",  # a pending audience request
    "agenda.domain.feedback:demo",  # a question answered and published, a complaint waiting
)
#: How long to wait for the roster before adding the parts anyway.
WAIT_SECONDS = 90.0


def demo(session) -> dict:
    return run_each(session, PARTS)


def _ready(session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(RosterEmployee)))


def main() -> int:
    return demo_when_ready("agenda", PARTS, _ready, WAIT_SECONDS)


if __name__ == "__main__":
    sys.exit(main())
