"""kepegawaian's reference data (every installation; runs after each migration, safe to run again): each area
seeds its own tables (``SEEDERS``) — the settings row, the leave rules (PP 11/2017, Peraturan BKN 24/2017,
PP 49/2018 for PPPK, the bureau's for non-ASN), the career rules (KGB, KP, BUP), the document types and the SKP
reference (core values, rating matrix).

    python -m kepegawaian.seed
"""
from __future__ import annotations

import sys

from situok_kit.db import run_each, run_in_database

#: ``module:function`` of each area's seeder, called in order with the session; each returns a dict of
#: counts of what it created.
SEEDERS: tuple[str, ...] = (
    "kepegawaian.domain.settings:seed",  # the settings row (staff officers' unit, the leave official, reminders)
    "kepegawaian.domain.leave:seed",  # the leave rules per employment type and kind (PP 11/2017, PP 49/2018)
    "kepegawaian.domain.career:seed",  # KGB, KP periods (Peraturan BKN 4/2023, 4/2025), BUP per position level
    "kepegawaian.domain.documents:seed",  # the document types and which employees must hold them
    "kepegawaian.domain.skp:seed",  # the seven core values (BerAKHLAK) and their behaviour descriptions
)


def seed(session) -> dict:
    return run_each(session, SEEDERS)


def main() -> int:
    report = run_in_database("kepegawaian", seed)
    print("kepegawaian seed: " + (", ".join(f"{k}: {v}" for k, v in report.items()) or "nothing to seed") + ".")
    from .sync import main as sync_main

    return sync_main(["--optional"])


if __name__ == "__main__":
    sys.exit(main())
