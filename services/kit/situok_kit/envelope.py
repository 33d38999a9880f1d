"""The event envelope every service publishes: id, type, occurred_at, actor, data.

``type`` is ``<service>.<noun>_<verb-ed>`` (``personnel.employee_created``); the
part before the dot names the Nameko event exchange (``personnel.events``) and
the rest is the routing key, so plain Nameko ``event_handler`` consumers work too.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def split_type(event_type: str) -> tuple[str, str]:
    """``personnel.employee_created`` -> (``personnel``, ``employee_created``)."""
    source, sep, name = event_type.partition(".")
    if not sep or not source or not name:
        raise ValueError(f"event type {event_type!r} must look like '<service>.<noun>_<verb-ed>'")
    return source, name


@dataclass(frozen=True)
class Envelope:
    type: str
    data: dict
    actor: dict | None = None
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    occurred_at: str = field(default_factory=lambda: utcnow().isoformat())

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "type": self.type,
            "occurred_at": self.occurred_at,
            "actor": self.actor,
            "data": self.data,
        }

    @classmethod
    def from_dict(cls, body: dict) -> Envelope:
        missing = [k for k in ("id", "type", "occurred_at", "data") if k not in body]
        if missing:
            raise ValueError(f"not an event envelope, missing {missing}")
        return cls(
            id=str(body["id"]),
            type=body["type"],
            occurred_at=body["occurred_at"],
            actor=body.get("actor"),
            data=body["data"],
        )
