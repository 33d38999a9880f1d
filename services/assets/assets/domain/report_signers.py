"""Who signs the asset reports, from the roster copy: the pengurus barang (``AssetSettings``), the room's person in
charge (the KIR), the Kepala Biro as kuasa pengguna barang ("Mengetahui"). An unknown or unset person prints
as a blank line to sign on (dots), never fails the report."""
from __future__ import annotations

from situok_kit.letters.data import Signer
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import RosterEmployee, RosterUnit
from . import settings

PENGURUS_BARANG = "Pengurus Barang"
KUASA_PENGGUNA = "Kepala Biro Umum dan Protokol\nselaku Kuasa Pengguna Barang"
ROOM_PIC = "Penanggung Jawab Ruangan"


def person(session: Session, employee_id: int | None) -> dict | None:
    """``{employee_id, name, nip, position}`` of an employee on the roster copy, or None."""
    employee = session.get(RosterEmployee, employee_id) if employee_id else None
    if employee is None:
        return None
    return {"employee_id": employee.id, "name": employee.full_name or employee.name, "nip": employee.nip,
            "position": employee.position_name}


def bureau_head(session: Session) -> dict | None:
    """The head of the top unit (the Kepala Biro) on the roster copy."""
    head = session.scalars(
        select(RosterEmployee).join(RosterUnit, RosterUnit.id == RosterEmployee.unit_id)
        .where(RosterUnit.parent_id.is_(None), RosterEmployee.active, RosterEmployee.position_name.ilike("Kepala%"))
        .order_by(RosterEmployee.id).limit(1)).first()
    return person(session, head.id) if head else None


def pengurus_barang(session: Session) -> dict | None:
    """The pengurus barang set in the settings, else the first active employee whose position is Pengurus
    Barang on the roster copy."""
    found = person(session, settings.current(session).pengurus_barang_employee_id)
    if found is None:
        first = session.scalar(select(RosterEmployee.id).where(
            RosterEmployee.active, RosterEmployee.position_name.ilike("Pengurus Barang%")).order_by(RosterEmployee.id)
            .limit(1))
        found = person(session, first)
    return found


def signer(found: dict | None, position: str) -> Signer:
    if found is None:
        return Signer(position=position, name="", nip=None)
    return Signer(position=position, name=found["name"], nip=found["nip"])
