"""The leave recap per unit and year (issue 15, exports): one row per active employee of the unit and its
sub-units — the approved days of each kind of leave taken in the year (by start date) and the annual leave left
— from the leave area's ``leave.recap_rows``.

Who may see it: the staff officers (Subbagian Kepegawaian) and the leave official every unit's; a supervisor
only their own staff (the whole chain below them, ``Caller.all_staff``); anyone else 403. The same rule answers
the screen (``leave_recap``) and the files (``export_leave_recap``, drawn by ``documents.leave_recap``).
"""
from __future__ import annotations

from situok_kit.errors import ValidationFailed
from sqlalchemy.orm import Session

from ..models.leave import LEAVE_KINDS
from . import career, leave
from .access import Caller

#: The kinds' printed names, in the standard form's order (PP 11/2017 Pasal 310; the recap's columns).
KIND_NAMES = {"tahunan": "Cuti Tahunan", "besar": "Cuti Besar", "sakit": "Cuti Sakit",
              "melahirkan": "Cuti Melahirkan", "alasan_penting": "Cuti Karena Alasan Penting",
              "cltn": "Cuti di Luar Tanggungan Negara"}
NOT_ALLOWED = "Hanya pengelola kepegawaian, pejabat yang berwenang atau atasan (untuk bawahannya) yang dapat melihat " \
    "rekap cuti."
MIN_YEAR, MAX_YEAR = 2000, 2100


def kinds() -> list[dict]:
    """The recap's kind columns: ``[{kind, name}]`` in the form's order."""
    return [{"kind": kind, "name": KIND_NAMES.get(kind, kind)} for kind in LEAVE_KINDS]


def sees_every_unit(caller: Caller) -> bool:
    return caller.is_staff_officer or caller.is_official


def require_reader(caller: Caller) -> Caller:
    """Staff officers, the official and supervisors; 403 for anyone else."""
    return caller.require(sees_every_unit(caller) or bool(caller.all_staff), NOT_ALLOWED)


def _number(value) -> float:
    return float(value or 0)


def recap(session: Session, caller: Caller, year: int, unit_id: int | None) -> dict:
    """``LeaveRecapOut``: the year's rows of ``unit_id`` (with its sub-units; every unit without one), only
    the caller's staff for a supervisor who is neither a staff officer nor the official."""
    require_reader(caller)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationFailed("Tahun belum benar.", {"year": f"Tahun {MIN_YEAR}–{MAX_YEAR}."})
    label = career.unit_label(session, unit_id)
    rows = leave.recap_rows(session, career.unit_scope(session, unit_id), year)
    everyone = sees_every_unit(caller)
    if not everyone:
        rows = [r for r in rows if r["employee_id"] in caller.all_staff]
    items = []
    for number, row in enumerate(rows, 1):
        days = {kind: _number(row.get(kind)) for kind in LEAVE_KINDS}
        remaining = row.get("tahunan_remaining")
        items.append({"no": number, "employee_id": row["employee_id"], "full_name": row["full_name"],
                      "nip": row.get("nip"), "unit_name": row.get("unit_name"), "golongan": row.get("golongan"),
                      "days": days, "total_days": sum(days.values()),
                      "tahunan_remaining": None if remaining is None else float(remaining)})
    return {"year": year, "unit_id": unit_id, "unit_label": label, "scope": "all" if everyone else "staff",
            "kinds": kinds(), "items": items}
