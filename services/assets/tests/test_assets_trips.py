"""booking's returned vehicle trips through the real broker (``booking.trip_returned`` on ``booking.events``, as
booking's outbox will publish it): a ``trip`` row in the vehicle's history with the kilometres driven and the
damage reported, the odometer raised (never lowered); a redelivered event or the same trip again changes
nothing; an unknown vehicle is logged and dropped without blocking the trips after it."""
from __future__ import annotations

import json
import uuid

import pytest
from assets.models import AssetHistory
from situok_contracts.events import Booking
from situok_kit.envelope import Envelope
from situok_kit.testing import wait_for
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from test_assets_handovers import SEDAN, history_of, item, make_item

pytestmark = pytest.mark.integration


def publish(amqp_uri: str, data: dict, event_id: str | None = None) -> str:
    """Publish ``booking.trip_returned`` as an outbox relay does (topic exchange ``booking.events``, routing key
    ``trip_returned``, JSON envelope, persistent); ``event_id`` to redeliver."""
    from kombu import Connection
    from nameko.constants import PERSISTENT
    from situok_kit.outbox import event_exchange

    envelope = Envelope(type=Booking.TRIP_RETURNED, data=data, actor={"username": "pengemudi"})
    if event_id is not None:
        envelope = Envelope(type=envelope.type, data=data, actor=envelope.actor, id=event_id)
    with Connection(amqp_uri, transport_options={"confirm_publish": True}) as conn:
        exchange = event_exchange("booking")
        producer = conn.Producer()
        exchange(producer.channel).declare()
        producer.publish(json.loads(json.dumps(envelope.to_dict())), exchange=exchange, routing_key="trip_returned",
                         serializer="json", delivery_mode=PERSISTENT, retry=True)
    return envelope.id


def trip(asset_id: int, trip_id: int, odometer_out: int, odometer_in: int, damage: str | None = None) -> dict:
    return {"trip_id": trip_id, "asset_id": asset_id, "resource_key": f"vehicle:{asset_id}",
            "driver_employee_id": 41, "checked_out_at": "2026-12-01T07:30:00+08:00",
            "returned_at": "2026-12-01T16:10:00+08:00", "odometer_out": odometer_out, "odometer_in": odometer_in,
            "fuel_out": "3/4", "fuel_in": "1/2", "damage": damage, "destination": "Kantor Bupati Gianyar"}


def trips_of(engine, asset_id: int) -> list[AssetHistory]:
    return [row for row in history_of(engine, asset_id) if row.kind == "trip"]


def count_trips(engine, trip_id: int) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(AssetHistory).where(
            AssetHistory.kind == "trip", AssetHistory.reference_id == trip_id))


def test_a_returned_trip_goes_into_the_vehicles_history(bureau, broker_uri, services):
    engine = bureau.engine
    car = make_item(engine, None, code=SEDAN, name="Toyota Innova", odometer_km=20_000)
    trip_id = uuid.uuid4().int % 1_000_000_000
    event_id = publish(broker_uri, trip(car, trip_id, 20_000, 20_184, damage="Spion kiri retak"))
    rows = wait_for(lambda: trips_of(engine, car), timeout=20, message="the trip in the history")

    row = rows[0]
    assert (row.actor, row.odometer_km, row.reference_kind, row.reference_id) == ("system", 20_184, "trip", trip_id)
    assert "184 km" in row.note and "Spion kiri retak" in row.note
    assert (row.data["km_driven"], row.data["damage"], row.data["fuel_in"]) == (184, "Spion kiri retak", "1/2")
    assert row.data["event_id"] == event_id
    assert item(engine, car).odometer_km == 20_184

    # redelivered, and the same trip under a new event id: still one row; an unknown vehicle does not block
    publish(broker_uri, trip(car, trip_id, 20_000, 20_184), event_id=event_id)
    publish(broker_uri, trip(car, trip_id, 20_000, 20_184))
    publish(broker_uri, trip(99_999_999, trip_id + 1, 0, 10))
    publish(broker_uri, {"asset_id": "not a number"})
    later = trip_id + 2
    publish(broker_uri, trip(car, later, 20_184, 20_100))  # an odometer read lower than the register's
    wait_for(lambda: count_trips(engine, later), timeout=20, message="the later trip")
    assert count_trips(engine, trip_id) == 1 and count_trips(engine, trip_id + 1) == 0
    assert item(engine, car).odometer_km == 20_184  # never lowered
    assert trips_of(engine, car)[-1].data["km_driven"] is None
