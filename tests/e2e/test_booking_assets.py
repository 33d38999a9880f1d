"""booking's resources kept from assets through the whole stack: a vehicle registered in assets through the API
reaches booking by assets' events (searchable, with its plate and seats); a maintenance window scheduled in assets
blocks booking that vehicle in its time — the search leaves it out and a request is refused — while the time
after the window can be booked."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from situok_kit.clock import WITA, utcnow
from situok_kit.testing import wait_for

from tests.e2e.conftest import Api, is_problem, signed_in

pytestmark = pytest.mark.e2e

SEDAN = "1.3.2.02.01.01.001"  # a four-wheeled vehicle (KIB B): booking lends it


def test_a_vehicle_from_assets_and_its_maintenance_window_in_booking(stack, admin: Api):
    keeper, staff = signed_in(stack, "pengurus_barang"), signed_in(stack, "pegawai")
    plate = f"DK {uuid.uuid4().int % 8999 + 1000} MW"
    registered = keeper.request("POST", "/assets/items", headers={"Idempotency-Key": uuid.uuid4().hex}, json={
        "code": SEDAN, "name": f"Toyota Avanza {plate}", "acquisition_year": 2025, "acquisition_value": 280_000_000,
        "source": "apbd", "condition": "B", "details": {
            "brand": "Toyota", "type": "Avanza 1.5 G", "plate_number": plate, "frame_number": f"MHK{plate[3:7]}",
            "engine_number": f"2NR{plate[3:7]}", "bpkb_number": f"Q-{plate[3:7]}", "seats": 7, "fuel": "bensin"}})
    assert registered.status_code == 201, registered.text
    asset_id = registered.json()["id"]

    def listed():
        items = staff.request("GET", "/booking/resources", params={"kind": "vehicle", "q": plate}).json()["items"]
        return [r for r in items if r.get("resource_key") == f"vehicle:{asset_id}"]

    vehicle = wait_for(listed, timeout=60, message="booking to list the car from assets' event")[0]
    assert (vehicle["code"], vehicle["capacity"], vehicle["source"], vehicle["bookable"]) == (plate, 7, "assets",
                                                                                             True)

    # a window tomorrow 08:00-12:00 WITA
    tomorrow = (utcnow() + timedelta(days=1)).astimezone(WITA).replace(hour=0, minute=0, second=0, microsecond=0)
    window_start, window_end = tomorrow + timedelta(hours=8), tomorrow + timedelta(hours=12)
    scheduled = keeper.request("POST", "/assets/maintenance/records", headers={"Idempotency-Key": uuid.uuid4().hex},
                               json={"asset_id": asset_id, "work": "Servis berkala 10.000 km",
                                     "starts_at": window_start.isoformat(), "ends_at": window_end.isoformat()})
    assert scheduled.status_code == 201, scheduled.text

    def blocked():
        blocks = staff.request("GET", f"/booking/resources/{vehicle['id']}/blocks").json()["items"]
        return [b for b in blocks if b["kind"] == "maintenance"]

    block = wait_for(blocked, timeout=60, message="the maintenance window in booking")[0]
    assert block["source_ref"] == f"maintenance:{scheduled.json()['id']}"

    def search(start, end) -> list[int]:
        found = staff.request("GET", "/booking/availability", params={
            "kind": "vehicle", "starts_at": start.isoformat(), "ends_at": end.isoformat(), "passengers": 3,
            "limit": 200})
        assert found.status_code == 200, found.text
        return [r["id"] for r in found.json()["items"]]

    assert vehicle["id"] not in search(window_start + timedelta(hours=1), window_start + timedelta(hours=3))
    assert vehicle["id"] in search(window_end + timedelta(hours=1), window_end + timedelta(hours=3))
    refused = is_problem(staff.request("POST", "/booking/bookings", json={
        "resource_id": vehicle["id"], "starts_at": (window_start + timedelta(hours=1)).isoformat(),
        "ends_at": (window_start + timedelta(hours=3)).isoformat(), "purpose": "Kunjungan kerja",
        "passengers": 3, "destination": "Tabanan"}), 409)
    assert "pemeliharaan" in refused["detail"].lower() or "pemeliharaan" in str(refused).lower()
    after = staff.request("POST", "/booking/bookings", json={
        "resource_id": vehicle["id"], "starts_at": (window_end + timedelta(hours=1)).isoformat(),
        "ends_at": (window_end + timedelta(hours=3)).isoformat(), "purpose": "Kunjungan kerja",
        "passengers": 3, "destination": "Tabanan"})
    assert after.status_code == 201, after.text
    calendar = staff.request("GET", f"/booking/resources/{vehicle['id']}/calendar",
                             params={"view": "day", "date": tomorrow.date().isoformat()}).json()
    kinds = [e["kind"] for d in calendar["days"] for e in d["entries"]]
    assert kinds == ["maintenance", "booking"]
