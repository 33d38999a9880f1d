"""Building blocks of attendance's contract: its own field types and the base of its answers."""
from __future__ import annotations

import base64
import binascii
import re
from datetime import time

from marshmallow import ValidationError, fields, missing
from situok_kit.schema import ContractSchema

from ..domain import clock

MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF")


class Base64Bytes(fields.String):
    """Base64 text in, ``bytes`` out (at most ``max_bytes``); ``bytes`` dumped as base64 text."""

    def __init__(self, *args, max_bytes: int = MAX_ATTACHMENT_BYTES, image: bool = False, **kwargs):
        self.max_bytes = max_bytes
        self.image = image
        super().__init__(*args, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return base64.b64encode(value).decode() if value is not None else None

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if "," in text[:100] and text.startswith("data:"):
            text = text.split(",", 1)[1]          # a browser data URL
        limit = f"{self.max_bytes // 1024} KB"
        if len(text) > (self.max_bytes * 4) // 3 + 8:
            raise ValidationError(f"Berkas terlalu besar (maksimal {limit}).")
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError("Harus berupa isi berkas dalam base64.") from None
        if not raw:
            raise ValidationError("Berkas kosong.")
        if len(raw) > self.max_bytes:
            raise ValidationError(f"Berkas terlalu besar (maksimal {limit}).")
        if self.image and not raw.startswith(_IMAGE_MAGIC):
            raise ValidationError("Harus berupa gambar JPEG, PNG atau WebP.")
        return raw


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
