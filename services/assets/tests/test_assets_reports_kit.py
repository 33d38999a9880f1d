"""Helpers, no tests: rooms and items written straight into assets' test database for the reports' tests — the
reports read the register, they do not depend on the register's RPCs."""
from __future__ import annotations

from datetime import UTC, date, datetime

from assets.domain import numbering
from assets.models import Asset, Building, Floor, Room
from assets_testkit import unique
from sqlalchemy.orm import Session

LAPTOP = "1.3.2.10.01.02.001"
CHAIR = "1.3.2.05.02.01.003"
LAND = "1.3.1.01.01.01.001"


def room(engine, person_in_charge: int | None = None, unit_id: int | None = None) -> dict:
    with Session(engine) as session, session.begin():
        building = Building(code=unique("GR"), name="Gedung Uji Laporan", address="Jl. Basuki Rahmat")
        session.add(building)
        session.flush()
        floor = Floor(building_id=building.id, name="Lantai 1", level=1)
        session.add(floor)
        session.flush()
        found = Room(floor_id=floor.id, code=unique("RR"), name="Ruang Uji KIR",
                     person_in_charge_employee_id=person_in_charge, unit_id=unit_id)
        session.add(found)
        session.flush()
        return {"id": found.id, "code": found.code, "name": found.name, "building": building.name}


def item(engine, *, code: str = LAPTOP, name: str = "Laptop", room_id: int | None = None, value: int = 15_000_000,
         acquired: date = date(2024, 3, 10), condition: str = "B", details: dict | None = None, kib: str = "B",
         notes: str | None = None, disposed_at: datetime | None = None) -> dict:
    with Session(engine) as session, session.begin():
        asset = Asset(code=code, register_number=numbering.next_register_number(session, code), kib=kib, name=name,
                      acquisition_year=acquired.year, acquisition_date=acquired, acquisition_value=value,
                      source="apbd", condition=condition, room_id=room_id, details=details or {}, notes=notes,
                      registered_by="tests", status="disposed" if disposed_at else "active",
                      disposed_at=disposed_at)
        session.add(asset)
        session.flush()
        return {"id": asset.id, "code": asset.code, "register_number": asset.register_number, "name": name}


def disposed_on(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 4, tzinfo=UTC)
