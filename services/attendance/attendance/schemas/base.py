"""Building blocks of attendance's contract: its own field types and the base of its answers."""
from __future__ import annotations

import re
from datetime import time

from marshmallow import ValidationError, fields, missing
from situok_kit import schema as kit_schema
from situok_kit.schema import ContractSchema

from ..domain import clock

MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024


class Base64Bytes(kit_schema.Base64Bytes):
    """attendance's files (``situok_kit.schema.Base64Bytes``): at most 2 MB unless a field says less (a
    selfie), a browser's data URL accepted, the limit stated in KB."""

    max_bytes = MAX_ATTACHMENT_BYTES
    unit = "KB"
    data_url = True


class ClockTime(fields.String):
    """A schedule's clock time: ``HH:MM`` (or ``HH.MM``) in, ``datetime.time`` out; dumped as ``HH:MM``."""

    def _serialize(self, value, attr, obj, **kwargs):
        return value.strftime("%H:%M") if value is not None else None

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        m = re.fullmatch(r"([01]\d|2[0-3])[:.]([0-5]\d)", text)
        if not m:
            raise ValidationError("Harus jam dengan format HH:MM (mis. 16:30).")
        return time(int(m.group(1)), int(m.group(2)))


class WitaClock(fields.String):
    """An instant dumped as its WITA clock time, ``HH.MM`` (answers only, often beside the instant itself)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, dump_only=True, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return clock.hhmm(value)


class OutSchema(ContractSchema):
    """Base of every answer and event payload.

    A tuple is dumped as one object, each field read from the first part that has it: the domain hands over
    what it has — a request and ``{"allowed_actions": …}``, a person and their day — and the schema alone says
    what the answer holds."""

    def get_attribute(self, obj, attr, default):
        if not isinstance(obj, tuple):
            return super().get_attribute(obj, attr, default)
        for part in obj:
            value = super().get_attribute(part, attr, missing)
            if value is not missing:
                return value
        return default
