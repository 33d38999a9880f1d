"""Seed data: level and approval rules, number templates, the letter settings (regional-government defaults; no
signer named until an admin names them), and the default rate table of the current year.

``python -m travel.seed`` is safe on every start: rules and templates are inserted only while their table is
empty (afterwards they are the admin's to change); the current fiscal year (WITA) gets the default rate table
(travel/data) only if it has none. Then it tries the roster sync (``travel.sync --optional``).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field

from situok_kit.clock import wita_day
from situok_kit.db import advisory_lock, run_in_database
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from .domain import rates
from .domain.common import read_data
from .domain.settings import DEFAULT_LETTERS
from .models import ApprovalRule, LetterSettings, LevelRule, NumberTemplate, RateTable

_LOCK_KEY = 7_320_001


@dataclass
class SeedReport:
    created: dict = field(default_factory=lambda: {"level_rules": 0, "approval_rules": 0, "number_templates": 0,
                                                   "rate_tables": 0, "letter_settings": 0})


def _none(value: str | None):
    return value or None


def seed(session: Session, fiscal_year: int | None = None) -> SeedReport:
    """Create what is missing, in ``session`` (the caller commits)."""
    advisory_lock(session, _LOCK_KEY)
    report = SeedReport()
    if not session.scalar(select(exists().where(LevelRule.priority.isnot(None)))):
        for row in read_data("level_rules.csv"):
            session.add(LevelRule(priority=int(row["priority"]), position_prefix=_none(row["position_prefix"]),
                                  golongan_prefix=_none(row["golongan_prefix"]),
                                  employment_type=_none(row["employment_type"]), rank=row["rank"],
                                  cost_level=row["cost_level"], note=_none(row["note"])))
            report.created["level_rules"] += 1
    if not session.scalar(select(exists().where(ApprovalRule.traveller_rank.isnot(None)))):
        for row in read_data("approval_rules.csv"):
            session.add(ApprovalRule(traveller_rank=row["traveller_rank"], approver_role=row["approver_role"]))
            report.created["approval_rules"] += 1
    for row in read_data("numbering.csv"):
        if session.get(NumberTemplate, row["kind"]) is None:
            session.add(NumberTemplate(kind=row["kind"], template=row["template"], reset=row["reset"],
                                       unit_label=row["unit_label"]))
            report.created["number_templates"] += 1
    if session.get(LetterSettings, 1) is None:
        session.add(LetterSettings(id=1, **DEFAULT_LETTERS))
        report.created["letter_settings"] += 1
    year = fiscal_year or wita_day().year
    if session.get(RateTable, year) is None:
        rates.store_table(session, year, rates.default_rows(), "default (travel/data, verify)", "system",
                          is_default=True)
        report.created["rate_tables"] += 1
    session.flush()
    return report


def main() -> int:
    report = run_in_database("travel", seed)
    print("travel seed: created " + ", ".join(f"{n} {what}" for what, n in report.created.items()) + ".")
    from .sync import main as sync_main

    return sync_main(["--optional"])


if __name__ == "__main__":
    sys.exit(main())
