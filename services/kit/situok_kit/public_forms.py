"""What every form the public sends without an account shares (booking's guest requests, agenda's visit requests
and feedback): tracking codes, the per-client hourly limit and the time-to-submit ticket. Pure but for
``hourly_limit`` (one query and an advisory lock in the caller's transaction).

**Tracking codes** (``TrackingCodes(prefix)``): 80 random bits from ``secrets`` written as 16 Crockford base32
characters in groups of four behind the prefix (``PGJ-7K2M-Q9XD-...``): readable aloud and over the phone (no
I, L, O, U). Only the SHA-256 of the prefix and the 16 characters is stored; reading a code forgives case,
spaces, dashes and the look-alikes Crockford allows (``I``/``L`` → ``1``, ``O`` → ``0``). ``hash_of`` costs one
digest for a malformed code too, so a caller that looks the digest up answers an unknown and a malformed code
after the same work: the answer tells nothing about which codes exist.

**Per-client limit** (``client_key``, ``hourly_limit``): the key is the SHA-256 of the address the edge saw
(never anything the sender typed); the count is of the caller's own rows in the last hour, under a
transaction-scoped advisory lock on the key, so every instance shares it and two racing requests of one client
count one after the other.

**Time-to-submit** (``FormTickets``): the edge asks the service for a ticket when it shows a form and sends it
back with the form; the ticket is the time it was issued and an HMAC of it under a secret the service keeps in
its database (every instance shares it). A form sent back sooner than a person could fill it in, or with a
ticket that is missing, forged or too old, is refused — without any outside service.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select, text

from .errors import TooManyRequests, ValidationFailed

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#: Random bits in a code (16 characters of 5 bits).
BITS = 80
LENGTH = BITS // 5
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = re.compile(r"[\s\-_.]+")
_BODY = re.compile(f"^[{ALPHABET}]{{{LENGTH}}}$")
HOUR = timedelta(hours=1)
#: What a refused ticket tells the sender (field ``ticket``), by ``FormTickets.problem``.
TICKET_MESSAGES = {
    "missing": "Formulir tidak lengkap. Muat ulang halaman lalu kirim kembali.",
    "forged": "Formulir tidak dikenal. Muat ulang halaman lalu kirim kembali.",
    "too_fast": "Formulir dikirim terlalu cepat. Periksa kembali isian Anda lalu kirim lagi.",
    "expired": "Formulir sudah terlalu lama dibuka. Muat ulang halaman lalu kirim kembali.",
}


class TrackingCodes:
    """Tracking codes behind ``prefix`` (three capital letters naming what they track)."""

    def __init__(self, prefix: str):
        if not re.fullmatch(r"[A-Z]{2,5}", prefix):
            raise ValueError("a tracking code's prefix is 2–5 capital letters")
        self.prefix = prefix

    def new_code(self) -> str:
        """A fresh code, as shown to its sender."""
        value = secrets.randbits(BITS)
        body = "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(LENGTH)))
        return f"{self.prefix}-" + "-".join(body[i:i + 4] for i in range(0, LENGTH, 4))

    def normalise(self, code) -> str | None:
        """The code's 16 characters, or None when ``code`` cannot be one."""
        if not isinstance(code, str) or len(code) > 64:
            return None
        body = _SEPARATORS.sub("", code.upper())
        if body.startswith(self.prefix) and len(body) == LENGTH + len(self.prefix):
            body = body[len(self.prefix):]
        body = body.translate(_LOOKALIKES)
        return body if _BODY.match(body) else None

    def digest(self, body: str) -> str:
        """Hex SHA-256 of a normalised code (what is stored)."""
        return hashlib.sha256(f"{self.prefix}:{body}".encode()).hexdigest()

    def stored(self, code: str) -> str:
        """The digest to store for a code ``new_code`` made."""
        body = self.normalise(code)
        if body is None:
            raise ValueError("not a code of this kind")
        return self.digest(body)

    def hash_of(self, code) -> tuple[str, bool]:
        """``(digest, well_formed)``: a malformed code still costs one digest (of a random body), so it takes as
        long as a well-formed one and the lookup that follows finds nothing."""
        body = self.normalise(code)
        if body is None:
            return self.digest(secrets.token_hex(8)), False
        return self.digest(body), True

    @staticmethod
    def same(stored: str, computed: str) -> bool:
        """Constant-time comparison of two digests."""
        return hmac.compare_digest(stored.encode(), computed.encode())


def client_key(address, purpose: str = "guest-client") -> str:
    """The key of a per-client limit: the hex SHA-256 of the address the edge saw (``unknown`` when none)."""
    address = address.strip() if isinstance(address, str) and address.strip() else "unknown"
    return hashlib.sha256(f"{purpose}:{address[:100]}".encode()).hexdigest()


def hourly_limit(session, key: str, key_column, created_column, per_hour: int, now: datetime,
                 refuse: Callable[[int], Exception]) -> None:
    """Raise ``refuse(retry_after_seconds)`` when the rows whose ``key_column`` is ``key`` number ``per_hour`` or
    more within the hour before ``now`` (``created_column`` their time). Locks ``key`` for the rest of the
    caller's transaction first, so concurrent requests of one client are counted one after the other."""
    session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key})
    count, oldest = session.execute(select(func.count(), func.min(created_column)).where(
        key_column == key, created_column > now - HOUR)).one()
    if count >= per_hour:
        raise refuse(max(1, int(((oldest or now) + HOUR - now).total_seconds()) + 1))


def too_many(what: str, per_hour: int) -> Callable[[int], TooManyRequests]:
    """``hourly_limit``'s ``refuse`` for a form sending ``what`` (``permohonan``, ``masukan``): a 429 saying when
    to try again, with ``extra.retry_after`` in seconds."""
    def refuse(wait: int) -> TooManyRequests:
        return TooManyRequests(
            f"Terlalu banyak {what} dari perangkat/jaringan ini. Coba lagi dalam {wait // 60 + 1} menit.",
            {"_schema": f"Paling banyak {per_hour} {what} per jam."}, {"retry_after": wait})

    return refuse


class FormTickets:
    """Time-to-submit tickets signed with ``secret`` (bytes the service keeps; see the module doc)."""

    def __init__(self, secret: bytes):
        if len(secret) < 16:
            raise ValueError("a form ticket secret has at least 16 bytes")
        self._secret = secret

    def _mac(self, issued: int) -> str:
        digest = hmac.new(self._secret, f"form:{issued}".encode(), hashlib.sha256).digest()[:16]
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def issue(self, now: datetime) -> str:
        issued = int(now.timestamp())
        return f"{issued}.{self._mac(issued)}"

    def problem(self, ticket, now: datetime, *, min_seconds: int, max_age: timedelta) -> str | None:
        """None for a ticket issued by this secret between ``max_age`` and ``min_seconds`` ago; otherwise why
        not (``missing``, ``forged``, ``too_fast``, ``expired``)."""
        if not isinstance(ticket, str) or not ticket:
            return "missing"
        issued_text, _, mac = ticket.partition(".")
        if not issued_text.isdigit() or len(issued_text) > 12 or not hmac.compare_digest(
                mac.encode(), self._mac(int(issued_text)).encode()):
            return "forged"
        age = now.timestamp() - int(issued_text)
        if age < min_seconds:
            return "too_fast"
        if age > max_age.total_seconds():
            return "expired"
        return None

    def check(self, ticket, now: datetime, *, min_seconds: int, max_age: timedelta) -> None:
        """``problem`` as a 422 on the field ``ticket`` (``TICKET_MESSAGES``)."""
        problem = self.problem(ticket, now, min_seconds=min_seconds, max_age=max_age)
        if problem is not None:
            raise ValidationFailed("Formulir belum dapat diterima.", {"ticket": TICKET_MESSAGES[problem]})
