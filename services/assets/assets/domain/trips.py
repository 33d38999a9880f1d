"""booking's vehicle trips into the history: ``booking.trip_returned`` (consumed by
``entrypoints.maintenance.MaintenanceEntrypoints.on_trip_returned``).

Accepted payload (``schemas.maintenance.BookingTripReturnedIn``; booking is built later, fields it adds are
ignored): ``{trip_id, asset_id, resource_key, driver_employee_id, checked_out_at, returned_at, odometer_out,
odometer_in, fuel_out, fuel_in, damage: text|null, destination}``. Redelivery of one event is absorbed by the
kit's consumer (``processed_events``); the same trip under another event id is recognised by its history row.
"""
from __future__ import annotations

import logging

from sqlalchemy import exists, select

from ..models import Asset, AssetHistory
from . import history, resources

log = logging.getLogger(__name__)

def trip_returned(tx, data: dict, event_id: str) -> AssetHistory | None:
    """booking's ``trip_returned`` (``schemas.maintenance.BookingTripReturnedIn``, loaded): a ``trip`` row in
    the vehicle's history (odometer in, km driven, damage), the odometer raised when greater (and a lendable
    vehicle re-published). An unknown item is logged and ignored; a trip already recorded is not recorded
    twice (booking re-publishing it under a new event id)."""
    session = tx.session
    asset = session.scalar(select(Asset).where(Asset.id == data["asset_id"]).with_for_update())
    if asset is None:
        log.warning("booking.trip_returned %s: unknown asset %s (trip %s) ignored", event_id, data["asset_id"],
                    data["trip_id"])
        return None
    if session.scalar(select(exists().where(AssetHistory.asset_id == asset.id, AssetHistory.kind == "trip",
                                            AssetHistory.reference_kind == "trip",
                                            AssetHistory.reference_id == data["trip_id"]))):
        log.info("booking.trip_returned %s: trip %s already in the history", event_id, data["trip_id"])
        return None
    out_km, in_km = data.get("odometer_out"), data.get("odometer_in")
    driven = in_km - out_km if in_km is not None and out_km is not None and in_km >= out_km else None
    damage = (data.get("damage") or "").strip() or None
    parts = []
    if data.get("destination"):
        parts.append(f"Perjalanan ke {data['destination']}")
    if driven is not None:
        parts.append(f"{driven} km")
    if damage:
        parts.append(f"Kerusakan dilaporkan: {damage}")
    row = history.record(
        session, asset, "trip", "system", note="; ".join(parts) or None, reference=("trip", data["trip_id"], None),
        odometer_km=in_km,
        data={"trip_id": data["trip_id"], "event_id": event_id, "driver_employee_id": data.get("driver_employee_id"),
              "checked_out_at": data["checked_out_at"].isoformat() if data.get("checked_out_at") else None,
              "returned_at": data["returned_at"].isoformat() if data.get("returned_at") else None,
              "odometer_out": out_km, "odometer_in": in_km, "km_driven": driven,
              "fuel_out": data.get("fuel_out"), "fuel_in": data.get("fuel_in"), "damage": damage,
              "destination": data.get("destination")})
    if in_km is not None and (asset.odometer_km is None or in_km > asset.odometer_km):
        asset.odometer_km = in_km
        session.flush()
        resources.publish_vehicle(tx, asset)
    return row
