"""The caller's identity, carried in Nameko context data across every RPC and event.

The gateway (or web) verifies the access token and puts that *token* into the
worker context under ``identity``; Nameko copies context data into message
headers, so each service downstream receives it and ``CallerIdentity`` verifies
it again (signature with the access public key, expiry with a small leeway;
verifications cached by token string in a bounded LRU) before deriving the
identity from its claims. Unsigned or forged context (e.g. the identity as
plain JSON, as before) gives no identity — 401 where one is required — and an
audit log line. ``SYSTEM`` is accepted only from a system token, signed with
the system key that only the backend services hold (``situok_kit.tokens``).

Services authorize from it: roles for actions, ownership/unit for records. Deny
by default. Event handlers do not authorize from it (a forwarded token may
have expired by the time an event is consumed); the event's ``actor`` is
recorded when the event is written.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from nameko.extensions import DependencyProvider

from .errors import Forbidden, Unauthorized

CONTEXT_KEY = "identity"

_audit = logging.getLogger("situok.audit")


@dataclass(frozen=True)
class Identity:
    account_id: int
    username: str
    employee_id: int | None = None
    unit_id: int | None = None
    roles: frozenset = field(default_factory=frozenset)
    session_id: str | None = None

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles

    def to_json(self) -> str:
        """Plain JSON (logs, tests); never trusted as context: services only believe signed tokens."""
        return json.dumps({
            "account_id": self.account_id,
            "username": self.username,
            "employee_id": self.employee_id,
            "unit_id": self.unit_id,
            "roles": sorted(self.roles),
            "session_id": self.session_id,
        })

    @classmethod
    def from_json(cls, raw: str | dict) -> Identity:
        data = json.loads(raw) if isinstance(raw, str) else raw
        return cls(
            account_id=int(data["account_id"]),
            username=data.get("username", ""),
            employee_id=data.get("employee_id"),
            unit_id=data.get("unit_id"),
            roles=frozenset(data.get("roles", [])),
            session_id=data.get("session_id"),
        )

    def actor(self) -> dict:
        """The short form stored as an event's ``actor``."""
        return {"account_id": self.account_id, "username": self.username, "employee_id": self.employee_id}


#: The identity of work a service does on its own behalf (relays, seeds, timers).
SYSTEM = Identity(account_id=0, username="system", roles=frozenset({"admin"}))


#: Seconds of clock skew (and of a call chain's duration) a forwarded token may be past its expiry.
LEEWAY = 30


class VerifiedCache:
    """Context tokens that verified in this process: token -> (identity, expires_at); bounded LRU, thread-safe.

    Only tokens that passed verification with a key this process trusts enter (a service's ``CallerIdentity``,
    an edge's ``Authenticator``); expiry (plus ``LEEWAY``) is checked on every hit. One cache per process: a
    deployed process has one set of keys (tests running containers with different ``JWT_SECRET`` configs in one
    process share it).
    """

    def __init__(self, size: int = 10_000):
        self.size = size
        self._entries: OrderedDict[str, tuple[Identity, float]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, token: str, now: float | None = None) -> Identity | None:
        now = time.time() if now is None else now
        with self._lock:
            entry = self._entries.get(token)
            if entry is None:
                return None
            if entry[1] + LEEWAY <= now:
                del self._entries[token]
                return None
            self._entries.move_to_end(token)
            return entry[0]

    def put(self, token: str, identity: Identity, expires_at: float) -> None:
        with self._lock:
            self._entries[token] = (identity, expires_at)
            self._entries.move_to_end(token)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


VERIFIED = VerifiedCache()


def _looks_like_token(raw) -> bool:
    return isinstance(raw, str) and raw.count(".") == 2 and not raw.lstrip().startswith("{")


def identity_from_context(context_data: dict, keys=None, action: str | None = None) -> Identity | None:
    """The identity of the token in ``context_data``, verified (``keys``: the process's by default); ``None``
    when there is none, or it is unsigned, forged or expired (the last three audit-logged)."""
    raw = context_data.get(CONTEXT_KEY)
    if not raw:
        return None
    log = _audit.warning if action else _audit.debug  # audited where it is used to authorize
    if not _looks_like_token(raw):
        log("refused: unsigned identity in context", extra={
            "action": action, "decision": "unauthenticated", "reason": "unsigned"})
        return None
    cached = VERIFIED.get(raw)
    if cached is not None:
        return cached
    from .errors import Unauthorized as _Unauthorized
    from .tokens import verify_any

    try:
        verified = verify_any(raw, keys=keys, leeway=LEEWAY)
    except _Unauthorized as exc:
        log("refused: identity token in context not valid", extra={
            "action": action, "decision": "unauthenticated", "reason": exc.fields.get("token", "invalid")})
        return None
    VERIFIED.put(raw, verified.identity, verified.expires_at)
    return verified.identity


def put_identity(worker_ctx, identity: Identity | None, token: str | None = None) -> None:
    """Set the identity that this worker's outgoing RPCs and events carry: the verified ``token`` it came from
    (an edge) or, for ``SYSTEM`` without a token, a fresh system token (backend services only)."""
    if identity is None:
        worker_ctx.data.pop(CONTEXT_KEY, None)
        return
    if token is None:
        if identity != SYSTEM:
            raise ValueError("put_identity needs the verified token the identity came from")
        from .tokens import SYSTEM_TOKEN_TTL, issue_system_token

        token = issue_system_token()
        VERIFIED.put(token, SYSTEM, time.time() + SYSTEM_TOKEN_TTL)
    else:
        cached = VERIFIED.get(token)
        if cached is not None and cached != identity:
            raise ValueError("token and identity differ")
    worker_ctx.data[CONTEXT_KEY] = token


def system_context() -> dict:
    """Context data of a call made as ``SYSTEM`` (a fresh system token; backend services only)."""
    from .tokens import issue_system_token

    return {CONTEXT_KEY: issue_system_token()}


class Caller:
    """What a service method sees as ``self.caller``."""

    _UNRESOLVED = object()

    def __init__(self, identity: Identity | None, method: str, resolve=None):
        self._identity = self._UNRESOLVED if resolve is not None else identity
        self._resolve = resolve
        self.method = method

    @property
    def identity(self) -> Identity | None:
        """The verified identity; the token is verified on first use only (event handlers and timers that never
        look at their caller verify nothing)."""
        if self._identity is self._UNRESOLVED:
            self._identity = self._resolve()
        return self._identity

    def require(self) -> Identity:
        if self.identity is None:
            _audit.warning("denied: no identity", extra={"action": self.method, "decision": "unauthenticated"})
            raise Unauthorized("Autentikasi diperlukan.")
        return self.identity

    def require_roles(self, *roles: str) -> Identity:
        """The caller, who must hold one of ``roles`` (admin always passes)."""
        ident = self.require()
        if ident.is_admin or ident.has_role(*roles):
            return ident
        self.deny(f"requires one of roles {sorted(roles)}")

    def deny(self, why: str, message: str = "Anda tidak berwenang melakukan tindakan ini."):
        ident = self.identity
        _audit.warning(
            "denied: %s", why,
            extra={"action": self.method, "decision": "forbidden",
                   "account_id": ident.account_id if ident else None},
        )
        raise Forbidden(message)

    def ensure(self, allowed: bool, why: str) -> Identity:
        """Object-level check: continue if ``allowed`` else 403 (and audit log)."""
        ident = self.require()
        if not allowed:
            self.deny(why)
        return ident


@dataclass(frozen=True)
class DomainCaller:
    """The identity as a service's domain sees it: the facts every service's rights start from. Each service's
    ``domain.access.Caller`` extends it with its own rules (``is_keeper``, ``sees_all`` …), so the rules stay in
    the service and the plumbing here."""

    identity: Identity

    @property
    def account_id(self) -> int | None:
        return self.identity.account_id

    @property
    def employee_id(self) -> int | None:
        return self.identity.employee_id

    @property
    def unit_id(self) -> int | None:
        return self.identity.unit_id

    @property
    def username(self) -> str:
        return self.identity.username

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(self.identity.roles)

    def has(self, *roles: str) -> bool:
        return self.identity.has_role(*roles)

    @property
    def is_admin(self) -> bool:
        return self.identity.is_admin

    @property
    def is_employee(self) -> bool:
        return bool(self.employee_id)

    def require(self, allowed: bool, message: str | None = None):
        """``self`` when ``allowed``, else 403 with ``message``."""
        if not allowed:
            raise Forbidden(message or "Anda tidak berwenang melakukan tindakan ini.")
        return self


class CallerIdentity(DependencyProvider):
    """``self.caller``: the verified identity of the token in context data, with role/ownership helpers."""

    def setup(self):
        from .keys import keyset

        self.keys = keyset(self.container.config)

    def get_dependency(self, worker_ctx):
        method = f"{worker_ctx.service_name}.{worker_ctx.entrypoint.method_name}"
        keys = getattr(self, "keys", None)
        return Caller(None, method, lambda: identity_from_context(worker_ctx.data, keys, method))
