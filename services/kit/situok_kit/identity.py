"""The caller's identity, carried in Nameko context data across every RPC and event.

The gateway (or web) verifies the access token and puts the identity into the
worker context under ``identity``; Nameko copies context data into message
headers, so each service downstream sees who is calling. Services authorize
from it: roles for actions, ownership/unit for records. Deny by default.
"""
from __future__ import annotations

import json
import logging
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


def identity_from_context(context_data: dict) -> Identity | None:
    raw = context_data.get(CONTEXT_KEY)
    if not raw:
        return None
    try:
        return Identity.from_json(raw)
    except (ValueError, KeyError, TypeError):
        return None


def put_identity(worker_ctx, identity: Identity | None) -> None:
    """Set the identity that this worker's outgoing RPCs and events carry."""
    if identity is None:
        worker_ctx.data.pop(CONTEXT_KEY, None)
    else:
        worker_ctx.data[CONTEXT_KEY] = identity.to_json()


class Caller:
    """What a service method sees as ``self.caller``."""

    def __init__(self, identity: Identity | None, method: str):
        self.identity = identity
        self.method = method

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


class CallerIdentity(DependencyProvider):
    """``self.caller``: the identity from context data, with role/ownership helpers."""

    def get_dependency(self, worker_ctx):
        return Caller(identity_from_context(worker_ctx.data),
                      f"{worker_ctx.service_name}.{worker_ctx.entrypoint.method_name}")
