"""Sample data for ``make run`` only (never in a deployment: ``Service.demo``): the Biro Umum dan Protokol's
buildings and rooms, a register of everyday items (laptops, a printer, an air conditioner, a meeting table, a
projector, two cars and a motorcycle, the office land and building) and a first receipt of office supplies — so
the pages have something to show. Written through the domain functions (numbers, history, events), each part once
(the building ``GUB-A`` marks it done).

    python -m assets.demo
"""
from __future__ import annotations

import sys
from datetime import date

from situok_kit.db import Transaction, run_in_database
from situok_kit.identity import SYSTEM
from sqlalchemy import select
from sqlalchemy.orm import Session

from .domain import access, register_items, register_locations, supplies
from .models import Building, RosterEmployee, SupplyItem, kit_tables
from .schemas.register import AssetBuildingIn, AssetFloorIn, AssetIn, AssetRoomIn
from .schemas.supplies import SupplyReceiptIn

ADDRESS = "Jl. Basuki Rahmat No. 1, Niti Mandala Renon, Denpasar"
BUILDINGS = (
    ("GUB-A", "Gedung Kantor Gubernur Bali (Gedung A)", False, None, []),
    ("WSU", "Gedung Wiswa Sabha Utama", True, 500, ["sound_system", "proyektor", "panggung"]),
)
#: room code, name, building, floor, bookable, capacity, facilities, person in charge (roster position)
ROOMS = (
    ("R-KARO", "Ruang Kepala Biro Umum dan Protokol", "GUB-A", "Lantai 2", False, None, [], None),
    ("R-TU", "Ruang Bagian Tata Usaha", "GUB-A", "Lantai 1", False, None, [], None),
    ("R-RAPAT", "Ruang Rapat Biro Umum", "GUB-A", "Lantai 2", True, 30, ["proyektor", "video_conference"], None),
    ("R-GUDANG", "Gudang Barang Persediaan", "GUB-A", "Lantai 1", False, None, [], "Pengurus Barang"),
)
#: code, name, year, value, condition, room, details
ITEMS = (
    ("1.3.2.10.01.02.002", "Laptop Lenovo ThinkPad E14", 2024, 15_000_000, "B", "R-TU",
     {"brand": "Lenovo", "type": "ThinkPad E14", "material": "Plastik"}),
    ("1.3.2.10.01.02.002", "Laptop Lenovo ThinkPad E14", 2024, 15_000_000, "B", "R-TU",
     {"brand": "Lenovo", "type": "ThinkPad E14", "material": "Plastik"}),
    ("1.3.2.10.01.02.001", "PC Unit HP ProDesk 400", 2021, 12_500_000, "KB", "R-TU",
     {"brand": "HP", "type": "ProDesk 400 G7"}),
    ("1.3.2.10.02.03.003", "Printer Epson L3210", 2023, 2_900_000, "B", "R-TU", {"brand": "Epson", "type": "L3210"}),
    ("1.3.2.05.02.04.001", "AC Split Daikin 1,5 PK", 2019, 6_750_000, "RB", "R-KARO",
     {"brand": "Daikin", "type": "FTKC35", "size_cc": "1,5 PK"}),
    ("1.3.2.05.02.01.010", "Meja Rapat Kayu Jati", 2018, 9_500_000, "B", "R-RAPAT", {"material": "Kayu jati"}),
    ("1.3.2.05.01.05.048", "LCD Projector Epson EB-X51", 2022, 7_800_000, "B", "R-RAPAT",
     {"brand": "Epson", "type": "EB-X51"}),
    ("1.3.2.02.01.02.003", "Toyota Kijang Innova 2.0 G", 2022, 385_000_000, "B", None,
     {"brand": "Toyota", "type": "Kijang Innova 2.0 G", "size_cc": "1998", "plate_number": "DK 1045 AB",
      "frame_number": "MHFJW8EM2N2345678", "engine_number": "1TR7654321", "bpkb_number": "P-01234567",
      "seats": 7, "fuel": "bensin"}),
    ("1.3.2.02.01.02.003", "Toyota Hiace Commuter", 2020, 520_000_000, "KB", None,
     {"brand": "Toyota", "type": "Hiace Commuter", "size_cc": "2755", "plate_number": "DK 1188 AB",
      "frame_number": "JTFSS22P3L0123456", "engine_number": "1GD0123456", "bpkb_number": "P-07654321",
      "seats": 15, "fuel": "solar"}),
    ("1.3.2.02.01.04.001", "Sepeda Motor Honda Vario 125", 2021, 23_000_000, "B", None,
     {"brand": "Honda", "type": "Vario 125", "size_cc": "125", "plate_number": "DK 3456 AC",
      "frame_number": "MH1JM3119MK123456", "engine_number": "JM31E1234567", "bpkb_number": "P-02345678",
      "seats": 2, "fuel": "bensin"}),
    ("1.3.1.01.01.01.001", "Tanah Kantor Biro Umum dan Protokol", 1985, 4_250_000_000, "B", None,
     {"area_m2": 2400, "address": ADDRESS, "certificate_status": "sertifikat", "certificate_number": "HP 00123",
      "certificate_date": "1987-05-12", "rights": "Hak pakai", "use": "Kantor pemerintah"}),
    ("1.3.3.01.01.01.001", "Gedung Kantor Biro Umum dan Protokol", 1990, 6_800_000_000, "B", None,
     {"floors": 2, "construction": "permanen", "concrete": True, "floor_area_m2": 1250, "address": ADDRESS,
      "land_status": "Tanah milik Pemerintah Provinsi Bali"}),
)
#: supply code, quantity, unit price
RECEIPT = (("ATK-001", 50, 52_000), ("ATK-003", 120, 3_500), ("ATK-004", 60, 2_500), ("KOM-001", 12, 95_000))


def _employee_with_position(session: Session, position: str | None) -> int | None:
    if not position:
        return None
    return session.scalar(select(RosterEmployee.id).where(RosterEmployee.position_name == position,
                                                          RosterEmployee.active.is_(True)).limit(1))


def load(session: Session) -> dict:
    """The sample data, once: ``{}`` when ``GUB-A`` already exists."""
    if session.scalar(select(Building.id).where(Building.code == "GUB-A")) is not None:
        return {}
    tx = Transaction(session, kit_tables, {}, SYSTEM.actor())
    caller = access.caller_of(SYSTEM)
    floors: dict[tuple[str, str], int] = {}
    for code, name, bookable, capacity, facilities in BUILDINGS:
        building = register_locations.create_building(tx, AssetBuildingIn().load(
            {"code": code, "name": name, "address": ADDRESS, "bookable": bookable, "capacity": capacity,
             "facilities": facilities}))
        for level, floor_name in enumerate(("Lantai 1", "Lantai 2"), start=1):
            floor = register_locations.create_floor(session, AssetFloorIn().load(
                {"building_id": building.id, "name": floor_name, "level": level}))
            floors[(code, floor_name)] = floor.id
    rooms: dict[str, int] = {}
    for code, name, building, floor, bookable, capacity, facilities, position in ROOMS:
        room = register_locations.create_room(tx, AssetRoomIn().load(
            {"floor_id": floors[(building, floor)], "code": code, "name": name, "bookable": bookable,
             "capacity": capacity, "facilities": facilities,
             "person_in_charge_employee_id": _employee_with_position(session, position)}))
        rooms[code] = room.id
    for code, name, year, value, condition, room, details in ITEMS:
        register_items.register(tx, caller, AssetIn().load(
            {"code": code, "name": name, "acquisition_year": year, "acquisition_date": f"{year}-03-15",
             "acquisition_value": value, "source": "apbd", "condition": condition,
             "room_id": rooms.get(room), "details": details}))
    items = dict(session.execute(select(SupplyItem.code, SupplyItem.id)).all())
    lines = [{"item_id": items[code], "quantity": quantity, "unit_price": price}
             for code, quantity, price in RECEIPT if code in items]
    if lines:
        supplies.receive(tx, caller, SupplyReceiptIn().load(
            {"received_on": date.today().replace(day=1).isoformat(), "supplier": "CV Sarana Kantor Denpasar",
             "document_number": "FKT/ATK/001", "lines": lines}))
    return {"buildings": len(BUILDINGS), "rooms": len(ROOMS), "items": len(ITEMS), "supply_lines": len(lines)}


def main() -> int:
    report = run_in_database("assets", load)
    print("assets demo: " + (", ".join(f"{k}: {v}" for k, v in report.items()) or "already loaded") + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
