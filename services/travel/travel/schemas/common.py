"""What the travel contract's schemas share: enumerations, file fields, and short builders of output fields."""
from __future__ import annotations

import re

from marshmallow import fields
from situok_kit import schema as kit_schema
from situok_kit.outputs import (  # noqa: F401  (the kit's builders, under travel's names)
    choice,
    day,
    flag,
    integer,
    listing,
    moment,
    nested,
    number,
    rupiah,
    text,
)

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
