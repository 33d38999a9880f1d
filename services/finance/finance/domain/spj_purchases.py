"""Drafting a small-purchase SPJ: its purchases judged and priced, all or nothing.

``assess`` turns the purchases sent (``SpjPurchaseIn``) into what is stored — per purchase its total, the
evidence kind its total needs (``spj_evidence.tier_for``), the meterai flag, each item's amount
(quantity × unit price) and taxes, and the tax entries to deposit (``taxes.purchase_taxes`` with the rates in
force on the purchase's date) — and collects every problem by field: an NPWP of the wrong shape, a PKP vendor
without NPWP, a date outside the fiscal year, an evidence document that is not in the archive, a purchase at
or above the procurement limit. ``create``/``replace`` refuse with all of them (422); ``preview`` answers
them beside the figures (the draft form shows them live).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from situok_kit.errors import ValidationFailed
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..models import ArchiveDocument, Spj, SpjPurchase, SpjPurchaseItem, SpjSettings, SpjTax
from . import spj_evidence, spj_settings, taxes

PROBLEMS = "SPJ belum dapat disimpan; periksa kolom yang ditandai."
MISSING = "Bukti belum diunggah untuk pembelian ke-{}."


@dataclass
class Assessed:
    """The priced purchases of a draft and the problems found (field -> message)."""

    purchases: list[dict] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def gross(self) -> int:
        return sum(p["total"] for p in self.purchases)

    @property
    def withheld(self) -> int:
        return sum(p["tax_withheld"] for p in self.purchases)


def assess(session: Session, purchases: list[dict], settings: SpjSettings, fiscal_year: int | None) -> Assessed:
    rates = spj_settings.tax_rates(session)
    tiers = spj_settings.evidence_tiers(session)
    documents = {p["evidence_document_id"] for p in purchases if p.get("evidence_document_id")}
    known = set(session.scalars(select(ArchiveDocument.id).where(ArchiveDocument.id.in_(documents)))) \
        if documents else set()
    found = Assessed()
    for i, data in enumerate(purchases):
        where = f"purchases.{i}"
        try:
            npwp = spj_evidence.npwp_digits(data.get("vendor_npwp"))
        except ValueError as bad:
            npwp = None
            found.problems[f"{where}.vendor_npwp"] = str(bad)
        pkp = bool(data.get("vendor_pkp"))
        if pkp and npwp is None and f"{where}.vendor_npwp" not in found.problems:
            found.problems[f"{where}.vendor_npwp"] = "Penyedia PKP wajib memiliki NPWP."
        day = data["purchased_on"]
        if fiscal_year is not None and day.year != fiscal_year:
            found.problems[f"{where}.purchased_on"] = f"Tanggal pembelian harus pada tahun anggaran {fiscal_year}."
        document = data.get("evidence_document_id")
        if document and document not in known:
            found.problems[f"{where}.evidence_document_id"] = "Dokumen bukti tidak ada di arsip."
        items = [dict(item, amount=taxes.item_amount(item["quantity"], item["unit_price"])) for item in data["items"]]
        computed = taxes.purchase_taxes([(item["category"], item["amount"]) for item in items],
                                        taxes.Vendor(has_npwp=npwp is not None, pkp=pkp),
                                        taxes.rates_in_force(rates, day))
        total = computed.gross
        problem = spj_evidence.procurement_problem(total, settings.purchase_limit)
        if problem:
            found.problems[where] = problem
        tier = spj_evidence.tier_for(total, tiers) if tiers else spj_evidence.Tier("nota", "Nota", None)
        week = spj_evidence.iso_week(day)
        found.purchases.append({
            "id": None, "position": i, "vendor_name": data["vendor_name"],
            "vendor_key": spj_evidence.vendor_key(data["vendor_name"]), "vendor_npwp": npwp, "vendor_pkp": pkp,
            "purchased_on": day, "iso_year": week[0], "iso_week": week[1],
            "receipt_number": data.get("receipt_number"), "evidence_document_id": document,
            "evidence_kind": tier.kind, "evidence_label": tier.label, "total": total,
            "tax_withheld": computed.withheld, "net": computed.net,
            "meterai_required": spj_evidence.needs_meterai(total, settings.meterai_threshold),
            "problem": problem, "return_note": None, "split_flag": None,
            "items": [dict(item, id=None, position=j, dpp=tax.dpp, ppn=tax.ppn, pph_kind=tax.pph_kind,
                           pph_rate_bp=tax.pph_rate_bp, pph=tax.pph)
                      for j, (item, tax) in enumerate(zip(items, computed.items, strict=True))],
            "taxes": [{"id": None, "purchase_id": None, "kind": e.kind, "base": e.base, "rate_bp": e.rate_bp,
                       "amount": e.amount, "billing_code": None, "ntpn": None, "deposited_on": None}
                      for e in computed.entries],
        })
    return found


def store(session: Session, spj: Spj, purchases: list[dict]) -> Spj:
    """Assess ``purchases`` for ``spj`` and replace its purchases, items and tax entries (422 with every
    problem; nothing is changed then)."""
    found = assess(session, purchases, spj_settings.current(session), spj.fiscal_year)
    if found.problems:
        raise ValidationFailed(PROBLEMS, found.problems)
    for old in session.scalars(select(SpjPurchase).where(SpjPurchase.spj_id == spj.id)):
        session.delete(old)
    session.flush()
    for data in found.purchases:
        purchase = SpjPurchase(spj_id=spj.id, **{k: data[k] for k in (
            "position", "vendor_name", "vendor_key", "vendor_npwp", "vendor_pkp", "purchased_on", "iso_year",
            "iso_week", "receipt_number", "evidence_document_id", "evidence_kind", "total", "meterai_required")})
        purchase.items = [SpjPurchaseItem(**{k: item[k] for k in (
            "position", "description", "quantity", "unit", "unit_price", "amount", "category", "dpp", "ppn",
            "pph_kind", "pph_rate_bp", "pph")}) for item in data["items"]]
        session.add(purchase)
        session.flush()
        for entry in data["taxes"]:
            session.add(SpjTax(spj_id=spj.id, purchase_id=purchase.id, kind=entry["kind"], base=entry["base"],
                               rate_bp=entry["rate_bp"], amount=entry["amount"]))
    documents = {p["evidence_document_id"] for p in found.purchases if p["evidence_document_id"]}
    if documents:  # the archive register finds an SPJ's evidence by its id
        session.execute(update(ArchiveDocument).where(ArchiveDocument.id.in_(documents),
                                                      ArchiveDocument.spj_id.is_(None))
                        .values(spj_id=spj.id).execution_options(synchronize_session=False))
    spj.gross, spj.tax_withheld = found.gross, found.withheld
    spj.net_payable = found.gross - found.withheld
    session.flush()
    return spj


def preview(session: Session, data: dict) -> dict:
    """The taxes of an unsaved draft (``SpjPreviewOut``), with the problems that would refuse it."""
    found = assess(session, data.get("purchases") or [], spj_settings.current(session), None)
    return {"purchases": found.purchases, "taxes": [t for p in found.purchases for t in p["taxes"]],
            "gross": found.gross, "tax_withheld": found.withheld, "net_payable": found.gross - found.withheld,
            "problems": found.problems}


def evidence_missing(session: Session, spj: Spj) -> str | None:
    """What evidence a purchase SPJ still lacks (the ``evidence`` guard), else None."""
    if spj.kind != "purchase":
        return None
    missing = list(session.scalars(select(SpjPurchase.position).where(
        SpjPurchase.spj_id == spj.id, SpjPurchase.evidence_document_id.is_(None)).order_by(SpjPurchase.position)))
    if not missing:
        return None
    return MISSING.format(", ".join(str(p + 1) for p in missing))


def has_lines(session: Session, spj: Spj) -> bool:
    if spj.gross <= 0:
        return False
    if spj.kind != "purchase":
        return True
    return session.scalar(select(SpjPurchase.id).where(SpjPurchase.spj_id == spj.id).limit(1)) is not None
