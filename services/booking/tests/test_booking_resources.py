"""Resources through the running service: a keeper's local resources (403 for a pegawai, 422 naming the fields),
assets' events kept by ``resource_key`` (a local twin linked, an older event ignored, booking's own fields kept),
a withdrawal cancelling a future booking, a maintenance window refusing a booking in its time and allowing it
after, blackouts (409 naming the approved bookings, or cancelling them when asked)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from booking.domain import bookings
from booking.domain.access import Caller
from booking.models import Booking, Resource, ResourceBlock
from booking_core import make_resource, transaction
from booking_testkit import unique
from situok_kit.clock import WITA
from situok_kit.errors import Conflict, Forbidden, ValidationFailed
from situok_kit.testing import publish_event, wait_for
from sqlalchemy import select
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

DAY = datetime(2031, 6, 10, tzinfo=WITA)


def at(hour: int, minute: int = 0, days: int = 0) -> datetime:
    return DAY + timedelta(days=days, hours=hour, minutes=minute)


def book(engine, bureau, resource_id: int, start: datetime, end: datetime, *, approve: bool = True) -> int:
    """A staff booking (approved unless told), straight through the domain."""
    with transaction(engine) as tx:
        booking = bookings.create_for_employee(tx, Caller(bureau.pegawai()), {
            "resource_id": resource_id, "starts_at": start, "ends_at": end, "purpose": "Rapat uji"})
        if approve:
            bookings.approve(tx, Caller(bureau.admin()), booking.id)
        return booking.id


def status_of(engine, booking_id: int) -> str:
    with Session(engine) as session:
        return session.get(Booking, booking_id).status


def resource_by_key(engine, key: str) -> Resource | None:
    with Session(engine) as session:
        return session.scalar(select(Resource).where(Resource.resource_key == key))


def vehicle_event(asset_id: int, plate: str, **extra) -> dict:
    return {"resource_key": f"vehicle:{asset_id}", "kind": "vehicle", "asset_id": asset_id, "room_id": None,
            "building_id": None, "name": "Toyota Innova Uji", "code": plate, "location": None, "capacity": 7,
            "facilities": [], "condition": "B", "available": True, "under_maintenance": False, "plate": plate,
            "brand": "Toyota Innova", "seats": 7, "fuel": "solar", "wheels": 4, "odometer_km": 12000,
            "person_in_charge_employee_id": None, "updated_at": datetime.now(UTC).isoformat()} | extra


def test_a_keeper_enters_and_edits_a_local_resource(rpc, bureau, observer):
    keeper = rpc(bureau.keeper())
    watch = observer("resource_changed")
    name = unique("Ruang Rapat Merak ")
    room = keeper.create_resource({"kind": "room", "name": name, "code": "RM-1", "capacity": 30,
                                   "facilities": ["proyektor", "ac"], "buffer_after_minutes": 15,
                                   "manager_employee_id": bureau.manager().employee_id})
    assert (room["source"], room["capacity"], room["facilities"], room["bookable"]) == ("local", 30,
                                                                                       ["ac", "proyektor"], True)
    assert room["manager_name"] and {"edit", "add_blackout"} <= set(room["allowed_actions"])
    changed = keeper.update_resource(room["id"], {"capacity": 40, "guest_bookable": True})
    assert (changed["capacity"], changed["guest_bookable"], changed["buffer_after_minutes"]) == (40, True, 15)
    wait_for(lambda: [e for e in watch.of_type("booking.resource_changed")
                      if e["data"]["resource_id"] == room["id"]][1:], message="two resource_changed events")
    assert [e["data"]["change"] for e in watch.of_type("booking.resource_changed")
            if e["data"]["resource_id"] == room["id"]] == ["created", "updated"]

    pegawai = rpc(bureau.pegawai())
    seen = pegawai.get_resource(room["id"])
    assert seen["name"] == name and "edit" not in seen["allowed_actions"] and "request" in seen["allowed_actions"]
    with pytest.raises(Forbidden):
        pegawai.create_resource({"kind": "room", "name": "Ruang liar"})
    with pytest.raises(Forbidden):
        pegawai.update_resource(room["id"], {"capacity": 2})
    with pytest.raises(ValidationFailed) as bad:
        keeper.create_resource({"kind": "kapal", "name": "", "capacity": -1, "facilities": ["kolam"]})
    assert {"kind", "name", "capacity", "facilities.0"} <= set(bad.value.fields)
    with pytest.raises(ValidationFailed) as plate:
        keeper.create_resource({"kind": "vehicle", "name": "Mobil tanpa plat", "capacity": 5})
    assert set(plate.value.fields) == {"code"}
    with pytest.raises(ValidationFailed) as kind:
        keeper.update_resource(room["id"], {"kind": "vehicle"})
    assert set(kind.value.fields) == {"kind"}

    found = pegawai.list_resources(kind="room", q=name)
    assert [r["id"] for r in found["items"]] == [room["id"]]
    keeper.create_resource({"kind": "room", "name": unique("Ruang Rapat Kenari "), "capacity": 8})
    first = keeper.list_resources(kind="room", limit=1)
    assert len(first["items"]) == 1 and first["next_cursor"]
    second = keeper.list_resources(kind="room", limit=1, cursor=first["next_cursor"])
    assert second["items"][0]["id"] != first["items"][0]["id"]


def test_assets_events_keep_the_copy_link_a_local_twin_and_ignore_older_ones(rpc, bureau, broker_uri, booking_db):
    _, engine = booking_db
    keeper = rpc(bureau.keeper())
    plate = unique("DK 9") + " UJ"
    local = keeper.create_resource({"kind": "vehicle", "name": "Innova lokal", "code": plate.lower(),
                                    "capacity": 7, "buffer_after_minutes": 30,
                                    "manager_employee_id": bureau.manager().employee_id})
    assert local["code"] == plate
    asset_id = 700_000 + local["id"]
    publish_event(broker_uri, "assets.resource_published", vehicle_event(asset_id, plate))
    linked = wait_for(lambda: resource_by_key(engine, f"vehicle:{asset_id}"), message="the vehicle linked")
    assert linked.id == local["id"] and linked.source == "assets" and linked.asset_id == asset_id
    assert (linked.buffer_after_minutes, linked.manager_employee_id) == (30, bureau.manager().employee_id)
    assert (linked.fuel, linked.odometer_km) == ("solar", 12000)

    # an older event is ignored; a newer one changes assets' facts only
    older = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    publish_event(broker_uri, "assets.resource_published", vehicle_event(asset_id, plate, capacity=2,
                                                                         updated_at=older))
    publish_event(broker_uri, "assets.resource_published", vehicle_event(asset_id, plate, odometer_km=15000,
                                                                         condition="KB"))
    wait_for(lambda: resource_by_key(engine, f"vehicle:{asset_id}").odometer_km == 15000, message="newer event")
    kept = resource_by_key(engine, f"vehicle:{asset_id}")
    assert (kept.capacity, kept.condition, kept.buffer_after_minutes) == (7, "KB", 30)
    with Session(engine) as session:
        assert session.scalar(select(Resource.id).where(Resource.code == plate).where(
            Resource.id != local["id"])) is None  # linked, not duplicated
    # assets' facts are assets': a keeper changes only booking's own fields
    with pytest.raises(ValidationFailed) as refused:
        keeper.update_resource(local["id"], {"capacity": 9, "buffer_before_minutes": 10})
    assert set(refused.value.fields) == {"capacity"}
    assert keeper.update_resource(local["id"], {"buffer_before_minutes": 10})["buffer_before_minutes"] == 10

    # a new room from assets
    room_key = f"room:{800_000 + local['id']}"
    publish_event(broker_uri, "assets.resource_published", {
        "resource_key": room_key, "kind": "room", "asset_id": None, "room_id": 1, "building_id": 1,
        "name": "Ruang Rapat Aset", "code": unique("RA-"), "location": "Gedung A, Lantai 1", "capacity": 12,
        "facilities": ["proyektor"], "condition": None, "available": True, "under_maintenance": False,
        "updated_at": datetime.now(UTC).isoformat()})
    room = wait_for(lambda: resource_by_key(engine, room_key), message="the room created")
    assert (room.source, room.capacity, room.facilities) == ("assets", 12, ["proyektor"])


def test_a_withdrawal_cancels_the_future_bookings(rpc, bureau, broker_uri, booking_db, observer):
    _, engine = booking_db
    key = f"vehicle:{900_000 + make_resource(engine, 'room')}"
    publish_event(broker_uri, "assets.resource_published", vehicle_event(int(key.split(":")[1]),
                                                                         unique("DK 55 ")))
    car = wait_for(lambda: resource_by_key(engine, key), message="the vehicle").id
    approved = book(engine, bureau, car, at(8), at(12))
    pending = book(engine, bureau, car, at(8, days=1), at(12, days=1), approve=False)
    watch = observer("cancelled")
    publish_event(broker_uri, "assets.resource_withdrawn", {"resource_key": key, "kind": "vehicle",
                                                            "asset_id": int(key.split(":")[1]),
                                                            "reason": "disposed",
                                                            "withdrawn_at": datetime.now(UTC).isoformat()})
    wait_for(lambda: status_of(engine, approved) == "cancelled" and status_of(engine, pending) == "cancelled",
             message="both bookings cancelled")
    with Session(engine) as session:
        row = session.get(Booking, approved)
        assert row.cancelled_by == "system" and "dihapuskan" in row.cancel_reason
    assert rpc(bureau.pegawai()).get_resource(car)["bookable"] is False
    wait_for(lambda: {e["data"]["booking_id"] for e in watch.of_type("booking.cancelled")} >= {approved, pending},
             message="booking.cancelled published")


def test_a_maintenance_window_refuses_bookings_in_its_time_and_ends(rpc, bureau, broker_uri, booking_db):
    _, engine = booking_db
    asset_id = 950_000 + make_resource(engine, "room")
    key = f"vehicle:{asset_id}"
    publish_event(broker_uri, "assets.resource_published", vehicle_event(asset_id, unique("DK 66 ")))
    car = wait_for(lambda: resource_by_key(engine, key), message="the vehicle").id
    clashing = book(engine, bureau, car, at(9, days=2), at(11, days=2))
    record_id = asset_id
    publish_event(broker_uri, "assets.maintenance_scheduled", {
        "resource_key": key, "asset_id": asset_id, "record_id": record_id, "starts_at": at(8, days=2).isoformat(),
        "ends_at": at(17, days=2).isoformat(), "work": "Servis berkala"})
    wait_for(lambda: status_of(engine, clashing) == "cancelled", message="the overlapping booking cancelled")
    with pytest.raises(Conflict) as refused:
        book(engine, bureau, car, at(13, days=2), at(14, days=2))
    assert "pemeliharaan" in refused.value.message
    later = book(engine, bureau, car, at(17, days=2), at(19, days=2))
    assert status_of(engine, later) == "approved"
    blocks = rpc(bureau.pegawai()).list_blocks(car)["items"]
    assert [(b["kind"], b["source_ref"], b["allowed_actions"]) for b in blocks] == [
        ("maintenance", f"maintenance:{record_id}", [])]
    # ended early at 12:00: the afternoon is free again
    publish_event(broker_uri, "assets.maintenance_ended", {"resource_key": key, "asset_id": asset_id,
                                                          "record_id": record_id, "status": "done",
                                                          "ended_at": at(12, days=2).isoformat()})

    def cut():
        with Session(engine) as session:
            block = session.scalar(select(ResourceBlock).where(ResourceBlock.source_ref == f"maintenance:{record_id}"))
            return block.ends_at == at(12, days=2)

    wait_for(cut, message="the window cut at its end")
    assert status_of(engine, book(engine, bureau, car, at(13, days=2), at(14, days=2))) == "approved"


def test_a_blackout_names_the_approved_bookings_or_cancels_them(rpc, bureau, booking_db):
    _, engine = booking_db
    room = make_resource(engine, manager_employee_id=bureau.manager().employee_id)
    first = book(engine, bureau, room, at(9, days=3), at(10, days=3))
    outside = book(engine, bureau, room, at(9, days=5), at(10, days=5))
    blackout = {"starts_at": at(0, days=3).isoformat(), "ends_at": at(0, days=4).isoformat(),
                "reason": "Renovasi plafon"}
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).add_blackout(room, blackout)
    manager = rpc(bureau.manager())
    with pytest.raises(Conflict) as refused:
        manager.add_blackout(room, blackout)
    assert f"#{first}" in refused.value.message and "cancel_overlapping" in refused.value.fields
    assert status_of(engine, first) == "approved"
    with pytest.raises(ValidationFailed) as bad:
        manager.add_blackout(room, {**blackout, "ends_at": blackout["starts_at"], "reason": ""})
    assert {"reason"} <= set(bad.value.fields)
    made = manager.add_blackout(room, {**blackout, "cancel_overlapping": True})
    assert made["cancelled_booking_ids"] == [first] and made["block"]["allowed_actions"] == ["remove"]
    assert status_of(engine, first) == "cancelled" and status_of(engine, outside) == "approved"
    with pytest.raises(Conflict):
        book(engine, bureau, room, at(13, days=3), at(14, days=3))
    keeper = rpc(bureau.keeper())
    assert [b["id"] for b in keeper.list_blocks(room)["items"]] == [made["block"]["id"]]
    assert keeper.remove_blackout(made["block"]["id"]) == {"items": []}
    assert keeper.list_blocks(room)["items"] == []
    assert status_of(engine, book(engine, bureau, room, at(13, days=3), at(14, days=3))) == "approved"


def test_assets_snapshot_is_applied_and_sync_needs_admin_and_assets(rpc, bureau, booking_db):
    from booking.domain import resources
    from booking.schemas.resources import AssetsResourceIn
    from situok_kit.errors import ServiceUnavailable

    _, engine = booking_db
    keeper = rpc(bureau.keeper())
    code = unique("RS-")
    local = keeper.create_resource({"kind": "room", "name": "Ruang lokal", "code": code, "capacity": 10})
    base = 990_000 + local["id"]
    rows = [AssetsResourceIn().load({"resource_key": f"room:{base}", "kind": "room", "name": "Ruang dari aset",
                                     "code": code.lower(), "capacity": 16, "facilities": ["wifi"],
                                     "available": True, "updated_at": datetime.now(UTC).isoformat()}),
            AssetsResourceIn().load({"resource_key": f"building:{base}", "kind": "building", "name": "Aula aset",
                                     "code": unique("GA-"), "capacity": 200, "available": True})]
    with transaction(engine) as tx:
        counts = resources.apply_snapshot(tx, rows)
    assert counts == {"resources": 2, "created": 1, "linked": 1}
    linked = resource_by_key(engine, f"room:{base}")
    assert (linked.id, linked.capacity, linked.name) == (local["id"], 16, "Ruang dari aset")
    with pytest.raises(Forbidden):
        keeper.sync_resources()
    with pytest.raises(ServiceUnavailable):  # assets is not running in these tests: booking carries on
        rpc(bureau.admin()).sync_resources()
    assert rpc(bureau.pegawai()).get_resource(local["id"])["bookable"] is True


def test_a_vehicle_in_bad_condition_loses_its_future_bookings(bureau, broker_uri, booking_db):
    _, engine = booking_db
    asset_id = 980_000 + make_resource(engine, "room")
    plate = unique("DK 77 ")
    publish_event(broker_uri, "assets.resource_published", vehicle_event(asset_id, plate))
    car = wait_for(lambda: resource_by_key(engine, f"vehicle:{asset_id}"), message="the vehicle").id
    booked = book(engine, bureau, car, at(8, days=6), at(12, days=6))
    publish_event(broker_uri, "assets.resource_published", vehicle_event(asset_id, plate, condition="RB",
                                                                         available=False))
    wait_for(lambda: status_of(engine, booked) == "cancelled", message="the booking cancelled")
    with Session(engine) as session:
        assert "rusak berat" in session.get(Booking, booked).cancel_reason
