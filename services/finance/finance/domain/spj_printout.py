"""The data of an SPJ's printout (``documents.spj``) gathered from the database: the SPJ as the caller may see
it (404 otherwise), its purchases, taxes, budget line and the signers — the PPTK, the bendahara who verified it
and the PPK-SKPD who approved it (above the approval threshold: who endorsed it — the PA/KPA approves after), from
the roster copy (a blank line to sign on until then)."""
from __future__ import annotations

from datetime import date

from situok_kit.clock import wita_day
from situok_kit.letters.data import Signer
from situok_kit.letters.formatting import format_date_id
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..documents import spj as printout
from ..models import BudgetLine, RosterEmployee, SpjPurchase, SpjTax, SpjTransition
from . import spj_access, spj_evidence, spj_settings, taxes
from .access import Caller

POSITIONS = {"pptk": "Pejabat Pelaksana Teknis Kegiatan", "bendahara": "Bendahara Pengeluaran",
             "ppk": "Pejabat Penatausahaan Keuangan SKPD", "pa_kpa": "Pengguna Anggaran/Kuasa Pengguna Anggaran"}


def _signer(session: Session, employee_id: int | None, position: str) -> Signer:
    employee = session.get(RosterEmployee, employee_id) if employee_id else None
    if employee is None:
        return Signer(position=position, name="")
    return Signer(position=position, name=employee.full_name or employee.name, nip=employee.nip)


def _quantity(value) -> str:
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text.replace(".", ",")


def _item_taxes(item) -> str:
    parts = []
    if item.ppn:
        parts.append(f"PPN {item.ppn:,}".replace(",", "."))
    if item.pph:
        parts.append(f"{taxes.TAX_LABELS[item.pph_kind]} {taxes.rate_label(item.pph_rate_bp)}: "
                     f"{item.pph:,}".replace(",", "."))
    return "; ".join(parts) or "-"


def document(session: Session, caller: Caller, spj_id: int, today: date) -> dict:
    """``{filename, content_type, content}`` of the SPJ's PDF."""
    spj = spj_access.load_visible(session, caller, spj_id)
    line = session.get(BudgetLine, spj.budget_line_id)
    tiers = {t.kind: t.label for t in spj_settings.evidence_tiers(session)}
    purchases = list(session.scalars(select(SpjPurchase).where(SpjPurchase.spj_id == spj.id)
                                     .options(selectinload(SpjPurchase.items)).order_by(SpjPurchase.position)))
    entries = list(session.scalars(select(SpjTax).where(SpjTax.spj_id == spj.id).order_by(SpjTax.id)))
    steps = {t.action: t for t in session.scalars(select(SpjTransition).where(SpjTransition.spj_id == spj.id)
                                                  .order_by(SpjTransition.id))}
    ppk_step = "endorse" if spj.endorsed_by_account_id is not None else "approve"
    signed_on = spj.paid_on or (wita_day(steps["approve"].at) if "approve" in steps else today)
    data = printout.SpjPrint(
        number=spj.number, status=spj.status, title=spj.title, fiscal_year=spj.fiscal_year,
        sub_activity_code=line.sub_activity_code, account_code=line.account_code, account_name=line.account_name,
        purchases=tuple(printout.PrintPurchase(
            vendor=p.vendor_name, npwp=spj_evidence.format_npwp(p.vendor_npwp), day=p.purchased_on,
            receipt=p.receipt_number or "-", evidence=tiers.get(p.evidence_kind, p.evidence_kind), total=p.total,
            meterai=p.meterai_required,
            items=tuple(printout.PrintItem(i.description, _quantity(i.quantity), i.unit, i.unit_price, i.amount,
                                           i.category, _item_taxes(i)) for i in p.items))
            for p in purchases),
        taxes=tuple(printout.PrintTax(taxes.TAX_LABELS[t.kind], t.base, taxes.rate_label(t.rate_bp), t.amount,
                                      t.ntpn or "-") for t in entries),
        gross=spj.gross, tax_withheld=spj.tax_withheld, net_payable=spj.net_payable,
        place_date=f"Denpasar, {format_date_id(signed_on)}",
        pptk=_signer(session, spj.pptk_employee_id, POSITIONS["pptk"]),
        bendahara=_signer(session, steps["verify"].actor_employee_id if "verify" in steps else None,
                          POSITIONS["bendahara"]),
        ppk=_signer(session, steps[ppk_step].actor_employee_id if ppk_step in steps else None, POSITIONS["ppk"]),
        # endorsed above the amount: the PA/KPA's approval is the step after the endorsement
        pa_kpa=(_signer(session, steps["approve"].actor_employee_id if "approve" in steps else None,
                        POSITIONS["pa_kpa"]) if spj.endorsed_by_account_id is not None else None),
    )
    name = (spj.number or f"konsep-{spj.id}").replace("/", "-")
    return {"filename": f"SPJ-{name}.pdf", "content_type": "application/pdf", "content": printout.build(data)}
