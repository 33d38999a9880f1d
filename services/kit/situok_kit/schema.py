"""Marshmallow building blocks every service's contract (``<service>.schemas``) uses.

``ContractSchema`` rejects unknown fields and speaks Indonesian (messages keyed by field, turned into a 422 by
``situok_kit.errors.from_marshmallow``); ``Text`` trims and turns an empty optional value into null;
``describe``/``one_of``/``max_length``/``required_text`` keep field declarations short; ``Base64Bytes`` carries
a file inside JSON (each service says how large, in its own subclass or per field).
"""
from __future__ import annotations

import base64
import binascii

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from .errors import ValidationFailed, from_marshmallow

FIELD_MESSAGES = {
    "required": "Wajib diisi.",
    "null": "Tidak boleh kosong.",
    "validator_failed": "Nilai tidak valid.",
}
TYPE_MESSAGES: list[tuple[type, dict[str, str]]] = [
    (fields.String, {"invalid": "Harus berupa teks."}),
    (fields.Integer, {"invalid": "Harus berupa bilangan bulat."}),
    (fields.Float, {"invalid": "Harus berupa angka."}),
    (fields.Boolean, {"invalid": "Harus berupa true atau false."}),
    (fields.Date, {"invalid": "Harus berupa tanggal dengan format YYYY-MM-DD."}),
    (fields.DateTime, {"invalid": "Harus berupa waktu ISO 8601."}),
    (fields.List, {"invalid": "Harus berupa daftar."}),
    (fields.Nested, {"type": "Harus berupa objek."}),
]


def localize(field: fields.Field) -> None:
    """Indonesian messages for ``field`` (and the items of a list field)."""
    field.error_messages.update(FIELD_MESSAGES)
    for cls, messages in TYPE_MESSAGES:
        if isinstance(field, cls):
            field.error_messages.update(messages)
            break
    inner = getattr(field, "inner", None)
    if isinstance(inner, fields.Field):
        localize(inner)


class ContractSchema(Schema):
    """Base of every contract schema: unknown fields rejected, Indonesian messages."""

    error_messages = {
        "unknown": "Kolom tidak dikenal.",
        "type": "Data harus berupa objek JSON.",
    }

    class Meta:
        unknown = RAISE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            localize(field)


class Text(fields.String):
    """A string with surrounding whitespace removed; an empty optional value becomes null."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        text = text.strip()
        if text == "" and self.allow_none:
            return None
        return text

    def _validate(self, value):
        if value is not None:  # a blank optional value became null: nothing left to validate
            super()._validate(value)


class Base64Bytes(fields.String):
    """Base64 text in, ``bytes`` out (at most ``max_bytes``); ``bytes`` dumped as base64 text.

    ``unit`` is how a too-large file's message states the limit (``MB`` or ``KB``); ``data_url`` accepts a
    browser's ``data:<type>;base64,`` prefix; ``image`` admits only JPEG, PNG and WebP content. A service sets
    its defaults as class attributes of a subclass, so its schemas name only what differs per field.
    """

    max_bytes = 5 * 1024 * 1024
    unit = "MB"
    data_url = False
    IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF")

    def __init__(self, *args, max_bytes: int | None = None, image: bool = False, **kwargs):
        if max_bytes is not None:
            self.max_bytes = max_bytes
        self.image = image
        super().__init__(*args, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else base64.b64encode(value).decode()

    def _too_large(self) -> ValidationError:
        size = self.max_bytes // (1024 * 1024 if self.unit == "MB" else 1024)
        return ValidationError(f"Berkas terlalu besar (maksimal {size} {self.unit}).")

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if self.data_url and "," in text[:100] and text.startswith("data:"):
            text = text.split(",", 1)[1]
        if len(text) > (self.max_bytes * 4) // 3 + 8:
            raise self._too_large()
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError("Harus berupa isi berkas dalam base64.") from None
        if not raw:
            raise ValidationError("Berkas kosong.")
        if len(raw) > self.max_bytes:
            raise self._too_large()
        if self.image and not raw.startswith(self.IMAGE_MAGIC):
            raise ValidationError("Harus berupa gambar JPEG, PNG atau WebP.")
        return raw


def describe(text: str, **extra) -> dict:
    """``metadata=`` of a field: its description (and e.g. ``enum``/``example``) for OpenAPI."""
    return {"description": text, **extra}


def one_of(choices, label: str | None = None) -> validate.OneOf:
    return validate.OneOf(choices, error=f"Harus salah satu dari: {label or ', '.join(choices)}.")


def max_length(n: int) -> validate.Length:
    return validate.Length(max=n, error=f"Maksimal {n} karakter.")


def required_text(n: int) -> list:
    return [validate.Length(min=1, error="Tidak boleh kosong."), max_length(n)]


#: Keyword arguments of a positive integer id field.
ID = dict(strict=True, validate=validate.Range(min=1, error="Harus bilangan bulat positif."))


def load_input(schema: Schema, data, partial: bool = False) -> dict:
    """``schema.load(data)`` for an RPC argument: ``None`` is ``{}``, a non-object is refused,
    Marshmallow's errors become a ``ValidationFailed`` with per-field messages."""
    if data is not None and not isinstance(data, dict):
        raise ValidationFailed("Data tidak valid.", {"_schema": "Data harus berupa objek JSON."})
    try:
        return schema.load(data if data is not None else {}, partial=partial)
    except ValidationError as err:
        raise from_marshmallow(err) from None


def record_id(value, field: str) -> int:
    """An id argument: a positive integer (digit strings accepted, as from a URL path)."""
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationFailed("Id tidak valid.", {field: "Harus bilangan bulat positif."})
    return value


def merge_areas(service: str, areas) -> tuple[dict[str, type[Schema]], dict[str, type[Schema]]]:
    """A service's contract from its area modules, in order: ``(SCHEMAS, EVENTS)`` — every area's ``SCHEMAS``
    (name → schema; a name two areas define differently is an error at import) and ``EVENTS`` (event name →
    payload schema)."""
    schemas: dict[str, type[Schema]] = {}
    events: dict[str, type[Schema]] = {}
    for area in areas:
        for name, schema in getattr(area, "SCHEMAS", {}).items():
            if name in schemas and schemas[name] is not schema:
                raise RuntimeError(f"{service} schema {name!r} is defined twice")
            schemas[name] = schema
        events.update(getattr(area, "EVENTS", {}))
    return schemas, events
