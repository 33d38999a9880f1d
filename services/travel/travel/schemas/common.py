"""What the travel contract's schemas share: enumerations, file fields, and short builders of output fields."""
from __future__ import annotations

import re

from marshmallow import fields
from situok_kit import schema as kit_schema
from situok_kit.schema import describe

from .. import documents
from ..domain.common import verify_url

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
CONTENT_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/webp", "image/heic",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/plain")
COST_CATEGORIES = ("uang_harian", "penginapan", "transport", "representasi", "lainnya")
#: The printable letters of an order (``order_document(kind=...)``).
DOCUMENT_KINDS = tuple(documents.KINDS)
#: A letter's verification token: ``secrets.token_urlsafe(24)`` makes 32 such characters; 16–64 are accepted.
LETTER_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class Base64Bytes(kit_schema.Base64Bytes):
    """travel's attachments (``situok_kit.schema.Base64Bytes``): at most 5 MB unless a field says less."""

    max_bytes = MAX_ATTACHMENT_BYTES


class VerifyUrl(fields.String):
    """A letter's verification token, dumped as the public URL its QR code carries."""

    def _serialize(self, value, attr, obj, **kwargs):
        return verify_url(value)


def _field(cls, description: str, nullable: bool, required: bool, attribute: str | None, meta: dict,
           **kwargs) -> fields.Field:
    if attribute is not None:
        kwargs["attribute"] = attribute
    return cls(allow_none=nullable, required=required, metadata=describe(description, **meta), **kwargs)


def text(description: str, nullable: bool = False, *, required: bool = False, attribute: str | None = None,
         **meta) -> fields.String:
    return _field(fields.String, description, nullable, required, attribute, meta)


def choice(description: str, choices, nullable: bool = False, *, required: bool = False,
           attribute: str | None = None) -> fields.String:
    """An enumerated output field: ``enum`` lists travel's own tuple."""
    return _field(fields.String, description, nullable, required, attribute, {"enum": list(choices)})


def integer(description: str, nullable: bool = False, *, required: bool = False,
            attribute: str | None = None) -> fields.Integer:
    return _field(fields.Integer, description, nullable, required, attribute, {})


def number(description: str, nullable: bool = False, *, attribute: str | None = None) -> fields.Float:
    return _field(fields.Float, description, nullable, False, attribute, {})


def flag(description: str) -> fields.Boolean:
    return _field(fields.Boolean, description, False, False, None, {})


def rupiah(description: str, nullable: bool = False) -> fields.Integer:
    return _field(fields.Integer, description + " (rupiah bulat).", nullable, False, None, {})


def day(description: str, nullable: bool = False) -> fields.Date:
    return _field(fields.Date, description + " (YYYY-MM-DD).", nullable, False, None, {})


def moment(description: str, nullable: bool = True) -> fields.DateTime:
    return _field(fields.DateTime, description + " (ISO 8601 dengan offset).", nullable, False, None, {})


def listing(item: fields.Field | type, description: str, *, required: bool = False,
            attribute: str | None = None) -> fields.List:
    """A list of ``item`` (a field, or a schema class to nest)."""
    inner = fields.Nested(item) if isinstance(item, type) else item
    return _field(fields.List, description, False, required, attribute, {}, cls_or_instance=inner)


def nested(schema: type, description: str, nullable: bool = False) -> fields.Nested:
    return _field(fields.Nested, description, nullable, False, None, {}, nested=schema)
