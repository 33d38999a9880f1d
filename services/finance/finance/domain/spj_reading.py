"""Reading SPJ: one the caller may see with everything its page shows, and keyset pages of them — each with the
``allowed_actions`` ``workflow.SPJ`` gives its caller (a page computes them from facts looked up once: the
settings, which of its SPJ have purchases and evidence — never a query per SPJ for its actions).

The split-purchase flag of each purchase is computed here, for the verifier: purchases of the same vendor
(NPWP or normalized name), account and ISO week across every non-cancelled SPJ (``spj_evidence.split_flags``).
"""
from __future__ import annotations

from situok_kit.errors import ValidationFailed
from situok_kit.letters.formatting import format_rupiah
from situok_kit.outputs import View
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import and_, false, or_, select, tuple_
from sqlalchemy.orm import Session, selectinload

from ..models import BudgetLine, Spj, SpjPurchase, SpjTax, SpjTransition
from . import spj_access, spj_evidence, spj_purchases, spj_settings
from .access import Caller
from .workflow import SPJ, above_threshold, guards


def approval_level(spj: Spj, threshold: int) -> str:
    """Who gives the final approval: the PPK-SKPD (``ppk``), or the PA/KPA (``pa_kpa``) above the threshold —
    after the PPK-SKPD endorsed it."""
    return "pa_kpa" if above_threshold(spj.gross, threshold) else "ppk"


def spj_guards(session: Session, spj: Spj, threshold: int):
    return guards(lambda: spj_purchases.has_lines(session, spj),
                  lambda: spj_purchases.evidence_missing(session, spj), spj.gross, threshold)


def allowed_actions(session: Session, caller: Caller, spj: Spj, threshold: int, spj_guard=None) -> list[str]:
    return SPJ.allowed_actions(spj.status, spj_access.capacities(caller, spj),
                               spj_guard or spj_guards(session, spj, threshold))


def page_guards(session: Session, spjs: list[Spj], threshold: int) -> dict:
    """The guards of a page of SPJ from two queries (which have purchases, which purchases lack evidence)."""
    ids = [s.id for s in spjs if s.kind == "purchase"]
    with_purchases, missing = set(), {}
    if ids:
        for spj_id, position, document in session.execute(
                select(SpjPurchase.spj_id, SpjPurchase.position, SpjPurchase.evidence_document_id)
                .where(SpjPurchase.spj_id.in_(ids)).order_by(SpjPurchase.spj_id, SpjPurchase.position)):
            with_purchases.add(spj_id)
            if document is None:
                missing.setdefault(spj_id, []).append(position)

    def of(spj: Spj):
        def has_lines() -> bool:
            return spj.gross > 0 and (spj.kind != "purchase" or spj.id in with_purchases)

        def evidence_missing() -> str | None:
            if spj.id not in missing:
                return None
            return spj_purchases.MISSING.format(", ".join(str(p + 1) for p in missing[spj.id]))

        return guards(has_lines, evidence_missing, spj.gross, threshold)

    return {s.id: of(s) for s in spjs}


def _bought(rows) -> list[spj_evidence.Bought]:
    return [spj_evidence.Bought(p.id, p.spj_id, number or f"#{p.spj_id}", p.vendor_key, p.vendor_npwp, account,
                                (p.iso_year, p.iso_week), p.total) for p, number, account in rows]


def split_flags(session: Session, spj: Spj, purchases: list[SpjPurchase], limit: int) -> dict:
    if not purchases:
        return {}
    line = session.get(BudgetLine, spj.budget_line_id)
    weeks = {(p.iso_year, p.iso_week) for p in purchases}
    vendor = or_(SpjPurchase.vendor_key.in_({p.vendor_key for p in purchases}),
                 SpjPurchase.vendor_npwp.in_({p.vendor_npwp for p in purchases if p.vendor_npwp}))
    others = session.execute(
        select(SpjPurchase, Spj.number, BudgetLine.account_code)
        .join(Spj, Spj.id == SpjPurchase.spj_id).join(BudgetLine, BudgetLine.id == Spj.budget_line_id)
        .where(Spj.id != spj.id, Spj.status != "cancelled", BudgetLine.account_code == line.account_code,
               tuple_(SpjPurchase.iso_year, SpjPurchase.iso_week).in_(weeks), vendor)).all()
    mine = _bought([(p, spj.number, line.account_code) for p in purchases])
    flags = spj_evidence.split_flags(mine, _bought(others), limit)
    return {pid: View(flag, message=(
        f"Kemungkinan pemecahan pembelian: {len(flag.purchase_ids)} pembelian pada penyedia, rekening dan "
        f"minggu yang sama berjumlah {format_rupiah(flag.total)} (batas {format_rupiah(limit)}); "
        f"SPJ: {', '.join(flag.spj_labels)}.")) for pid, flag in flags.items()}


def detail(session: Session, caller: Caller, spj: Spj) -> View:
    """``spj`` as ``caller`` sees it (``SpjDetailOut``)."""
    settings = spj_settings.current(session)
    purchases = list(session.scalars(select(SpjPurchase).where(SpjPurchase.spj_id == spj.id)
                                     .options(selectinload(SpjPurchase.items)).order_by(SpjPurchase.position)))
    entries = list(session.scalars(select(SpjTax).where(SpjTax.spj_id == spj.id).order_by(SpjTax.id)))
    tiers = {t.kind: t.label for t in spj_settings.evidence_tiers(session)}
    flags = split_flags(session, spj, purchases, settings.purchase_limit)
    withheld = {}
    for item_owner in purchases:
        withheld[item_owner.id] = sum(i.ppn + i.pph for i in item_owner.items)
    shown = [View(p, evidence_label=tiers.get(p.evidence_kind, p.evidence_kind), tax_withheld=withheld[p.id],
                  net=p.total - withheld[p.id], split_flag=flags.get(p.id), problem=None) for p in purchases]
    transitions = list(session.scalars(select(SpjTransition).where(SpjTransition.spj_id == spj.id)
                                       .order_by(SpjTransition.id)))
    return View(spj, budget_line=session.get(BudgetLine, spj.budget_line_id), purchases=shown, taxes=entries,
                travel=_travel_part(session, spj), transitions=transitions,
                approval_level=approval_level(spj, settings.approval_threshold),
                allowed_actions=allowed_actions(session, caller, spj, settings.approval_threshold))


def _travel_part(session: Session, spj: Spj):
    if spj.kind != "travel":
        return None
    from . import travel_spj

    return travel_spj.part(session, spj)


def list_spj(session: Session, caller: Caller, filters: dict, cursor: str | None, limit: int) -> dict:
    """A keyset page (newest id first) of the SPJ the caller may see (``SpjPage``); 403 for a caller with no
    finance role."""
    caller.require_finance()
    settings = spj_settings.current(session)
    query = select(Spj)
    condition = spj_access.visible_condition(caller)
    if condition is False:
        query = query.where(false())
    elif condition is not None:
        query = query.where(condition)
    for name, column in (("status", Spj.status), ("kind", Spj.kind), ("year", Spj.fiscal_year),
                         ("budget_line_id", Spj.budget_line_id)):
        if filters.get(name) is not None:
            query = query.where(column == filters[name])
    if filters.get("mine"):
        query = query.where(spj_access.mine_condition(caller))
    query = _queue(query, caller, filters.get("queue"))
    after = decode_cursor(cursor, 1)
    if after is not None:
        if not isinstance(after[0], int):
            raise ValidationFailed("Cursor tidak valid.",
                                   {"cursor": "Cursor tidak dikenali; mulai dari halaman pertama."})
        query = query.where(Spj.id < after[0])
    rows = list(session.scalars(query.order_by(Spj.id.desc()).limit(limit + 1)))
    found = page(rows, limit, lambda s: [s.id])
    lines = {line.id: line for line in session.scalars(
        select(BudgetLine).where(BudgetLine.id.in_({s.budget_line_id for s in found["items"]})))}
    checks = page_guards(session, found["items"], settings.approval_threshold)
    return {**found, "items": [View(s, budget_line=lines[s.budget_line_id],
                                    approval_level=approval_level(s, settings.approval_threshold),
                                    allowed_actions=allowed_actions(session, caller, s, settings.approval_threshold,
                                                                    checks[s.id]))
                               for s in found["items"]]}


def _queue(query, caller: Caller, queue: str | None):
    """The bendahara's verification queue (submitted, not their own) or the approver's inbox: for the PPK-SKPD
    the verified SPJ (to approve up to the threshold, to endorse above it), for the PA/KPA the endorsed ones —
    never one they drafted, verified or (the PA/KPA's step) endorsed."""
    if queue is None:
        return query
    not_mine = [or_(Spj.created_by_account_id.is_(None), Spj.created_by_account_id != caller.account_id)]
    if caller.employee_id:
        not_mine.append(or_(Spj.pptk_employee_id.is_(None), Spj.pptk_employee_id != caller.employee_id))
    if queue == "verify":
        if not caller.is_treasurer:
            return query.where(false())
        return query.where(Spj.status == "submitted", *not_mine)
    awaiting = []
    if caller.is_ppk:
        awaiting.append(Spj.status == "verified")
    if caller.is_pa_kpa:
        awaiting.append(and_(Spj.status == "endorsed", or_(Spj.endorsed_by_account_id.is_(None),
                                                           Spj.endorsed_by_account_id != caller.account_id)))
    if not awaiting:
        return query.where(false())
    return query.where(or_(*awaiting), *not_mine,
                       or_(Spj.verified_by_account_id.is_(None), Spj.verified_by_account_id != caller.account_id))
