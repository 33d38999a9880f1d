"""finance's reference data (every installation; runs after each migration, safe to run again): each area
seeds its own tables (``SEEDERS``) — tax rates, evidence tiers, numbering, archive classifications.

    python -m finance.seed
"""
from __future__ import annotations

import sys

from situok_kit.db import run_each, run_in_database

#: ``module:function`` of each area's seeder, called in order with the session; each returns a dict of
#: counts of what it created.
SEEDERS: tuple[str, ...] = (
    "finance.domain.archive:seed_classifications",  # archive
    "finance.domain.spj_settings:seed",  # SPJ: settings, tax rates, evidence tiers
)


def seed(session) -> dict:
    return run_each(session, SEEDERS)


def main() -> int:
    report = run_in_database("finance", seed)
    print("finance seed: " + (", ".join(f"{k}: {v}" for k, v in report.items()) or "nothing to seed") + ".")
    from .sync import main as sync_main

    return sync_main(["--optional"])


if __name__ == "__main__":
    sys.exit(main())
