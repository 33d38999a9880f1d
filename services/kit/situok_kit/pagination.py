"""Keyset pagination: opaque cursors that encode the last row's sort key.

A page deep in a long list costs the same as the first: the query seeks past
the cursor with an index instead of counting rows with OFFSET.
"""
from __future__ import annotations

import base64
import json

from .errors import ValidationFailed

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def encode_cursor(values: list) -> str:
    raw = json.dumps(values, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, size: int) -> list | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError):
        values = None
    if not isinstance(values, list) or len(values) != size:
        raise ValidationFailed("Cursor tidak valid.", {"cursor": "Cursor tidak dikenali; mulai dari halaman pertama."})
    return values


def clamp_limit(limit) -> int:
    if limit in (None, ""):
        return DEFAULT_LIMIT
    try:
        value = int(limit)
    except (TypeError, ValueError):
        raise ValidationFailed("Limit tidak valid.", {"limit": "Harus bilangan bulat."})
    if value < 1 or value > MAX_LIMIT:
        raise ValidationFailed("Limit tidak valid.", {"limit": f"Harus antara 1 dan {MAX_LIMIT}."})
    return value


def page(rows: list, limit: int, key) -> dict:
    """Given up to ``limit + 1`` rows, return ``{"items", "next_cursor"}`` (``key(row)`` -> sort values)."""
    has_more = len(rows) > limit
    rows = rows[:limit]
    return {"items": rows, "next_cursor": encode_cursor(key(rows[-1])) if has_more and rows else None}
