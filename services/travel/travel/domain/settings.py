"""The configurable tables an admin maintains: level rules, approval rules, number templates.

They are seeded from travel/data and replaced whole by ``update_rules``. A change of level rules re-derives
every roster employee's rank and travel-cost level in the same transaction (orders keep the values they were
drafted with).
"""
from __future__ import annotations

from situok_kit.errors import ValidationFailed
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ..models import ApprovalRule, LevelRule, NumberTemplate, RosterEmployee
from . import numbering, roster
from .common import View


def get_rules(session: Session) -> View:
    """The three tables (``RulesOut``)."""
    return View(
        level_rules=list(session.scalars(select(LevelRule).order_by(LevelRule.priority))),
        approval_rules=list(session.scalars(select(ApprovalRule).order_by(ApprovalRule.traveller_rank,
                                                                          ApprovalRule.approver_role))),
        number_templates=list(session.scalars(select(NumberTemplate).order_by(NumberTemplate.kind))),
    )


def rederive_levels(session: Session) -> int:
    rules = roster.load_rules(session)
    changed = 0
    for e in session.scalars(select(RosterEmployee)):
        rank, level = roster.derive_level(rules, {"position_name": e.position_name, "golongan": e.golongan,
                                                  "employment_type": e.employment_type})
        if (rank, level) != (e.rank, e.cost_level):
            session.execute(update(RosterEmployee).where(RosterEmployee.id == e.id)
                            .values(rank=rank, cost_level=level))
            changed += 1
    return changed


def update_rules(session: Session, data: dict) -> View:
    errors = {}
    for i, t in enumerate(data.get("number_templates") or []):
        problem = numbering.template_problem(t["template"])
        if problem:
            errors[f"number_templates.{i}.template"] = problem
    if errors:
        raise ValidationFailed("Aturan tidak valid.", errors)
    if "level_rules" in data:
        session.execute(delete(LevelRule))
        session.add_all(LevelRule(**r) for r in data["level_rules"])
        session.flush()
        rederive_levels(session)
    if "approval_rules" in data:
        session.execute(delete(ApprovalRule))
        session.add_all(ApprovalRule(**r) for r in data["approval_rules"])
    for t in data.get("number_templates") or []:
        template = session.get(NumberTemplate, t["kind"]) or NumberTemplate(kind=t["kind"])
        template.template, template.reset, template.unit_label = t["template"], t["reset"], t["unit_label"]
        session.add(template)
    session.flush()
    return get_rules(session)
