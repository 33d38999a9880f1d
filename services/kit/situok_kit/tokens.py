"""Signed access tokens: personnel issues them, gateway and web verify them.

HS256 JWTs carrying the caller's identity and a session id (``sid``). Logout
revokes the session; verifiers keep the revoked ``sid`` set (see
``RevocationList``) fed by ``personnel.session_revoked`` events.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import jwt

from .config import env, env_int
from .errors import Unauthorized
from .identity import Identity

ISSUER = "situok-personnel"
ALGORITHM = "HS256"


def issue_access_token(identity: Identity, session_id: str, ttl: int | None = None,
                       secret: str | None = None, now: float | None = None) -> tuple[str, int]:
    """Return (token, expires_in seconds)."""
    ttl = ttl if ttl is not None else env_int("SITUOK_ACCESS_TOKEN_TTL")
    issued = int(now if now is not None else time.time())
    claims = {
        "iss": ISSUER,
        "typ": "access",
        "sub": str(identity.account_id),
        "sid": session_id,
        "usr": identity.username,
        "emp": identity.employee_id,
        "unit": identity.unit_id,
        "roles": sorted(identity.roles),
        "iat": issued,
        "exp": issued + ttl,
    }
    return jwt.encode(claims, secret or env("SITUOK_JWT_SECRET"), algorithm=ALGORITHM), ttl


@dataclass(frozen=True)
class VerifiedToken:
    identity: Identity
    session_id: str
    expires_at: int


def verify_access_token(token: str, secret: str | None = None) -> VerifiedToken:
    """Check signature, issuer, type and expiry; raise ``Unauthorized`` otherwise."""
    try:
        claims = jwt.decode(
            token, secret or env("SITUOK_JWT_SECRET"), algorithms=[ALGORITHM],
            issuer=ISSUER, options={"require": ["exp", "iat", "sub", "sid"]},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthorized("Token kedaluwarsa.", {"token": "expired"})
    except jwt.PyJWTError:
        raise Unauthorized("Token tidak valid.", {"token": "invalid"})
    if claims.get("typ") != "access":
        raise Unauthorized("Token tidak valid.", {"token": "invalid"})
    identity = Identity(
        account_id=int(claims["sub"]),
        username=claims.get("usr", ""),
        employee_id=claims.get("emp"),
        unit_id=claims.get("unit"),
        roles=frozenset(claims.get("roles", [])),
        session_id=claims["sid"],
    )
    return VerifiedToken(identity=identity, session_id=claims["sid"], expires_at=int(claims["exp"]))


class RevocationList:
    """Session ids revoked before their access tokens expire (in memory, thread-safe).

    Entries drop out once no token of that session can still be valid.
    """

    def __init__(self) -> None:
        self._revoked: dict[str, float] = {}
        self._lock = threading.Lock()

    def revoke(self, session_id: str, until: float | None = None) -> None:
        until = until if until is not None else time.time() + env_int("SITUOK_ACCESS_TOKEN_TTL")
        with self._lock:
            self._revoked[session_id] = max(until, self._revoked.get(session_id, 0))

    def is_revoked(self, session_id: str) -> bool:
        until = self._revoked.get(session_id)
        if until is None:
            return False
        if until < time.time():
            with self._lock:
                self._revoked.pop(session_id, None)
            return False
        return True

    def __len__(self) -> int:
        return len(self._revoked)
