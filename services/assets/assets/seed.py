"""assets' reference data (every installation; runs after each migration, safe to run again): each area seeds
its own tables (``SEEDERS``) — the code list, useful lives, settings, sample buildings and rooms of the bureau.

    python -m assets.seed
"""
from __future__ import annotations

import sys

from situok_kit.db import run_each, run_in_database

#: ``module:function`` of each area's seeder, called in order with the session; each returns a dict of
#: counts of what it created.
SEEDERS: tuple[str, ...] = (
    "assets.domain.settings:seed",  # settings (bureau name, numbering, depreciation period)
    "assets.domain.codes:seed",  # the Permendagri 108/2016 codes a bureau uses, useful lives
    "assets.domain.supplies:seed",  # a starting catalogue of consumables (no stock)
)


def seed(session) -> dict:
    return run_each(session, SEEDERS)


def main() -> int:
    report = run_in_database("assets", seed)
    print("assets seed: " + (", ".join(f"{k}: {v}" for k, v in report.items()) or "nothing to seed") + ".")
    from .sync import main as sync_main

    return sync_main(["--optional"])


if __name__ == "__main__":
    sys.exit(main())
