"""The register area's contract: inputs (``*In``), answers (``*Out``, ``*Page``) and event payloads (``*Event``)."""
from __future__ import annotations

from marshmallow import Schema

SCHEMAS: dict[str, type[Schema]] = {}
EVENTS: dict[str, type[Schema]] = {}
