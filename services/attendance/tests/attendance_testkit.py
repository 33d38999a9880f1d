"""Shared helpers for the attendance tests (a uniquely named module, so several services' tests can share a
pytest session without ``conftest`` clashes)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from situok_kit import testing
from situok_kit.config import ServiceSettings
from situok_kit.envelope import Envelope
from situok_kit.identity import Identity
from sqlalchemy import text
from sqlalchemy.orm import Session

RENON = (-8.6725, 115.2334)        # Kantor Gubernur Bali, Renon (seeded work location)


def service_config(service: str, amqp_uri: str, db_url: str) -> dict:
    settings = ServiceSettings(service=service, amqp_uri=amqp_uri, db_url=db_url, http_port=testing.free_port(),
                               max_workers=10, rpc_timeout=10)
    config = settings.nameko_config()
    config["WEB_SERVER_ADDRESS"] = f"127.0.0.1:{settings.http_port}"
    return config


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


@dataclass
class Bureau:
    personnel_engine: object
    attendance_engine: object
    employee_ids: dict[str, int]
    unit_ids: dict[str, int]

    def account(self, username: str) -> Identity:
        return testing.account_identity(self.personnel_engine, username)

    def as_(self, key: str, *roles: str) -> Identity:
        """An identity for the seeded employee ``key`` holding ``roles`` (default: pegawai)."""
        return testing.employee_identity(key, self.employee_ids[key], *roles)

    def admin(self) -> Identity:
        return self.account("admin")

    def scalar(self, statement: str, params=None):
        with Session(self.attendance_engine) as session:
            return session.scalar(text(statement), params or {})

    def rows(self, statement: str, params=None):
        with Session(self.attendance_engine) as session:
            return session.execute(text(statement), params or {}).all()
