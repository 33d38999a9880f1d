"""The SPJ settings (one row, ``spj_settings``) and the reference data small purchases are judged by: the tax
rates (``finance/data/tax_rates.csv``) and the evidence tiers (``finance/data/evidence_tiers.csv``), seeded
into ``spj_tax_rates`` and ``spj_evidence_tiers`` by ``seed`` (safe to run again: it adds what is missing and
changes nothing an installation has).

Settings (admin, ``update``): ``approval_threshold`` — up to this gross the PPK-SKPD approves; above it the
PPK-SKPD endorses and the PA/KPA approves (default Rp5.000.000); ``purchase_limit`` — one purchase of this or
more needs the procurement procedure (default Rp10.000.000); ``meterai_threshold`` — a receipt stating more
bears a meterai (default Rp5.000.000); ``number_template`` — the SPJ number (``{seq}``, ``{year}``; default
``900.1.2.3/{seq}/SPJ/{year}``).
"""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from situok_kit.errors import ValidationFailed
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import SpjEvidenceTier, SpjSettings, SpjTaxRate, utcnow
from . import taxes
from .access import Caller
from .spj_evidence import Tier
from .spj_numbering import template_problem

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SETTING_FIELDS = ("approval_threshold", "purchase_limit", "meterai_threshold", "number_template")


def read_data(name: str) -> list[dict]:
    """Rows of ``finance/data/<name>`` (CSV with a header; lines starting with ``#`` are comments)."""
    with open(DATA_DIR / name, newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def current(session: Session) -> SpjSettings:
    """The settings row (created with the defaults when missing)."""
    found = session.get(SpjSettings, 1)
    if found is None:
        session.execute(pg_insert(SpjSettings).values(id=1).on_conflict_do_nothing())
        session.flush()
        found = session.get(SpjSettings, 1)
    return found


def update(session: Session, caller: Caller, changes: dict) -> SpjSettings:
    """An admin changes the settings (only the fields given)."""
    caller.require(caller.is_admin, "Hanya admin yang dapat mengubah pengaturan SPJ.")
    if "number_template" in changes:
        problem = template_problem(changes["number_template"])
        if problem:
            raise ValidationFailed(problem, {"number_template": problem})
    row = session.get(SpjSettings, 1, with_for_update=True) or current(session)
    for name in SETTING_FIELDS:
        if name in changes:
            setattr(row, name, changes[name])
    row.updated_by = caller.username
    row.updated_at = utcnow()
    session.flush()
    return row


def tax_rates(session: Session) -> list[taxes.Rate]:
    return [taxes.Rate(kind=r.kind, valid_from=r.valid_from, categories=tuple(r.categories.split("|")),
                       rate_bp=r.rate_bp, rate_bp_no_npwp=r.rate_bp_no_npwp, threshold=r.threshold,
                       pkp_only=r.pkp_only, note=r.note or "")
            for r in session.scalars(select(SpjTaxRate).order_by(SpjTaxRate.kind, SpjTaxRate.valid_from))]


def evidence_tiers(session: Session) -> list[Tier]:
    return [Tier(t.kind, t.label, t.up_to)
            for t in session.scalars(select(SpjEvidenceTier).order_by(SpjEvidenceTier.position))]


def default_tax_rates() -> list[dict]:
    return [{"kind": row["kind"], "valid_from": date.fromisoformat(row["valid_from"]),
             "categories": row["categories"], "rate_bp": int(row["rate_bp"]),
             "rate_bp_no_npwp": int(row["rate_bp_no_npwp"]), "threshold": int(row["threshold"] or 0),
             "pkp_only": row["pkp_only"] == "1", "verified": row["verified"] == "1", "note": row["note"]}
            for row in read_data("tax_rates.csv")]


def default_tiers() -> list[dict]:
    return [{"kind": row["kind"], "label": row["label"], "position": i,
             "up_to": int(row["up_to"]) if row["up_to"] else None, "verified": row["verified"] == "1"}
            for i, row in enumerate(read_data("evidence_tiers.csv"))]


def seed(session: Session) -> dict:
    """Seeder (``finance.seed.SEEDERS``): the settings row, the default tax rates and evidence tiers."""
    current(session)
    rates = tiers = 0
    for row in default_tax_rates():
        rates += session.execute(pg_insert(SpjTaxRate).values(**row)
                                 .on_conflict_do_nothing(index_elements=["kind", "valid_from"])).rowcount
    for row in default_tiers():
        tiers += session.execute(pg_insert(SpjEvidenceTier).values(**row)
                                 .on_conflict_do_nothing(index_elements=["kind"])).rowcount
    session.flush()
    return {"spj_tax_rates": rates, "spj_evidence_tiers": tiers}
