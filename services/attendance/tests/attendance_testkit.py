"""Shared helpers for the attendance tests (a uniquely named module, so several services' tests can share a
pytest session without ``conftest`` clashes). The seeded bureau and the running services are the kit's
fixtures (``situok_kit.fixtures``)."""
from __future__ import annotations

import json
from datetime import UTC, datetime

from situok_kit.envelope import Envelope

RENON = (-8.6725, 115.2334)        # Kantor Gubernur Bali, Renon (seeded work location)


def utc(iso: str) -> datetime:
    """``2026-03-03T15:59`` (UTC) as an aware datetime; an explicit offset is honoured."""
    moment = datetime.fromisoformat(iso)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def wita(iso: str) -> datetime:
    """A WITA wall-clock time (``2026-03-02T07:31``) as an aware datetime."""
    return datetime.fromisoformat(iso + "+08:00")


def position(lat: float = RENON[0], lon: float = RENON[1], accuracy: float = 12.0, **extra) -> dict:
    return {"latitude": lat, "longitude": lon, "accuracy": accuracy, **extra}


def publish_event(amqp_uri: str, event_type: str, data: dict, actor: dict | None = None) -> str:
    """Publish an event exactly as a service's outbox relay does (topic exchange ``<source>.events``,
    routing key after the dot, JSON envelope, persistent)."""
    from kombu import Connection
    from nameko.constants import PERSISTENT
    from situok_kit.envelope import split_type
    from situok_kit.outbox import event_exchange

    source, name = split_type(event_type)
    envelope = Envelope(type=event_type, data=data, actor=actor)
    with Connection(amqp_uri, transport_options={"confirm_publish": True}) as conn:
        exchange = event_exchange(source)
        producer = conn.Producer()
        exchange(producer.channel).declare()
        producer.publish(json.loads(json.dumps(envelope.to_dict())), exchange=exchange, routing_key=name,
                         serializer="json", delivery_mode=PERSISTENT, retry=True)
    return envelope.id
