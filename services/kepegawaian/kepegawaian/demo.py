"""Sample data for ``make run`` only (never in a deployment): ``Service.demo_after_start`` — run once the stack
answers, because the employees come from personnel's roster (pulled at start). It waits (at most
``WAIT_SECONDS``) until kepegawaian holds the roster, then each area adds its part (``PARTS``), once each.

    python -m kepegawaian.demo
"""
from __future__ import annotations

import sys
import time

from situok_kit.db import run_each, run_in_database
from sqlalchemy import func, select

from .models import RosterEmployee

#: ``module:function`` of each area's sample data, called in order with the session; each returns a dict of
#: counts of what it created (nothing when its part is there already).
PARTS: tuple[str, ...] = (
    "kepegawaian.domain.leave_demo:demo",  # leave: an approved annual leave, one waiting for the supervisor
    "kepegawaian.domain.documents_demo:demo",  # documents: a few uploaded, one verified, one waiting
    "kepegawaian.domain.skp_demo:demo",  # SKP: this year's plan agreed, progress recorded
)
#: How long to wait for the roster before adding the parts anyway.
WAIT_SECONDS = 90.0


def demo(session) -> dict:
    return run_each(session, PARTS)


def _ready(session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(RosterEmployee)))


def main() -> int:
    deadline = time.monotonic() + WAIT_SECONDS
    while not run_in_database("kepegawaian", _ready) and time.monotonic() < deadline:
        time.sleep(2)  # the running service fills the copy; polled against a deadline
    report = run_in_database("kepegawaian", demo)
    print("kepegawaian demo: " + (", ".join(f"{k}: {v}" for k, v in report.items()) or "nothing to add") + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
