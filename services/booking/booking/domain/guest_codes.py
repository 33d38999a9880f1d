"""Tracking codes of guest requests — pure (no database).

A code is 80 random bits from ``secrets`` written as 16 Crockford base32 characters in groups of four behind
``PGJ-`` (``PGJ-7K2M-Q9XD-...``): readable aloud and over the phone (no I, L, O, U). Only the SHA-256 of its 16
characters is stored; reading a code forgives case, spaces, dashes and the look-alikes Crockford allows
(``I``/``L`` → ``1``, ``O`` → ``0``). A string that is not a code at all (``normalise`` → None) is answered
exactly like an unknown code (``domain.guests.request_status``): the same 404, after the same hashing and a
lookup, so the answer tells nothing about which codes exist.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "PGJ"
#: Random bits in a code (16 characters of 5 bits).
BITS = 80
LENGTH = BITS // 5
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = re.compile(r"[\s\-_.]+")
_BODY = re.compile(f"^[{ALPHABET}]{{{LENGTH}}}$")


def new_code() -> str:
    """A fresh code, as shown to the guest."""
    value = secrets.randbits(BITS)
    body = "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(LENGTH)))
    return f"{PREFIX}-" + "-".join(body[i:i + 4] for i in range(0, LENGTH, 4))


def normalise(code) -> str | None:
    """The code's 16 characters, or None when ``code`` cannot be one."""
    if not isinstance(code, str) or len(code) > 64:
        return None
    body = _SEPARATORS.sub("", code.upper())
    if body.startswith(PREFIX) and len(body) == LENGTH + len(PREFIX):
        body = body[len(PREFIX):]
    body = body.translate(_LOOKALIKES)
    return body if _BODY.match(body) else None


def digest(body: str) -> str:
    """Hex SHA-256 of a normalised code (what is stored)."""
    return hashlib.sha256(f"{PREFIX}:{body}".encode()).hexdigest()


def hash_of(code) -> tuple[str, bool]:
    """``(digest, well_formed)``: a malformed code still costs one digest (of a random body), so it takes as long
    as a well-formed one and the lookup that follows finds nothing."""
    body = normalise(code)
    if body is None:
        return digest(secrets.token_hex(8)), False
    return digest(body), True


def same(stored: str, computed: str) -> bool:
    """Constant-time comparison of two digests."""
    return hmac.compare_digest(stored.encode(), computed.encode())


def client_key(address) -> str:
    """The key of the per-client limit: the hex SHA-256 of the address the edge saw (``unknown`` when none)."""
    text = address.strip() if isinstance(address, str) and address.strip() else "unknown"
    return hashlib.sha256(f"guest-client:{text[:100]}".encode()).hexdigest()
