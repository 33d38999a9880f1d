"""agenda's calls to booking (``domain.rooms``) when booking is away, against the real broker: no booking queue at
all, and a queue nobody answers (booking stopped) — each is a ``ServiceUnavailable`` (503 for the staff), never an
unexpected error, and the call gives up within its timeout."""
from __future__ import annotations

import time
from datetime import timedelta

import pytest
from agenda.domain import rooms
from kombu import Connection, Exchange, Queue
from situok_kit.clock import utcnow
from situok_kit.errors import ServiceUnavailable

pytestmark = pytest.mark.integration

START = utcnow() + timedelta(days=30)


def reserve(broker_uri, timeout):
    return rooms.reserve(broker_uri, reference="agenda-event:1", resource_id=4, starts_at=START,
                         ends_at=START + timedelta(hours=1), purpose="Rapat", timeout=timeout)


def test_no_booking_at_all_is_service_unavailable(broker_uri, services):
    with pytest.raises(ServiceUnavailable) as away:
        reserve(broker_uri, timeout=5)
    assert "tidak tersedia" in away.value.message


def test_booking_stopped_with_its_queue_left_is_service_unavailable_within_the_timeout(broker_uri, services):
    exchange = Exchange("nameko-rpc", type="topic", durable=True)
    queue = Queue("rpc-booking", exchange, routing_key="booking.*", durable=True)
    with Connection(broker_uri) as connection:
        queue(connection.channel()).declare()
        try:
            began = time.monotonic()
            with pytest.raises(ServiceUnavailable):
                reserve(broker_uri, timeout=1.5)
            assert time.monotonic() - began < 10
            with pytest.raises(ServiceUnavailable):
                rooms.release(broker_uri, reference="agenda-event:1", reason="uji", timeout=1.5)
        finally:
            queue(connection.channel()).delete()
