"""agenda's reference data (every installation; runs after each migration, safe to run again): each area seeds
its own tables (``SEEDERS``).

    python -m agenda.seed
"""
from __future__ import annotations

import sys

from situok_kit.db import run_each, run_in_database

#: ``module:function`` of each area's seeder, called in order with the session; each returns a dict of
#: counts of what it created.
SEEDERS: tuple[str, ...] = (
    "agenda.domain.settings:seed",  # the settings row (protocol unit, limits, the form-ticket secret)
    "agenda.domain.precedence:seed",  # the order of precedence (UU 9/2010 Pasal 10) and the leaders
)


def seed(session) -> dict:
    return run_each(session, SEEDERS)


def main() -> int:
    report = run_in_database("agenda", seed)
    print("agenda seed: " + (", ".join(f"{k}: {v}" for k, v in report.items()) or "nothing to seed") + ".")
    from .sync import main as sync_main

    return sync_main(["--optional"])


if __name__ == "__main__":
    sys.exit(main())
