"""The kepegawaian contract: Marshmallow schemas for RPC arguments (``*In``), answers (``*Out``, ``*Page``) and
event payloads (``*Event``), one module per area. Every answer is ``SomeOut().dump(...)`` of what the domain
returns and every event payload is dumped through its ``*Event`` schema (``kepegawaian.events``), so these schemas
are the only description of kepegawaian's shapes.

``SCHEMAS`` names each one uniquely on the platform (the gateway registers them as OpenAPI components as they
are): each area module lists its own in a ``SCHEMAS`` dict, merged here. Importable without a database or a
broker.
"""
from __future__ import annotations

from situok_kit.schema import merge_areas

from . import career, common, documents, leave, leave_reports, skp, trips

#: Leaves before the schemas that nest them (the gateway registers them in this order).
_AREAS = (common, leave, trips, leave_reports, career, documents, skp)

#: Every schema by its platform-unique name, and event name -> payload schema (``situok_kit.schema.merge_areas``).
SCHEMAS, EVENTS = merge_areas("kepegawaian", _AREAS)
