"""Who signs the stock-taking and disposal letters, from the roster copy: the pengurus barang of the settings,
the Kepala Biro ("Mengetahui": the head of the top unit), a campaign's team (its rooms' checkers)."""
from __future__ import annotations

from situok_kit.letters.data import Signer
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import RosterEmployee, RosterUnit
from . import settings as settings_area

KEPALA_BIRO = "KEPALA BIRO UMUM DAN PROTOKOL\nSELAKU KUASA PENGGUNA BARANG"
PENGURUS = "PENGURUS BARANG"


def signer(employee: RosterEmployee | None, position: str) -> Signer:
    if employee is None:
        return Signer(position=position, name="")
    return Signer(position=position, name=employee.full_name or employee.name, nip=employee.nip)


def kepala_biro(session: Session) -> RosterEmployee | None:
    return session.scalars(
        select(RosterEmployee).join(RosterUnit, RosterUnit.id == RosterEmployee.unit_id)
        .where(RosterUnit.parent_id.is_(None), RosterEmployee.active, RosterEmployee.position_name.ilike("Kepala%"))
        .order_by(RosterEmployee.id).limit(1)).first()


def pengurus_barang(session: Session) -> RosterEmployee | None:
    employee_id = settings_area.current(session).pengurus_barang_employee_id
    return session.get(RosterEmployee, employee_id) if employee_id else None


def employee_line(employee: RosterEmployee | None) -> dict:
    if employee is None:
        return {"employee_id": None, "name": "", "nip": None, "position": None}
    return {"employee_id": employee.id, "name": employee.full_name or employee.name, "nip": employee.nip,
            "position": employee.position_name}
