"""Who sees an SPJ and what they are to it (the capacities ``workflow.SPJ`` decides with).

Visibility: bendahara, PPK, PA/KPA (``pimpinan``) and admin see every SPJ; a PPTK sees the SPJ they drafted
and every SPJ charged to a sub-kegiatan they are PPTK of (in the active DPA version of its year); anyone else
sees none — a record answers 404 (its existence is not revealed), a list 403.

Capacities on one SPJ: ``pptk`` (a PPTK who drafted it or is the PPTK of its sub-kegiatan — the SPJ's
``pptk_employee_id``), ``verifier`` and ``payer`` (bendahara), ``ppk`` (PPK-SKPD: approves up to the approval
threshold, endorses above it — the amount is a guard of the table, not a capacity), ``pa_kpa`` (role
``pimpinan``: approves what the PPK-SKPD endorsed), and the parties ``CREATOR`` (drafted it: its creator, or
the PPTK a travel SPJ was drafted for), ``workflow.VERIFIER`` (verified it) and ``workflow.ENDORSER``
(endorsed it).
"""
from __future__ import annotations

from situok_kit.errors import NotFound
from situok_kit.workflow import CREATOR
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..models import BudgetAllocation, BudgetLine, BudgetSubActivity, BudgetVersion, Spj
from .access import Caller
from .workflow import ENDORSER, VERIFIER

NOT_FOUND = "SPJ tidak ditemukan."


def lines_of_pptk_query(employee_id: int):
    """Ids of the budget lines (any year) whose sub-kegiatan has ``employee_id`` as PPTK in the active version
    (a subquery; ``budget.lines_of_pptk`` answers the same per year)."""
    return (select(BudgetLine.id)
            .join(BudgetAllocation, BudgetAllocation.line_id == BudgetLine.id)
            .join(BudgetSubActivity, BudgetSubActivity.id == BudgetAllocation.sub_activity_id)
            .join(BudgetVersion, BudgetVersion.id == BudgetSubActivity.version_id)
            .where(BudgetVersion.status == "active", BudgetSubActivity.pptk_employee_id == employee_id))


def visible_condition(caller: Caller):
    """``None`` (everything) for those who see all; else the PPTK's condition; ``False`` for nobody."""
    if caller.sees_all:
        return None
    if not caller.is_pptk:
        return False
    own = [Spj.pptk_employee_id == caller.employee_id,
           Spj.budget_line_id.in_(lines_of_pptk_query(caller.employee_id))]
    if caller.account_id:
        own.append(Spj.created_by_account_id == caller.account_id)
    return or_(*own)


def mine_condition(caller: Caller):
    own = [Spj.pptk_employee_id == caller.employee_id] if caller.employee_id else []
    if caller.account_id:
        own.append(Spj.created_by_account_id == caller.account_id)
    return or_(*own) if own else False


def can_see(session: Session, caller: Caller, spj: Spj) -> bool:
    if caller.sees_all:
        return True
    if not caller.is_pptk:
        return False
    if spj.pptk_employee_id == caller.employee_id or (
            caller.account_id and spj.created_by_account_id == caller.account_id):
        return True
    return session.scalar(lines_of_pptk_query(caller.employee_id).where(BudgetLine.id == spj.budget_line_id)) \
        is not None


def load_visible(session: Session, caller: Caller, spj_id: int, *, for_update: bool = False) -> Spj:
    """The SPJ if the caller may see it (locked with ``for_update``); otherwise 404."""
    query = select(Spj).where(Spj.id == spj_id)
    if for_update:
        query = query.with_for_update(of=Spj)
    spj = session.scalar(query)
    if spj is None or not can_see(session, caller, spj):
        raise NotFound(NOT_FOUND)
    return spj


def created(caller: Caller, spj: Spj) -> bool:
    """Whether the caller drafted ``spj`` (its creator, or the PPTK it was drafted for)."""
    return bool((caller.account_id and spj.created_by_account_id == caller.account_id)
                or (caller.employee_id and spj.pptk_employee_id == caller.employee_id))


def capacities(caller: Caller, spj: Spj) -> frozenset[str]:
    found = set()
    if caller.is_pptk and created(caller, spj):
        found.add("pptk")
    if caller.is_treasurer:
        found.update(("verifier", "payer"))
    if caller.is_ppk:
        found.add("ppk")
    if caller.is_pa_kpa:
        found.add("pa_kpa")
    if created(caller, spj):
        found.add(CREATOR)
    if caller.account_id and spj.verified_by_account_id == caller.account_id:
        found.add(VERIFIER)
    if caller.account_id and spj.endorsed_by_account_id == caller.account_id:
        found.add(ENDORSER)
    return frozenset(found)
