"""The agenda contract: Marshmallow schemas for RPC arguments (``*In``), answers (``*Out``, ``*Page``) and event
payloads (``*Event``), one module per area. Every answer is ``SomeOut().dump(...)`` of what the domain returns
and every event payload is dumped through its ``*Event`` schema (``agenda.events``), so these schemas are the
only description of agenda's shapes.

``SCHEMAS`` names each one uniquely on the platform (the gateway registers them as OpenAPI components as they
are): each area module lists its own in a ``SCHEMAS`` dict, merged here. Importable without a database or a
broker.
"""
from __future__ import annotations

from marshmallow import Schema

from . import common, documentation, events, feedback, leaders, public, rooms, visits

#: Leaves before the schemas that nest them (the gateway registers them in this order).
_AREAS = (common, leaders, events, documentation, visits, feedback, public, rooms)

SCHEMAS: dict[str, type[Schema]] = {}
for _area in _AREAS:
    for _name, _schema in getattr(_area, "SCHEMAS", {}).items():
        if _name in SCHEMAS and SCHEMAS[_name] is not _schema:
            raise RuntimeError(f"agenda schema {_name!r} is defined twice")
        SCHEMAS[_name] = _schema

#: Event name -> payload schema, from each area's ``EVENTS``.
EVENTS: dict[str, type[Schema]] = {}
for _area in _AREAS:
    EVENTS.update(getattr(_area, "EVENTS", {}))
