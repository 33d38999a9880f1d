"""The DUK (Daftar Urut Kepangkatan) and the nominative list (Daftar Nominatif), as rows ready to print.

* DUK: the PNS of a unit (and its sub-units; all without one), ordered by ``career_rules.duk_key`` — golongan
  desc, rank TMT asc, position level (struktural order), masa kerja desc, age desc. Education and training come
  from the documents area (``domain.documents.education_of``/``trainings_of``: verified diplomas and
  certificates) in one query each for all the rows. "Catatan Mutasi" stays empty: the roster copy keeps no
  history of moves.
* Nominative: every active employee (PNS, PPPK, non-ASN) of the unit, by name.

One query for the employees (streamed), no query per row.
"""
from __future__ import annotations

from datetime import date

from situok_contracts.positions import LEVEL_LABELS, STATUS_LABELS
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import RosterEmployee
from . import career_rules as rules_mod
from . import documents

EMPLOYMENT_LABELS = {"pns": "PNS", "pppk": "PPPK", "non_asn": "Non-ASN"}
GENDER_LABELS = {"L": "Laki-laki", "P": "Perempuan"}


def _education(session: Session, ids: list[int]) -> tuple[dict, dict]:
    """The documents area's verified diplomas and training certificates of ``ids`` (one query each)."""
    return documents.education_of(session, ids), documents.trainings_of(session, ids)


def _employees(session: Session, unit_ids: set[int] | None, pns_only: bool):
    query = select(RosterEmployee).where(RosterEmployee.active.is_(True))
    if pns_only:
        query = query.where(RosterEmployee.employment_type == "pns")
    if unit_ids is not None:
        query = query.where(RosterEmployee.unit_id.in_(unit_ids))
    return session.scalars(query.order_by(RosterEmployee.name, RosterEmployee.id))


def duk_rows(session: Session, unit_ids: set[int] | None, today: date) -> list[dict]:
    employees = sorted(_employees(session, unit_ids, True), key=lambda e: rules_mod.duk_key(e, today))
    education, trainings = _education(session, [e.id for e in employees])
    rows = []
    for number, e in enumerate(employees, 1):
        mk = rules_mod.masa_kerja(e.tmt_cpns, today)
        diploma = education.get(e.id) or {}
        courses = trainings.get(e.id) or []
        rows.append({
            "no": number, "employee_id": e.id, "full_name": e.full_name, "nip": e.nip or "",
            "pangkat": e.pangkat or "", "golongan": e.golongan or "", "rank_tmt": e.rank_tmt,
            "position_name": e.position_name or "", "position_level": LEVEL_LABELS.get(e.position_level, ""),
            "position_tmt": e.position_tmt,
            "masa_kerja_years": mk[0] if mk else None, "masa_kerja_months": mk[1] if mk else None,
            "training_name": "; ".join(c.get("name") or "" for c in courses),
            "training_year": "; ".join(str(c.get("year") or "") for c in courses),
            "training_hours": sum(int(c.get("hours") or 0) for c in courses) if courses else None,
            "education_name": " ".join(x for x in (diploma.get("major"), diploma.get("institution")) if x),
            "education_year": diploma.get("year"), "education_level": diploma.get("level") or "",
            "age": rules_mod.age_on(e.birth_date, today),
            "mutation_note": "", "remark": STATUS_LABELS.get(e.status, e.status or "") if e.status != "aktif" else "",
        })
    return rows


def nominative_rows(session: Session, unit_ids: set[int] | None) -> list[dict]:
    rows = []
    for number, e in enumerate(_employees(session, unit_ids, False), 1):
        rank = " ".join(x for x in (e.pangkat, e.golongan) if x) if e.employment_type == "pns" else (
            e.pppk_grade or "")
        rows.append({
            "no": number, "employee_id": e.id, "full_name": e.full_name, "nip": e.nip or e.nik or "",
            "employment_type": EMPLOYMENT_LABELS.get(e.employment_type, e.employment_type), "rank": rank,
            "position_name": e.position_name or "", "unit_name": e.unit_name or "", "tmt_cpns": e.tmt_cpns,
            "gender": GENDER_LABELS.get(e.gender, e.gender or ""), "birth_date": e.birth_date,
            "status": STATUS_LABELS.get(e.status, e.status or ""),
        })
    return rows
