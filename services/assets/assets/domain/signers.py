"""Who signs assets' letters and reports, from the roster copy — one place for every area (KIR, KIB lists,
depreciation, BAST, the stock-taking and disposal berita acara, the persediaan report): the pengurus barang
(``settings.pengurus_barang``), a room's person in charge, the Kepala Biro as kuasa pengguna barang
("Mengetahui": the active head of the roster's top unit). An unknown or unset person prints as a blank line to
sign on, never fails the letter."""
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


def bureau_head_employee(session: Session) -> RosterEmployee | None:
    """The Kepala Biro: the active employee of the roster's top unit whose position starts with "Kepala"."""
    return session.scalars(
        select(RosterEmployee).join(RosterUnit, RosterUnit.id == RosterEmployee.unit_id)
        .where(RosterUnit.parent_id.is_(None), RosterEmployee.active, RosterEmployee.position_name.ilike("Kepala%"))
        .order_by(RosterEmployee.id).limit(1)).first()


def bureau_head(session: Session) -> dict | None:
    """``person`` of the Kepala Biro."""
    head = bureau_head_employee(session)
    return person(session, head.id) if head else None


def pengurus_barang(session: Session) -> dict | None:
    """``person`` of the pengurus barang who signs (``settings.pengurus_barang``)."""
    found = settings.pengurus_barang(session)
    return person(session, found.id) if found else None


def signer(found: dict | None, position: str) -> Signer:
    """A signature block from a ``person`` dict (blank when unknown)."""
    if found is None:
        return Signer(position=position, name="", nip=None)
    return Signer(position=position, name=found["name"], nip=found["nip"])


def signer_of(employee: RosterEmployee | None, position: str) -> Signer:
    """A signature block from a roster row (blank when unknown)."""
    if employee is None:
        return Signer(position=position, name="", nip=None)
    return Signer(position=position, name=employee.full_name or employee.name, nip=employee.nip)
