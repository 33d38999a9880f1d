"""The KIR (Kartu Inventaris Ruangan) of a room: always current — read from the register when asked (the active
items whose ``room_id`` is the room), never stored.

Identical items (same code, name, merk/model, year and condition) make one line with their count and register
numbers (``0001–0004, 0007``), as KIRs are printed. The KIR is signed by the room's person in charge and the
pengurus barang (``AssetSettings``), names and NIPs from the roster copy, under "Denpasar, <date>".
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from situok_kit.errors import NotFound
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Asset, AssetCode, Building, Floor, Room, RosterUnit
from . import settings
from . import signers as signing

#: The totals' fields per condition.
CONDITION_TOTALS = {"B": "baik", "KB": "kurang_baik", "RB": "rusak_berat"}


def register_ranges(numbers: Iterable[int]) -> str:
    """``[1, 2, 3, 4, 7]`` → ``0001–0004, 0007``."""
    ordered = sorted(set(numbers))
    parts, start, prev = [], None, None
    for n in ordered:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            parts.append((start, prev))
            start = prev = n
    if start is not None:
        parts.append((start, prev))
    return ", ".join(f"{a:04d}" if a == b else f"{a:04d}–{b:04d}" for a, b in parts)


def _brand(details: dict) -> str:
    return " / ".join(str(v) for v in (details.get("brand"), details.get("type") or details.get("model")) if v)


def group_lines(items: list[dict]) -> list[dict]:
    """One line per group of identical items, in code then register order (pure: ``items`` are the register's
    rows as dicts with ``details``)."""
    groups: dict[tuple, dict] = {}
    for item in sorted(items, key=lambda i: (i["code"], i["register_number"])):
        details = item.get("details") or {}
        brand = _brand(details)
        key = (item["code"], item["name"], brand, item["acquisition_year"], item["condition"])
        line = groups.get(key)
        if line is None:
            line = groups[key] = {
                "code": item["code"], "code_name": item.get("code_name") or "", "name": item["name"], "brand": brand,
                "serial_numbers": [], "size": "", "material": "", "acquisition_year": item["acquisition_year"],
                "condition": item["condition"], "count": 0, "register_numbers": [], "acquisition_value": 0,
                "notes": [], "asset_ids": []}
        line["count"] += 1
        line["register_numbers"].append(item["register_number"])
        line["asset_ids"].append(item["id"])
        line["acquisition_value"] += item["acquisition_value"]
        serial = details.get("serial_number")
        if serial and serial not in line["serial_numbers"]:
            line["serial_numbers"].append(str(serial))
        line["size"] = line["size"] or str(details.get("size") or details.get("size_cc") or "")
        line["material"] = line["material"] or str(details.get("material") or "")
        if item.get("notes") and item["notes"] not in line["notes"]:
            line["notes"].append(item["notes"])
    lines = []
    for n, line in enumerate(groups.values(), 1):
        lines.append({**line, "no": n, "serial_number": ", ".join(line.pop("serial_numbers")),
                      "registers": register_ranges(line["register_numbers"]), "notes": "; ".join(line["notes"])})
    return lines


def room_inventory(session: Session, room_id: int, on: date) -> dict:
    """``RoomInventoryOut``: the room, its lines and totals, who signs, the date printed."""
    row = session.execute(
        select(Room, Floor, Building).join(Floor, Floor.id == Room.floor_id)
        .join(Building, Building.id == Floor.building_id)
        .where(Room.id == room_id)).first()
    if row is None:
        raise NotFound("Ruangan tidak ditemukan.")
    room, floor, building = row
    unit_name = session.scalar(select(RosterUnit.name).where(RosterUnit.id == room.unit_id)) if room.unit_id else None
    items = [dict(r._mapping) for r in session.execute(
        select(Asset.id, Asset.code, Asset.register_number, Asset.name, Asset.details, Asset.acquisition_year,
               Asset.acquisition_value, Asset.condition, Asset.notes, AssetCode.name.label("code_name"))
        .join(AssetCode, AssetCode.code == Asset.code)
        .where(Asset.room_id == room.id, Asset.status == "active"))]
    lines = group_lines(items)
    bureau = settings.current(session)
    return {
        "room": {"id": room.id, "code": room.code, "name": room.name, "floor_name": floor.name,
                 "building_name": building.name, "building_code": building.code, "unit_id": room.unit_id,
                 "unit_name": unit_name},
        "bureau_name": bureau.bureau_name, "unit_code": bureau.unit_code,
        "lines": lines,
        "totals": {"lines": len(lines), "items": sum(line["count"] for line in lines),
                   "acquisition_value": sum(line["acquisition_value"] for line in lines),
                   **{name: sum(line["count"] for line in lines if line["condition"] == c)
                      for c, name in CONDITION_TOTALS.items()}},
        "person_in_charge": signing.person(session, room.person_in_charge_employee_id),
        "pengurus_barang": signing.pengurus_barang(session),
        "printed_on": on,
    }
