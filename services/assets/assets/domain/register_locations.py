"""Buildings → floors → rooms, kept by the pengurus barang. A bookable room or building is published to booking
(``resources.publish_room``/``publish_building``) in the transaction that creates or changes it; one that stops
being bookable or active is withdrawn by the same call."""
from __future__ import annotations

from situok_kit.errors import Conflict, NotFound, ValidationFailed
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..models import Asset, Building, Floor, Room, RosterUnit
from . import resources, roster
from .register import known_employee

# -- buildings and floors -------------------------------------------------------------------------------------

def _room_counts_by_floor(session: Session, floor_ids) -> dict[int, int]:
    if not floor_ids:
        return {}
    return dict(session.execute(select(Room.floor_id, func.count()).where(Room.floor_id.in_(floor_ids))
                                .group_by(Room.floor_id)).all())


def building_view(session: Session, building: Building, counts: dict[int, int] | None = None) -> dict:
    floors = list(building.floors)
    counts = counts if counts is not None else _room_counts_by_floor(session, [f.id for f in floors])
    return {**{c: getattr(building, c) for c in ("id", "code", "name", "address", "asset_id", "bookable", "capacity",
                                                 "facilities", "active", "updated_at")},
            "floors": [{"id": f.id, "building_id": f.building_id, "name": f.name, "level": f.level,
                        "room_count": counts.get(f.id, 0)} for f in floors]}


def list_buildings(session: Session) -> list[dict]:
    buildings = list(session.scalars(select(Building).order_by(Building.code)))
    counts = _room_counts_by_floor(session, [f.id for b in buildings for f in b.floors])
    return [building_view(session, b, counts) for b in buildings]


def get_building(session: Session, building_id: int) -> Building:
    building = session.get(Building, building_id)
    if building is None:
        raise NotFound("Gedung tidak ditemukan.")
    return building


def _unique_code(session: Session, model, code: str, own_id: int | None, what: str) -> None:
    clash = session.scalar(select(model.id).where(func.lower(model.code) == code.lower()))
    if clash and clash != own_id:
        raise Conflict(f"Kode {what} sudah dipakai.", {"code": f"Kode {what} sudah dipakai."})


def _building_asset(session: Session, asset_id: int | None) -> None:
    if asset_id is not None:
        asset = session.get(Asset, asset_id)
        if asset is None or asset.kib != "C":
            raise ValidationFailed("Barang gedung tidak dikenal.", {"asset_id": "Harus barang KIB C yang terdaftar."})


def create_building(tx, payload: dict) -> Building:
    session = tx.session
    _unique_code(session, Building, payload["code"], None, "gedung")
    _building_asset(session, payload.get("asset_id"))
    building = Building(**payload)
    session.add(building)
    session.flush()
    if building.bookable:
        resources.publish_building(tx, building)
    return building


def update_building(tx, building_id: int, payload: dict) -> Building:
    session = tx.session
    building = get_building(session, building_id)
    was_published = building.bookable and building.active
    if "code" in payload:
        _unique_code(session, Building, payload["code"], building.id, "gedung")
    if "asset_id" in payload:
        _building_asset(session, payload["asset_id"])
    for key, value in payload.items():
        setattr(building, key, value)
    session.flush()
    if was_published or building.bookable:
        resources.publish_building(tx, building)
    return building


def create_floor(session: Session, payload: dict) -> Floor:
    building = session.get(Building, payload["building_id"])
    if building is None:
        raise ValidationFailed("Gedung tidak dikenal.", {"building_id": "Gedung tidak ada."})
    if session.scalar(select(Floor.id).where(Floor.building_id == building.id, Floor.name == payload["name"])):
        raise Conflict("Lantai sudah ada.", {"name": "Gedung ini sudah punya lantai dengan nama itu."})
    floor = Floor(**payload)
    session.add(floor)
    session.flush()
    return floor


def update_floor(tx, floor_id: int, payload: dict) -> Floor:
    session = tx.session
    floor = session.get(Floor, floor_id)
    if floor is None:
        raise NotFound("Lantai tidak ditemukan.")
    if "building_id" in payload and payload["building_id"] != floor.building_id:
        raise ValidationFailed("Lantai tidak dipindahkan ke gedung lain.", {"building_id": "Tidak dapat diubah."})
    if "name" in payload and session.scalar(select(Floor.id).where(
            Floor.building_id == floor.building_id, Floor.name == payload["name"], Floor.id != floor.id)):
        raise Conflict("Lantai sudah ada.", {"name": "Gedung ini sudah punya lantai dengan nama itu."})
    for key, value in payload.items():
        setattr(floor, key, value)
    session.flush()
    for room in floor.rooms:  # the location booking shows changed
        if room.bookable and room.active:
            resources.publish_room(tx, room)
    return floor


# -- rooms ----------------------------------------------------------------------------------------------------

def _room_rows(session: Session, rooms: list[Room]) -> list[dict]:
    ids = [r.id for r in rooms]
    counts = dict(session.execute(select(Asset.room_id, func.count()).where(
        Asset.room_id.in_(ids), Asset.status == "active").group_by(Asset.room_id)).all()) if ids else {}
    names = roster.names(session, [r.person_in_charge_employee_id for r in rooms])
    unit_ids = {r.unit_id for r in rooms if r.unit_id}
    units = dict(session.execute(select(RosterUnit.id, RosterUnit.name).where(RosterUnit.id.in_(unit_ids))).all()
                 ) if unit_ids else {}
    answer = []
    for room in rooms:
        floor = room.floor
        answer.append({
            **{c: getattr(room, c) for c in ("id", "floor_id", "code", "name", "person_in_charge_employee_id",
                                             "unit_id", "capacity", "facilities", "bookable", "active",
                                             "updated_at")},
            "floor_name": floor.name, "building_id": floor.building_id, "building_name": floor.building.name,
            "person_in_charge_name": names.get(room.person_in_charge_employee_id),
            "unit_name": units.get(room.unit_id), "item_count": counts.get(room.id, 0)})
    return answer


def list_rooms(session: Session, filters: dict, cursor: str | None, limit: int) -> dict:
    query = select(Room).join(Floor).order_by(Room.code)
    if filters.get("building_id"):
        query = query.where(Floor.building_id == filters["building_id"])
    if filters.get("floor_id"):
        query = query.where(Room.floor_id == filters["floor_id"])
    if not filters.get("include_inactive"):
        query = query.where(Room.active.is_(True))
    for word in (filters.get("q") or "").lower().split():
        query = query.where(or_(func.lower(Room.name).contains(word, autoescape=True),
                                func.lower(Room.code).contains(word, autoescape=True)))
    after = decode_cursor(cursor, 1)
    if after:
        query = query.where(Room.code > str(after[0]))
    rooms = list(session.scalars(query.limit(limit + 1)))
    answer = page(rooms, limit, lambda room: [room.code])
    answer["items"] = _room_rows(session, answer["items"])
    return answer


def get_room(session: Session, room_id: int) -> Room:
    room = session.get(Room, room_id)
    if room is None:
        raise NotFound("Ruangan tidak ditemukan.")
    return room


def room_view(session: Session, room: Room) -> dict:
    return _room_rows(session, [room])[0]


def _room_references(session: Session, payload: dict) -> None:
    if "floor_id" in payload and session.get(Floor, payload["floor_id"]) is None:
        raise ValidationFailed("Lantai tidak dikenal.", {"floor_id": "Lantai tidak ada."})
    if payload.get("person_in_charge_employee_id") is not None:
        known_employee(session, payload["person_in_charge_employee_id"], "person_in_charge_employee_id")
    if payload.get("unit_id") is not None and session.get(RosterUnit, payload["unit_id"]) is None:
        raise ValidationFailed("Unit kerja tidak dikenal.", {"unit_id": "Unit kerja tidak ada."})


def create_room(tx, payload: dict) -> Room:
    session = tx.session
    _room_references(session, payload)
    _unique_code(session, Room, payload["code"], None, "ruangan")
    room = Room(**payload)
    session.add(room)
    session.flush()
    session.refresh(room)
    if room.bookable:
        resources.publish_room(tx, room)
    return room


def update_room(tx, room_id: int, payload: dict) -> Room:
    session = tx.session
    room = get_room(session, room_id)
    was_published = room.bookable and room.active
    _room_references(session, payload)
    if "code" in payload:
        _unique_code(session, Room, payload["code"], room.id, "ruangan")
    if payload.get("active") is False and room.active and session.scalar(
            select(func.count()).select_from(Asset).where(Asset.room_id == room.id, Asset.status == "active")):
        raise Conflict("Ruangan masih berisi barang.", {"active": "Pindahkan barangnya dahulu (serah terima)."})
    for key, value in payload.items():
        setattr(room, key, value)
    session.flush()
    session.refresh(room)
    if was_published or room.bookable:
        resources.publish_room(tx, room)
    return room
