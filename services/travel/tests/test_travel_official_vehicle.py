"""booking's word on an order's official vehicle, through the real broker: ``booking.travel_vehicle_reserved``
shows the car and driver on the order (its requester sees it), ``booking.travel_vehicle_unavailable`` says why
none was free; a later event replaces an earlier one, an older one redelivered late changes nothing, an unknown
order or an unreadable payload is dropped without blocking the events after it."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from situok_kit.testing import publish_event, wait_for
from travel_testkit import order_data

pytestmark = pytest.mark.integration


def reserved(order_id: int, **extra) -> dict:
    return {"travel_order_id": order_id, "status": "reserved", "booking_id": 71, "resource_id": 3,
            "vehicle_name": "Toyota Innova Zenix", "plate": "DK 1024 AB", "driver_employee_id": 41,
            "driver_name": "I Ketut Budiarta", "starts_at": "2030-05-06T07:00:00+08:00",
            "ends_at": "2030-05-08T18:00:00+08:00", "requester_employee_id": 9, "reason": None} | extra


def vehicle_of(rpc, identity, order_id):
    return rpc(identity).get_order(order_id)["official_vehicle"]


def test_a_reserved_vehicle_then_none_free_show_on_the_order(rpc, bureau, broker_uri):
    requester = bureau.as_("pegawai", "pegawai")
    order = rpc(requester).create_order(order_data(bureau, "pegawai", transport="dinas"))
    assert order["official_vehicle"] is None
    publish_event(broker_uri, "booking.travel_vehicle_reserved", reserved(order["id"]))
    wait_for(lambda: vehicle_of(rpc, requester, order["id"]) is not None, message="reservation shown")
    shown = vehicle_of(rpc, requester, order["id"])
    assert (shown["status"], shown["plate"], shown["driver_name"]) == ("reserved", "DK 1024 AB", "I Ketut Budiarta")
    assert datetime.fromisoformat(shown["starts_at"]) == datetime(2030, 5, 5, 23, 0, tzinfo=UTC)

    # later: booking cancelled it and found nothing else — the order says why
    publish_event(broker_uri, "booking.travel_vehicle_unavailable", reserved(
        order["id"], status="unavailable", booking_id=None, vehicle_name=None, plate=None, driver_employee_id=None,
        driver_name=None, reason="Tidak ada kendaraan dinas yang bebas pada tanggal tersebut."))
    wait_for(lambda: vehicle_of(rpc, requester, order["id"])["status"] == "unavailable", message="unavailable")
    assert "Tidak ada kendaraan" in vehicle_of(rpc, requester, order["id"])["reason"]


def test_an_older_event_delivered_late_changes_nothing_and_bad_ones_are_dropped(rpc, bureau, broker_uri):
    requester = bureau.as_("pegawai", "pegawai")
    order = rpc(requester).create_order(order_data(bureau, "pegawai", transport="dinas"))
    publish_event(broker_uri, "booking.travel_vehicle_reserved", reserved(order["id"], plate="DK 1 A"))
    wait_for(lambda: vehicle_of(rpc, requester, order["id"]) is not None, message="first event")
    # an unreadable payload and an unknown order: dropped (logged), the queue keeps moving
    publish_event(broker_uri, "booking.travel_vehicle_reserved", {"travel_order_id": "x"})
    publish_event(broker_uri, "booking.travel_vehicle_reserved", reserved(99_999_999))
    # an event older than the one kept (its occurred_at an hour earlier) arrives last
    old = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    late = publish_event(broker_uri, "booking.travel_vehicle_unavailable",
                         reserved(order["id"], status="unavailable", reason="lama"), occurred_at=old)
    wait_for(lambda: bureau.travel_scalar("SELECT count(*) FROM processed_events WHERE event_id = :id",
                                          {"id": late}) == 1, message="the late event handled")
    assert vehicle_of(rpc, requester, order["id"])["plate"] == "DK 1 A"
    marker = rpc(requester).create_order(order_data(bureau, "pegawai", transport="dinas"))
    publish_event(broker_uri, "booking.travel_vehicle_reserved", reserved(marker["id"]))
    wait_for(lambda: vehicle_of(rpc, requester, marker["id"]) is not None, message="the events after them")

