"""Tracking codes of guest requests: ``PGJ-`` and 80 random bits (``situok_kit.public_forms.TrackingCodes``, which
agenda's visit requests and feedback share). Only the SHA-256 is stored; an unknown and a malformed code are
answered alike (``domain.guests.request_status``)."""
from __future__ import annotations

from situok_kit.public_forms import ALPHABET, BITS, TrackingCodes  # noqa: F401  (the tests read both)
from situok_kit.public_forms import client_key as _client_key

PREFIX = "PGJ"
CODES = TrackingCodes(PREFIX)
new_code, normalise, digest, hash_of, same = CODES.new_code, CODES.normalise, CODES.digest, CODES.hash_of, CODES.same


def client_key(address) -> str:
    """The key of the per-client limit (the hex SHA-256 of the address the edge saw)."""
    return _client_key(address, "guest-client")
