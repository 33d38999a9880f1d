"""booking's snapshot of every bookable resource (``booking_resource_snapshot``): the same shape as
``assets.resource_published``, paged across buildings, rooms and vehicles, for the system identity only."""
from __future__ import annotations

import pytest
from assets.models import Room
from situok_kit.errors import Forbidden
from situok_kit.identity import SYSTEM
from sqlalchemy.orm import Session
from test_assets_handovers import SEDAN, make_item, make_room

pytestmark = pytest.mark.integration


def every_item(proxy, limit: int) -> list[dict]:
    found, cursor = [], None
    while True:
        page = proxy.booking_resource_snapshot(cursor=cursor, limit=limit)
        assert len(page["items"]) <= limit
        found += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return found


def test_the_snapshot_answers_every_bookable_resource_to_the_system_only(rpc, bureau):
    engine = bureau.engine
    room = make_room(engine, name="Ruang Rapat Snapshot")
    hidden = make_room(engine, name="Gudang")
    with Session(engine) as session, session.begin():
        row = session.get(Room, room)
        row.bookable, row.capacity, row.facilities = True, 24, ["proyektor"]
    car = make_item(engine, None, code=SEDAN, name="Toyota Avanza Snapshot",
                    details={"plate_number": "DK 77 SN", "seats": 7, "fuel": "bensin"})
    gone = make_item(engine, None, code=SEDAN, name="Mobil dihapus", status="disposed",
                     details={"plate_number": "DK 78 SN"})

    found = every_item(rpc(SYSTEM), limit=1)
    keys = [item["resource_key"] for item in found]
    assert len(keys) == len(set(keys))  # the cursor walks on, never repeating a row
    assert f"room:{room}" in keys and f"vehicle:{car}" in keys
    assert f"room:{hidden}" not in keys and f"vehicle:{gone}" not in keys
    kinds = [item["kind"] for item in found]
    assert kinds == sorted(kinds, key=("building", "room", "vehicle").index)
    vehicle = next(item for item in found if item["resource_key"] == f"vehicle:{car}")
    assert (vehicle["code"], vehicle["capacity"], vehicle["fuel"], vehicle["available"]) == ("DK 77 SN", 7,
                                                                                             "bensin", True)
    meeting = next(item for item in found if item["resource_key"] == f"room:{room}")
    assert (meeting["capacity"], meeting["facilities"]) == (24, ["proyektor"])

    with pytest.raises(Forbidden):
        rpc(bureau.admin()).booking_resource_snapshot()
