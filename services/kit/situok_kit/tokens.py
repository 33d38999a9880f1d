"""Signed tokens: personnel issues access tokens, the backend services system tokens.

EdDSA (Ed25519) JWTs. An *access token* carries the caller's identity and a
session id (``sid``); personnel signs it with the access private key, every
other process holds only the public key (``situok_kit.keys``), so the gateway
and web verify but cannot mint. A *system token* (``SYSTEM``, short-lived) is
signed with the separate system key that only personnel, travel and attendance
hold. Logout revokes the session; verifiers keep the revoked ``sid`` set (see
``RevocationList``) fed by ``personnel.session_revoked`` events.

``secret=`` (tests, development) derives the keypairs from that secret instead
of the process's keys (``keys.KeySet.from_secret``).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import jwt

from .config import env_int
from .errors import Unauthorized
from .identity import SYSTEM, Identity
from .keys import KeySet, keyset

ISSUER = "situok-personnel"
SYSTEM_ISSUER = "situok-system"
ALGORITHM = "EdDSA"
#: Key ids in the JWT header: which key verifies the token.
ACCESS_KID, SYSTEM_KID = "access", "system"
#: Lifetime of a system token (seconds): enough for one roster pull.
SYSTEM_TOKEN_TTL = 300


class CannotSign(RuntimeError):
    """This process holds no private key of that kind (an edge cannot mint)."""


def _keys(secret: str | None, keys: KeySet | None) -> KeySet:
    if keys is not None:
        return keys
    return KeySet.from_secret(secret) if secret else keyset()


def issue_access_token(identity: Identity, session_id: str, ttl: int | None = None,
                       secret: str | None = None, now: float | None = None,
                       keys: KeySet | None = None) -> tuple[str, int]:
    """Return (token, expires_in seconds); only a process holding the access private key can."""
    private = _keys(secret, keys).access_private
    if private is None:
        raise CannotSign("this process holds no access-token signing key (only personnel signs)")
    if identity.account_id == SYSTEM.account_id:
        raise ValueError("account 0 is the system identity: it gets system tokens only")
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
    return jwt.encode(claims, private, algorithm=ALGORITHM, headers={"kid": ACCESS_KID}), ttl


def issue_system_token(ttl: int = SYSTEM_TOKEN_TTL, secret: str | None = None, now: float | None = None,
                       keys: KeySet | None = None) -> str:
    """A short-lived token of the ``SYSTEM`` identity; only personnel, travel and attendance hold the key."""
    private = _keys(secret, keys).system_private
    if private is None:
        raise CannotSign("this process holds no system signing key")
    issued = int(now if now is not None else time.time())
    claims = {"iss": SYSTEM_ISSUER, "typ": "system", "sub": str(SYSTEM.account_id), "usr": SYSTEM.username,
              "iat": issued, "exp": issued + ttl}
    return jwt.encode(claims, private, algorithm=ALGORITHM, headers={"kid": SYSTEM_KID})


@dataclass(frozen=True)
class VerifiedToken:
    identity: Identity
    session_id: str
    expires_at: int


def verify_access_token(token: str, secret: str | None = None, keys: KeySet | None = None,
                        leeway: float = 0) -> VerifiedToken:
    """Check signature, issuer, type and expiry; raise ``Unauthorized`` otherwise."""
    public = _keys(secret, keys).access_public
    if public is None:
        raise Unauthorized("Token tidak valid.", {"token": "invalid"})
    try:
        claims = jwt.decode(
            token, public, algorithms=[ALGORITHM], issuer=ISSUER, leeway=leeway,
            options={"require": ["exp", "iat", "sub", "sid"]},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthorized("Token kedaluwarsa.", {"token": "expired"})
    except jwt.PyJWTError:
        raise Unauthorized("Token tidak valid.", {"token": "invalid"})
    if claims.get("typ") != "access" or str(claims["sub"]) == str(SYSTEM.account_id):
        raise Unauthorized("Token tidak valid.", {"token": "invalid"})
    try:
        identity = Identity(
            account_id=int(claims["sub"]),
            username=claims.get("usr", ""),
            employee_id=claims.get("emp"),
            unit_id=claims.get("unit"),
            roles=frozenset(claims.get("roles", [])),
            session_id=claims["sid"],
        )
    except (TypeError, ValueError):
        raise Unauthorized("Token tidak valid.", {"token": "invalid"})
    return VerifiedToken(identity=identity, session_id=claims["sid"], expires_at=int(claims["exp"]))


def verify_system_token(token: str, secret: str | None = None, keys: KeySet | None = None,
                        leeway: float = 0) -> VerifiedToken:
    """A system token signed with the system key: the ``SYSTEM`` identity; ``Unauthorized`` otherwise."""
    public = _keys(secret, keys).system_public
    if public is None:
        raise Unauthorized("Token tidak valid.", {"token": "invalid"})
    try:
        claims = jwt.decode(token, public, algorithms=[ALGORITHM], issuer=SYSTEM_ISSUER, leeway=leeway,
                            options={"require": ["exp", "iat", "sub"]})
    except jwt.ExpiredSignatureError:
        raise Unauthorized("Token kedaluwarsa.", {"token": "expired"})
    except jwt.PyJWTError:
        raise Unauthorized("Token tidak valid.", {"token": "invalid"})
    if claims.get("typ") != "system" or str(claims["sub"]) != str(SYSTEM.account_id):
        raise Unauthorized("Token tidak valid.", {"token": "invalid"})
    return VerifiedToken(identity=SYSTEM, session_id="", expires_at=int(claims["exp"]))


def verify_any(token: str, keys: KeySet | None = None, leeway: float = 0) -> VerifiedToken:
    """An access or a system token (the header's ``kid`` says which key must verify it)."""
    try:
        kid = jwt.get_unverified_header(token).get("kid")
    except jwt.PyJWTError:
        raise Unauthorized("Token tidak valid.", {"token": "invalid"})
    if kid == SYSTEM_KID:
        return verify_system_token(token, keys=keys, leeway=leeway)
    return verify_access_token(token, keys=keys, leeway=leeway)


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
