"""The configurable tables an admin maintains: level rules, approval rules, number templates, and the letter
settings (who signs the SPPD and the money letters, the SPPD's title and PERHATIAN text).

The tables are seeded from travel/data and replaced whole by ``update_rules``; the letter settings are one row,
seeded with the regional-government defaults below and changed field by field. A change of level rules re-derives
every roster employee's rank and travel-cost level in the same transaction (orders keep the values they were
drafted with).
"""
from __future__ import annotations

from situok_kit.errors import ValidationFailed
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ..models import ApprovalRule, LetterSettings, LevelRule, NumberTemplate, RosterEmployee
from . import numbering, roster
from .common import View

#: The SPPD's title in a regional government (the central form says "SURAT PERJALANAN DINAS (SPD)").
DEFAULT_SPPD_TITLE = "SURAT PERINTAH PERJALANAN DINAS (SPPD)"
#: The liability note of sheet II in a regional government's words ("Keuangan Daerah", not the central
#: PMK's "Keuangan Negara"); *verify* against the Pergub on perjalanan dinas.
DEFAULT_PERHATIAN = ("PA/KPA atau PPK yang menerbitkan SPPD, pegawai yang melakukan perjalanan dinas, para pejabat "
                     "yang mengesahkan tanggal berangkat/tiba, serta bendahara pengeluaran bertanggung jawab "
                     "berdasarkan peraturan-peraturan Keuangan Daerah apabila Daerah menderita rugi akibat "
                     "kesalahan, kelalaian, dan kealpaannya.")
#: Lodging without a hotel bill is commonly paid at this share of the ceiling (*verify*).
DEFAULT_LODGING_WITHOUT_RECEIPT_PERCENT = 30
DEFAULT_LETTERS = {"pa_kpa_employee_id": None, "ppk_employee_id": None, "pptk_employee_id": None,
                   "bendahara_employee_id": None, "sppd_signer": "pa_kpa", "sppd_title": DEFAULT_SPPD_TITLE,
                   "perhatian": DEFAULT_PERHATIAN,
                   "lodging_without_receipt_percent": DEFAULT_LODGING_WITHOUT_RECEIPT_PERCENT}
#: The signer ids a realization records (``Order.signers``) and ``travel.order_realized`` carries.
SIGNER_FIELDS = ("pa_kpa_employee_id", "ppk_employee_id", "pptk_employee_id", "bendahara_employee_id")


def letters(session: Session) -> LetterSettings:
    """The letter settings (the seeded row, or the defaults when it is missing)."""
    return session.get(LetterSettings, 1) or LetterSettings(id=1, **DEFAULT_LETTERS)


def signers(session: Session) -> dict:
    """The signer ids as the realization records them."""
    row = letters(session)
    return {name: getattr(row, name) for name in SIGNER_FIELDS}


def _update_letters(session: Session, changes: dict) -> None:
    errors = {}
    for name in SIGNER_FIELDS:
        employee_id = changes.get(name)
        if employee_id is not None:
            employee = session.get(RosterEmployee, employee_id)
            if employee is None or not employee.active:
                errors[f"letters.{name}"] = "Pegawai tidak ditemukan atau tidak aktif."
    if errors:
        raise ValidationFailed("Pengaturan surat tidak valid.", errors)
    row = session.get(LetterSettings, 1, with_for_update=True)
    if row is None:
        row = LetterSettings(id=1, **DEFAULT_LETTERS)
        session.add(row)
    for name, value in changes.items():
        setattr(row, name, value)


def get_rules(session: Session) -> View:
    """The three tables (``RulesOut``)."""
    return View(
        level_rules=list(session.scalars(select(LevelRule).order_by(LevelRule.priority))),
        approval_rules=list(session.scalars(select(ApprovalRule).order_by(ApprovalRule.traveller_rank,
                                                                          ApprovalRule.approver_role))),
        number_templates=list(session.scalars(select(NumberTemplate).order_by(NumberTemplate.kind))),
        letters=letters(session),
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
    if data.get("letters"):
        _update_letters(session, data["letters"])
    session.flush()
    return get_rules(session)
