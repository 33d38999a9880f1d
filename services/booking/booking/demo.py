"""Sample data for ``make run`` only (never in a deployment: ``Service.demo``): each area adds its part
(``PARTS``), once each — so the pages have something to show.

    python -m booking.demo
"""
from __future__ import annotations

import importlib
import sys

from situok_kit.db import run_in_database

#: ``module:function`` of each area's sample data, called in order with the session; each returns a dict of
#: counts of what it created (nothing when its part is there already).
PARTS: tuple[str, ...] = ()


def demo(session) -> dict:
    report = {}
    for target in PARTS:
        module, _, function = target.partition(":")
        report[target] = getattr(importlib.import_module(module), function)(session)
    return report


def main() -> int:
    report = run_in_database("booking", demo)
    print("booking demo: " + (", ".join(f"{k}: {v}" for k, v in report.items()) or "nothing to add") + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
