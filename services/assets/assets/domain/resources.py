"""What booking may lend, as assets publishes it (``schemas.resources``): four-wheeled vehicles of the register
(a code with ``vehicle_wheels = 4``), and rooms and buildings marked ``bookable``.

Every area that changes such a thing calls ``publish_*`` in its transaction (the outbox sends it after the
commit): registering or editing a vehicle, a condition change (handover, stock-taking), maintenance starting or
ending, a room's capacity or facilities. ``withdraw`` when it can no longer be lent at all (disposed, no longer
bookable). A resource is ``available`` when it is active, not in bad condition (RB) and not under maintenance
now; maintenance *windows* are published separately (``assets.maintenance_scheduled``) so booking blocks the
time ahead.
"""
from __future__ import annotations

from situok_contracts.events import Assets
from situok_kit.clock import utcnow
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Asset, AssetCode, Building, Room
from ..schemas.resources import ResourceEvent, ResourceWithdrawnEvent
from . import maintenance_state

_resource_event = ResourceEvent()
_withdrawn_event = ResourceWithdrawnEvent()


def vehicle_key(asset_id: int) -> str:
    return f"vehicle:{asset_id}"


def room_key(room_id: int) -> str:
    return f"room:{room_id}"


def building_key(building_id: int) -> str:
    return f"building:{building_id}"


def wheels_of(session: Session, asset: Asset) -> int | None:
    code = session.get(AssetCode, asset.code)
    return code.vehicle_wheels if code else None


def is_lendable_vehicle(session: Session, asset: Asset) -> bool:
    """A four-wheeled motor vehicle of the register (booking lends cars, not motorcycles)."""
    return asset.kib == "B" and wheels_of(session, asset) == 4


def vehicle_view(session: Session, asset: Asset) -> dict:
    details = asset.details or {}
    under = maintenance_state.under_maintenance(session, asset.id)
    brand = " ".join(str(details[k]) for k in ("brand", "type") if details.get(k)) or None
    return {
        "resource_key": vehicle_key(asset.id), "kind": "vehicle", "asset_id": asset.id, "room_id": None,
        "building_id": None, "name": asset.name, "code": details.get("plate_number"), "location": None,
        "capacity": details.get("seats"), "facilities": [], "condition": asset.condition,
        "available": asset.status == "active" and asset.condition != "RB" and not under,
        "under_maintenance": under, "plate": details.get("plate_number"), "brand": brand,
        "seats": details.get("seats"), "fuel": details.get("fuel"), "wheels": wheels_of(session, asset),
        "odometer_km": asset.odometer_km, "person_in_charge_employee_id": asset.holder_employee_id,
        "updated_at": utcnow(),
    }


def room_view(session: Session, room: Room) -> dict:
    floor = room.floor
    return {
        "resource_key": room_key(room.id), "kind": "room", "asset_id": None, "room_id": room.id,
        "building_id": floor.building_id, "name": room.name, "code": room.code,
        "location": f"{floor.building.name}, {floor.name}", "capacity": room.capacity,
        "facilities": list(room.facilities or []), "condition": None,
        "available": room.active and room.bookable, "under_maintenance": False, "plate": None, "brand": None,
        "seats": None, "fuel": None, "wheels": None, "odometer_km": None,
        "person_in_charge_employee_id": room.person_in_charge_employee_id, "updated_at": utcnow(),
    }


def building_view(session: Session, building: Building) -> dict:
    asset = session.get(Asset, building.asset_id) if building.asset_id else None
    return {
        "resource_key": building_key(building.id), "kind": "building", "asset_id": building.asset_id,
        "room_id": None, "building_id": building.id, "name": building.name, "code": building.code,
        "location": building.address, "capacity": building.capacity,
        "facilities": list(building.facilities or []), "condition": asset.condition if asset else None,
        "available": building.active and building.bookable and not (asset and asset.condition == "RB"),
        "under_maintenance": False, "plate": None, "brand": None, "seats": None, "fuel": None, "wheels": None,
        "odometer_km": None, "person_in_charge_employee_id": None, "updated_at": utcnow(),
    }


def publish_vehicle(tx, asset: Asset) -> None:
    """Publish a vehicle's state (nothing for an item that is not a lendable vehicle); a disposed one is
    withdrawn."""
    session = tx.session
    if not is_lendable_vehicle(session, asset):
        return
    if asset.status == "disposed":
        withdraw(tx, vehicle_key(asset.id), "vehicle", asset.id, "disposed")
        return
    tx.emit(Assets.RESOURCE_PUBLISHED, _resource_event.dump(vehicle_view(session, asset)))


def publish_room(tx, room: Room) -> None:
    """Publish a bookable room; a room that stops being bookable or active is withdrawn."""
    if room.bookable and room.active:
        tx.emit(Assets.RESOURCE_PUBLISHED, _resource_event.dump(room_view(tx.session, room)))
    else:
        withdraw(tx, room_key(room.id), "room", None, "not_bookable" if room.active else "inactive")


def publish_building(tx, building: Building) -> None:
    if building.bookable and building.active:
        tx.emit(Assets.RESOURCE_PUBLISHED, _resource_event.dump(building_view(tx.session, building)))
    else:
        withdraw(tx, building_key(building.id), "building", building.asset_id,
                 "not_bookable" if building.active else "inactive")


def withdraw(tx, key: str, kind: str, asset_id: int | None, reason: str) -> None:
    tx.emit(Assets.RESOURCE_WITHDRAWN, _withdrawn_event.dump(
        {"resource_key": key, "kind": kind, "asset_id": asset_id, "reason": reason, "withdrawn_at": utcnow()}))


#: The order booking's snapshot walks the kinds in (its cursor is ``[kind index, last id]``).
SNAPSHOT_KINDS = ("building", "room", "vehicle")


def snapshot(session: Session, cursor: list | None, limit: int) -> dict:
    """Every resource booking may lend, as ``publish_*`` would publish it now (``ResourceEvent`` views):
    bookable active buildings, bookable active rooms, lendable vehicles not disposed — by kind, then id;
    ``cursor`` ``[kind index, last id]`` (``pagination.decode_cursor``). booking's ``sync_resources`` pulls it
    (``booking_resource_snapshot``, system only)."""
    kind_index, after = (int(cursor[0]), int(cursor[1])) if cursor else (0, 0)
    views: list[tuple[int, int, dict]] = []
    for index in range(kind_index, len(SNAPSHOT_KINDS)):
        start = after if index == kind_index else 0
        wanted = limit + 1 - len(views)
        if wanted <= 0:
            break
        kind = SNAPSHOT_KINDS[index]
        if kind == "building":
            rows = session.scalars(select(Building).where(Building.bookable.is_(True), Building.active.is_(True),
                                                          Building.id > start).order_by(Building.id).limit(wanted))
            views += [(index, row.id, building_view(session, row)) for row in rows]
        elif kind == "room":
            rows = session.scalars(select(Room).where(Room.bookable.is_(True), Room.active.is_(True),
                                                      Room.id > start).order_by(Room.id).limit(wanted))
            views += [(index, row.id, room_view(session, row)) for row in rows]
        else:
            rows = session.scalars(select(Asset).join(AssetCode, AssetCode.code == Asset.code).where(
                Asset.kib == "B", AssetCode.vehicle_wheels == 4, Asset.status != "disposed",
                Asset.id > start).order_by(Asset.id).limit(wanted))
            views += [(index, row.id, vehicle_view(session, row)) for row in rows]
    more = len(views) > limit
    views = views[:limit]
    return {"items": [view for _, _, view in views],
            "next_cursor": [views[-1][0], views[-1][1]] if more and views else None}
