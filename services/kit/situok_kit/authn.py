"""Verifying personnel's access tokens at an edge (gateway, web).

``Authenticator`` is a dependency provider (``self.auth``), one per instance:

* tokens that passed ``verify_access_token`` (Ed25519, the access *public* key:
  an edge cannot mint) are cached until they expire, so a client's repeated
  requests skip the signature check and the parsing;
* the revocation list is fed by ``personnel.session_revoked`` as a broadcast
  (mix ``RevokedSessionsConsumer`` into the service) and warmed once, on the
  first authenticated request, from personnel's ``revoked_sessions()`` (so an
  edge starts even while personnel is down, and a restarted instance still
  knows the sessions revoked before it started);
* on logout the instance that handled it revokes the session at once.

The verified token goes into the worker context, so every RPC and event the
worker makes carries it and each service verifies it again (``situok_kit.identity``). How the token arrives (a
bearer header, a session cookie) is the edge's business.
"""
from __future__ import annotations

import logging
import time

from eventlet.semaphore import Semaphore
from nameko.extensions import DependencyProvider
from situok_contracts.events import Personnel

from .consumers import event_consumer
from .errors import Unauthorized
from .identity import VERIFIED, Identity, put_identity
from .keys import keyset
from .tokens import RevocationList, VerifiedToken, verify_access_token

audit = logging.getLogger("situok.audit")
log = logging.getLogger("situok.auth")


class RequestAuth:
    """What a worker sees as ``self.auth``: authenticate the request, revoke sessions."""

    __slots__ = ("_provider", "_worker_ctx", "token")

    def __init__(self, provider: Authenticator, worker_ctx):
        self._provider = provider
        self._worker_ctx = worker_ctx
        self.token: VerifiedToken | None = None

    @property
    def worker_ctx(self):
        return self._worker_ctx

    @property
    def identity(self) -> Identity | None:
        return self.token.identity if self.token else None

    def authenticate_token(self, token: str, action: str) -> Identity:
        """Verify ``token`` (not revoked) and make its identity the worker's; ``action`` goes to the audit log."""
        provider = self._provider
        try:
            verified = provider.verify(token)
            provider.ensure_warm(self._worker_ctx)
            if provider.revocations.is_revoked(verified.session_id):
                raise Unauthorized("Sesi sudah berakhir; silakan masuk kembali.", {"token": "revoked"})
        except Unauthorized as exc:
            self.audit_denied(exc, action)
            raise
        self.token = verified
        put_identity(self._worker_ctx, verified.identity, token)
        return verified.identity

    @staticmethod
    def audit_denied(exc: Unauthorized, action: str) -> None:
        audit.warning("denied: %s", exc.message, extra={
            "action": action, "decision": "unauthenticated", "reason": exc.fields.get("token", "missing"),
        })

    def revoke(self, session_id: str, until: float | None = None) -> None:
        self._provider.revocations.revoke(session_id, until)

    def revoke_current(self) -> None:
        """Revoke the authenticated caller's session on this instance right away (logout)."""
        if self.token is not None:
            self.revoke(self.token.session_id, self.token.expires_at)


class VerifiedTokens:
    """Tokens already verified, until they expire, so a client's repeated requests skip the signature check and parsing.

    Only tokens that passed ``verify_access_token`` enter; expiry is checked on
    every hit; revocation is checked by the caller on every request. Bounded:
    when full it starts over.
    """

    def __init__(self, size: int = 10_000):
        self.size = size
        self._tokens: dict[str, VerifiedToken] = {}

    def get(self, token: str, now: float) -> VerifiedToken | None:
        verified = self._tokens.get(token)
        if verified is not None and verified.expires_at <= now:
            self._tokens.pop(token, None)
            return None
        return verified

    def put(self, token: str, verified: VerifiedToken) -> None:
        if len(self._tokens) >= self.size:
            self._tokens.clear()
        self._tokens[token] = verified


class Authenticator(DependencyProvider):
    """``self.auth``; ``warm_from`` names the service attribute holding the personnel RPC proxy."""

    def __init__(self, warm_from: str = "personnel"):
        self.warm_from = warm_from

    def setup(self):
        self.keys = keyset(self.container.config).verifier_only()
        self.revocations = RevocationList()
        self.verified = VerifiedTokens()
        self.warm = False
        self._warm_lock = Semaphore()

    def verify(self, token: str) -> VerifiedToken:
        """``verify_access_token`` with a cache of the tokens that passed it."""
        verified = self.verified.get(token, time.time())
        if verified is None:
            verified = verify_access_token(token, keys=self.keys)
            self.verified.put(token, verified)
            VERIFIED.put(token, verified.identity, verified.expires_at)
        return verified

    def ensure_warm(self, worker_ctx) -> None:
        """Load the sessions revoked before this instance started, once.

        Runs on the first authenticated request (not at start, so a gateway
        starts while personnel is down). If personnel cannot answer, the
        request fails with 503/504 — it could not have been served anyway —
        and the next request tries again.
        """
        if self.warm:
            return
        with self._warm_lock:
            if self.warm:
                return
            proxy = getattr(worker_ctx.service, self.warm_from)
            revoked = proxy.revoked_sessions()
            for entry in revoked:
                self.revocations.revoke(str(entry["session_id"]), float(entry["until"]))
            self.warm = True
            log.info("revocation list warmed with %d sessions", len(revoked))

    request_auth_class = RequestAuth

    def get_dependency(self, worker_ctx) -> RequestAuth:
        return self.request_auth_class(self, worker_ctx)


class RevokedSessionsConsumer:
    """Mixin for a service with ``self.auth``: every instance learns of every revoked session."""

    @event_consumer(Personnel.SESSION_REVOKED, broadcast=True, idempotent=False)
    def on_session_revoked(self, event):
        session_id = event.data.get("session_id")
        if not session_id:
            log.warning("session_revoked event %s without session_id ignored", event.id)
            return
        until = event.data.get("until")
        self.auth.revoke(str(session_id), float(until) if until is not None else None)
